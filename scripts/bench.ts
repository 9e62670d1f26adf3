/**
 * `pnpm bench [percall|throughput|size|generation|typecheck ...]`: builds the packages, measures,
 * prints each table and writes BENCHMARKS.md (machine, Node version, date; every ratio computed in
 * the run). With sections named, only those are measured and rewritten in BENCHMARKS.md.
 * The timing budgets of the issue are checked here (✓/✗), never in timed tests.
 */
import { spawnSync } from "node:child_process";
import { arch, cpus, platform, totalmem } from "node:os";
import { join } from "node:path";
import type { SectionName } from "../bench/report.js";
import type { BenchServer } from "../bench/server.js";
import type { SyntheticPackages } from "../bench/synthetic.js";
import { ROOT } from "./lib/repo.js";

const SECTIONS: SectionName[] = ["percall", "throughput", "size", "generation", "typecheck"];
/** Names `pnpm bench` took before; still accepted. */
const ALIASES: Record<string, SectionName> = { overhead: "percall" };

const asked = process.argv
  .slice(2)
  .filter((a) => a !== "--")
  .map((a) => ALIASES[a] ?? a);
const unknown = asked.filter((a) => !SECTIONS.includes(a as SectionName));
if (unknown.length) {
  console.error(`unknown section(s): ${unknown.join(", ")}; choose from ${SECTIONS.join(", ")}`);
  process.exit(2);
}
const sections = new Set<SectionName>(asked.length ? (asked as SectionName[]) : SECTIONS);

let server: BenchServer | undefined;
let synthetic: SyntheticPackages | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    synthetic?.dispose();
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
const machine = `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${arch()}`;

async function main(): Promise<void> {
  const started = performance.now();
  const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  console.log(`Captain SDKs benchmarks: Node ${process.version}, ${machine}, ${date}`);
  console.log("building the packages (pnpm build)…");
  const build = spawnSync("pnpm", ["build", "--output-logs=errors-only"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`pnpm build failed:\n${build.stdout}${build.stderr}`);
  // Only now: the bench modules import the built packages (dist/), which a fresh clone does not have yet.
  const { benchGeneration } = await import("../bench/generation.js");
  const { benchPerCall } = await import("../bench/percall.js");
  const report = await import("../bench/report.js");
  const { startBenchServer } = await import("../bench/server.js");
  const { benchSize } = await import("../bench/size.js");
  const { SyntheticPackages } = await import("../bench/synthetic.js");
  const { benchThroughput } = await import("../bench/throughput.js");
  const { benchTypecheck } = await import("../bench/typecheck.js");
  const { generationSection, perCallSection, sizeSection, TITLES, throughputSection, typecheckSection, writeReport } =
    report;

  const written = new Map<SectionName, string>();
  const section = async (name: SectionName, work: () => Promise<string>) => {
    if (!sections.has(name)) return;
    const t = performance.now();
    console.log(`\n… ${TITLES[name]}`);
    let markdown: string;
    try {
      markdown = await work();
    } catch (error) {
      process.exitCode = 1;
      console.error(error);
      markdown = `**This section failed in this run**: ${(error as Error).message}`;
    }
    console.log(`(${name}: ${((performance.now() - t) / 1000).toFixed(0)} s)\n\n## ${TITLES[name]}\n\n${markdown}\n`);
    written.set(name, markdown);
  };
  const packages = new SyntheticPackages(ROOT);
  synthetic = packages;
  try {
    // The CPU-bound sections first, with no server running beside them.
    await section("percall", async () => perCallSection(await benchPerCall(ROOT)));
    await section("throughput", async () => {
      const s = await startBenchServer();
      server = s;
      try {
        return throughputSection(await benchThroughput(ROOT, s.url));
      } finally {
        await s.stop();
        server = undefined;
      }
    });
    await section("size", async () => sizeSection(await benchSize(ROOT, packages)));
    await section("typecheck", async () => typecheckSection(await benchTypecheck(ROOT, packages)));
    await section("generation", async () => generationSection(await benchGeneration(ROOT)));
  } finally {
    packages.dispose();
  }

  const seconds = Math.round((performance.now() - started) / 1000);
  const stamp = `${date} on ${machine}, Node ${process.version}`;
  const header = `# Benchmarks

Written by \`pnpm bench\` (scripts/bench.ts, bench/); do not edit by hand. Every figure and ratio below
was measured and computed in a run of that script; the budgets are those of issue 9. Timings depend on the
machine and on what else runs on it: compare ratios from the same run, not absolute figures across runs.

- Machine: ${machine}
- Node: ${process.version}
- Date of the last run: ${date} (sections: ${[...written.keys()].join(", ")}; ${Math.floor(seconds / 60)} min ${seconds % 60} s with the build)
- Each section says when it was measured; \`pnpm bench <section>\` rewrites that section only.`;
  writeReport(join(ROOT, "BENCHMARKS.md"), header, written, stamp);
  console.log(`\nwrote BENCHMARKS.md (${seconds} s)`);
}

try {
  await main();
} catch (error) {
  await server?.stop();
  console.error(error);
  process.exitCode = 1;
}
