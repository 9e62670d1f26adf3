import { existsSync, readFileSync } from "node:fs";

/**
 * Where a vendor's spec is published, declared in `specs/<vendor>.source.json`:
 * `{ "url": "https://…", "kind": "openapi" | "markdown" }`, or several URLs (`"url": ["…", "…"]`)
 * when the vendor publishes one page per tag: their specs are merged (see merge-specs.ts).
 * - `openapi`: the URL serves the spec itself, JSON or YAML.
 * - `markdown`: the URL serves a docs page with the spec in a fenced ```json / ```yaml block.
 * `url` may also be a local path (relative to the source file) or a `file:` URL.
 */
export interface SourceDecl {
  url?: string | string[];
  /**
   * A docs index listing the pages (GitBook's and Mintlify's `llms.txt`: Markdown links to every
   * page's `.md`): the pages are the links whose path starts with `include`, in the index's order.
   * A page the vendor adds arrives with the next sync; one it removes shows up as removed operations.
   */
  index?: string;
  /** With `index`: the path prefix of the API pages ("/api/api-dokumentation/"). */
  include?: string;
  kind?: SourceKind;
}

export type SourceKind = "openapi" | "markdown";

const KINDS: readonly SourceKind[] = ["openapi", "markdown"];

/** Reads and checks a source file; the error says what the file must look like. */
export function readSourceDecl(file: string): SourceDecl {
  const shape =
    '{ "url": "https://…" | ["https://…", …], "kind": "openapi" | "markdown" } or { "index": "https://…/llms.txt", "include": "/path/prefix/", "kind": "markdown" }';
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message}); expected ${shape}`);
  }
  const decl = value as Partial<SourceDecl> | null;
  if (!decl || typeof decl !== "object" || Array.isArray(decl)) throw new Error(`${file}: expected ${shape}`);
  const extra = Object.keys(decl).filter((k) => !["url", "index", "include", "kind", "$comment"].includes(k));
  if (extra.length > 0) throw new Error(`${file}: unknown key(s) ${extra.join(", ")}; expected ${shape}`);
  if (decl.kind !== undefined && !KINDS.includes(decl.kind)) {
    throw new Error(`${file}: "kind" must be "openapi" or "markdown", not ${JSON.stringify(decl.kind)}`);
  }
  if (decl.index !== undefined) {
    if (decl.url !== undefined) throw new Error(`${file}: give either "url" or "index", not both; expected ${shape}`);
    if (typeof decl.index !== "string" || decl.index === "") throw new Error(`${file}: "index" must be a URL or path`);
    if (decl.include !== undefined && (typeof decl.include !== "string" || !decl.include.startsWith("/")))
      throw new Error(`${file}: "include" must be a path prefix starting with "/"`);
    return { index: decl.index, ...(decl.include ? { include: decl.include } : {}), kind: decl.kind };
  }
  if (decl.include !== undefined) throw new Error(`${file}: "include" goes with "index"; expected ${shape}`);
  const url = decl.url;
  const urls = typeof url === "string" ? [url] : Array.isArray(url) ? url : [];
  if (urls.length === 0 || urls.some((u) => typeof u !== "string" || u === "")) {
    throw new Error(
      `${file}: needs a "url" (a string, or a non-empty list of strings) or an "index"; expected ${shape}`,
    );
  }
  return { url: urls.length === 1 ? (urls[0] as string) : urls, kind: decl.kind };
}

/** The declared source of a vendor, or undefined when it has no source file. */
export function declaredSource(sourceFile: string | undefined): SourceDecl | undefined {
  return sourceFile && existsSync(sourceFile) ? readSourceDecl(sourceFile) : undefined;
}

/** Parses `--from <vendor>=<url-or-path>` values into a map; a vendor given twice gets a list. */
export function parseFromArgs(values: readonly string[]): Map<string, string | string[]> {
  const map = new Map<string, string | string[]>();
  for (const value of values) {
    const at = value.indexOf("=");
    if (at <= 0 || at === value.length - 1) {
      throw new Error(`--from expects <vendor>=<url-or-path>, got ${JSON.stringify(value)}`);
    }
    const vendor = value.slice(0, at);
    const location = value.slice(at + 1);
    const previous = map.get(vendor);
    map.set(vendor, previous === undefined ? location : [previous, location].flat());
  }
  return map;
}
