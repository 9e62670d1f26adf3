import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { syncVendor } from "../../scripts/lib/sync/sync-vendor.js";
import { type Loopback, startLoopback } from "../helpers/loopback.js";
import { makeTempRepo, markdownPage, specOf, type TempRepo } from "./temp-repo.js";

type Spec = { paths: Record<string, Record<string, { summary?: string; description?: string }>> };

describe("sync: a wording-only change delivered as a ChatCaptain-style Markdown page", () => {
  let repo: TempRepo;
  let server: Loopback;
  let page = "";

  beforeEach(async () => {
    repo = makeTempRepo();
    server = await startLoopback((req, res) => {
      res.writeHead(req.url === "/api/api-dokumentation/inbox-messages.md" ? 200 : 404, {
        "content-type": "text/markdown; charset=utf-8",
      });
      res.end(page);
    });
  });
  afterEach(async () => {
    await server.close();
    repo.remove();
  });

  it("is a patch, and the JSON spec changes by exactly the reworded line", async () => {
    const vendor = repo.vendor("chatcaptain");
    const before = repo.read("specs/chatcaptain.json");
    const spec = specOf(vendor) as Spec;
    const operation = Object.values(spec.paths)[0]?.post;
    if (!operation) throw new Error("the ChatCaptain spec has no POST operation");
    operation.summary = "Send a new message on behalf of an agent (reworded)";
    page = markdownPage(spec);

    const result = await syncVendor(
      vendor,
      { location: `${server.url}/api/api-dokumentation/inbox-messages.md`, kind: "markdown" },
      { changesetDir: repo.changesetDir },
    );
    expect(result).toMatchObject({ status: "changed", level: "patch", release: "patch" });
    expect(result.changes.map((c) => c.kind)).toEqual(["annotation"]);
    expect(result.changes[0]?.text).toMatch(/^Changed summary in POST \/v1\/inbox\/\{chatbotId\}\/messages$/);

    // JSON stays JSON, 2-space indented with a trailing newline: one line differs.
    const after = repo.read("specs/chatcaptain.json");
    expect(after).toBe(`${JSON.stringify(spec, null, 2)}\n`);
    const a = before.split("\n");
    const b = after.split("\n");
    expect(b.length).toBe(a.length);
    const differing = b.filter((line, i) => line !== a[i]);
    expect(differing).toEqual(['        "summary": "Send a new message on behalf of an agent (reworded)",']);

    const [name] = repo.changesets();
    expect(repo.read(`.changeset/${name}`)).toContain(
      '---\n"@captain-sdk/chatcaptain": patch\n---\n\nSpec update from upstream',
    );
    expect(repo.read(`.changeset/${name}`)).toContain(
      "documentation-only change (semver patch).\n\n- Docs: Changed summary in POST",
    );
    // The overlay still applies on the new spec: the security scheme is in the regenerated spec.
    expect(repo.read("packages/chatcaptain/src/generated/openapi.json")).toContain("x-chatcaptain-key");
  });
});
