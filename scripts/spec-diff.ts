/**
 * `pnpm spec-diff <vendor> <old> <new> [--raw]`
 *
 * Classifies the change between two versions of a vendor's spec (paths or URLs; raw JSON/YAML or a
 * Markdown page with the spec in a fenced block), each with the vendor's overlay applied (`--raw`:
 * without), and prints the level, the changesets bump it gives the package, and every change.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { releaseTypeFor } from "./lib/sync/bump.js";
import { type Classification, classifyChange } from "./lib/sync/classify.js";
import { extractSpec } from "./lib/sync/extract-spec.js";
import { fetchText } from "./lib/sync/fetch-source.js";
import { overlaid } from "./lib/sync/overlaid.js";
import { discoverVendors, type Vendor } from "./lib/vendors.js";

export async function specDiff(
  vendor: Vendor,
  oldLocation: string,
  newLocation: string,
  options: { raw?: boolean } = {},
): Promise<Classification> {
  const load = async (location: string) => {
    const { value } = extractSpec(await fetchText(location, { baseDir: process.env.INIT_CWD ?? process.cwd() }));
    return options.raw ? value : overlaid(value, vendor.overlayFile);
  };
  return classifyChange(await load(oldLocation), await load(newLocation));
}

export function diffLines(vendor: Vendor, result: Classification): string[] {
  const pkgFile = join(vendor.packageDir, "package.json");
  const pkg = existsSync(pkgFile)
    ? (JSON.parse(readFileSync(pkgFile, "utf8")) as { name: string; version: string })
    : undefined;
  const lines: string[] = [];
  if (result.level === "none") lines.push(`${vendor.name}: no change (no changeset)`);
  else {
    const release = pkg ? releaseTypeFor(result.level, pkg.version) : result.level;
    const at = pkg ? `${pkg.name}@${pkg.version}` : vendor.name;
    const below1 = release !== result.level ? ` (below 1.0: a ${result.level} change is released as a ${release})` : "";
    lines.push(`${vendor.name}: ${result.level}: changeset bump ${release} for ${at}${below1}`);
  }
  for (const change of result.changes) lines.push(`  - [${change.kind}] ${change.text}  (${change.path})`);
  return lines;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { raw: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const [name, oldLocation, newLocation] = positionals;
  if (!name || !oldLocation || !newLocation || positionals.length > 3) {
    console.error("usage: pnpm spec-diff <vendor> <old-spec> <new-spec> [--raw]");
    process.exitCode = 2;
    return;
  }
  const vendor = discoverVendors().find((v) => v.name === name);
  if (!vendor) {
    console.error(`error: no vendor "${name}" (no spec in specs/)`);
    process.exitCode = 1;
    return;
  }
  try {
    for (const line of diffLines(vendor, await specDiff(vendor, oldLocation, newLocation, { raw: values.raw }))) {
      console.log(line);
    }
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
