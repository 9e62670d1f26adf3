import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { sharedTarballs } from "../helpers/tarballs.js";
import { run } from "../packaging/pack.js";

/**
 * Once for the whole `mcp` project: packs the MCP packages and what they depend on with pnpm (as
 * they would be published) and installs the tarballs with npm into a fresh project, the way a user
 * gets them from `npx @captain-sdk/<vendor>-mcp`. The tests start the installed bins.
 */

export const PACKAGES = ["core", "salescaptain", "chatcaptain", "mcp", "salescaptain-mcp", "chatcaptain-mcp"];

declare module "vitest" {
  export interface ProvidedContext {
    /** The temp project with the tarballs installed. */
    mcpProject: string;
    /** The tarballs, by package folder name. */
    mcpTarballs: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "captain-mcp-"));
  const tarballs: Record<string, string> = {};
  const packed = await sharedTarballs(PACKAGES.map((name) => `@captain-sdk/${name}`));
  for (const [i, name] of PACKAGES.entries()) tarballs[name] = packed[i]?.tarball ?? "";
  const consumer = join(dir, "consumer");
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "0.0.0" }));
  const install = await run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline", ...Object.values(tarballs)],
    { cwd: consumer, timeoutMs: 240_000 },
  );
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
  // The installed MCP SDK is the one the packages declare, not the workspace's copy.
  const sdk = JSON.parse(
    readFileSync(join(consumer, "node_modules", "@modelcontextprotocol", "sdk", "package.json"), "utf8"),
  ) as { version: string };
  if (!/^1\./.test(sdk.version)) throw new Error(`expected @modelcontextprotocol/sdk 1.x, got ${sdk.version}`);
  project.provide("mcpProject", consumer);
  project.provide("mcpTarballs", tarballs);
  return () => rmSync(dir, { recursive: true, force: true });
}
