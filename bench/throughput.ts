import { type Call, rawFetch, sdkClient, sdkMethod } from "./calls.js";

/** Requests per second over loopback with `concurrency` calls in flight, for a bounded number of requests. */

export interface ThroughputRow {
  case: string;
  concurrency: number;
  requests: number;
  "req/s": number;
  seconds: number;
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
  return (performance.now() - started) / 1000;
}

export async function benchThroughput(baseUrl: string, concurrency = 50, requests = 5000): Promise<ThroughputRow[]> {
  const cases: [string, Call][] = [
    ["raw fetch", rawFetch(baseUrl)],
    ["SDK operation method", sdkMethod(sdkClient(baseUrl))],
  ];
  const rows: ThroughputRow[] = [];
  for (const [name, call] of cases) {
    await drive(call, concurrency, Math.min(requests, 500)); // warm up connections and JIT
    const seconds = await drive(call, concurrency, requests);
    rows.push({
      case: name,
      concurrency,
      requests,
      "req/s": Math.round(requests / seconds),
      seconds: +seconds.toFixed(2),
    });
  }
  return rows;
}
