import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/prism.js";
import { sharedTarballs } from "../helpers/tarballs.js";
import { type Packed, run } from "./pack.js";

/**
 * A user's view of the published packages: the three tarballs installed with npm into a fresh
 * project, used from an ESM script, a CJS script (both against a loopback server) and a TypeScript
 * file type-checked under moduleResolution node16 and bundler.
 */

const FIXTURES = join(ROOT, "tests", "packaging", "fixtures");
const CHAT_KEY = "test-key-1234";
const SALES_KEY = "test-key-5678";

interface Seen {
  method: string;
  url: string;
  authOk: boolean;
  body: unknown;
}

let dir: string;
let project: string;
let packed: Packed[] = [];
let server: Server;
let serverUrl: string;
const seen: Seen[] = [];

/** A stand-in for both vendors' APIs: checks the key and answers in the shape each spec declares. */
function handle(req: IncomingMessage, res: ServerResponse): void {
  let raw = "";
  req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
  req.on("end", () => {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const url = req.url ?? "";
    const chat = /^\/v1\/inbox\/([^/]+)\/messages$/.exec(url);
    const sales = /^\/v1\/send-message\/([^/]+)\/([^/]+)$/.exec(url);
    const authOk = chat
      ? req.headers["x-chatcaptain-key"] === CHAT_KEY
      : req.headers.authorization === `Bearer ${SALES_KEY}`;
    seen.push({ method: req.method ?? "", url, authOk, body });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    if (req.method !== "POST" || !(chat || sales)) return send(404, { error: "not found" });
    if (!authOk) return send(401, { error: "Unauthorized access", code: "UNAUTHORIZED" });
    if (chat) {
      const file = body?.attachmentRef ? { attachmentRef: body.attachmentRef } : undefined;
      const message = { id: "m_1", sender: "agent", type: "text", status: "sent", created: "2026-01-01T00:00:00Z" };
      return send(201, { message: { ...message, outgoing: true, content: { text: body?.text, file }, tags: [] } });
    }
    send(200, {
      message: "Message sent successfully!",
      data: { conversation_id: decodeURIComponent(sales?.[2] ?? ""), body: body?.message_body, is_me: true },
    });
  });
}

function consumerScript(format: "esm" | "cjs"): string {
  const body = readFileSync(join(FIXTURES, "consumer-body.js"), "utf8");
  if (format === "esm") {
    return `import * as chatcaptain from "@captain-sdk/chatcaptain";
import * as salescaptain from "@captain-sdk/salescaptain";
import * as core from "@captain-sdk/core";
const format = "esm";
const resolved = import.meta.resolve("@captain-sdk/core");
${body}`;
  }
  return `const chatcaptain = require("@captain-sdk/chatcaptain");
const salescaptain = require("@captain-sdk/salescaptain");
const core = require("@captain-sdk/core");
const format = "cjs";
const resolved = require.resolve("@captain-sdk/core");
(async () => {
${body}
})().catch((error) => {
  console.error(error);
  process.exit(1);
});`;
}

function consumerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/^(CHATCAPTAIN|SALESCAPTAIN)_/.test(name)) delete env[name];
  return {
    ...env,
    CHATCAPTAIN_API_KEY: CHAT_KEY,
    SALESCAPTAIN_BASE_URL: serverUrl,
    CONSUMER_CHAT_URL: serverUrl,
    CONSUMER_SALES_KEY: SALES_KEY,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "captain-install-"));
  packed = await sharedTarballs();

  project = join(dir, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "0.0.0" }));
  const version = (name: string) =>
    (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  const install = await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      ...packed.map((p) => p.tarball),
      `typescript@${version("typescript")}`,
      `@types/node@${version("@types/node")}`,
    ],
    { cwd: project, timeoutMs: 180_000 },
  );
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.stderr}`);

  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("npm installed the tarballs, with openapi-fetch from the registry and no copy of core per package", async () => {
  const list = await run("npm", ["ls", "--all", "--json"], { cwd: project });
  const tree = JSON.parse(list.stdout) as { dependencies: Record<string, { dependencies?: Record<string, unknown> }> };
  expect(Object.keys(tree.dependencies)).toEqual(
    expect.arrayContaining(["@captain-sdk/core", "@captain-sdk/chatcaptain", "@captain-sdk/salescaptain"]),
  );
  expect(tree.dependencies["@captain-sdk/core"]?.dependencies).toHaveProperty("openapi-fetch");
  expect(list.code).toBe(0);
});

describe.each(["esm", "cjs"] as const)("%s consumer script", (format) => {
  it("sends through both SDKs both ways, gets the shared error classes and the env defaults", async () => {
    const file = join(project, `consumer.${format === "esm" ? "mjs" : "cjs"}`);
    writeFileSync(file, consumerScript(format));
    const before = seen.length;
    const result = await run("node", [file], { cwd: project, env: consumerEnv(), timeoutMs: 30_000 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;

    expect(out.resolved).toMatch(format === "esm" ? /dist\/index\.js$/ : /dist\/index\.cjs$/);
    expect(out.chatMethod).toBe(`Hi from ${format}`);
    expect(out.chatPath).toEqual({ status: 201, attachmentRef: "att_1" });
    expect(out.salesMethod).toBe(`Hello from ${format}`);
    expect(out.salesPath).toEqual({ status: 200, body: "via path" });
    expect(out.authError).toEqual({
      name: "AuthenticationError",
      status: 401,
      fromSales: true,
      fromChat: true,
      fromCore: true,
      apiError: true,
      captainError: true,
      keyShown: false,
    });
    expect(out.authPath).toEqual({ status: 401, data: null, hasError: true });
    expect(out.validation).toEqual({ fromCore: true, fromChat: true, captainError: true, issues: ["company_id"] });
    expect(out.defaultBaseUrl).toBe("https://api.salescaptain.com");
    expect(out.missingKey).toEqual({
      configurationError: true,
      message: expect.stringContaining("SALESCAPTAIN_API_KEY"),
    });

    // What the server saw: six requests (the invalid one never left), keys in the right headers,
    // the path parameter percent-encoded.
    const requests = seen.slice(before);
    expect(requests.map((r) => [r.url, r.authOk])).toEqual([
      ["/v1/inbox/bot_1/messages", true],
      ["/v1/inbox/bot%201%2Fx/messages", true],
      ["/v1/send-message/a1b2c3d4-e5f6-7890-abcd-ef1234567890/b2c3d4e5-f6a7-8901-bcde-f12345678901", true],
      ["/v1/send-message/a1b2c3d4-e5f6-7890-abcd-ef1234567890/b2c3d4e5-f6a7-8901-bcde-f12345678901", true],
      ["/v1/send-message/a1b2c3d4-e5f6-7890-abcd-ef1234567890/b2c3d4e5-f6a7-8901-bcde-f12345678901", false],
      ["/v1/send-message/a1b2c3d4-e5f6-7890-abcd-ef1234567890/b2c3d4e5-f6a7-8901-bcde-f12345678901", false],
    ]);
    expect(requests[0]?.body).toEqual({ conversationId: "c_1", text: `Hi from ${format}` });
  });
});

describe.each([
  ["node16", { module: "node16", moduleResolution: "node16" }, ["consumer.mts", "consumer.cts"]],
  ["bundler", { module: "esnext", moduleResolution: "bundler" }, ["consumer.mts"]],
] as const)("TypeScript consumer, moduleResolution %s", (name, resolution, files) => {
  it("type-checks with the installed typescript (strict, lib checks on), and the wrong calls do not compile", async () => {
    for (const file of files) copyFileSync(join(FIXTURES, "consumer.ts"), join(project, file));
    const tsconfig = {
      compilerOptions: {
        ...resolution,
        target: "ES2022",
        lib: ["ES2022"],
        types: ["node"],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
      },
      files,
    };
    writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify(tsconfig, null, 2));
    const result = await run(join(project, "node_modules", ".bin", "tsc"), ["-p", `tsconfig.${name}.json`], {
      cwd: project,
    });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);

    // The same file with one `@ts-expect-error` removed must fail: the checks above are live.
    const broken = readFileSync(join(FIXTURES, "consumer.ts"), "utf8").replace(
      "// @ts-expect-error text or attachmentRef must be present\n",
      "",
    );
    for (const file of files) writeFileSync(join(project, file), broken);
    const failing = await run(join(project, "node_modules", ".bin", "tsc"), ["-p", `tsconfig.${name}.json`], {
      cwd: project,
    });
    expect(failing.code).not.toBe(0);
    expect(failing.stdout).toMatch(/consumer\.mts\(\d+,\d+\): error TS2345/);
  });
});
