import {
  axiosPost,
  bareOpenapiFetch,
  type Call,
  inProcessFetch,
  kyPost,
  openaiPost,
  rawFetch,
  rawFetchWithTimeout,
  sdkClient,
  sdkMethod,
  sdkOpFunction,
  sdkPath,
} from "./calls.js";
import { type ProfileSummary, profile } from "./profile.js";
import { gc, median, shuffled } from "./stats.js";

/**
 * Per-call CPU cost on an in-process fetch (no network: every contender gets the same fetch, which
 * answers with a fresh Response). Interleaved rounds: in each round every case runs one batch of
 * sequential calls, in an order shuffled from round to round, after a full GC; the figure of a case
 * is the median of its rounds' CPU µs a call (this process's CPU time: other processes on the
 * machine slow the wall clock, much less this), wall-clock µs beside it. Bare openapi-fetch is measured twice, under two names:
 * the gap between the twins is the noise floor of the run.
 */

export const BASELINE = "bare openapi-fetch";
export const TWIN = "bare openapi-fetch (twin)";
export const RAW_FETCH = "raw fetch";
export const METHOD = "ours: operation method";

export interface PerCallCase {
  name: string;
  /** Budget as a ratio to the baseline, when the issue sets one. */
  budget?: number;
  make: () => Promise<Call> | Call;
}

export interface PerCallResult {
  name: string;
  /** Median over the rounds of CPU µs a call (this process's user + system time). */
  median: number;
  /** The round with the least CPU µs a call. */
  fastest: number;
  /** Median over the rounds of wall-clock µs a call. */
  wall: number;
  /**
   * Median over the rounds of (this case's CPU µs a call / the baseline's in the same round): pairs
   * measured a fraction of a second apart, so a change of load on the machine cancels out.
   */
  ratio: number;
  budget?: number;
  /** Why the case could not run, when it could not. */
  missing?: string;
}

export interface PerCallRun {
  rounds: number;
  batchMs: number;
  results: PerCallResult[];
  /**
   * CPU profiles of a loop of a case and of the same number of calls of a reference: each case that
   * missed its budget against bare openapi-fetch, and always our operation method against raw fetch.
   */
  profiles: { name: string; ours: ProfileSummary; baseName: string; base: ProfileSummary }[];
}

const BASE = "http://127.0.0.1:9";

export function perCallCases(): PerCallCase[] {
  const sdk = () => sdkClient(BASE, inProcessFetch);
  return [
    { name: RAW_FETCH, make: () => rawFetch(BASE, inProcessFetch) },
    { name: "raw fetch + a timeout signal only", make: () => rawFetchWithTimeout(BASE, inProcessFetch) },
    { name: BASELINE, make: () => bareOpenapiFetch(BASE, inProcessFetch) },
    { name: TWIN, make: () => bareOpenapiFetch(BASE, inProcessFetch) },
    { name: "ours: path API `client.POST`", budget: 1.1, make: () => sdkPath(sdk()) },
    { name: METHOD, budget: 1.05, make: () => sdkMethod(sdk()) },
    { name: "ours: op function (modular entry)", budget: 1.05, make: () => sdkOpFunction(BASE, inProcessFetch) },
    { name: "openai-node generic `post`", make: () => openaiPost(BASE, inProcessFetch) },
    { name: "ky", make: () => kyPost(BASE, inProcessFetch) },
    { name: "axios (fetch adapter)", make: () => axiosPost(BASE, inProcessFetch) },
  ];
}

/** µs a call of `n` sequential calls: CPU time of this process (user + system, all its threads), and wall time. */
async function batch(call: Call, n: number): Promise<{ cpu: number; wall: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) await call();
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / n, wall: ((performance.now() - started) * 1000) / n };
}

export async function benchPerCall(
  root: string,
  { rounds = 25, batchMs = 40, warmupRounds = 3, profileMs = 1500 } = {},
  cases = perCallCases(),
): Promise<PerCallRun> {
  const ready: { c: PerCallCase; call: Call; n: number; samples: number[]; wall: number[] }[] = [];
  const missing: PerCallResult[] = [];
  for (const c of cases) {
    try {
      const call = await c.make();
      await call(); // a broken case fails here, outside the measurement
      ready.push({ c, call, n: 200, samples: [], wall: [] });
    } catch (error) {
      missing.push({
        name: c.name,
        median: Number.NaN,
        fastest: Number.NaN,
        wall: Number.NaN,
        ratio: Number.NaN,
        missing: (error as Error).message,
      });
    }
  }
  for (let r = 0; r < warmupRounds; r++) {
    for (const x of shuffled(ready, r)) {
      gc();
      const { wall } = await batch(x.call, x.n);
      x.n = Math.max(200, Math.ceil((batchMs * 1000) / wall)); // the batch size that takes about batchMs
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (const x of shuffled(ready, r)) {
      gc();
      const { cpu, wall } = await batch(x.call, x.n);
      x.samples.push(cpu);
      x.wall.push(wall);
    }
  }
  const baseSamples = ready.find((y) => y.c.name === BASELINE)?.samples ?? [];
  const results: PerCallResult[] = cases.map((c) => {
    const x = ready.find((y) => y.c === c);
    if (!x) return missing.find((m) => m.name === c.name) as PerCallResult;
    return {
      name: c.name,
      median: median(x.samples),
      fastest: Math.min(...x.samples),
      wall: median(x.wall),
      ratio: median(x.samples.map((us, r) => us / (baseSamples[r] ?? Number.NaN))),
      ...(c.budget ? { budget: c.budget } : {}),
    };
  });
  const profiles: PerCallRun["profiles"] = [];
  const side = async (x: (typeof ready)[number], ref: (typeof ready)[number], us: number) => {
    // The same number of calls of each, so the two profiles add up the same work.
    const n = Math.ceil((profileMs * 1000) / us);
    profiles.push({
      name: x.c.name,
      ours: await profile(root, () => batch(x.call, n), 60),
      baseName: ref.c.name,
      base: await profile(root, () => batch(ref.call, n), 60),
    });
  };
  const baseline = ready.find((y) => y.c.name === BASELINE);
  for (const r of results) {
    const x = ready.find((y) => y.c.name === r.name);
    if (x && baseline && r.budget && r.median / median(baseline.samples) > r.budget) await side(x, baseline, r.median);
  }
  // Always: what our operation method adds over raw fetch (the gap that loopback throughput feels).
  const method = ready.find((y) => y.c.name === METHOD);
  const raw = ready.find((y) => y.c.name === RAW_FETCH);
  const methodResult = results.find((r) => r.name === METHOD);
  if (method && raw && methodResult) await side(method, raw, methodResult.median);
  return { rounds, batchMs, results, profiles };
}
