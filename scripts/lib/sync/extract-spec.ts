import { Lexer, type Token, type Tokens } from "marked";
import { LineCounter, parseDocument } from "yaml";
import { mergeSpecs } from "./merge-specs.js";
import type { SourceKind } from "./source.js";

export interface ExtractedSpec {
  /** The parsed spec. */
  value: Record<string, unknown>;
  /** The spec text as published (for a Markdown page: the fenced block's content). */
  text: string;
  format: "json" | "yaml";
  /** Where the spec was found: the whole text, a fenced block of a Markdown page, or several pages. */
  from: "raw" | "markdown" | "merged";
}

/**
 * The OpenAPI document in `text`: a raw JSON/YAML spec (`kind: "openapi"`), a Markdown page with the
 * spec in a fenced ```json / ```yaml block (`kind: "markdown"`), or either (no kind: raw first).
 * Throws an Error saying what is wrong; it does not check the document beyond "has `openapi`".
 */
export function extractSpec(text: string, kind?: SourceKind): ExtractedSpec {
  const specs = extractSpecs(text, kind);
  if (specs.length === 1) return specs[0] as ExtractedSpec;
  return mergeSpecs(specs.map((spec, i) => ({ location: `block ${i + 1}`, label: "page", spec })));
}

/**
 * Every OpenAPI document in `text`: the raw spec, or each fenced block of a Markdown page that
 * holds one (a ChatCaptain page has one complete document per operation; a models page holds
 * documents with components only). Throws when there is none.
 */
export function extractSpecs(text: string, kind?: SourceKind): ExtractedSpec[] {
  if (text.trim() === "") throw new Error("the source is empty");
  if (kind === "markdown") return fromMarkdown(text);
  const looksLikeJson = /^\s*[{[]/.test(text);
  let raw: ExtractedSpec | undefined;
  let rawError: Error | undefined;
  try {
    raw = parseRaw(text, looksLikeJson ? "json" : "yaml");
  } catch (error) {
    rawError = error as Error;
  }
  if (kind === "openapi") {
    if (rawError) throw rawError;
    return [raw as ExtractedSpec];
  }
  // No declared kind: a raw spec if it is one, else a Markdown page.
  if (raw && "openapi" in raw.value) return [raw];
  if (looksLikeJson && rawError) throw rawError;
  if (fencedBlocks(text).length > 0) return fromMarkdown(text);
  if (rawError) throw rawError;
  return [raw as ExtractedSpec];
}

function parseRaw(text: string, format: "json" | "yaml", where = "the source"): ExtractedSpec {
  let value: unknown;
  if (format === "json") {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`${where} is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const problem = doc.errors[0];
    if (problem) {
      const pos = lineCounter.linePos(problem.pos[0]);
      const at = ` at line ${pos.line}, column ${pos.col}`;
      throw new Error(`${where} is not valid YAML${at}: ${problem.message.split("\n")[0]}`);
    }
    value = doc.toJS({ maxAliasCount: 1000 });
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${where} is not a JSON/YAML object (got ${Array.isArray(value) ? "an array" : typeof value})`);
  }
  return { value: value as Record<string, unknown>, text, format, from: "raw" };
}

interface Fence {
  format: "json" | "yaml";
  text: string;
  line: number;
}

/** Fenced code blocks whose info string starts with json, yaml or yml (`yaml POST /x` counts). */
function fencedBlocks(markdown: string): Fence[] {
  const fences: Fence[] = [];
  let searchFrom = 0;
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === "code") {
        const code = token as Tokens.Code;
        const lang = (code.lang ?? "").trim().split(/\s+/)[0]?.toLowerCase() ?? "";
        const at = markdown.indexOf(code.raw, searchFrom);
        if (at >= 0) searchFrom = at + code.raw.length;
        const line = at >= 0 ? markdown.slice(0, at).split("\n").length : 0;
        if (lang === "json") fences.push({ format: "json", text: code.text, line });
        else if (lang === "yaml" || lang === "yml") fences.push({ format: "yaml", text: code.text, line });
      }
      const children = (token as { tokens?: Token[] }).tokens;
      if (children) visit(children);
      const items = (token as { items?: Token[] }).items;
      if (items) visit(items);
    }
  };
  visit(Lexer.lex(markdown));
  return fences;
}

function fromMarkdown(markdown: string): ExtractedSpec[] {
  const fences = fencedBlocks(markdown);
  if (fences.length === 0) {
    throw new Error("the Markdown page has no fenced ```json or ```yaml block holding the spec");
  }
  const specs: ExtractedSpec[] = [];
  const problems: string[] = [];
  for (const fence of fences) {
    const text = fence.text.endsWith("\n") ? fence.text : `${fence.text}\n`;
    try {
      const spec = parseRaw(text, fence.format, `the fenced \`\`\`${fence.format} block at line ${fence.line}`);
      if ("openapi" in spec.value || "swagger" in spec.value) specs.push({ ...spec, from: "markdown" });
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  // A block that does not parse fails the page: a transient or half-published page never drops operations.
  if (problems.length > 0) throw new Error(problems.join("; "));
  if (specs.length > 0) return specs;
  throw new Error(
    `none of the ${fences.length} fenced json/yaml block(s) of the Markdown page holds an OpenAPI document (no \`openapi\` key)`,
  );
}
