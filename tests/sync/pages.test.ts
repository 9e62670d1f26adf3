import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFromArgs, readSourceDecl } from "../../scripts/lib/sync/source.js";
import { syncVendor } from "../../scripts/lib/sync/sync-vendor.js";
import { type Loopback, startLoopback } from "../helpers/loopback.js";
import { makeTempRepo, markdownPage, specOf, type TempRepo } from "./temp-repo.js";

/** A second ChatCaptain-style tag page: its own operation, plus a component the first page has too. */
function contactsPage(shared: unknown, changeShared = false): string {
  const spec = {
    openapi: "3.0.0",
    info: { title: "ChatCaptain API", version: "1.0" },
    tags: [{ name: "Contacts", description: "" }],
    servers: [{ url: "https://api.chatcaptain.com", description: "Production" }],
    paths: {
      "/v1/contacts/{chatbotId}": {
        get: {
          operationId: "ContactController_list_v1",
          tags: ["Contacts"],
          parameters: [{ name: "chatbotId", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "",
              content: { "application/json": { schema: { $ref: "#/components/schemas/ContactDto" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        ContactDto: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
        OperatorDto: changeShared ? { type: "object", properties: { changed: { type: "string" } } } : shared,
      },
    },
  };
  return markdownPage(spec, "Contacts");
}

describe("sync: a vendor that publishes one Markdown page per tag", () => {
  let repo: TempRepo;
  let server: Loopback;
  const pages = new Map<string, string>();

  beforeEach(async () => {
    repo = makeTempRepo();
    server = await startLoopback((req, res) => {
      const page = pages.get(req.url);
      res.writeHead(page ? 200 : 404, { "content-type": "text/markdown" });
      res.end(page ?? "");
    });
  });
  afterEach(async () => {
    await server.close();
    pages.clear();
    repo.remove();
  });

  it("merges the pages: the new tag's operation becomes a method, shared components once", async () => {
    const chat = repo.vendor("chatcaptain");
    const spec = specOf(chat) as { components: { schemas: Record<string, unknown> } };
    pages.set("/inbox-messages.md", markdownPage(spec));
    pages.set("/contacts.md", contactsPage(spec.components.schemas.OperatorDto));
    const result = await syncVendor(
      chat,
      { location: [`${server.url}/inbox-messages.md`, `${server.url}/contacts.md`], kind: "markdown" },
      { changesetDir: repo.changesetDir },
    );
    expect(result).toMatchObject({ status: "changed", level: "minor", release: "patch" });
    expect(result.source).toBe(`${server.url}/inbox-messages.md + ${server.url}/contacts.md`);
    expect(result.changes.map((c) => c.text)).toContain("Added operation GET /v1/contacts/{chatbotId}");
    const written = JSON.parse(repo.read("specs/chatcaptain.json"));
    expect(Object.keys(written.paths)).toEqual(["/v1/inbox/{chatbotId}/messages", "/v1/contacts/{chatbotId}"]);
    expect(written.tags.map((t: { name: string }) => t.name)).toEqual(["Inbox messages", "Contacts"]);
    expect(repo.read("packages/chatcaptain/src/generated/definition.ts")).toMatch(/contacts: \{[\s\S]*list\(args/);
  });

  it("the same component differing between pages is an error naming both pages; nothing changes", async () => {
    const chat = repo.vendor("chatcaptain");
    const spec = specOf(chat);
    pages.set("/inbox-messages.md", markdownPage(spec));
    pages.set("/contacts.md", contactsPage(undefined, true));
    const before = repo.snapshot();
    const first = `${server.url}/inbox-messages.md`;
    const second = `${server.url}/contacts.md`;
    await expect(syncVendor(chat, { location: [first, second] }, { changesetDir: repo.changesetDir })).rejects.toThrow(
      `chatcaptain: ${first} + ${second}: components.schemas.OperatorDto differs between ${first} and ${second}`,
    );
    // A failing page is named too.
    await expect(
      syncVendor(chat, { location: [first, `${server.url}/gone.md`] }, { changesetDir: repo.changesetDir }),
    ).rejects.toThrow(`: ${server.url}/gone.md: HTTP 404`);
    expect(repo.snapshot()).toEqual(before);
  });
});

describe("source declarations", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "captain-source-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const decl = (value: unknown) => {
    const file = join(dir, "x.source.json");
    writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
    return () => readSourceDecl(file);
  };

  it("reads one URL or a list, with an optional kind", () => {
    expect(decl({ url: "https://a.test/x.json", kind: "openapi" })()).toEqual({
      url: "https://a.test/x.json",
      kind: "openapi",
    });
    expect(decl({ url: ["a.md", "b.md"], kind: "markdown", $comment: "two tags" })()).toEqual({
      url: ["a.md", "b.md"],
      kind: "markdown",
    });
  });

  it("says what the file must look like", () => {
    expect(decl("{ nope")).toThrow(/not valid JSON.*expected \{ "url"/);
    expect(decl({ kind: "openapi" })).toThrow(/needs a "url"/);
    expect(decl({ url: [] })).toThrow(/needs a "url"/);
    expect(decl({ url: "x", kind: "html" })).toThrow(/"kind" must be "openapi" or "markdown", not "html"/);
    expect(decl({ url: "x", urls: ["y"] })).toThrow(/unknown key\(s\) urls/);
  });

  it("--from: one location per vendor, or a list when given twice", () => {
    expect(parseFromArgs(["a=x.json", "b=https://h.test/y?z=1", "b=w.md"])).toEqual(
      new Map<string, string | string[]>([
        ["a", "x.json"],
        ["b", ["https://h.test/y?z=1", "w.md"]],
      ]),
    );
    expect(() => parseFromArgs(["=x"])).toThrow(/--from expects/);
    expect(() => parseFromArgs(["a="])).toThrow(/--from expects/);
  });
});
