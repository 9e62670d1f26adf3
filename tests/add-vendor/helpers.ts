import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../../scripts/lib/repo.js";

const run = promisify(execFile);
const BIN = join(ROOT, "node_modules", ".bin");
export const EXAMPLES = join(ROOT, "node_modules", "@readme", "oas-examples");
export const FIXTURES = join(import.meta.dirname, "fixtures");

/**
 * A throwaway repository for add-vendor: specs/, packages/, the base tsconfig, and this checkout's
 * node_modules (so tsc, tsup and vitest run as they do here). Nothing is added to the real checkout.
 */
export function tempRepo(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), "captain-add-vendor-"));
  mkdirSync(join(root, "specs"));
  mkdirSync(join(root, "packages"));
  copyFileSync(join(ROOT, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** What `pnpm install` does for the new package in a workspace: link @captain-sdk/core (built dist). */
export function linkCore(root: string, name: string): void {
  const scope = join(root, "packages", name, "node_modules", "@captain-sdk");
  mkdirSync(scope, { recursive: true });
  symlinkSync(join(ROOT, "packages", "core"), join(scope, "core"));
}

async function tool(cwd: string, bin: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(join(BIN, bin), args, { cwd, env: { ...process.env, NO_COLOR: "1" } });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${bin} ${args.join(" ")} failed in ${cwd}:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/** `tsc --noEmit` over the package's src/ (which the test may have added a usage file to). */
export const typecheck = (dir: string) => tool(dir, "tsc", ["--noEmit", "-p", "."]);
/** The package's own build: tsup with the `tsup` field of its package.json (ESM, CJS, d.ts). */
export const build = (dir: string) => tool(dir, "tsup", []);
/** The generated smoke tests of every package under `root`, run by vitest. */
export const smokeTests = (root: string) => tool(root, "vitest", ["run", "--root", root, "--dir", "packages"]);

export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A loopback server that records every request and answers `{}` as JSON. */
export async function recorder(): Promise<{ url: string; requests: Received[]; close(): Promise<void> }> {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
