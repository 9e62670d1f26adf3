import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { type BrowserContext, chromium } from "playwright-core";
import { type Loopback, startLoopback } from "../helpers/loopback.js";
import { CHROMIUM_ARGS, chromiumBinary } from "./runtimes.js";

/** Bundling a web app, serving it on loopback, and driving Debian's Chromium headless. */

/** Bundles each entry (relative to `dir`) for the browser, as a web app's build would; returns file -> code. */
export async function bundleForBrowser(
  dir: string,
  entries: Record<string, string>,
  define: Record<string, string> = {},
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const [out, entry] of Object.entries(entries)) {
    const result = await build({
      entryPoints: [join(dir, entry)],
      absWorkingDir: dir,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "silent",
      define,
    });
    files[out] = result.outputFiles[0]?.text ?? "";
  }
  return files;
}

/** A static loopback server for a page: `/` is `html`, every other path one of `files` (JavaScript). */
export function servePage(html: string, files: Record<string, string>): Promise<Loopback> {
  return startLoopback((r, res) => {
    const path = new URL(r.url, "http://127.0.0.1").pathname;
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(html);
    }
    const code = files[path.slice(1)];
    if (code === undefined) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
    res.end(code);
  });
}

export interface RunningBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium headless with a fresh profile (its own user data dir), removed again on close. */
export async function launchChromium(): Promise<RunningBrowser> {
  const executablePath = chromiumBinary();
  const profile = mkdtempSync(join(tmpdir(), "captain-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 60_000,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
