import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { GENERATION_BUDGET, type GenerationRun } from "./generation.js";
import { BASELINE, type PerCallRun, TWIN } from "./percall.js";
import type { ProfileSummary } from "./profile.js";
import type { SizeRun } from "./size.js";
import { mark, ratio, round } from "./stats.js";
import { RAW, type ThroughputRun, TIMEOUT_ONLY } from "./throughput.js";
import { TYPECHECK_BUDGET, type TypecheckRow } from "./typecheck.js";

/**
 * BENCHMARKS.md: one section a benchmark, each between markers, so that `pnpm bench size` rewrites
 * the size section and keeps the others (each section says when and where it was measured).
 */

export type SectionName = "percall" | "throughput" | "size" | "generation" | "typecheck";

export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

const num = (n: number, digits = 0) =>
  Number.isFinite(n) ? (round(n, digits) + 0).toLocaleString("en-US", { maximumFractionDigits: digits }) : "n/a";
const kB = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(2)} kB` : "n/a");

export function perCallSection(run: PerCallRun): string {
  const base = run.results.find((r) => r.name === BASELINE)?.median ?? Number.NaN;
  const twin = run.results.find((r) => r.name === TWIN)?.median ?? Number.NaN;
  const twinRatio = `${(run.results.find((r) => r.name === TWIN)?.ratio ?? Number.NaN).toFixed(2)}×`;
  const rows = run.results.map((r) => [
    r.name,
    r.missing ? `not measured: ${r.missing}` : num(r.median, 1),
    num(r.fastest, 1),
    num(r.wall, 1),
    r.missing ? "n/a" : ratio(r.median, base),
    r.missing ? "n/a" : `${r.ratio.toFixed(2)}×`,
    r.budget
      ? r.missing
        ? `≤ ${r.budget.toFixed(2)}× ✗`
        : `≤ ${r.budget.toFixed(2)}× ${mark(r.median / base, r.budget)}`
      : "",
  ]);
  const profiles = run.profiles
    .map(
      (p) => `Where "${p.name}" spends more than ${p.baseName}: CPU profiles of the same number of calls of each,
self time (wall time: ours ${num(p.ours.totalMs)} ms, ${p.baseName} ${num(p.base.totalMs)} ms).

${compare(p.ours, p.base, "ours", p.baseName, "places")}

${compare(p.ours, p.base, "ours", p.baseName, "functions")}`,
    )
    .join("\n\n");
  return `The same SalesCaptain call (send one message; 1 KB JSON answer) through each contender, all given the
same in-process fetch: it builds \`new Request(input, init)\` as Node's fetch does, reads the body, and answers
with a fresh \`Response\`; no network. ${run.rounds} interleaved rounds (order shuffled each round, a full GC before
each batch, batches of about ${run.batchMs} ms of sequential calls). The figure is the **median** round's CPU time
a call (user + system time of the bench process, \`process.cpuUsage\`: what other processes on the machine do
inflates it far less than the wall clock), the least-CPU round and the median wall time beside it. The ratio
checked against the budget is that of the CPU medians; beside it, the paired ratio: in each round, the case's
CPU µs over bare openapi-fetch's in the same round, median over the rounds. Bare openapi-fetch is measured twice under two names:
**noise floor of this run: twin / baseline = ${ratio(twin, base)}** (paired: ${twinRatio}).

${table(["contender", "CPU µs a call (median)", "least-CPU round", "wall µs a call (median)", "vs bare openapi-fetch (CPU medians)", "paired ratio", "budget"], rows)}${
  profiles ? `\n\n${profiles}` : ""
}`;
}

export function throughputSection(run: ThroughputRun): string {
  const rows = run.results.map((r) => {
    const raw = run.results.find((x) => x.name === RAW && x.concurrency === r.concurrency)?.rps ?? Number.NaN;
    const q = r.rps / raw;
    return [
      r.name,
      r.concurrency === 1 ? "1 (sequential)" : String(r.concurrency),
      num(r.requests),
      r.missing ? `not measured: ${r.missing}` : num(r.rps),
      num(r.best),
      r.missing ? "n/a" : ratio(r.rps, raw),
      r.budget ? `≥ ${r.budget.toFixed(2)}× ${!r.missing && q >= r.budget ? "✓" : "✗"}` : "",
    ];
  });
  const raw1 = run.results.find((x) => x.name === RAW && x.concurrency === 1)?.rps ?? Number.NaN;
  const missed = run.results.filter((r) => r.budget && r.concurrency === 1 && r.rps / raw1 < r.budget);
  const why = missed.length
    ? `\n\nOne at a time, a request costs ${num(1e6 / raw1)} µs with raw fetch; ${missed
        .map((r) => `${num(1e6 / r.rps - 1e6 / raw1)} µs more with "${r.name}"`)
        .join(
          ", ",
        )}. At a 0.95× budget the client may add at most ${num((1e6 / raw1) * (1 / 0.95 - 1))} µs a request over raw fetch; the per-call section gives our CPU cost a call over raw fetch, and its profile of our operation method against raw fetch says where it goes.`
    : "";
  const floor = [1, 50]
    .map((c) => {
      const at = (name: string) => run.results.find((x) => x.name === name && x.concurrency === c)?.rps ?? Number.NaN;
      const raw = at(RAW);
      const timeout = at(TIMEOUT_ONLY);
      if (!(raw > 0 && timeout > 0)) return "";
      const ours = run.results.filter((r) => r.budget && r.concurrency === c && r.rps > 0);
      return `- ${c === 1 ? "one at a time" : `${c} in flight`}: a timeout alone takes raw fetch to ${ratio(timeout, raw)} (${num(1e6 / timeout - 1e6 / raw)} µs more a request at that rate); against that floor, ${ours.map((r) => `"${r.name}" is at ${ratio(r.rps, timeout)}`).join(", ")}.`;
    })
    .filter(Boolean);
  const floorText = floor.length
    ? `\n\nWhat the timeout the policy requires costs by itself: "${TIMEOUT_ONLY}" is raw fetch with an AbortSignal and a timer per request, as any client enforcing a per-attempt timeout must give Node's fetch (undici follows the signal: a listener, \`setMaxListeners\`, a finalization registration per request).\n${floor.join("\n")}`
    : "";
  const profiles = run.profiles
    .map(
      (p) => `Where "${p.name}" spends more than raw fetch: CPU profiles of one round of each, client side, self time
(wall time: ours ${num(p.ours.totalMs)} ms, raw fetch ${num(p.raw.totalMs)} ms for the same requests).

${compare(p.ours, p.raw, "ours", "raw fetch", "places")}

${compare(p.ours, p.raw, "ours", "raw fetch", "functions")}`,
    )
    .join("\n\n");
  return `Requests a second to a \`node:http\` server on 127.0.0.1 in another process (it answers SalesCaptain's
200 body), through Node's own fetch (undici, keep-alive). ${run.rounds} interleaved rounds per concurrency;
the figure is the **median** round, the best beside it. Client and server share this machine's cores (and
whatever else runs on it): a ratio near the budget can flip between runs; the best rounds show the spread.

${table(["contender", "in flight", "requests a round", "req/s (median)", "best round", "vs raw fetch", "budget"], rows)}${why}${floorText}${
  profiles ? `\n\n${profiles}` : ""
}`;
}

export function sizeSection(run: SizeRun): string {
  const rows = run.rows.map((r) => [
    r.app,
    kB(r.min),
    Number.isFinite(r.gzip) ? `**${kB(r.gzip)}**` : `not measured: ${r.note ?? ""}`,
    r.budget ? `≤ ${kB(r.budget)} ${mark(r.gzip, r.budget) === "✓" && Number.isFinite(r.gzip) ? "✓" : "✗"}` : "",
  ]);
  const lines: string[] = [];
  if (run.perOperation) {
    const p = run.perOperation;
    lines.push(
      `- Full client, cost of one more operation: (${kB(p.at2N)} at ${num(2 * p.n)} operations − ${kB(p.atN)} at ${num(p.n)}) / ${num(p.n)} = **${num(p.bytes, 1)} bytes** min+gzip an operation.`,
    );
  }
  if (run.perOperationModular) {
    const p = run.perOperationModular;
    lines.push(
      `- Modular entry, cost of one more operation in the spec (one function imported): (${kB(p.at1000)} at 1,000 operations − ${kB(p.atSeed)} at the seed's 1) / 999 = **${num(p.bytes, 2)} bytes** an operation.`,
    );
  }
  const breakdowns = run.breakdowns
    .map(
      (b) => `What "${b.app}" holds: the same app bundled from the packages' source (minified, ${kB(b.total)} in all${
        b.gzip && b.gzipWithoutText
          ? `, ${kB(b.gzip)} min+gzip; with every string literal of 16 or more characters emptied (the error and log messages, the option names) ${kB(b.gzipWithoutText)}: the messages' text weighs ${kB(b.gzip - b.gzipWithoutText)}, the code ${kB(b.gzipWithoutText)}`
          : ""
      };
bytes by source file, as esbuild's metafile counts them after tree shaking):

${table(
  ["source file", "minified bytes"],
  b.files.slice(0, 15).map(([f, bytes]) => [f, num(bytes)]),
)}`,
    )
    .join("\n\n");
  return `A tiny browser app per contender that sends the same message on a click and shows the id: esbuild,
\`platform: "browser"\`, ESM, minified, tree-shaken, everything bundled; gzip level 9 of the output. Our seed
apps import the built packages (\`dist/\`, as published); the synthetic ones import the source of a vendor
package generated into a temp folder (vendor template + generator pipeline).

${table(["app", "min", "min+gzip", "budget"], rows)}
${lines.length ? `\n${lines.join("\n")}` : ""}${breakdowns ? `\n\n${breakdowns}` : ""}`;
}

export function generationSection(run: GenerationRun): string {
  const rows = run.rows.map((r) => [
    r.spec,
    num(r.operations),
    `${(r.specBytes / 1e6).toFixed(1)} MB`,
    num(r.alone),
    num(r.pipeline),
    ratio(r.pipeline, r.alone),
    `≤ ${GENERATION_BUDGET.toFixed(2)}× ${mark(r.pipeline / r.alone, GENERATION_BUDGET)}`,
  ]);
  return `The whole pipeline (\`generateVendor\`: load, overlay, validate, operation table, openapi-typescript,
emit) against openapi-typescript alone as its CLI runs it (the spec file's URL in, the types' text out), on
the same spec in the same warm process, in alternating runs (A B, B A, …); the **median** of ${run.rows[0]?.runs ?? "n/a"} runs each.

${table(["spec", "operations", "spec size", "openapi-typescript alone (ms)", "whole pipeline (ms)", "ratio", "budget"], rows)}${
  run.profile ? `\n\n${generationProfile(run.profile)}` : ""
}`;
}

/** Two profiles side by side, by place or by function, most extra time (a − b) first. */
function compare(
  a: ProfileSummary,
  b: ProfileSummary,
  nameA: string,
  nameB: string,
  by: "places" | "functions",
): string {
  const keys = [...new Set([...a[by], ...b[by]].map(([k]) => k))];
  const get = (s: ProfileSummary, k: string) => s[by].find(([w]) => w === k)?.[1] ?? 0;
  const rows = keys
    .map((k) => [k, get(a, k), get(b, k)] as const)
    .filter(([k, x, y]) => k && (x >= 0.5 || y >= 0.5))
    .sort((x, y) => y[1] - y[2] - (x[1] - x[2]))
    .slice(0, 15);
  return table(
    [by === "places" ? "where" : "function", `${nameA} (ms)`, `${nameB} (ms)`, "extra (ms)"],
    rows.map(([k, x, y]) => [by === "places" ? k : `\`${k}\``, num(x), num(y), num(x - y)]),
  );
}

function generationProfile(p: NonNullable<GenerationRun["profile"]>): string {
  return `Where the time goes on ${p.spec}: one CPU profile of the pipeline and one of openapi-typescript alone
(in-process sampling; self time, by where the code lives and by function; "extra" is what the pipeline spends
there beyond openapi-typescript alone). Wall time: pipeline ${num(p.pipeline.totalMs)} ms, alone ${num(p.alone.totalMs)} ms.

${compare(p.pipeline, p.alone, "pipeline", "openapi-typescript alone", "places")}

${compare(p.pipeline, p.alone, "pipeline", "openapi-typescript alone", "functions")}`;
}

export function typecheckSection(rows: TypecheckRow[]): string {
  return `\`tsc --noEmit\` of a small app that sends one message (and reads the id) through our SDK, against the
same app written with bare openapi-fetch over the same generated \`paths\`. Both read the vendor package as
declarations emitted by tsc (as from npm; skipLibCheck on, strict); alternating runs, **median** of ${rows[0]?.runs ?? "n/a"}.

${table(
  ["spec", "operations", "bare openapi-fetch (ms)", "our SDK (ms)", "ratio", "budget"],
  rows.map((r) => [
    r.spec,
    num(r.operations),
    num(r.bare),
    num(r.ours),
    ratio(r.ours, r.bare),
    `≤ ${TYPECHECK_BUDGET.toFixed(2)}× ${mark(r.ours / r.bare, TYPECHECK_BUDGET)}`,
  ]),
)}`;
}

export const TITLES: Record<SectionName, string> = {
  percall: "Per-call CPU (in-process fetch)",
  throughput: "Loopback throughput",
  size: "Bundle size (min+gzip)",
  generation: "Generation time",
  typecheck: "Consumer type-check time",
};

const ORDER: SectionName[] = ["percall", "throughput", "size", "generation", "typecheck"];

/**
 * Writes `file`: the header of this run, then every section, the new ones from `sections` and the
 * others as the previous file had them.
 */
export function writeReport(file: string, header: string, sections: Map<SectionName, string>, stamp: string): void {
  const previous = existsSync(file) ? readFileSync(file, "utf8") : "";
  const parts = ORDER.map((name) => {
    const body = sections.get(name);
    if (body !== undefined)
      return `<!-- bench:${name} -->\n## ${TITLES[name]}\n\n_Measured ${stamp}._\n\n${body}\n<!-- /bench:${name} -->`;
    const kept = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`).exec(previous)?.[0];
    return (
      kept ??
      `<!-- bench:${name} -->\n## ${TITLES[name]}\n\nNot measured yet: \`pnpm bench ${name}\`.\n<!-- /bench:${name} -->`
    );
  });
  writeFileSync(file, `${header}\n\n${parts.join("\n\n")}\n`);
}
