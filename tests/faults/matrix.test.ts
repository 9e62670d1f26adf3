import { ApiError, CaptainError } from "@captain-sdk/core";
import { afterAll, describe, expect, it } from "vitest";
import { refusedPort, startLoopback } from "../helpers/loopback.js";
import { CASES, type Expectation, type FaultCase, KEY } from "./cases.js";
import { captureLogger, expectNoSecret } from "./redaction.js";
import { GET_WAYS, invoke, isPathApi, type Outcome, POST_WAYS, type Way } from "./ways.js";

/**
 * The fault matrix: every case against a real counting node:http server on 127.0.0.1, through
 * every way of calling (vendor operation methods, the path API; a hand-made GET API for
 * idempotent cases). Each case also checks the debug log (one line per attempt) and that the key
 * shows nowhere: not in the error however it is rendered, not in any log line.
 */
const rows: string[] = [];

describe.each(CASES)("$name", (c) => {
  const ways: readonly Way[] = c.method === "POST" ? POST_WAYS : GET_WAYS;
  it.each(ways)("via %s", async (way) => {
    const { outcome, count, bodies, lines, elapsed, reason } = await run(c, way);
    rows.push(`| ${c.name} | ${way} | ${count} | ${summary(outcome, reason)} |`);

    expect(count, "requests the server received").toBe(c.requests);
    // Every attempt sends the same body, in full.
    if (c.method === "POST" && count > 0) expect(new Set(bodies)).toEqual(new Set([bodies[0]]));
    if (c.method === "POST") for (const body of bodies) expect(JSON.parse(body)).toBeTypeOf("object");
    check(c.expect, outcome, way, reason);
    if (c.minMs !== undefined) expect(elapsed).toBeGreaterThanOrEqual(c.minMs);
    if (c.maxMs !== undefined) expect(elapsed).toBeLessThan(c.maxMs);

    const attempts = lines.filter((l) => l.startsWith("debug "));
    expect(attempts, lines.join("\n")).toHaveLength(c.abort === "before" ? 0 : (c.attempts ?? c.requests));
    attempts.forEach((line, i) => {
      expect(line).toContain(`${c.method} /v1/`);
      expect(line).toContain(`attempt ${i + 1}/`);
      if (i < attempts.length - 1) expect(line).toMatch(/retrying in \d+ ms/);
    });
    expectNoSecret(
      outcome.kind === "data" ? undefined : outcome.kind === "http" ? outcome.error : outcome.error,
      lines,
      KEY,
    );
  });
});

afterAll(() => {
  console.log(["| case | way | requests received | outcome |", "|---|---|---|---|", ...rows].join("\n"));
});

async function run(c: FaultCase, way: Way) {
  const server = c.server ? await startLoopback(c.server) : undefined;
  const baseUrl = server?.url ?? `http://127.0.0.1:${await refusedPort()}`;
  const lines: string[] = [];
  const call: Record<string, unknown> = { ...c.call };
  const reason = new Error("the caller gave up");
  if (c.abort !== undefined) {
    const controller = new AbortController();
    if (c.abort === "before") controller.abort(reason);
    else setTimeout(() => controller.abort(reason), c.abort);
    call.signal = controller.signal;
  }
  const started = performance.now();
  try {
    const outcome = await invoke(
      way,
      { apiKey: KEY, baseUrl, retryBaseDelayMs: 5, logger: captureLogger(lines), logLevel: "debug", ...c.client },
      call,
    );
    const bodies = server?.requests.map((r) => r.body) ?? [];
    return { outcome, count: server?.count ?? 0, bodies, lines, elapsed: performance.now() - started, reason };
  } finally {
    await server?.close();
  }
}

function check(expectation: Expectation, outcome: Outcome, way: Way, reason: unknown): void {
  const shown = summary(outcome);
  if ("op" in expectation) {
    check(isPathApi(way) ? expectation.path : expectation.op, outcome, way, reason);
    return;
  }
  if ("ok" in expectation) {
    expect(outcome.kind, shown).toBe("data");
    return;
  }
  if ("aborted" in expectation) {
    expect(outcome.kind, shown).toBe("threw");
    expect(outcome.kind === "threw" && outcome.error).toBe(reason);
    return;
  }
  if ("throws" in expectation) {
    expect(outcome.kind, shown).toBe("threw");
    const error = outcome.kind === "threw" ? outcome.error : undefined;
    expect(error).toBeInstanceOf(expectation.throws);
    expect(error).toBeInstanceOf(CaptainError);
    if (expectation.notA) expect(error).not.toBeInstanceOf(expectation.notA);
    if (expectation.body !== undefined) expect((error as ApiError).body).toBe(expectation.body);
    return;
  }
  if (isPathApi(way)) {
    expect(outcome.kind, shown).toBe("http");
    if (outcome.kind !== "http") return;
    expect(outcome.status).toBe(expectation.status);
    if (expectation.body !== undefined) expect(outcome.error).toEqual(expectation.body);
    return;
  }
  expect(outcome.kind, shown).toBe("threw");
  const error = (outcome.kind === "threw" ? outcome.error : undefined) as ApiError;
  expect(error).toBeInstanceOf(expectation.cls);
  expect(error).toBeInstanceOf(ApiError);
  expect(error.status).toBe(expectation.status);
  expect(error.method).toBe(way.includes("GET") ? "GET" : "POST");
  expect(error.path).toMatch(/^\/v1\//);
  if (expectation.body !== undefined) expect(error.body).toEqual(expectation.body);
  expectation.check?.(error);
}

function summary(outcome: Outcome, reason?: unknown): string {
  if (outcome.kind === "data") return "data";
  if (outcome.kind === "threw" && reason !== undefined && outcome.error === reason)
    return "rejected with the abort reason";
  if (outcome.kind === "http") return `returned { error } with status ${outcome.status}`;
  const e = outcome.error as Error & { status?: number };
  return `threw ${e?.name ?? typeof e}${e?.status ? ` ${e.status}` : ""}`;
}
