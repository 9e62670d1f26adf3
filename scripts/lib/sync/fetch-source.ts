import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

/**
 * The text at `location`: an http(s) URL (fetched with a timeout covering the body), a `file:` URL,
 * or a path (relative to `baseDir`). Throws an Error whose message says what went wrong, without
 * the location (the caller names it).
 */
export async function fetchText(
  location: string,
  options: { baseDir?: string; timeoutMs?: number } = {},
): Promise<string> {
  if (/^https?:\/\//i.test(location)) return fetchHttp(location, options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS);
  const path = location.startsWith("file:")
    ? fileURLToPath(location)
    : isAbsolute(location)
      ? location
      : resolve(options.baseDir ?? process.cwd(), location);
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === "ENOENT" ? `no such file ${path}` : `cannot read ${path} (${code ?? error})`);
  }
}

async function fetchHttp(url: string, timeoutMs: number): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      signal,
      redirect: "follow",
      headers: { accept: "application/json, application/yaml, text/markdown, text/plain;q=0.9, */*;q=0.5" },
    });
  } catch (error) {
    throw new Error(describeFetchError(error, timeoutMs));
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
  }
  try {
    return await response.text();
  } catch (error) {
    throw new Error(`reading the body failed: ${describeFetchError(error, timeoutMs)}`);
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") return `no answer within ${timeoutMs} ms (timed out)`;
  const cause = err.cause;
  if (cause?.code) return `cannot connect (${cause.code}${cause.message ? `: ${cause.message}` : ""})`;
  return `cannot fetch (${err.message})`;
}
