import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import type { TableOperation } from "../scripts/lib/build-table.js";
import { generateVendor } from "../scripts/lib/pipeline.js";
import { vendorPackageFiles } from "../scripts/lib/vendor-template.js";
import type { Vendor } from "../scripts/lib/vendors.js";

/**
 * Synthetic specs and vendor packages of any size, made by cloning SalesCaptain's operation under
 * new paths, operationIds and tags (20 operations a tag).
 */

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>>; tags?: unknown[] };

export function seedSpec(root: string): Doc {
  return parse(readFileSync(join(root, "specs", "salescaptain.yaml"), "utf8")) as Doc;
}

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

/** A vendor whose spec is `specFile` and whose package would live in `dir`. */
export function vendorAt(dir: string, specFile: string, name = "synthetic"): Vendor {
  return {
    name,
    specFile,
    format: specFile.endsWith(".json") ? "json" : "yaml",
    packageDir: dir,
    generatedDir: join(dir, "src", "generated"),
  };
}

export interface SyntheticPackage {
  dir: string;
  /** The package's main entry (source). */
  index: string;
  /** The modular entry (source), when the vendor template has one. */
  ops?: string;
  /** The operation cloned first: `sendMessage0`. */
  first: TableOperation;
}

/**
 * Writes a whole vendor package `Synthetic` of `operations` operations into `dir`, as `pnpm add-vendor`
 * lays it out (the vendor template) with `src/generated/` from the generator pipeline.
 */
export async function writeSyntheticPackage(root: string, operations: number, dir: string): Promise<SyntheticPackage> {
  mkdirSync(dir, { recursive: true });
  const specFile = join(dir, "synthetic.json");
  writeFileSync(specFile, JSON.stringify(syntheticSpec(seedSpec(root), operations)));
  const vendor = vendorAt(dir, specFile);
  const { files, table } = await generateVendor(vendor);
  const all = new Map(
    vendorPackageFiles({ name: "synthetic", displayName: "Synthetic", specFileName: "synthetic.json" }),
  );
  for (const [name, text] of files) all.set(join("src", "generated", name), text);
  for (const [name, text] of all) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const first = table.operations.find((op) => op.id === "sendMessage0");
  if (!first) throw new Error("the synthetic table has no sendMessage0");
  const ops = ["src/ops.ts", "src/generated/ops.ts"].map((f) => join(dir, f)).find((f) => existsSync(f));
  return { dir, index: join(dir, "src", "index.ts"), ...(ops ? { ops } : {}), first };
}

/**
 * Synthetic packages shared by the sections of one run (each size is generated once), in a folder
 * under the repository's node_modules/.cache so that `@captain-sdk/core` and `openapi-fetch`
 * resolve from there; `dispose()` removes it.
 */
export class SyntheticPackages {
  readonly dir: string;
  readonly #made = new Map<number, Promise<SyntheticPackage>>();
  constructor(readonly root: string) {
    const cache = join(root, "node_modules", ".cache");
    mkdirSync(cache, { recursive: true });
    this.dir = mkdtempSync(join(cache, "captain-bench-"));
  }
  get(operations: number): Promise<SyntheticPackage> {
    let made = this.#made.get(operations);
    if (!made) {
      made = writeSyntheticPackage(this.root, operations, join(this.dir, `synthetic-${operations}`));
      this.#made.set(operations, made);
    }
    return made;
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
