import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { generateVendor } from "../scripts/lib/pipeline.js";
import type { Vendor } from "../scripts/lib/vendors.js";

/**
 * The generation time curve: the whole pipeline (load, validate, table, openapi-typescript, emit)
 * on synthetic specs of growing size, made by cloning SalesCaptain's operation under new paths,
 * operationIds and tags.
 */

export interface GenerationRow {
  operations: number;
  "spec kB": number;
  "median ms": number;
  "ms per operation": number;
  "output kB": number;
}

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>>; tags?: unknown[] };

export function syntheticSpec(base: Doc, operations: number): Doc {
  const [template] = Object.values(base.paths).flatMap((item) => Object.values(item));
  if (!template) throw new Error("the base spec has no operation");
  const groups = Math.max(1, Math.ceil(operations / 20));
  const paths: Doc["paths"] = {};
  for (let i = 0; i < operations; i++) {
    const group = `Group ${i % groups}`;
    paths[`/v1/op-${i}/send-message/{company_id}/{conversation_id}`] = {
      post: { ...structuredClone(template), operationId: `sendMessage${i}`, tags: [group] },
    };
  }
  const tags = Array.from({ length: groups }, (_, g) => ({ name: `Group ${g}` }));
  return { ...structuredClone(base), paths, tags };
}

function vendorAt(dir: string, specFile: string): Vendor {
  return {
    name: "synthetic",
    specFile,
    format: "json",
    packageDir: dir,
    generatedDir: join(dir, "src", "generated"),
  };
}

export async function benchGeneration(root: string, sizes = [10, 50, 200, 1000]): Promise<GenerationRow[]> {
  const base = parse(readFileSync(join(root, "specs", "salescaptain.yaml"), "utf8")) as Doc;
  const dir = mkdtempSync(join(tmpdir(), "captain-gen-bench-"));
  try {
    const rows: GenerationRow[] = [];
    const warm = join(dir, "warmup.json");
    writeFileSync(warm, JSON.stringify(syntheticSpec(base, 5)));
    await generateVendor(vendorAt(dir, warm));
    for (const size of sizes) {
      const specFile = join(dir, `synthetic-${size}.json`);
      const text = JSON.stringify(syntheticSpec(base, size), null, 2);
      writeFileSync(specFile, text);
      const times: number[] = [];
      let outputBytes = 0;
      for (let run = 0; run < (size >= 1000 ? 2 : 3); run++) {
        const started = performance.now();
        const { files } = await generateVendor(vendorAt(dir, specFile));
        times.push(performance.now() - started);
        outputBytes = [...files.values()].reduce((sum, f) => sum + Buffer.byteLength(f), 0);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor((times.length - 1) / 2)] ?? Number.NaN;
      rows.push({
        operations: size,
        "spec kB": Math.round(Buffer.byteLength(text) / 1000),
        "median ms": Math.round(median),
        "ms per operation": +(median / size).toFixed(2),
        "output kB": Math.round(outputBytes / 1000),
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
