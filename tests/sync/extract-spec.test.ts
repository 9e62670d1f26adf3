import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openApiProblems } from "../../scripts/lib/sync/check-openapi.js";
import { extractSpec, extractSpecs } from "../../scripts/lib/sync/extract-spec.js";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");

describe("extractSpec: the two real page formats", () => {
  it("ChatCaptain: the spec on one line in a ```json fence, with other fences on the page", () => {
    const page = fixture("chatcaptain-inbox-messages.md");
    const spec = extractSpec(page, "markdown");
    expect(spec.format).toBe("json");
    expect(spec.from).toBe("markdown");
    expect(spec.value.openapi).toBe("3.0.0");
    expect(Object.keys(spec.value.paths as object)).toEqual(["/v1/inbox/{chatbotId}/messages"]);
    // The fenced text is the page's 12th line, verbatim.
    expect(spec.text).toBe(`${page.split("\n")[11]}\n`);
    expect(openApiProblems(spec.value)).toEqual([]);
  });

  it("SalesCaptain: a ````yaml fence with a title after the language, text kept as published", () => {
    const page = fixture("salescaptain-send-message.md");
    const spec = extractSpec(page); // no kind: detected
    expect(spec.format).toBe("yaml");
    expect(spec.from).toBe("markdown");
    expect(spec.value.openapi).toBe("3.0.3");
    const lines = page.split("\n");
    const open = lines.findIndex((l) => l.startsWith("````yaml"));
    const close = lines.findIndex((l, i) => i > open && l === "````");
    expect(spec.text).toBe(`${lines.slice(open + 1, close).join("\n")}\n`);
  });
});

describe("extractSpec: raw specs", () => {
  const doc = { openapi: "3.1.0", info: { title: "T", version: "1" }, paths: { "/a": {} } };

  it("reads raw JSON and raw YAML, with or without a declared kind", () => {
    expect(extractSpec(JSON.stringify(doc), "openapi")).toMatchObject({ format: "json", from: "raw", value: doc });
    const yaml = "openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a: {}\n";
    expect(extractSpec(yaml)).toMatchObject({ format: "yaml", from: "raw", value: doc, text: yaml });
  });

  it("fails clearly on malformed JSON, naming the parser's complaint", () => {
    expect(() => extractSpec('{"openapi": "3.0.0", "paths": {', "openapi")).toThrow(/not valid JSON/);
    expect(() => extractSpec('{"openapi": "3.0.0",', undefined)).toThrow(/not valid JSON/);
  });

  it("fails clearly on malformed YAML, with the line", () => {
    expect(() => extractSpec("openapi: 3.0.0\ninfo: [unclosed\n", "openapi")).toThrow(/not valid YAML at line \d+/);
  });

  it("refuses an empty source", () => {
    expect(() => extractSpec("  \n", "openapi")).toThrow(/empty/);
  });
});

describe("extractSpec: Markdown pages that do not hold one spec", () => {
  it("no fenced block at all", () => {
    expect(() => extractSpec("# Inbox messages\n\nNothing here.\n", "markdown")).toThrow(
      /no fenced ```json or ```yaml block/,
    );
  });

  it("fenced blocks, but none is an OpenAPI document", () => {
    const page = '# Page\n\n```json\n{"hello": "world"}\n```\n\n```yaml\na: 1\n```\n';
    expect(() => extractSpec(page, "markdown")).toThrow(/none of the 2 fenced json\/yaml block\(s\).*no `openapi` key/);
  });

  it("a fenced ```json block that is not valid JSON names its line", () => {
    const page = '# Page\n\ntext\n\n```json\n{"openapi": "3.0.0", "info": \n```\n';
    expect(() => extractSpec(page, "markdown")).toThrow(/fenced ```json block at line 5 is not valid JSON/);
  });
});

describe("extractSpecs / extractSpec: a page with several OpenAPI blocks (one per operation)", () => {
  const info = { title: "ChatCaptain API", version: "1.0" };
  const op = (id: string) => ({ operationId: id, tags: ["Notes"], responses: { "200": { description: "" } } });
  const blockA = { openapi: "3.0.0", info, paths: { "/v1/notes": { get: op("NoteController_list_v1") } } };
  const blockB = { openapi: "3.0.0", info, paths: { "/v1/notes/{id}": { delete: op("NoteController_remove_v1") } } };
  const models = {
    openapi: "3.0.0",
    info,
    components: { schemas: { NoteDto: { type: "object", properties: { id: { type: "string" } } } } },
  };
  const fence = (value: unknown) => `\`\`\`json\n${JSON.stringify(value)}\n\`\`\``;
  const page = (...blocks: unknown[]) =>
    [
      "# Inbox notes",
      "",
      ...blocks.flatMap((b) => [fence(b), ""]),
      "```",
      "GET https://docs.example.test/x.md",
      "```",
      "",
    ].join("\n");

  it("extractSpecs returns every block, in page order, each with its own text", () => {
    const specs = extractSpecs(page(blockA, models, blockB), "markdown");
    expect(specs.map((s) => s.value)).toEqual([blockA, models, blockB]);
    expect(specs.map((s) => s.from)).toEqual(["markdown", "markdown", "markdown"]);
    expect(specs[1]?.text).toBe(`${JSON.stringify(models)}\n`);
  });

  it("extractSpec merges them into one document: both operations, the schema-only block's components", () => {
    const spec = extractSpec(page(blockA, models, blockB), "markdown");
    expect(spec.from).toBe("merged");
    expect(spec.value.openapi).toBe("3.0.0");
    expect(spec.value.paths).toEqual({ ...blockA.paths, ...blockB.paths });
    expect(spec.value.components).toEqual(models.components);
    expect(openApiProblems(spec.value)).toEqual([]);
  });

  it("the same operation twice, identical, is one operation; differing, an error naming both blocks", () => {
    expect(extractSpec(page(blockA, blockA), "markdown").value.paths).toEqual(blockA.paths);
    const changed = { ...blockA, paths: { "/v1/notes": { get: { ...op("NoteController_list_v1"), summary: "x" } } } };
    expect(() => extractSpec(page(blockA, changed), "markdown")).toThrow(
      "GET /v1/notes differs between block 1 and block 2",
    );
  });

  it("a block that does not parse fails the whole page (never a partial set of operations)", () => {
    const broken = `${fence(blockA)}\n\n\`\`\`json\n{"openapi": "3.0.0",\n\`\`\`\n`;
    expect(() => extractSpecs(broken, "markdown")).toThrow(/fenced ```json block at line 5 is not valid JSON/);
  });
});
