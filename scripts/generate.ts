/**
 * `pnpm generate [--check] [--vendor <name>]... [--root <repo>]`
 *
 * For every vendor discovered in specs/: load the spec, apply its overlay, validate, generate
 * `packages/<vendor>/src/generated/`. A bad spec names its file and place and leaves that vendor's
 * last good output untouched. `--check` writes nothing and fails when any output is stale.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { mcpOutputs } from "./lib/emit-mcp.js";
import { generateVendor, staleFiles, writeAtomically } from "./lib/pipeline.js";
import { rel } from "./lib/repo.js";
import { SpecError } from "./lib/spec-error.js";
import { discoverVendors, type Vendor } from "./lib/vendors.js";

export interface GenerateResult {
  written: string[];
  unchanged: string[];
  stale: string[];
  errors: string[];
  /** What the generator decided on its own (names chosen by the clash rule), to report. */
  notes: string[];
  /** Operations in each generated (or checked) vendor's table. */
  operations: Record<string, number>;
}

export async function generate(
  options: { check?: boolean; vendors?: string[]; all?: Vendor[]; root?: string } = {},
): Promise<GenerateResult> {
  const all = options.all ?? discoverVendors(options.root);
  const selected = options.vendors?.length ? all.filter((v) => options.vendors?.includes(v.name)) : all;
  const result: GenerateResult = { written: [], unchanged: [], stale: [], errors: [], notes: [], operations: {} };
  for (const name of options.vendors ?? []) {
    if (!all.some((v) => v.name === name)) result.errors.push(`no spec for vendor "${name}" in specs/`);
  }
  for (const vendor of selected) {
    if (!existsSync(vendor.packageDir)) {
      result.errors.push(
        `${rel(vendor.specFile)}: no package ${rel(vendor.packageDir)} (create it with \`pnpm add-vendor ${vendor.name} <spec>\`)`,
      );
      continue;
    }
    try {
      const { files, table, readme, doc } = await generateVendor(vendor);
      result.operations[vendor.name] = table.operations.length;
      for (const r of table.renames)
        result.notes.push(
          `${vendor.name}: ${r.namespace}.${r.from} (${r.id}) is named ${r.to} by the ${r.rule} clash rule`,
        );
      // The SDK's generated code, and the MCP server's tool table when the vendor has packages/<vendor>-mcp.
      const outputs: [string, Map<string, string>][] = [
        [vendor.generatedDir, files],
        ...mcpOutputs(vendor, doc, table),
      ];
      const stale = outputs.flatMap(([dir, f]) => staleFiles(dir, f));
      const readmeStale = readme !== undefined && readFileSync(readme.file, "utf8") !== readme.text;
      if (readme && readmeStale) {
        if (options.check) result.stale.push(rel(readme.file));
        else writeFileSync(readme.file, readme.text);
      }
      if (stale.length === 0) result.unchanged.push(vendor.name);
      else if (options.check) result.stale.push(...stale);
      else {
        for (const [dir, f] of outputs) writeAtomically(dir, f);
        result.written.push(vendor.name);
      }
    } catch (error) {
      if (error instanceof SpecError) result.errors.push(error.message);
      else throw error;
    }
  }
  return result;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      check: { type: "boolean", default: false },
      vendor: { type: "string", multiple: true },
      root: { type: "string" },
    },
    allowPositionals: true,
  });
  const vendors = [...(values.vendor ?? []), ...positionals];
  const started = performance.now();
  const root = values.root ? resolve(values.root) : undefined;
  const result = await generate({ check: values.check, vendors, root });
  for (const note of result.notes) console.log(`note: ${note}`);
  for (const name of result.written) console.log(`generated ${name}`);
  for (const name of result.unchanged) console.log(`up to date ${name}`);
  for (const file of result.stale) console.error(`stale: ${file}`);
  for (const message of result.errors) console.error(`error: ${message}`);
  if (result.stale.length) console.error("generated code is stale: run `pnpm generate` and commit the result");
  console.log(`(${Math.round(performance.now() - started)} ms)`);
  if (result.errors.length || result.stale.length) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
