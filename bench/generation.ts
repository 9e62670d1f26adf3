import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { generateVendor } from "../scripts/lib/pipeline.js";
import { type ProfileSummary, profile } from "./profile.js";
import { median } from "./stats.js";
import { seedSpec, syntheticSpec, vendorAt } from "./synthetic.js";

/**
 * Generation time: the whole pipeline (load, overlay, validate, operation table, openapi-typescript,
 * emit) against openapi-typescript alone (as its CLI runs it: the spec file's URL in, the types'
 * text out), on the same spec in the same process, in alternating runs; median of the runs. Specs:
 * synthetic ones cloned from SalesCaptain's operation, and GitHub's REST spec as `@octokit/openapi`
 * ships it.
 */

export const GENERATION_BUDGET = 1.2;

export interface GenerationRow {
  spec: string;
  operations: number;
  specBytes: number;
  runs: number;
  /** Median ms of the whole pipeline. */
  pipeline: number;
  /** Median ms of openapi-typescript alone. */
  alone: number;
}

export interface GenerationRun {
  rows: GenerationRow[];
  /** Where the time goes on one spec whose budget is missed: the pipeline, and openapi-typescript alone. */
  profile?: { spec: string; pipeline: ProfileSummary; alone: ProfileSummary };
}

export function githubSpecFile(root: string): string {
  const require = createRequire(join(root, "package.json"));
  return require.resolve("@octokit/openapi/generated/api.github.com.json");
}

async function openapiTypescriptAlone(specFile: string): Promise<number> {
  const started = performance.now();
  const text = astToString(await openapiTS(pathToFileURL(specFile), { silent: true }));
  if (!text.includes("export interface paths")) throw new Error("openapi-typescript gave no paths");
  return performance.now() - started;
}

async function pipeline(dir: string, specFile: string): Promise<{ ms: number; operations: number }> {
  const started = performance.now();
  const { table } = await generateVendor(vendorAt(dir, specFile));
  return { ms: performance.now() - started, operations: table.operations.length };
}

export async function benchGeneration(
  root: string,
  { sizes = [100, 1000, 5000], github = true, runs = 3, profileMissed = true } = {},
): Promise<GenerationRun> {
  const dir = mkdtempSync(join(tmpdir(), "captain-gen-bench-"));
  const base = seedSpec(root);
  try {
    const specs: { spec: string; file: string }[] = sizes.map((size) => {
      const file = join(dir, `synthetic-${size}.json`);
      writeFileSync(file, JSON.stringify(syntheticSpec(base, size), null, 2));
      return { spec: `synthetic, ${size.toLocaleString("en-US")} operations`, file };
    });
    if (github)
      specs.push({ spec: "GitHub REST (`@octokit/openapi`, api.github.com.json)", file: githubSpecFile(root) });
    // Warm both paths (module loading, JIT) on a small spec, outside the measurement.
    const warm = join(dir, "warmup.json");
    writeFileSync(warm, JSON.stringify(syntheticSpec(base, 5)));
    await pipeline(dir, warm);
    await openapiTypescriptAlone(warm);

    const rows: GenerationRow[] = [];
    for (const { spec, file } of specs) {
      const ours: number[] = [];
      const alone: number[] = [];
      let operations = 0;
      for (let run = 0; run < runs; run++) {
        // A B, B A, A B, ...: neither always runs first.
        const order = run % 2 ? ["alone", "pipeline"] : ["pipeline", "alone"];
        for (const which of order) {
          if (which === "alone") alone.push(await openapiTypescriptAlone(file));
          else {
            const r = await pipeline(dir, file);
            ours.push(r.ms);
            operations = r.operations;
          }
        }
      }
      rows.push({
        spec,
        operations,
        specBytes: statSync(file).size,
        runs,
        pipeline: median(ours),
        alone: median(alone),
      });
    }
    const run: GenerationRun = { rows };
    const missed = rows.filter((r) => r.pipeline / r.alone > GENERATION_BUDGET);
    // Profile a real spec that missed (GitHub's) before a synthetic one.
    const target =
      missed.find((r) => r.spec.startsWith("GitHub")) ?? missed.sort((a, b) => b.specBytes - a.specBytes)[0];
    if (profileMissed && target) {
      const file = specs.find((s) => s.spec === target.spec)?.file as string;
      run.profile = {
        spec: target.spec,
        pipeline: await profile(root, () => pipeline(dir, file), 60),
        alone: await profile(root, () => openapiTypescriptAlone(file), 60),
      };
    }
    return run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
