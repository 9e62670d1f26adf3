import { createSalesCaptainClient } from "@captain-sdk/salescaptain";
import { afterAll, expect, it } from "vitest";
import { type Loopback, sendJson, startLoopback } from "../helpers/loopback.js";
import { KEY } from "./cases.js";
import { COMPANY_ID, CONVERSATION_ID } from "./ways.js";

/**
 * Thousands of sends, 100 at a time, against a loopback server that rate-limits a share of them
 * (429 + retry-after-ms). The server records every message it accepts: each must arrive exactly
 * once, none missing, none twice. Bounded: SENDS messages, then the server stops.
 */
const SENDS = 3000;
const CONCURRENCY = 100;
const RETRY_AFTER_MS = 5;

let server: Loopback | undefined;
afterAll(async () => {
  await server?.close();
});

it(`delivers each of ${SENDS} messages exactly once at concurrency ${CONCURRENCY}, a share rate-limited`, async () => {
  const delivered = new Map<string, number>();
  const limited = new Map<string, number>();
  let served429 = 0;
  server = await startLoopback((r, res) => {
    const id = (JSON.parse(r.body) as { message_body: string }).message_body;
    const index = Number(id.slice(4));
    const times = limited.get(id) ?? 0;
    // Every 4th message is rate-limited once, every 20th twice: deterministic, 900 in all.
    const limit = index % 20 === 0 ? 2 : index % 4 === 0 ? 1 : 0;
    if (times < limit) {
      limited.set(id, times + 1);
      served429++;
      sendJson(
        res,
        429,
        { message: "slow down" },
        { "retry-after-ms": String(RETRY_AFTER_MS), "x-ratelimit-remaining": "0" },
      );
      return;
    }
    delivered.set(id, (delivered.get(id) ?? 0) + 1);
    sendJson(res, 200, { id: `srv_${index}`, status: "sent" });
  });

  let retries = 0;
  const sales = createSalesCaptainClient({
    apiKey: KEY,
    baseUrl: server.url,
    logLevel: "debug",
    logger: {
      debug: (message: string) => {
        if (message.includes("retrying in")) retries++;
      },
      info: () => {},
      warn: () => {},
      error: () => {},
    },
  });

  const latencies: number[] = [];
  const failures: unknown[] = [];
  let next = 0;
  let inFlight = 0;
  let peak = 0;
  const started = performance.now();
  async function worker() {
    while (next < SENDS) {
      const index = next++;
      const id = `msg-${String(index).padStart(6, "0")}`;
      const t = performance.now();
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        const sent = (await sales.conversations.sendMessage({
          company_id: COMPANY_ID,
          conversation_id: CONVERSATION_ID,
          message_body: id,
        })) as { id: string };
        expect(sent.id).toBe(`srv_${index}`);
      } catch (error) {
        failures.push(error);
      } finally {
        inFlight--;
        latencies.push(performance.now() - t);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wall = performance.now() - started;

  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(1);
  const duplicates = [...delivered.values()].filter((n) => n > 1).length;
  const missing = SENDS - delivered.size;
  console.log(
    [
      "load test (pnpm vitest run --project faults tests/faults/load.test.ts)",
      `  sends:            ${SENDS}`,
      `  concurrency:      ${CONCURRENCY} (peak in flight ${peak})`,
      `  requests served:  ${server.count}`,
      `  429s served:      ${served429} (retry-after-ms: ${RETRY_AFTER_MS})`,
      `  retries (client): ${retries}`,
      `  delivered:        ${delivered.size} unique, ${duplicates} duplicated, ${missing} missing, ${failures.length} failed`,
      `  wall time:        ${wall.toFixed(0)} ms (${((SENDS / wall) * 1000).toFixed(0)} sends/s)`,
      `  latency per send: p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms`,
    ].join("\n"),
  );

  expect(failures).toEqual([]);
  expect(peak).toBe(CONCURRENCY);
  expect(served429).toBe(SENDS / 4 + SENDS / 20);
  expect(retries).toBe(served429);
  expect(server.count).toBe(SENDS + served429);
  expect(delivered.size).toBe(SENDS);
  expect(duplicates).toBe(0);
  for (let i = 0; i < SENDS; i++) expect(delivered.get(`msg-${String(i).padStart(6, "0")}`)).toBe(1);
});
