import { Bench } from "tinybench";
import { type Call, inMemoryFetch, rawFetch, sdkClient, sdkMethod, sdkPath } from "./calls.js";

/** Per-request cost of the SDK against raw fetch: over loopback HTTP, and with a fetch that stays in memory. */

export interface OverheadRow {
  case: string;
  "mean µs": number;
  "p99 µs": number;
  "ops/s": number;
  "vs raw fetch µs": number | string;
}

const signed = (n: number) => `${n >= 0 ? "+" : ""}${n}`;

const inMemoryRaw = ((input: string, init?: RequestInit) => inMemoryFetch(new Request(input, init))) as typeof fetch;

async function measure(cases: [string, Call][], timeMs: number): Promise<Map<string, { mean: number; p99: number }>> {
  const bench = new Bench({ time: timeMs, warmupTime: 300 });
  for (const [name, call] of cases) {
    await call(); // fail early, outside the measurement, if a case is broken
    bench.add(name, call);
  }
  await bench.run();
  const out = new Map<string, { mean: number; p99: number }>();
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== "completed") throw new Error(`${task.name}: ${result.state}`);
    out.set(task.name, { mean: result.latency.mean * 1000, p99: result.latency.p99 * 1000 });
  }
  return out;
}

export async function benchOverhead(baseUrl: string, timeMs = 2000): Promise<OverheadRow[]> {
  const http = sdkClient(baseUrl);
  const memory = sdkClient("http://127.0.0.1:9", inMemoryFetch);
  const groups: [string, [string, Call][]][] = [
    [
      "loopback HTTP",
      [
        ["raw fetch", rawFetch(baseUrl)],
        ["SDK operation method", sdkMethod(http)],
        ["SDK path API", sdkPath(http)],
      ],
    ],
    [
      "in-memory fetch",
      [
        ["raw fetch", rawFetch("http://127.0.0.1:9", inMemoryRaw)],
        ["SDK operation method", sdkMethod(memory)],
        ["SDK path API", sdkPath(memory)],
      ],
    ],
  ];
  const rows: OverheadRow[] = [];
  for (const [group, cases] of groups) {
    const results = await measure(cases, timeMs);
    const raw = results.get("raw fetch")?.mean ?? Number.NaN;
    for (const [name] of cases) {
      const r = results.get(name);
      if (!r) continue;
      rows.push({
        case: `${group}: ${name}`,
        "mean µs": Math.round(r.mean),
        "p99 µs": Math.round(r.p99),
        "ops/s": Math.round(1e6 / r.mean),
        "vs raw fetch µs": name === "raw fetch" ? "-" : signed(Math.round(r.mean - raw)),
      });
    }
  }
  return rows;
}
