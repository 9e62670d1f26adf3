import { spawn } from "node:child_process";
import { createSalesCaptainClient, TimeoutError } from "@captain-sdk/salescaptain";
import { afterEach, describe, expect, it } from "vitest";
import { type Loopback, refusedPort, sendJson, startLoopback } from "../helpers/loopback.js";
import { KEY } from "./cases.js";
import { captureLogger } from "./redaction.js";
import { COMPANY_ID, CONVERSATION_ID } from "./ways.js";

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ARGS = { company_id: COMPANY_ID, conversation_id: CONVERSATION_ID, message_body: "Hello" };

/**
 * Runs one call in a fresh node process with timeoutMs and backoff far longer than the test, and
 * measures how long the process lives. A timer left behind by the call would keep it alive.
 */
function runChild(baseUrl: string, script: string): Promise<{ code: number | null; ms: number; out: string }> {
  const source = `
    import { createSalesCaptainClient } from "@captain-sdk/salescaptain";
    const sales = createSalesCaptainClient({
      apiKey: ${JSON.stringify(KEY)}, baseUrl: ${JSON.stringify(baseUrl)},
      timeoutMs: 600000, retryBaseDelayMs: 1, maxRetryDelayMs: 600000,
    });
    const args = ${JSON.stringify(ARGS)};
    ${script}
  `;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--input-type=module", "-e", source], { cwd: process.cwd() });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(killer);
      resolve({ code, ms: performance.now() - started, out });
    });
  });
}

describe("no timer outlives its call: a script exits as soon as its work is done", () => {
  const report = `.then((v) => console.log("done", JSON.stringify(v)), (e) => console.log("done", e.name))`;

  it("after a success (the connection kept alive)", async () => {
    server = await startLoopback((_r, res) => sendJson(res, 200, { id: "m_1" }));
    const { code, ms, out } = await runChild(server.url, `sales.conversations.sendMessage(args)${report};`);
    expect(out).toContain('done {"id":"m_1"}');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it("after an error status (503, POST, not retried)", async () => {
    server = await startLoopback((_r, res) => sendJson(res, 503, { message: "busy" }));
    const { code, ms, out } = await runChild(server.url, `sales.conversations.sendMessage(args)${report};`);
    expect(out).toContain("done InternalServerError");
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it("after a refused connection, retried then given up", async () => {
    const url = `http://127.0.0.1:${await refusedPort()}`;
    const { code, ms, out } = await runChild(url, `sales.conversations.sendMessage(args)${report};`);
    expect(out).toContain("done ConnectionError");
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it("after the caller aborts a hung call and a 429 wait", async () => {
    server = await startLoopback((r, res) => {
      if (r.url.includes("0000")) sendJson(res, 429, { message: "slow down" }, { "retry-after": "300" });
    });
    const script = `
      const hung = new AbortController();
      setTimeout(() => hung.abort(new Error("stop")), 100);
      await sales.conversations.sendMessage(args, { signal: hung.signal })${report};
      const waiting = new AbortController();
      setTimeout(() => waiting.abort(new Error("stop")), 100);
      const limited = { ...args, company_id: "00000000-0000-4000-8000-000000000000" };
      await sales.conversations.sendMessage(limited, { signal: waiting.signal })${report};
    `;
    const { code, ms, out } = await runChild(server.url, script);
    expect(out.match(/done Error/g)).toHaveLength(2);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(server.count).toBe(2);
  });
});

describe("a refused connection is retried for POST too: nothing was sent", () => {
  it("the server comes up during the backoff; it receives the message exactly once", async () => {
    const port = await refusedPort();
    const lines: string[] = [];
    const logger = captureLogger(lines);
    let starting: Promise<Loopback> | undefined;
    const sales = createSalesCaptainClient({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      retryBaseDelayMs: 300,
      logLevel: "debug",
      logger: {
        ...logger,
        debug: (message: string, ...data: unknown[]) => {
          logger.debug(message, ...data);
          starting ??= startLoopback((_r, res) => sendJson(res, 200, { id: "m_1" }), port);
        },
      },
    });
    const result = await sales.conversations.sendMessage(ARGS);
    server = await starting;
    expect(result).toEqual({ id: "m_1" });
    expect(server?.count).toBe(1);
    expect(lines[0]).toMatch(/-> ConnectionError \(attempt 1\/3, \d+ ms, retrying in \d+ ms\)/);
    expect(lines[1]).toMatch(/-> 200 \(attempt 2\/3/);
  });
});

describe("timeouts", () => {
  it("a body that trickles in slower than timeoutMs times out, though bytes keep arriving", async () => {
    server = await startLoopback((_r, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const tick = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(tick));
    });
    const sales = createSalesCaptainClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 300 });
    const started = performance.now();
    await expect(sales.conversations.sendMessage(ARGS)).rejects.toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.count).toBe(1);
  });
});
