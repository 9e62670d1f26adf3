import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transform } from "esbuild";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, ROOT } from "../helpers/prism.js";
import { run } from "../packaging/pack.js";
import { bundleForBrowser, launchChromium, servePage } from "./browser.js";
import { SERVER_RUNTIMES, type ServerRuntime, scriptArgs, serverRuntimeBinary } from "./runtimes.js";
import { bundleWorker, startWorker } from "./workerd.js";

/**
 * examples/: type-checked (strict, exactOptionalPropertyTypes) against the workspace build, then
 * copied into the throwaway app and run on the packed SDKs against a Prism mock of each vendor
 * spec, in every runtime of the matrix they are written for.
 */

const EXAMPLES = join(ROOT, "examples");
const appDir = inject("appDir");
const prismChat = inject("prismChat");
const prismSales = inject("prismSales");
const dir = join(appDir, "examples");
const KEY = "test-key-examples-1234";

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NO_COLOR: "1",
  DENO_DIR: join(appDir, ".deno"),
  DENO_NO_UPDATE_CHECK: "1",
  CHATCAPTAIN_API_KEY: KEY,
  CHATCAPTAIN_BASE_URL: prismChat,
  SALESCAPTAIN_API_KEY: KEY,
  SALESCAPTAIN_BASE_URL: prismSales,
  ...extra,
});

/** TypeScript to the JavaScript a runtime without type stripping runs (imports untouched). */
async function toModule(name: string): Promise<string> {
  const { code } = await transform(readFileSync(join(EXAMPLES, `${name}.ts`), "utf8"), {
    loader: "ts",
    format: "esm",
    target: "es2022",
  });
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  return file;
}

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  cpSync(EXAMPLES, dir, { recursive: true });
});

it("type-check (strict, exactOptionalPropertyTypes, DOM and Node types)", async () => {
  const tsc = join(ROOT, "node_modules", ".bin", "tsc");
  const result = await run(tsc, ["-p", join(EXAMPLES, "tsconfig.json")], { timeoutMs: 120_000 });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.code).toBe(0);
});

describe.each(Object.keys(SERVER_RUNTIMES) as ServerRuntime[])("node-script.ts on %s", (name) => {
  it("sends one message through each SDK to the Prism mocks", async () => {
    const file = await toModule("node-script");
    const result = await run(serverRuntimeBinary(name), scriptArgs(name, file), {
      cwd: dir,
      env: env(),
      timeoutMs: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ChatCaptain: message \S+ is \S+\nSalesCaptain: \S.*\n$/);
  });
});

describe.each(["node20", "node22", "node24"] as const)("express-route.ts on %s", (name) => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGTERM");
  });

  it("forwards a message, and answers 400 for a bad one without calling ChatCaptain", async () => {
    const file = await toModule("express-route");
    const port = await freePort();
    child = spawn(serverRuntimeBinary(name), [file], {
      cwd: dir,
      env: env({ PORT: String(port) }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 20_000;
    while (!output.includes("listening on") && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(output).toBe(`listening on http://127.0.0.1:${port}\n`);

    const send = (body: unknown) =>
      fetch(`http://127.0.0.1:${port}/conversations/c_1/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const ok = await send({ text: "Hi from Express" });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ id: expect.any(String), status: expect.any(String) });
    const bad = await send({ text: 42 });
    expect(bad.status).toBe(400);
  });
});

describe("hono-worker.ts on workerd", () => {
  let worker: Miniflare | undefined;
  afterAll(async () => {
    await worker?.dispose();
  });

  it("builds as a Worker and forwards a message with the key from its bindings", async () => {
    worker = startWorker(await bundleWorker(dir, "hono-worker.ts"), {
      CHATCAPTAIN_API_KEY: KEY,
      CHATCAPTAIN_BASE_URL: prismChat,
    });
    const send = (body: unknown) =>
      (worker as Miniflare).dispatchFetch("http://worker.test/conversations/c_1/messages", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const ok = await send({ text: "Hi from a Worker" });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ id: expect.any(String), status: expect.any(String) });
    expect((await send({})).status).toBe(400);
  });
});

describe("browser-app in Chromium", () => {
  it("sends the message typed into the form, with dangerouslyAllowBrowser, across origins", async () => {
    const files = await bundleForBrowser(dir, { "main.js": "browser-app/main.ts" });
    const page = await servePage(readFileSync(join(EXAMPLES, "browser-app", "index.html"), "utf8"), files);
    const chromium = await launchChromium();
    try {
      const tab = await chromium.context.newPage();
      const errors: string[] = [];
      tab.on("pageerror", (error) => errors.push(String(error)));
      await tab.goto(`${page.url}/`);
      await tab.fill("input[name=apiKey]", KEY);
      await tab.fill("input[name=baseUrl]", prismChat);
      await tab.fill("input[name=text]", "Hi from the browser");
      await tab.click("button[type=submit]");
      await tab.waitForFunction(() =>
        /^(sent|not sent|ChatCaptain)/.test(document.querySelector("output")?.textContent ?? ""),
      );
      expect(await tab.textContent("output")).toMatch(/^sent: message \S+ is \S+$/);
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
      await page.close();
    }
  });
});
