import { execFileSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/repo.js";
import { syncVendor } from "../../scripts/lib/sync/sync-vendor.js";
import { type Loopback, sendJson, startLoopback } from "../helpers/loopback.js";
import { makeTempRepo, specOf, type TempRepo } from "./temp-repo.js";

type Spec = Record<string, unknown> & { paths: Record<string, Record<string, Record<string, unknown>>> };

const SEND = "/v1/send-message/{company_id}/{conversation_id}";

describe("sync: breaking changes", () => {
  let repo: TempRepo;
  let server: Loopback;
  let served: unknown;

  beforeEach(async () => {
    repo = makeTempRepo();
    server = await startLoopback((_req, res) => sendJson(res, 200, served));
  });
  afterEach(async () => {
    await server.close();
    repo.remove();
  });

  const sync = () =>
    syncVendor(
      repo.vendor("salescaptain"),
      { location: `${server.url}/openapi.json`, kind: "openapi" },
      { changesetDir: repo.changesetDir },
    );

  it("a removed operation is major: a minor bump below 1.0, and `changeset version` makes 0.1.0 -> 0.2.0", async () => {
    const spec = specOf(repo.vendor("salescaptain")) as Spec;
    const send = spec.paths[SEND] as Record<string, unknown>;
    // The operation moves: the old path is gone, a new one appears (paths cannot be empty).
    spec.paths = { "/v2/messages/{company_id}/{conversation_id}": send as Spec["paths"][string] };
    served = spec;

    const result = await sync();
    expect(result).toMatchObject({ status: "changed", level: "major", release: "minor" });
    const texts = result.changes.map((c) => `${c.kind}: ${c.text}`);
    expect(texts).toContain(`breaking: Removed operation POST ${SEND}`);
    expect(texts).toContain("non-breaking: Added operation POST /v2/messages/{company_id}/{conversation_id}");
    expect(texts[0]).toMatch(/^breaking:/); // breaking changes come first

    // The operations live in the generated ops.ts (one description each, with its route).
    const ops = repo.read("packages/salescaptain/src/generated/ops.ts");
    expect(ops).toMatch(/"path":\s*"\/v2\/messages\/\{company_id\}\/\{conversation_id\}"/);
    expect(ops).not.toContain(`"${SEND}"`);

    const [name] = repo.changesets();
    const changeset = repo.read(`.changeset/${name}`);
    expect(changeset.startsWith('---\n"@captain-sdk/salescaptain": minor\n---\n')).toBe(true);
    expect(changeset).toContain("breaking API change (semver major); released as a minor while the package is 0.x");
    expect(changeset).toContain(`- **Breaking:** Removed operation POST ${SEND}`);

    // The file is one changesets itself reads: version the copied package with the real CLI.
    writeFileSync(join(repo.dir, "package.json"), JSON.stringify({ name: "root", private: true }));
    writeFileSync(join(repo.dir, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
    symlinkSync(join(ROOT, "node_modules"), join(repo.dir, "node_modules"));
    execFileSync(process.execPath, [join(ROOT, "node_modules", "@changesets", "cli", "bin.js"), "version"], {
      cwd: repo.dir,
      stdio: "pipe",
    });
    expect(JSON.parse(repo.read("packages/salescaptain/package.json")).version).toBe("0.2.0");
    expect(JSON.parse(repo.read("packages/chatcaptain/package.json")).version).toBe("0.1.0");
    const changelog = repo.read("packages/salescaptain/CHANGELOG.md");
    expect(changelog).toContain("## 0.2.0");
    expect(changelog).toContain(`**Breaking:** Removed operation POST ${SEND}`);
    expect(repo.changesets()).toEqual([]); // consumed
  });

  it("a new required request property is major", async () => {
    const spec = specOf(repo.vendor("salescaptain")) as Spec;
    const post = spec.paths[SEND]?.post as { requestBody: { content: Record<string, { schema: unknown }> } };
    const body = post.requestBody.content["application/json"]?.schema as {
      required: string[];
      properties: Record<string, unknown>;
    };
    body.required.push("channel");
    body.properties.channel = { type: "string", enum: ["sms", "email"] };
    served = spec;

    const result = await sync();
    expect(result).toMatchObject({ level: "major", release: "minor" });
    expect(result.changes.filter((c) => c.kind === "breaking").map((c) => c.text)).toEqual([
      `Added required status to \`channel\` in Request Body content (application/json) in POST ${SEND}`,
      `Added property \`channel\` in Request Body content (application/json) in POST ${SEND}`,
    ]);
    // The generated validator now requires it.
    expect(repo.read("packages/salescaptain/src/generated/ops.ts")).toContain('"channel"');
  });
});
