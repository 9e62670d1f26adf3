import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { serveDocs } from "./docs-server.js";
import { buildFixtures } from "./fixtures/build-fixtures.js";
import { startListApi } from "./list-api.js";

type Json = Record<string, unknown>;

const fixtures = join(import.meta.dirname, "fixtures");
const ccDir = join(fixtures, "chatcaptain");
const scDir = join(fixtures, "salescaptain");

interface ManifestOp {
  method: string;
  path: string;
  operationId: string;
  page?: string;
}
const manifest = JSON.parse(readFileSync(join(fixtures, "manifest.json"), "utf8")) as {
  chatcaptain: {
    pages: string[];
    operations: ManifestOp[];
    paginated: Record<"page" | "cursor" | "itemCursor", string[]>;
  };
  salescaptain: { operations: ManifestOp[]; paginated: { pageWithTotals: string[] } };
};

const pageText = (slug: string): string => readFileSync(join(ccDir, "api/api-dokumentation", `${slug}.md`), "utf8");
const jsonBlocks = (text: string): Json[] => [...text.matchAll(/^```json\n(.*)\n```$/gm)].map((m) => JSON.parse(m[1]!));

/** Every ChatCaptain operation block with its page, method, path and operation. */
const blocks = manifest.chatcaptain.pages
  .filter((slug) => slug !== "models")
  .flatMap((slug) =>
    jsonBlocks(pageText(slug)).map((doc) => {
      const [path, item] = Object.entries(doc.paths as Record<string, Record<string, Json>>)[0]!;
      const [method, op] = Object.entries(item)[0]!;
      return { slug, doc, path, method, op, schemas: (doc.components as { schemas: Record<string, Json> }).schemas };
    }),
  );
const block = (operationId: string) => {
  const found = blocks.find((b) => b.op.operationId === operationId);
  if (!found) throw new Error(`no block for ${operationId}`);
  return found;
};
const refsIn = (value: unknown, into = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) for (const v of value) refsIn(v, into);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") into.add(v);
      else refsIn(v, into);
    }
  }
  return into;
};
const param = (op: Json, name: string): Json => {
  const found = (op.parameters as Json[]).find((p) => p.name === name);
  if (!found) throw new Error(`no parameter ${name}`);
  return found;
};
const byPath = (ops: ManifestOp[], key: string): ManifestOp => {
  const found = ops.find((op) => `${op.method} ${op.path}` === key);
  if (!found) throw new Error(`no operation ${key}`);
  return found;
};

describe("ChatCaptain pages", () => {
  it("has the 42 pages of the vendor facts, each one Markdown page in GitBook's format", () => {
    expect(manifest.chatcaptain.pages).toHaveLength(42);
    expect(new Set(manifest.chatcaptain.pages).size).toBe(42);
    for (const slug of manifest.chatcaptain.pages) {
      const text = pageText(slug);
      const lines = text.split("\n");
      expect(lines[0]).toBe(
        "> For the complete documentation index, see [llms.txt](https://docs.chatcaptain.com/llms.txt)",
      );
      expect(lines[2]).toMatch(/^# \S/);
      // the footer: a plain fence (no language) after the last block
      const footer = text.slice(text.lastIndexOf("\n---\n"));
      expect(footer).toContain("# Agent Instructions: Querying This Documentation");
      expect(footer).toContain(
        `\n\`\`\`\nGET https://docs.chatcaptain.com/api/api-dokumentation/${slug}.md?ask=<question>\n\`\`\`\n`,
      );
      expect(jsonBlocks(footer)).toEqual([]);
    }
  });

  it("has one complete OpenAPI 3.0.0 document per operation, each with exactly one operation", () => {
    for (const { slug, doc, op, schemas } of blocks) {
      expect(Object.keys(doc), slug).toEqual(
        slug === "app-public"
          ? ["openapi", "info", "tags", "servers", "paths", "components"]
          : ["openapi", "info", "tags", "servers", "security", "paths", "components"],
      );
      expect(doc.openapi).toBe("3.0.0");
      expect(doc.info).toEqual({ title: "ChatCaptain API", version: "1.0" });
      const paths = doc.paths as Record<string, Json>;
      expect(Object.keys(paths)).toHaveLength(1);
      expect(Object.keys(Object.values(paths)[0]!)).toHaveLength(1);
      expect(Object.keys(doc.components as Json)).toEqual(["schemas"]);
      // one tag, the page's, with an empty description; the operation carries it
      const tags = doc.tags as { name: string; description: string }[];
      expect(tags).toHaveLength(1);
      expect(tags[0]!.description).toBe("");
      expect(op.tags).toEqual([tags[0]!.name]);
      expect(tags[0]!.name.toLowerCase().replaceAll(" ", "-")).toBe(slug);
      // components hold exactly what the operation reaches
      const reached = new Set<string>();
      const visit = (ref: string): void => {
        const name = ref.replace("#/components/schemas/", "");
        if (reached.has(name)) return;
        reached.add(name);
        expect(schemas[name], `${slug}: ${ref}`).toBeDefined();
        for (const inner of refsIn(schemas[name])) visit(inner);
      };
      for (const ref of refsIn(op)) visit(ref);
      expect(new Set(Object.keys(schemas)), slug).toEqual(reached);
    }
  });

  it("matches the manifest operation for operation, 140 to 160 of them", () => {
    const found = blocks.map((b) => ({
      method: b.method.toUpperCase(),
      path: b.path,
      operationId: b.op.operationId,
      page: b.slug,
    }));
    expect(found).toEqual(manifest.chatcaptain.operations);
    expect(found.length).toBeGreaterThanOrEqual(140);
    expect(found.length).toBeLessThanOrEqual(160);
    const ids = found.map((f) => f.operationId as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Za-z]*Controller_[a-z][A-Za-z]*\[1\]_v1$/);
    const routes = found.map((f) => `${f.method} ${f.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it("has schema-only blocks on the models page", () => {
    const docs = jsonBlocks(pageText("models"));
    expect(docs.length).toBeGreaterThanOrEqual(4);
    const names = docs.map((doc) => Object.keys((doc.components as { schemas: Json }).schemas)[0]);
    expect(names).toEqual(
      expect.arrayContaining(["UpdateChatbotPayloadDto", "UpdateChatbotRequestDto", "BotEdition", "ChatbotDto"]),
    );
    for (const doc of docs) expect(Object.keys(doc)).toEqual(["openapi", "info", "components"]);
    const headings = [...pageText("models").matchAll(/^## The (\w+) object$/gm)].map((m) => m[1]);
    expect(headings).toEqual(names);
  });

  it("uses both heading styles and the GitBook-escaped permission quote", () => {
    const widgets = pageText("widgets");
    expect(widgets).toContain(
      "## GET /v1/widget/{chatbotId}/conversations/{conversationId}/messages\n\n> Lists the messages",
    );
    expect(widgets).not.toContain("Required Permission");
    expect(block("WidgetController_listWidgetConversationMessages[1]_v1").op.description).toBeUndefined();
    expect(pageText("app-public")).toContain("## GET /v1/public-apps\n\n> Lists all publicly approved apps");
    expect(pageText("inbox-tags")).toContain(
      "## Creates a new tag\n\n> \\\n> \\\n> \\*\\*Required Permission:\\*\\* \\`chatbots.inbox.tags.create\\`\\\n> \\\n> \\*\\*Resource:\\*\\* \\`chatbots/:chatbotId\\`\n\n```json\n",
    );
    expect(block("InboxTagController_createTag[1]_v1").op.description).toBe(
      "\n\n**Required Permission:** `chatbots.inbox.tags.create`\n\n**Resource:** `chatbots/:chatbotId`",
    );
    expect(pageText("chatbot-api-keys")).toContain("\n# Chatbot api Keys\n");
    expect(block("ChatbotApikeyController_getApiKey[1]_v1").op.tags).toEqual(["Chatbot api-keys"]);
    expect(block("AiKnowledgeGroupController_listKnowledgeGroups[1]_v1").op.tags).toEqual(["Ai knowledge-groups"]);
  });

  it("has the vendor's security and server quirks", () => {
    for (const b of blocks) {
      const expected =
        b.slug === "app-public" ? undefined : ["widgets", "inbox-widgets"].includes(b.slug) ? [{}] : [{}, {}];
      expect(b.doc.security, b.slug).toEqual(expected);
      const servers = b.doc.servers as { url: string; description: string }[];
      expect(servers).toHaveLength(1);
      expect(servers[0]!.url).toBe("https://api.chatcaptain.com");
      expect(servers[0]!.description === "Production", b.slug).toBe(b.slug !== "widgets");
    }
  });

  it("publishes ContentDto differently on inbox-notes, every other same-named schema identically", () => {
    const seen = new Map<string, { text: string; slug: string }>();
    const conflicts = new Set<string>();
    for (const b of blocks) {
      for (const [name, schema] of Object.entries(b.schemas)) {
        const text = JSON.stringify(schema);
        const first = seen.get(name);
        if (!first) seen.set(name, { text, slug: b.slug });
        else if (first.text !== text) conflicts.add(name);
      }
    }
    expect([...conflicts]).toEqual(["ContentDto"]);
    const notes = block("InboxNoteController_sendNote[1]_v1").schemas.ContentDto as { properties: Json };
    const messages = block("InboxMessageController_sendMessage[1]_v1").schemas.ContentDto as { properties: Json };
    expect(Object.keys(notes.properties)).toEqual(expect.arrayContaining(["contact", "note", "transcription"]));
    expect(Object.keys(messages.properties)).not.toContain("note");
  });

  it("has the odd schema bits a generator must survive", () => {
    expect(param(block("ChatbotUserController_listChatbotUsers[1]_v1").op, "workspaceId").schema).toEqual({});
    expect(param(block("ChatbotTemplateController_getTemplate[1]_v1").op, "channelId").schema).toEqual({});
    expect(param(block("StorageObjectController_listObjects[1]_v1").op, "bucketId").description).toBeUndefined();
    const keys = block("ChatbotApikeyController_getApiKey[1]_v1");
    expect(keys.path).toBe("/v1/workspaces/{workspaceId}/chatbots/{chatbotId}/api/{index}");
    expect(param(keys.op, "index").schema).toEqual({ type: "number" });
    const stats = block("StatisticsController_getChannelReport[1]_v1").op.responses as Record<string, Json>;
    expect(stats["200"]).toEqual({ description: "", content: { "application/json": { schema: { type: "object" } } } });
    const notes = block("ConversationNotesController_removeConversationNotes[1]_v1");
    expect(notes.method).toBe("delete");
    expect(notes.op.requestBody).toBeDefined();
    expect(notes.schemas.RemoveConversationNotesRequestDto).toEqual({
      type: "object",
      properties: {
        notes: {
          description: "The IDs of the notes to remove.",
          type: "array",
          items: { type: "string" },
          minItems: 1,
        },
      },
      required: ["notes"],
    });
    expect(notes.schemas.ConversationNotesResponseDto).toEqual({ type: "object", properties: {} });
    const sent = block("InboxMessageController_sendMessage[1]_v1").schemas.SendMessageResponseDto as Json;
    expect((sent.properties as Record<string, Json>).message!.nullable).toBe(true);
    expect(sent.required).toEqual(["message"]);
    const enums = [
      [block("ChatbotController_getChatbot[1]_v1").schemas.BotEdition, [0, 1, 2, 3, -1]],
      [param(block("ChannelController_generateToken[1]_v1").op, "channelType").schema, [0, 6]],
    ] as const;
    for (const [schema, values] of enums) expect((schema as Json).enum).toEqual(values);
    const view = block("InboxViewController_createView[1]_v1").schemas.CreateViewRequestDto as {
      properties: Record<string, Json>;
    };
    expect(view.properties.sortingDirection!.enum).toEqual([0, 1]);
    const variable = block("ChatbotVariableController_createGlobalVariable[1]_v1").schemas
      .CreateGlobalVariableRequestDto as { properties: Record<string, Json> };
    expect(variable.properties.subCategory!.enum).toEqual([0, 1]);
    const tag = block("InboxTagController_createTag[1]_v1").schemas.TagDto as { properties: Record<string, Json> };
    expect(tag.properties.color!.pattern).toBe("^#[0-9a-fA-F]{6}$");
  });

  it("has two operations that reduce to getWidget on inbox-widgets", () => {
    const widget = blocks.filter((b) => b.slug === "inbox-widgets").map((b) => [b.op.summary, b.op.operationId]);
    expect(widget).toEqual(
      expect.arrayContaining([
        ["Gets a widget", "InboxWidgetController_getWidget[1]_v1"],
        ["Gets a widget's values", "InboxWidgetValueController_getWidget[1]_v1"],
      ]),
    );
  });

  it("declares the pagination shapes exactly", () => {
    const { page, cursor, itemCursor } = manifest.chatcaptain.paginated;
    for (const key of page) {
      const { op, schemas } = block(byPath(manifest.chatcaptain.operations, key).operationId);
      expect(param(op, "query").required).toBe(true);
      expect(param(op, "page")).toMatchObject({ required: true, example: 1, schema: { type: "number" } });
      expect(param(op, "pageSize")).toMatchObject({ required: true, example: 250, schema: { type: "number" } });
      expect((param(op, "pageSize").schema as Json).maximum).toBeUndefined();
      expect(param(op, "hiddenHits")).toMatchObject({ required: false, schema: { type: "string" } });
      const response = Object.values(schemas).find((s) => (s.properties as Json | undefined)?.results) as Json;
      expect(response.required).toEqual(["results"]);
      const results = (response.properties as Record<string, Json>).results!;
      expect(results.nullable).toBe(true);
      const result = schemas[
        String((results.allOf as Json[])[0]!.$ref)
          .split("/")
          .at(-1)!
      ] as Json;
      expect(result.required).toEqual(["hits"]);
      expect(Object.keys(result.properties as Json)).toEqual(["hits", "facetCounts", "found"]);
    }
    for (const key of [...cursor, ...itemCursor]) {
      const { op } = block(byPath(manifest.chatcaptain.operations, key).operationId);
      expect(param(op, "pageToken")).toMatchObject({ required: false, schema: { type: "string" } });
      expect(param(op, "limit")).toMatchObject({ required: false, schema: { type: "number", maximum: 100 } });
    }
    for (const key of cursor) {
      const { op, schemas } = block(byPath(manifest.chatcaptain.operations, key).operationId);
      const ref = [...refsIn(op.responses)][0]!;
      const response = schemas[ref.split("/").at(-1)!] as { properties: Json; required: string[] };
      expect(response.required).toHaveLength(2);
      expect(response.required).toContain("pageToken");
      expect(Object.keys(response.properties)).toEqual([...response.required, "error"]);
    }
    for (const key of itemCursor) {
      const { op, schemas } = block(byPath(manifest.chatcaptain.operations, key).operationId);
      const ref = [...refsIn(op.responses)][0]!;
      const response = schemas[ref.split("/").at(-1)!] as { properties: Json };
      expect(Object.keys(response.properties)).not.toContain("pageToken");
    }
    // every other list takes no paging parameter
    const paged = new Set([...page, ...cursor, ...itemCursor]);
    for (const b of blocks) {
      if (paged.has(`${b.method.toUpperCase()} ${b.path}`)) continue;
      const names = (b.op.parameters as Json[]).map((p) => p.name);
      expect(names, b.path).not.toContain("pageToken");
      expect(names, b.path).not.toContain("pageSize");
    }
  });

  it("lists every API page and some non-API pages in llms.txt, with absolute docs URLs", () => {
    const llms = readFileSync(join(ccDir, "llms.txt"), "utf8");
    const links = [...llms.matchAll(/^- \[[^\]]+\]\(([^)]+)\)/gm)].map((m) => m[1]!);
    for (const link of links) expect(link).toMatch(/^https:\/\/docs\.chatcaptain\.com\/.+\.md$/);
    const api = links.filter((l) => /^https:\/\/docs\.chatcaptain\.com\/api\/api-dokumentation\/[^/]+\.md$/.test(l));
    expect(api.map((l) => l.split("/").at(-1)!.replace(/\.md$/, "")).sort()).toEqual(
      [...manifest.chatcaptain.pages].sort(),
    );
    const other = links.filter((l) => !api.includes(l));
    expect(other).toContain("https://docs.chatcaptain.com/api/api-dokumentation.md");
    expect(other.some((l) => l.includes("/getting-started/"))).toBe(true);
    for (const link of links) expect(statSync(join(ccDir, new URL(link).pathname)).isFile()).toBe(true);
    expect(jsonBlocks(readFileSync(join(ccDir, "api/api-dokumentation.md"), "utf8"))).toEqual([]);
  });
});

describe("SalesCaptain openapi.json", () => {
  const spec = JSON.parse(readFileSync(join(scDir, "api-reference/openapi.json"), "utf8")) as Json;
  const paths = spec.paths as Record<string, Record<string, Json>>;
  const opAt = (key: string): Json => {
    const [method, path] = key.split(" ");
    const op = paths[path!]?.[method!.toLowerCase()];
    if (!op) throw new Error(`no ${key}`);
    return op;
  };

  it("is one OpenAPI 3.0.3 document with the 26 operations of the manifest", () => {
    expect(spec.openapi).toBe("3.0.3");
    expect((spec.info as Json).title).toBe("SalesCaptain API Documentation Service");
    expect(spec.servers).toEqual([{ url: "https://api.salescaptain.com", description: "Production server" }]);
    expect(spec.security).toEqual([{ BearerAuth: [] }]);
    const found = Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, operationId: op.operationId })),
    );
    expect(found).toEqual(manifest.salescaptain.operations);
    expect(found).toHaveLength(26);
    const tagNames = (spec.tags as { name: string }[]).map((t) => t.name);
    for (const op of Object.values(paths).flatMap((item) => Object.values(item))) {
      expect(tagNames).toContain((op.tags as string[])[0]);
      expect(op.security).toEqual([{ BearerAuth: [] }]);
    }
    for (const ref of refsIn(spec)) {
      const [, , kind, name] = ref.split("/");
      expect(((spec.components as Record<string, Json>)[kind!] as Json)[name!], ref).toBeDefined();
    }
  });

  it("pages with totals, as the vendor documents", () => {
    const keys = {
      "/v1/list-contacts/{company_id}": "contacts",
      "/v1/list-conversations/{company_id}": "conversations",
    };
    for (const key of manifest.salescaptain.paginated.pageWithTotals) {
      const op = opAt(key);
      const params = op.parameters as Json[];
      const page = params.find((p) => p.name === "page_number")!;
      const size = params.find((p) => p.name === "items_per_page")!;
      expect(page.schema).toMatchObject({ type: "integer", minimum: 1 });
      expect(page.required).toBe(!key.includes("list-conversations"));
      expect(size).toMatchObject({
        required: false,
        schema: { type: "integer", minimum: 10, maximum: 100, default: 10 },
      });
      const body = ((op.responses as Record<string, Json>)["200"]!.content as Record<string, Json>)["application/json"]!
        .schema as { properties: Record<string, { properties: Json }> };
      const key2 = keys[key.split(" ")[1] as keyof typeof keys] ?? "messages";
      expect(Object.keys(body.properties)).toEqual(["message", key2]);
      expect(body.properties[key2]!.properties).toEqual({
        data: { type: "array", items: expect.any(Object) },
        pagination: { $ref: "#/components/schemas/Pagination" },
      });
    }
    const pagination = (spec.components as { schemas: Record<string, { properties: Record<string, Json> }> }).schemas
      .Pagination!;
    expect(Object.keys(pagination.properties)).toEqual(["page_number", "items_per_page", "total_count", "total_pages"]);
    for (const p of Object.values(pagination.properties)) expect(p.type).toBe("integer");
  });

  it("has the documented quirks", () => {
    const send = opAt("POST /v1/send-message/{company_id}/{conversation_id}");
    const sendBody = ((send.requestBody as Json).content as Record<string, { schema: Json }>)["application/json"]!
      .schema;
    expect(sendBody.required).toEqual(["message_body"]);
    expect(Object.keys(sendBody.properties as Json)).toEqual(["message_body", "template_id"]);
    const account = (opAt("GET /v1/fetch-account/{account_id}").parameters as Json[])[0]!;
    expect(account.schema).not.toHaveProperty("format");
    expect(((opAt("GET /v1/fetch-contact/{contact_id}").parameters as Json[])[0]!.schema as Json).format).toBe("uuid");
    expect(opAt("DELETE /v1/remove-tag-from-contact/{company_id}").requestBody).toBeDefined();
    for (const key of ["POST /v1/create-contact", "PUT /v1/update-contact/{contact_id}", "POST /v1/create-tag"]) {
      const body = ((opAt(key).requestBody as Json).content as Record<string, { schema: Json }>)["application/json"]!
        .schema;
      expect(Object.keys(body.properties as Json), key).toContain("company_id");
    }
    const analytics = (
      (opAt("POST /v1/call-analytics").requestBody as Json).content as Record<string, { schema: Json }>
    )["application/json"]!.schema;
    expect((analytics.properties as Record<string, Json>).company_ids!.type).toBe("array");
    const rate = (spec.components as { responses: Record<string, { headers: Json }> }).responses.RateLimitError!;
    expect(Object.keys(rate.headers)).toEqual(["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]);
  });

  it("serves a Mintlify endpoint page whose YAML fence is that operation", () => {
    const page = readFileSync(join(scDir, "api-reference/endpoint/send-message-by-id.md"), "utf8");
    expect(
      page.startsWith(
        "> ## Documentation Index\n> Fetch the complete documentation index at: https://docs.salescaptain.com/llms.txt\n",
      ),
    ).toBe(true);
    const m = page.match(/^````yaml (POST) (\S+)\n([\s\S]*?)\n````$/m);
    expect(m?.[1]).toBe("POST");
    const fragment = parseYaml(m![3]!) as Json;
    expect(fragment.openapi).toBe("3.0.3");
    expect(fragment.paths).toEqual({ [m![2]!]: { post: opAt(`POST ${m![2]}`) } });
    expect(Object.keys((fragment.components as { schemas: Json }).schemas)).toEqual(["SentMessage", "Error"]);
    expect(readFileSync(join(scDir, "llms.txt"), "utf8")).toContain(
      "https://docs.salescaptain.com/api-reference/openapi.json",
    );
  });
});

describe("build-fixtures", () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "whole-api-fixtures-"));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const files = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)))
      .sort();

  it("rebuilds exactly the committed fixture", () => {
    buildFixtures(out);
    for (const vendor of ["chatcaptain", "salescaptain"]) {
      const built = files(join(out, vendor));
      expect(built).toEqual(files(join(fixtures, vendor)));
      for (const file of built) {
        expect(readFileSync(join(out, vendor, file), "utf8"), file).toBe(
          readFileSync(join(fixtures, vendor, file), "utf8"),
        );
      }
    }
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe(
      readFileSync(join(fixtures, "manifest.json"), "utf8"),
    );
  });
});

describe("docs server", () => {
  it("serves a fixture folder with content types, 404s and forced failures, and records the paths", async () => {
    const server = await serveDocs(ccDir, { fail: (path) => (path.endsWith("/widgets.md") ? 503 : undefined) });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const llms = await fetch(`${server.url}/llms.txt`);
      expect(llms.status).toBe(200);
      expect(llms.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await llms.text()).toBe(readFileSync(join(ccDir, "llms.txt"), "utf8"));
      const page = await fetch(`${server.url}/api/api-dokumentation/inbox-tags.md`);
      expect(page.headers.get("content-type")).toMatch(/^text\/markdown/);
      expect(await page.text()).toBe(pageText("inbox-tags"));
      expect((await fetch(`${server.url}/api/api-dokumentation/widgets.md`)).status).toBe(503);
      expect((await fetch(`${server.url}/api/api-dokumentation/nope.md`)).status).toBe(404);
      expect((await fetch(`${server.url}/..%2Fmanifest.json`)).status).toBe(404);
      expect(server.requests).toEqual([
        "/llms.txt",
        "/api/api-dokumentation/inbox-tags.md",
        "/api/api-dokumentation/widgets.md",
        "/api/api-dokumentation/nope.md",
        "/../manifest.json",
      ]);
    } finally {
      await server.stop();
    }
    const sales = await serveDocs(scDir);
    try {
      const spec = await fetch(`${sales.url}/api-reference/openapi.json`);
      expect(spec.headers.get("content-type")).toBe("application/json");
      expect(((await spec.json()) as Json).openapi).toBe("3.0.3");
    } finally {
      await sales.stop();
    }
  });
});

describe("list API", () => {
  type Page = Record<string, unknown>;
  let api: Awaited<ReturnType<typeof startListApi>>;
  beforeAll(async () => {
    api = await startListApi();
  });
  afterAll(() => api.stop());

  const get = async (
    path: string,
    query: Record<string, string | number> = {},
  ): Promise<{ status: number; body: Page }> => {
    const url = new URL(path, api.url);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as Page };
  };
  /** Stops a hand walk that would never end (a cursor that does not move), so it fails fast instead of timing out. */
  const bounded = (pages: number): void => {
    if (pages > 60) throw new Error("the walk did not end after 60 pages");
  };
  const expectAll = (ids: unknown[]): void => {
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
  };

  it("pages SalesCaptain lists with totals until page_number reaches total_pages", async () => {
    const company = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
    const lists = [
      [`/v1/list-contacts/${company}`, "contacts", "contact_id"],
      [`/v1/list-conversations/${company}`, "conversations", "conversation_id"],
      [`/v1/fetch-messages/${company}/b2c3d4e5-f6a7-8901-bcde-f12345678901`, "messages", "message_id"],
    ] as const;
    for (const [path, key, idKey] of lists) {
      const ids: unknown[] = [];
      let pageNumber = 1;
      for (let pages = 1; ; pages++) {
        bounded(pages);
        const { status, body } = await get(path, { page_number: pageNumber, items_per_page: 100 });
        expect(status).toBe(200);
        const envelope = body[key] as { data: Page[]; pagination: Record<string, number> };
        expect(envelope.pagination).toEqual({
          page_number: pageNumber,
          items_per_page: 100,
          total_count: 250,
          total_pages: 3,
        });
        ids.push(...envelope.data.map((item) => item[idKey]));
        if (pageNumber >= envelope.pagination.total_pages!) break;
        pageNumber++;
      }
      expectAll(ids);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect((await get(lists[0][0], { page_number: 1, items_per_page: 5 })).status).toBe(400);
    expect((await get(lists[0][0], { page_number: 1, items_per_page: 101 })).status).toBe(400);
    expect((await get(lists[0][0], { items_per_page: 10 })).status).toBe(400);
    const defaults = await get(lists[1][0]);
    expect((defaults.body.conversations as { data: Page[] }).data).toHaveLength(10);
  });

  it("pages ChatCaptain searches by page number until a page comes back empty", async () => {
    for (const key of ["contacts", "organizations"]) {
      const ids: unknown[] = [];
      for (let page = 1; ; page++) {
        bounded(page);
        const { status, body } = await get(`/v1/chatbots/bot_1/${key}/search`, { query: "*", page, pageSize: 40 });
        expect(status).toBe(200);
        const results = body.results as { hits: Page[]; facetCounts: unknown[]; found: number };
        expect(results.found).toBe(250);
        expect(results.facetCounts).toEqual([]);
        if (results.hits.length === 0) break;
        ids.push(...results.hits.map((h) => h.id));
      }
      expectAll(ids);
    }
  });

  it("walks the ChatCaptain date cursors (after the token, cursor in the response)", async () => {
    for (const [path, key] of [
      ["/v1/chatbots/bot_1/ai/knowledge/groups", "groups"],
      ["/v1/chatbots/bot_1/ai/knowledge/sources", "sources"],
      ["/v1/chatbots/bot_1/examples", "examples"],
    ] as const) {
      const ids: unknown[] = [];
      let token: string | undefined;
      for (let pages = 1; ; pages++) {
        bounded(pages);
        const { status, body } = await get(path, token === undefined ? {} : { pageToken: token });
        expect(status).toBe(200);
        const items = body[key] as Page[];
        expect(items.length).toBeLessThanOrEqual(25);
        expect(typeof body.pageToken).toBe("string");
        ids.push(...items.map((i) => i.id));
        if (items.length === 0) {
          expect(body.pageToken).toBe(token);
          break;
        }
        expect(body.pageToken).toBe(items.at(-1)!.created);
        token = body.pageToken as string;
      }
      expectAll(ids);
    }
    expect((await get("/v1/chatbots/bot_1/examples", { limit: 101 })).status).toBe(400);
  });

  it("walks the ChatCaptain item cursors (newest first, before the last item's created)", async () => {
    for (const key of ["organizations", "contacts"]) {
      const ids: unknown[] = [];
      let token: string | undefined;
      for (let pages = 1; ; pages++) {
        bounded(pages);
        const { body } = await get(
          `/v1/chatbots/bot_1/${key}`,
          token === undefined ? { limit: 100 } : { limit: 100, pageToken: token },
        );
        expect(Object.keys(body)).toEqual([key]);
        const items = body[key] as Page[];
        ids.push(...items.map((i) => i.id));
        const created = items.map((i) => i.created as string);
        expect(created).toEqual([...created].sort().reverse());
        if (items.length < 100) break;
        token = created.at(-1);
      }
      expectAll(ids);
    }
  });

  it("records every request and answers 404 JSON elsewhere", async () => {
    const before = api.requests.length;
    const { status, body } = await get("/v1/nowhere", { a: "1" });
    expect(status).toBe(404);
    expect(body).toHaveProperty("error");
    expect(api.requests.slice(before)).toEqual([{ method: "GET", path: "/v1/nowhere", query: { a: "1" } }]);
  });

  it("sizes every list by the total option", async () => {
    const small = await startListApi({ total: 3 });
    try {
      const res = await fetch(`${small.url}/v1/chatbots/bot_1/contacts/search?query=x&page=1&pageSize=250`);
      expect(((await res.json()) as { results: { hits: unknown[]; found: number } }).results).toMatchObject({
        found: 3,
      });
    } finally {
      await small.stop();
    }
  });
});
