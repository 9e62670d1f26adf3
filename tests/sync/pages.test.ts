import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/repo.js";
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
        ContactDto: {
          type: "object",
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            owner: { $ref: "#/components/schemas/OperatorDto" },
          },
        },
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

  it("a schema differing between pages: the copies are named apart, reported, and each page's operations point at their copy", async () => {
    const chat = repo.vendor("chatcaptain");
    const spec = specOf(chat);
    pages.set("/inbox-messages.md", markdownPage(spec));
    pages.set("/contacts.md", contactsPage(undefined, true));
    const first = `${server.url}/inbox-messages.md`;
    const second = `${server.url}/contacts.md`;
    const result = await syncVendor(chat, { location: [first, second] }, { changesetDir: repo.changesetDir });
    expect(result).toMatchObject({ status: "changed", level: "minor" });
    // A tie (one page each): the first page's copy keeps the name; the other is named after its page.
    expect(result.variants).toEqual([
      {
        schema: "OperatorDto",
        copies: [
          { name: "OperatorDto", pages: ["inbox-messages"] },
          { name: "OperatorDto_Contacts", pages: ["contacts"] },
        ],
      },
    ]);
    const note =
      "schema OperatorDto differs between pages: OperatorDto (inbox-messages); OperatorDto_Contacts (contacts)";
    expect(result.notes).toEqual([note]);
    expect(result.changeset).toContain(`Notes from the sync:\n\n- ${note}\n`);
    expect(repo.read(`.changeset/${result.changesetFile}`)).toContain(note);

    const written = JSON.parse(repo.read("specs/chatcaptain.json"));
    const schemas = written.components.schemas;
    expect(schemas.OperatorDto).toEqual(
      (spec as { components: { schemas: Record<string, unknown> } }).components.schemas.OperatorDto,
    );
    expect(schemas.OperatorDto_Contacts).toEqual({ type: "object", properties: { changed: { type: "string" } } });
    // The contacts page's schema points at the contacts copy; the inbox page's still at the original.
    expect(schemas.ContactDto.properties.owner).toEqual({ $ref: "#/components/schemas/OperatorDto_Contacts" });
    expect(JSON.stringify(written.paths["/v1/inbox/{chatbotId}/messages"])).not.toContain("OperatorDto_Contacts");
    expect(JSON.stringify(schemas)).toContain('"$ref":"#/components/schemas/OperatorDto"');
    // And both copies are types of the SDK.
    const types = repo.read("packages/chatcaptain/src/generated/types.ts");
    expect(types).toContain('export type OperatorDto = components["schemas"]["OperatorDto"];');
    expect(types).toContain('export type OperatorDto_Contacts = components["schemas"]["OperatorDto_Contacts"];');
  });

  it("an operation or a non-schema component differing between pages is an error naming both pages; nothing changes", async () => {
    const chat = repo.vendor("chatcaptain");
    const spec = specOf(chat) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    pages.set("/inbox-messages.md", markdownPage(spec));
    const changed = structuredClone(spec);
    const post = changed.paths["/v1/inbox/{chatbotId}/messages"]?.post as Record<string, unknown>;
    post.summary = "Changed on the second page";
    pages.set("/again.md", markdownPage(changed));
    const withParam = (description: string) =>
      markdownPage({
        openapi: "3.0.0",
        info: { title: "ChatCaptain API", version: "1.0" },
        components: { parameters: { ChatbotId: { name: "chatbotId", in: "path", required: true, description } } },
      });
    pages.set("/a.md", withParam("one"));
    pages.set("/b.md", withParam("two"));
    const before = repo.snapshot();
    const first = `${server.url}/inbox-messages.md`;
    const again = `${server.url}/again.md`;
    await expect(syncVendor(chat, { location: [first, again] }, { changesetDir: repo.changesetDir })).rejects.toThrow(
      `chatcaptain: ${first} + ${again}: POST /v1/inbox/{chatbotId}/messages differs between ${first} and ${again}`,
    );
    const a = `${server.url}/a.md`;
    const b = `${server.url}/b.md`;
    await expect(syncVendor(chat, { location: [first, a, b] }, { changesetDir: repo.changesetDir })).rejects.toThrow(
      `components.parameters.ChatbotId differs between ${a} and ${b}`,
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

  it("reads a docs index source: the index, the path prefix of the API pages, the kind", () => {
    const index = { index: "https://docs.example.test/llms.txt", include: "/api/", kind: "markdown" };
    expect(decl({ ...index, $comment: "GitBook" })()).toEqual(index);
    expect(decl({ index: "llms.txt" })()).toEqual({ index: "llms.txt", kind: undefined });
  });

  it("says what an index source must look like", () => {
    expect(decl({ index: "https://a.test/llms.txt", url: "https://a.test/x.md" })).toThrow(
      /give either "url" or "index", not both/,
    );
    expect(decl({ index: "" })).toThrow(/"index" must be a URL or path/);
    expect(decl({ index: 42 })).toThrow(/"index" must be a URL or path/);
    expect(decl({ index: "https://a.test/llms.txt", include: "api/" })).toThrow(
      /"include" must be a path prefix starting with "\/"/,
    );
    expect(decl({ url: "https://a.test/x.md", include: "/api/" })).toThrow(/"include" goes with "index"/);
    expect(decl({ index: "https://a.test/llms.txt", kind: "html" })).toThrow(/"kind" must be "openapi" or "markdown"/);
  });

  it("the repository's ChatCaptain source is the docs index of its API pages", () => {
    expect(readSourceDecl(join(ROOT, "specs", "chatcaptain.source.json"))).toEqual({
      index: "https://docs.chatcaptain.com/llms.txt",
      include: "/api/api-dokumentation/",
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
