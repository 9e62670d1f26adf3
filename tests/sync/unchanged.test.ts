import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { syncSpecs } from "../../scripts/sync-specs.js";
import { type Loopback, startLoopback } from "../helpers/loopback.js";
import { makeTempRepo, markdownPage, specOf, type TempRepo } from "./temp-repo.js";

describe("sync: an unchanged spec", () => {
  let repo: TempRepo;
  let server: Loopback;
  const routes = new Map<string, { type: string; body: string }>();

  beforeEach(async () => {
    repo = makeTempRepo();
    server = await startLoopback((req, res) => {
      const route = routes.get(req.url);
      res.writeHead(route ? 200 : 404, { "content-type": route?.type ?? "text/plain" });
      res.end(route?.body ?? "not found");
    });
  });
  afterEach(async () => {
    await server.close();
    routes.clear();
    repo.remove();
  });

  /**
   * ChatCaptain's source is a docs index (llms.txt): `--from` replaces the index, whose links to the
   * declared site are fetched from the test server. `chat` is the one API page it lists.
   */
  const syncBoth = (sales: string, chat: string) => {
    routes.set("/llms.txt", {
      type: "text/plain",
      body: [
        "# ChatCaptain",
        "",
        "- [Getting started](https://docs.chatcaptain.com/getting-started.md)",
        `- [Inbox messages](https://docs.chatcaptain.com/api/api-dokumentation${chat})`,
        "",
      ].join("\n"),
    });
    return syncSpecs({
      all: repo.vendors,
      from: new Map([
        ["salescaptain", `${server.url}${sales}`],
        ["chatcaptain", `${server.url}/llms.txt`],
      ]),
      changesetDir: repo.changesetDir,
    });
  };

  it("served in another format or another layout: no changeset, every file byte-identical", async () => {
    const sales = specOf(repo.vendor("salescaptain"));
    const chat = specOf(repo.vendor("chatcaptain"));
    // YAML spec served as JSON; JSON spec served on one line inside a Markdown page; keys reordered.
    routes.set("/openapi.json", { type: "application/json", body: JSON.stringify(sales) });
    const reordered = Object.fromEntries(Object.entries(chat).reverse());
    routes.set("/api/api-dokumentation/inbox-messages.md", { type: "text/markdown", body: markdownPage(reordered) });
    const before = repo.snapshot();

    const { results, errors } = await syncBoth("/openapi.json", "/inbox-messages.md");
    expect(errors).toEqual([]);
    expect(results.map((r) => [r.vendor, r.status, r.level, r.written])).toEqual([
      ["chatcaptain", "unchanged", "none", []],
      ["salescaptain", "unchanged", "none", []],
    ]);
    expect(repo.changesets()).toEqual([]);
    expect(repo.snapshot()).toEqual(before);
  });

  it("the real docs pages (fixtures of both vendors' formats): a second sync is a no-op", async () => {
    const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");
    // The fixtures are the pages the committed specs were copied from; serve them as they are,
    // after writing the copy's specs from the page (so the test still holds once upstream moves on).
    routes.set("/sales.md", { type: "text/markdown", body: fixture("salescaptain-send-message.md") });
    routes.set("/api/api-dokumentation/chat.md", {
      type: "text/markdown",
      body: fixture("chatcaptain-inbox-messages.md"),
    });
    const first = await syncBoth("/sales.md", "/chat.md");
    expect(first.errors).toEqual([]);
    for (const name of repo.changesets()) repo.removeFile(`.changeset/${name}`);
    const before = repo.snapshot();

    const second = await syncBoth("/sales.md", "/chat.md");
    expect(second.errors).toEqual([]);
    expect(second.results.map((r) => r.status)).toEqual(["unchanged", "unchanged"]);
    expect(repo.snapshot()).toEqual(before);
    expect(repo.changesets()).toEqual([]);
    // YAML stays the published text, byte for byte; JSON is the page's one line, 2-space indented.
    const salesPage = fixture("salescaptain-send-message.md").split("\n");
    const open = salesPage.findIndex((l) => l.startsWith("````yaml "));
    const close = salesPage.findIndex((l, i) => i > open && l === "````");
    expect(repo.read("specs/salescaptain.yaml")).toBe(`${salesPage.slice(open + 1, close).join("\n")}\n`);
    const chatLine = fixture("chatcaptain-inbox-messages.md").split("\n")[11] ?? "";
    expect(repo.read("specs/chatcaptain.json")).toBe(`${JSON.stringify(JSON.parse(chatLine), null, 2)}\n`);
  });
});
