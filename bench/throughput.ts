import { type Call, rawFetch, rawFetchWithTimeout, sdkClient, sdkMethod, sdkOpFunction } from "./calls.js";
import { type ProfileSummary, profile } from "./profile.js";
import { median, rotated } from "./stats.js";

/**
 * Loopback throughput: requests a second to a `node:http` server on 127.0.0.1 in another process,
 * one request at a time and with 50 in flight, through Node's own fetch. Interleaved rounds as in
 * the per-call section; the figure of a case is the median of its rounds.
 */

export const RAW = "raw fetch";
/** Raw fetch plus what a per-attempt timeout alone costs (an AbortSignal and a timer per request). */
export const TIMEOUT_ONLY = "raw fetch + a timeout signal only";

export interface ThroughputResult {
  name: string;
  concurrency: number;
  requests: number;
  /** Median requests a second over the rounds. */
  rps: number;
  /** Best round. */
  best: number;
  /** Budget as a ratio to raw fetch (at least), when there is one. */
  budget?: number;
  missing?: string;
}

export interface ThroughputRun {
  rounds: number;
  results: ThroughputResult[];
  /** For each case that missed its budget: CPU profiles of one round of it and one of raw fetch (client side). */
  profiles: { name: string; ours: ProfileSummary; raw: ProfileSummary }[];
}

async function drive(call: Call, concurrency: number, requests: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests) {
      next++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return requests / ((performance.now() - started) / 1000);
}

export async function benchThroughput(
  root: string,
  baseUrl: string,
  { rounds = 9, sequential = 1000, concurrent = 2500 } = {},
): Promise<ThroughputRun> {
  const makers: [string, number | undefined, () => Promise<Call> | Call][] = [
    [RAW, undefined, () => rawFetch(baseUrl)],
    [TIMEOUT_ONLY, undefined, () => rawFetchWithTimeout(baseUrl)],
    ["ours: operation method", 0.95, () => sdkMethod(sdkClient(baseUrl))],
    ["ours: op function (modular entry)", 0.95, () => sdkOpFunction(baseUrl)],
  ];
  const results: ThroughputResult[] = [];
  const profiles: ThroughputRun["profiles"] = [];
  for (const [concurrency, requests] of [
    [1, sequential],
    [50, concurrent],
  ] as const) {
    const ready: { name: string; budget?: number; call: Call; samples: number[] }[] = [];
    for (const [name, budget, make] of makers) {
      try {
        const call = await make();
        await drive(call, concurrency, Math.min(requests, 300)); // connections and JIT warm
        ready.push({ name, ...(budget ? { budget } : {}), call, samples: [] });
      } catch (error) {
        results.push({
          name,
          concurrency,
          requests,
          rps: Number.NaN,
          best: Number.NaN,
          missing: (error as Error).message,
        });
      }
    }
    for (let r = 0; r < rounds; r++) {
      for (const x of rotated(ready, r)) x.samples.push(await drive(x.call, concurrency, requests));
    }
    for (const x of ready) {
      const raw = ready.find((y) => y.name === RAW);
      if (raw && x.budget && median(x.samples) / median(raw.samples) < x.budget)
        profiles.push({
          name: `${x.name}, ${concurrency} in flight`,
          ours: await profile(root, () => drive(x.call, concurrency, requests), 60),
          raw: await profile(root, () => drive(raw.call, concurrency, requests), 60),
        });
      results.push({
        name: x.name,
        concurrency,
        requests,
        rps: median(x.samples),
        best: Math.max(...x.samples),
        ...(x.budget ? { budget: x.budget } : {}),
      });
    }
  }
  const order = makers.map(([name]) => name);
  results.sort((a, b) => a.concurrency - b.concurrency || order.indexOf(a.name) - order.indexOf(b.name));
  return { rounds, results, profiles };
}
