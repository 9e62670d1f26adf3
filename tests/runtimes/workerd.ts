import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

/** Bundling a Worker as wrangler does (esbuild, the workerd/worker/browser conditions) and running it in workerd. */

export const COMPATIBILITY_DATE = "2025-09-01";

export async function bundleWorker(dir: string, entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(dir, entry)],
    absWorkingDir: dir,
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser", "import"],
    mainFields: ["module", "main"],
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error(`esbuild produced no bundle for ${entry}`);
  return code;
}

/** workerd (miniflare) serving one bundled Worker module; `bindings` become `env`. */
export function startWorker(script: string, bindings: Record<string, string> = {}): Miniflare {
  return new Miniflare({
    modules: true,
    script,
    compatibilityDate: COMPATIBILITY_DATE,
    bindings,
    log: undefined,
  });
}
