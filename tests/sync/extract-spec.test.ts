import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openApiProblems } from "../../scripts/lib/sync/check-openapi.js";
import { extractSpec } from "../../scripts/lib/sync/extract-spec.js";

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

  it("two specs on one page is ambiguous", () => {
    const one = JSON.stringify({ openapi: "3.0.0", info: { title: "a", version: "1" }, paths: {} });
    const page = `\`\`\`json\n${one}\n\`\`\`\n\n\`\`\`json\n${one}\n\`\`\`\n`;
    expect(() => extractSpec(page, "markdown")).toThrow(/2 fenced blocks holding an OpenAPI document/);
  });
});

describe("openApiProblems", () => {
  it("accepts OpenAPI 3.0 and 3.1, refuses Swagger 2.0 and non-specs", () => {
    const ok = { openapi: "3.0.3", info: { title: "t", version: "1" }, paths: { "/a": {} } };
    expect(openApiProblems(ok)).toEqual([]);
    expect(openApiProblems({ ...ok, openapi: "3.1.0" })).toEqual([]);
    expect(openApiProblems({ swagger: "2.0", info: {}, paths: {} })).toEqual([
      "it is a Swagger 2.0 document, not OpenAPI 3.x",
    ]);
    expect(openApiProblems({ hello: "world" })).toEqual(["it is not an OpenAPI document (no `openapi` field)"]);
    expect(openApiProblems({ ...ok, openapi: "4.0.0", paths: [] })).toEqual([
      "`openapi: 4.0.0` is not an OpenAPI 3.x version",
      "`paths` must be an object",
    ]);
    expect(openApiProblems({ ...ok, info: { title: "t" }, paths: {} })).toEqual([
      "`info.version` must be a string",
      "`paths` is empty (no operations)",
    ]);
  });
});
