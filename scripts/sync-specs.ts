/**
 * `pnpm sync-specs [--vendor <name>]... [--from <vendor>=<url-or-path>]... [--dry-run] [--report <file>] [--root <repo>]`
 *
 * For every vendor with a source (`specs/<vendor>.source.json`, or `--from`): fetch the published
 * spec, check it, and when it says something new: write the spec (keeping its format), regenerate
 * `packages/<vendor>/src/generated/`, and write a changeset whose bump comes from the diff.
 * A vendor whose source is unreachable or malformed is reported and left untouched; the others go on.
 * Exit code 1 when any vendor failed.
 */
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "./lib/repo.js";
import { syncLines, syncMarkdown } from "./lib/sync/report.js";
import { declaredSource, parseFromArgs } from "./lib/sync/source.js";
import { SyncError } from "./lib/sync/sync-error.js";
import { type SyncResult, type SyncSource, syncVendor } from "./lib/sync/sync-vendor.js";
import { discoverVendors, type Vendor } from "./lib/vendors.js";

export interface SyncSpecsOptions {
  /** Vendors to consider (default: discovered from specs/). */
  all?: Vendor[];
  /** Only these vendors (default: every vendor that has a source). */
  vendors?: string[];
  /** `vendor -> url-or-path` overrides of the declared sources (relative paths: from `cwd`). */
  from?: Map<string, string | string[]>;
  dryRun?: boolean;
  timeoutMs?: number;
  changesetDir?: string;
  cwd?: string;
  log?: (line: string) => void;
}

export interface SyncSpecsResult {
  results: SyncResult[];
  errors: string[];
}

export async function syncSpecs(options: SyncSpecsOptions = {}): Promise<SyncSpecsResult> {
  const all = options.all ?? discoverVendors();
  const log = options.log ?? (() => {});
  const from = options.from ?? new Map<string, string | string[]>();
  const out: SyncSpecsResult = { results: [], errors: [] };
  const error = (message: string): void => {
    out.errors.push(message);
    log(`error: ${message}`);
  };
  const known = new Set(all.map((v) => v.name));
  for (const name of [...(options.vendors ?? []), ...from.keys()]) {
    if (!known.has(name)) error(`${name}: no such vendor (no spec in specs/)`);
  }
  if (out.errors.length > 0) return out;
  const selected = options.vendors?.length ? all.filter((v) => options.vendors?.includes(v.name)) : all;
  for (const vendor of selected) {
    let source: SyncSource | undefined;
    try {
      source = sourceOf(vendor, from.get(vendor.name), options.cwd);
    } catch (problem) {
      error(`${vendor.name}: ${(problem as Error).message}`);
      continue;
    }
    if (!source) {
      const message = `${vendor.name}: no source declared (add specs/${vendor.name}.source.json or pass --from)`;
      if (options.vendors?.includes(vendor.name)) error(message);
      else log(`${message}: skipped`);
      continue;
    }
    try {
      const result = await syncVendor(vendor, source, {
        changesetDir: options.changesetDir ?? join(ROOT, ".changeset"),
        dryRun: options.dryRun,
        timeoutMs: options.timeoutMs,
      });
      out.results.push(result);
      for (const line of syncLines(result, options.dryRun ?? false)) log(line);
    } catch (problem) {
      if (!(problem instanceof SyncError)) throw problem;
      error(`${problem.message} (nothing was changed for ${vendor.name})`);
    }
  }
  return out;
}

function sourceOf(
  vendor: Vendor,
  override: string | string[] | undefined,
  cwd = process.cwd(),
): SyncSource | undefined {
  const decl = declaredSource(vendor.sourceFile);
  // An override of a vendor whose pages come from a docs index replaces the index (a mirror, a test server).
  const index = decl?.index ? { declared: decl.index, ...(decl.include ? { include: decl.include } : {}) } : undefined;
  if (override) {
    if (index && Array.isArray(override))
      throw new Error("--from: give one docs index for a vendor whose source is an index");
    return { location: override, baseDir: cwd, ...(index ? { index, kind: decl?.kind } : {}) };
  }
  if (!decl || !vendor.sourceFile) return undefined;
  return {
    location: (decl.index ?? decl.url) as string | string[],
    kind: decl.kind,
    baseDir: dirname(vendor.sourceFile),
    ...(index ? { index } : {}),
  };
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli();
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    console.error(
      "usage: pnpm sync-specs [--vendor <name>]... [--from <vendor>=<url-or-path>]... [--dry-run] [--timeout <ms>] [--report <file>] [--root <repo>]",
    );
    process.exitCode = 2;
    return;
  }
  const { values, positionals, from, timeoutMs } = args;
  const started = performance.now();
  const root = values.root ? resolve(process.env.INIT_CWD ?? process.cwd(), values.root) : undefined;
  const { results, errors } = await syncSpecs({
    ...(root ? { all: discoverVendors(root), changesetDir: join(root, ".changeset") } : {}),
    vendors: [...(values.vendor ?? []), ...positionals],
    from,
    dryRun: values["dry-run"],
    timeoutMs,
    cwd: process.env.INIT_CWD ?? process.cwd(),
    log: (line) => (line.startsWith("error:") ? console.error(line) : console.log(line)),
  });
  if (values.report) writeFileSync(values.report, syncMarkdown(results, errors));
  const changed = results.filter((r) => r.status === "changed").length;
  console.log(
    `${changed} vendor(s) changed, ${results.length - changed} up to date, ${errors.length} failed (${Math.round(performance.now() - started)} ms)`,
  );
  if (errors.length > 0) process.exitCode = 1;
}

function parseCli() {
  const { values, positionals } = parseArgs({
    options: {
      vendor: { type: "string", multiple: true },
      from: { type: "string", multiple: true },
      "dry-run": { type: "boolean", default: false },
      timeout: { type: "string" },
      report: { type: "string" },
      root: { type: "string" },
    },
    allowPositionals: true,
  });
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new Error("--timeout expects milliseconds > 0");
  return { values, positionals, from: parseFromArgs(values.from ?? []), timeoutMs };
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
