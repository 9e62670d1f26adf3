import { readFileSync } from "node:fs";
import { extractSpec } from "./sync/extract-spec.js";

export interface SpecSource {
  text: string;
  format: "json" | "yaml";
  /** "markdown": the spec came from a fenced block of a docs page (as `pnpm sync-specs` reads them). */
  kind: "openapi" | "markdown";
}

/**
 * The text of a spec from a file or an http(s) URL, unchanged, and whether it is JSON or YAML:
 * by the name's extension, else the response's content type, else its first character.
 */
export async function readSpecSource(pathOrUrl: string): Promise<SpecSource> {
  let text: string;
  let contentType = "";
  if (/^https?:\/\//i.test(pathOrUrl)) {
    let response: Response;
    try {
      response = await fetch(pathOrUrl, { signal: AbortSignal.timeout(30_000), redirect: "follow" });
    } catch (error) {
      throw new Error(`cannot fetch ${pathOrUrl}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new Error(`cannot fetch ${pathOrUrl}: HTTP ${response.status}`);
    contentType = response.headers.get("content-type") ?? "";
    text = await response.text();
  } else {
    try {
      text = readFileSync(pathOrUrl, "utf8");
    } catch (error) {
      throw new Error(`cannot read ${pathOrUrl}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (!text.trim()) throw new Error(`${pathOrUrl} is empty`);
  if (/markdown/i.test(contentType) || /\.md(?:[?#].*)?$/i.test(pathOrUrl) || /^(?:```|~~~)/m.test(text)) {
    if (!/^\s*\{/.test(text)) {
      const found = extractSpec(text, "markdown");
      return { text: found.text, format: found.format, kind: "markdown" };
    }
  }
  const ext = /\.(json|ya?ml)(?:[?#].*)?$/i.exec(pathOrUrl)?.[1]?.toLowerCase();
  const format: SpecSource["format"] = ext
    ? ext === "json"
      ? "json"
      : "yaml"
    : /json/i.test(contentType)
      ? "json"
      : /yaml/i.test(contentType)
        ? "yaml"
        : text.trimStart().startsWith("{")
          ? "json"
          : "yaml";
  return { text, format, kind: "openapi" };
}
