/**
 * `pnpm bench [overhead|throughput|size|generation ...]`: the SDK's per-request cost against raw
 * fetch, loopback throughput at concurrency 50, bundle sizes, and the generation time curve.
 * Figures depend on the machine; compare runs on the same one.
 */
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { benchGeneration } from "../bench/generation.js";
import { benchOverhead } from "../bench/overhead.js";
import { type BenchServer, startBenchServer } from "../bench/server.js";
import { benchSize } from "../bench/size.js";
import { benchThroughput } from "../bench/throughput.js";
import { ROOT } from "../tests/helpers/prism.js";

const SECTIONS = ["overhead", "throughput", "size", "generation"] as const;
type Section = (typeof SECTIONS)[number];

const asked = process.argv.slice(2).filter((a) => a !== "--");
const unknown = asked.filter((a) => !SECTIONS.includes(a as Section));
if (unknown.length) {
  console.error(`unknown section(s): ${unknown.join(", ")}; choose from ${SECTIONS.join(", ")}`);
  process.exit(2);
}
const sections = new Set<Section>(asked.length ? (asked as Section[]) : SECTIONS);

function heading(title: string): void {
  console.log(`\n${title}`);
}

let server: BenchServer | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  console.log(`Captain SDKs benchmarks: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}`);
  const build = spawnSync("pnpm", ["build", "--output-logs=errors-only"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`pnpm build failed:\n${build.stdout}${build.stderr}`);

  if (sections.has("overhead") || sections.has("throughput")) server = await startBenchServer();
  if (sections.has("overhead") && server) {
    heading("Per-request cost (tinybench, 2 s a case; SalesCaptain sendMessage, 1 KB JSON reply)");
    console.table(await benchOverhead(server.url));
  }
  if (sections.has("throughput") && server) {
    heading("Loopback throughput (5000 requests, 50 in flight, server in another process)");
    console.table(await benchThroughput(server.url, 50, 5000));
  }
  await server?.stop();
  if (sections.has("size")) {
    heading("Bundle size (size-limit, gzip, minified with everything the entry pulls in; budgets in .size-limit.json)");
    console.table(await benchSize(ROOT));
  }
  if (sections.has("generation")) {
    heading("Generation time (the whole pipeline on synthetic specs cloned from SalesCaptain's operation)");
    console.table(await benchGeneration(ROOT));
  }
}

try {
  await main();
} catch (error) {
  await server?.stop();
  console.error(error);
  process.exitCode = 1;
}
