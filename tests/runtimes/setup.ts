import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT, startPrism, vendorSpecFile } from "../helpers/prism.js";
import { sharedTarballs } from "../helpers/tarballs.js";
import { run } from "../packaging/pack.js";
import { startApi } from "./api.js";

/**
 * Once per `runtimes` run: the packed SDKs (shared, see tarballs.ts) installed with npm into one
 * throwaway app, the loopback API every runtime talks to, and a Prism mock of each vendor spec for
 * the examples. Every test file of the project uses these; teardown stops the servers and removes
 * the app.
 */

declare module "vitest" {
  export interface ProvidedContext {
    /** The throwaway app: the three tarballs, express and hono installed, tests/runtimes/app/* copied in. */
    appDir: string;
    /** The loopback API of api.ts. */
    apiUrl: string;
    prismChat: string;
    prismSales: string;
  }
}

export const PACKAGES = ["@captain-sdk/core", "@captain-sdk/chatcaptain", "@captain-sdk/salescaptain"];

/** The version the repo itself installed, so the app gets the same one. */
function rootVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const tarballs = await sharedTarballs(PACKAGES);
  const appDir = mkdtempSync(join(tmpdir(), "captain-runtimes-"));
  writeFileSync(
    join(appDir, "package.json"),
    JSON.stringify({ name: "runtime-matrix-app", private: true, version: "0.0.0", type: "module" }),
  );
  const install = await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      "--prefer-offline",
      ...tarballs.map((t) => t.tarball),
      `express@${rootVersion("express")}`,
      `hono@${rootVersion("hono")}`,
    ],
    { cwd: appDir, timeoutMs: 240_000 },
  );
  if (install.code !== 0) {
    rmSync(appDir, { recursive: true, force: true });
    throw new Error(`runtime matrix: npm install of the packed SDKs failed:\n${install.stderr}`);
  }
  cpSync(join(ROOT, "tests", "runtimes", "app"), appDir, { recursive: true });

  const [api, chat, sales] = await Promise.all([
    startApi(),
    startPrism(vendorSpecFile("chatcaptain")),
    startPrism(vendorSpecFile("salescaptain")),
  ]);
  project.provide("appDir", appDir);
  project.provide("apiUrl", api.url);
  project.provide("prismChat", chat.url);
  project.provide("prismSales", sales.url);
  console.log(`runtime matrix: app installed and servers up in ${Math.round(performance.now() - started)} ms`);

  return async () => {
    await Promise.all([api.close(), chat.stop(), sales.stop()]);
    rmSync(appDir, { recursive: true, force: true });
  };
}
