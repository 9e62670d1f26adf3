import { readFileSync } from "node:fs";

export interface SpecSource {
  text: string;
  format: "json" | "yaml";
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
  return { text, format };
}
