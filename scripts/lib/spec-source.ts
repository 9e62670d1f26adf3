import { extractSpec } from "./sync/extract-spec.js";
import { fetchText } from "./sync/fetch-source.js";

export interface SpecSource {
  text: string;
  format: "json" | "yaml";
  /** "markdown": the spec came from a fenced block of a docs page (as `pnpm sync-specs` reads them). */
  kind: "openapi" | "markdown";
}

/**
 * The text of a spec from a file or an http(s) URL, unchanged, and whether it is JSON or YAML. Read
 * and extracted exactly as `pnpm sync-specs` reads a source: a raw JSON/YAML spec, or the fenced
 * spec block of a Markdown docs page.
 */
export async function readSpecSource(pathOrUrl: string): Promise<SpecSource> {
  let text: string;
  try {
    text = await fetchText(pathOrUrl);
  } catch (error) {
    const verb = /^https?:\/\//i.test(pathOrUrl) ? "fetch" : "read";
    throw new Error(`cannot ${verb} ${pathOrUrl}: ${(error as Error).message}`);
  }
  const found = extractSpec(text);
  return { text: found.text, format: found.format, kind: found.from === "markdown" ? "markdown" : "openapi" };
}
