import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { generate } from "../../generate.js";
import type { Table } from "../build-table.js";
import { loadDocument } from "../load-spec.js";
import type { Rename } from "../naming.js";
import { generateVendor } from "../pipeline.js";
import { rel } from "../repo.js";
import { SpecError } from "../spec-error.js";
import type { Vendor } from "../vendors.js";
import { type ReleaseType, releaseTypeFor } from "./bump.js";
import { changesetFileName, changesetMarkdown, writeChangeset } from "./changeset.js";
import { openApiProblems } from "./check-openapi.js";
import { type ChangeLevel, classifyChange, levelOf, type SpecChange } from "./classify.js";
import { indexPages, pageLabel } from "./docs-index.js";
import { extractSpecs } from "./extract-spec.js";
import { fetchText } from "./fetch-source.js";
import { type MergedSpec, mergeSpecs, type SchemaVariant, type SourceBlock } from "./merge-specs.js";
import { methodChanges } from "./method-changes.js";
import { overlaid } from "./overlaid.js";
import type { SourceKind } from "./source.js";
import { SyncError } from "./sync-error.js";
import { renderSpec } from "./write-spec.js";

export interface SyncSource {
  /** URL or path; several when the vendor publishes one page per tag (merged in order). With `index`: the index's. */
  location: string | readonly string[];
  /** The pages are the ones a docs index lists (see docs-index.ts). */
  index?: { declared: string; include?: string };
  /** Undefined: detect (raw spec or Markdown page). */
  kind?: SourceKind;
  /** Base for a relative path. */
  baseDir?: string;
}

export interface SyncOptions {
  /** Where changesets go (`<root>/.changeset`). */
  changesetDir: string;
  dryRun?: boolean;
  timeoutMs?: number;
}

export interface SyncResult {
  vendor: string;
  source: string;
  /** `unchanged`: the fetched spec says what the file says; nothing was written. */
  status: "unchanged" | "changed";
  level: ChangeLevel;
  /** The changesets bump written (undefined when none). */
  release?: ReleaseType;
  packageName: string;
  version: string;
  changes: SpecChange[];
  /** Set when the diff was taken without the overlay (the old spec no longer takes it). */
  note?: string;
  /** What the sync decided on its own: pages found, schema copies named apart, names chosen by the clash rule. */
  notes?: string[];
  /** The pages synced (a docs index source), in order. */
  pages?: string[];
  variants?: SchemaVariant[];
  renames?: Rename[];
  /** Files written (none on a dry run or when unchanged). */
  written: string[];
  changesetFile?: string;
  changeset?: string;
}

/**
 * One vendor's update: fetch -> extract -> sanity-check each page -> merge the pages (one page per
 * tag) -> stage and generate from the new spec
 * (so a spec the generator rejects is found before anything is written) -> classify old vs new,
 * both with the overlay applied -> write the spec, regenerate, write the changeset.
 * Any failure before the writes throws a SyncError and leaves every file as it was.
 */
export async function syncVendor(vendor: Vendor, source: SyncSource, options: SyncOptions): Promise<SyncResult> {
  const locations = typeof source.location === "string" ? [source.location] : [...source.location];
  const where = locations.join(" + ");
  const fail = (problem: string): never => {
    throw new SyncError(vendor.name, where, problem);
  };

  // 1. find the pages (from the docs index, if any), fetch, extract and sanity-check every block, merge them
  const blocks: SourceBlock[] = [];
  let fetched: MergedSpec;
  let pages = locations;
  try {
    if (source.index) {
      const index = locations[0] as string;
      const text = await fetchText(index, { baseDir: source.baseDir, timeoutMs: options.timeoutMs }).catch(
        (error: Error) => {
          throw new Error(`the docs index ${index}: ${error.message}`);
        },
      );
      pages = indexPages(text, { declared: source.index.declared, fetchedFrom: index, include: source.index.include });
      if (pages.length === 0) {
        throw new Error(
          `the docs index ${index} lists no page${source.index.include ? ` under ${source.index.include}` : ""}; refusing to drop every operation`,
        );
      }
    }
    for (const location of pages) {
      try {
        const text = await fetchText(location, { baseDir: source.baseDir, timeoutMs: options.timeoutMs });
        for (const spec of extractSpecs(text, source.kind)) {
          const componentsOnly = spec.value.paths === undefined && typeof spec.value.components === "object";
          const problems = openApiProblems(spec.value).filter((p) => !(componentsOnly && p.startsWith("`paths`")));
          if (problems.length > 0) throw new Error(`not a usable OpenAPI 3.x spec: ${problems.join("; ")}`);
          blocks.push({ location, label: pageLabel(location), spec });
        }
      } catch (error) {
        // Name the page unless it is the one location the message already names (a docs index is not its pages).
        const named = pages.length > 1 || source.index !== undefined;
        throw new Error(named ? `${location}: ${(error as Error).message}` : (error as Error).message);
      }
    }
    fetched = mergeSpecs(blocks);
    const problems = openApiProblems(fetched.value);
    if (problems.length > 0)
      throw new Error(`the merged pages are not a usable OpenAPI 3.x spec: ${problems.join("; ")}`);
  } catch (error) {
    return fail((error as Error).message);
  }
  const pkg = readPackage(vendor);
  let current: ReturnType<typeof loadDocument>;
  try {
    current = loadDocument(vendor.specFile);
  } catch (error) {
    return fail(`the current spec cannot be read: ${(error as Error).message}`);
  }
  const base = {
    vendor: vendor.name,
    source: where,
    packageName: pkg.name,
    version: pkg.version,
    written: [] as string[],
  };
  const oldText = readFileSync(vendor.specFile, "utf8");
  const newText = renderSpec({ text: oldText, value: current.value, format: vendor.format }, fetched);
  if (newText === undefined) return { ...base, status: "unchanged", level: "none", changes: [] };

  // 2. stage: the generator must accept the new spec (with the overlay) before anything is written
  const { doc: newDoc, table: newTable } = await stageGenerate(vendor, newText, fail);

  // 3. classify, both sides overlaid: the diff of what SDK users see
  let oldDoc: Record<string, unknown>;
  let note: string | undefined;
  try {
    oldDoc = await overlaid(current.value, vendor.overlayFile);
  } catch (error) {
    oldDoc = current.value;
    note = `the current spec no longer takes the overlay (${(error as Error).message}); compared with the overlay on the new spec only`;
  }
  const classified = classifyChange(oldDoc, newDoc);
  const changes = [...methodChanges(oldDoc, newTable), ...classified.changes];
  const diffLevel = levelOf(changes);
  // What the merge and the naming decided on their own, for the reviewer.
  const pagesFile = source.index ? join(dirname(vendor.specFile), `${vendor.name}.pages.txt`) : undefined;
  const oldPages =
    pagesFile && existsSync(pagesFile) ? readFileSync(pagesFile, "utf8").split("\n").filter(Boolean) : [];
  const notes = [
    ...(source.index
      ? [
          `${pages.length} pages from the docs index${oldPages.length ? `: ${pages.filter((p) => !oldPages.includes(p)).length} added, ${oldPages.filter((p) => !pages.includes(p)).length} removed` : ""}`,
        ]
      : []),
    ...fetched.variants.map(
      (v) =>
        `schema ${v.schema} differs between pages: ${v.copies.map((c) => `${c.name} (${c.pages.join(", ")})`).join("; ")}`,
    ),
    ...newTable.renames.map(
      (r) => `${r.namespace}.${r.from} (${r.id}) is named ${r.namespace}.${r.to} by the ${r.rule} clash rule`,
    ),
  ];
  // The content changed (deep-unequal) even when the diff names nothing: still a release, a patch.
  const level: Exclude<ChangeLevel, "none"> = diffLevel === "none" ? "patch" : diffLevel;
  const release = releaseTypeFor(level, pkg.version);
  const changesetFile = changesetFileName(vendor.name, newText);
  const changeset = changesetMarkdown({
    packageName: pkg.name,
    version: pkg.version,
    vendor: vendor.name,
    source: where,
    level,
    release,
    changes,
    notes,
  });
  const result: SyncResult = {
    ...base,
    status: "changed",
    level,
    release,
    changes,
    note,
    notes,
    // Only a docs index source lists its pages (the report's "Pages synced"); a URL source names them in `source`.
    ...(source.index ? { pages: [...pages] } : {}),
    variants: fetched.variants,
    renames: newTable.renames,
    changesetFile,
    changeset,
  };
  if (options.dryRun) return result;

  // 4. write: spec, generated code (atomic), changeset; the spec is restored if generation fails
  writeFileSync(vendor.specFile, newText);
  try {
    const generated = await generate({ all: [vendor] });
    if (generated.errors.length > 0) throw new Error(generated.errors.join("; "));
  } catch (error) {
    writeFileSync(vendor.specFile, oldText);
    return fail(`regeneration failed, spec restored: ${(error as Error).message}`);
  }
  const changesetPath = writeChangeset(options.changesetDir, changesetFile, changeset);
  result.written.push(vendor.specFile, vendor.generatedDir, changesetPath);
  if (pagesFile) {
    writeFileSync(pagesFile, `${pages.join("\n")}\n`);
    result.written.push(pagesFile);
  }
  return result;
}

async function stageGenerate(
  vendor: Vendor,
  specText: string,
  fail: (problem: string) => never,
): Promise<{ doc: Record<string, unknown>; table: Table }> {
  const dir = mkdtempSync(join(tmpdir(), `captain-sync-${vendor.name}-`));
  const staged = join(dir, basename(vendor.specFile));
  try {
    writeFileSync(staged, specText);
    const { doc, table } = await generateVendor({
      ...vendor,
      specFile: staged,
      generatedDir: join(dir, "generated"),
      packageDir: join(dir, "package"),
    });
    return { doc, table };
  } catch (error) {
    if (error instanceof SpecError) {
      const message = error.message.split(rel(staged)).join(`fetched ${basename(vendor.specFile)}`);
      return fail(`the generator rejects the fetched spec: ${message}`);
    }
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readPackage(vendor: Vendor): { name: string; version: string } {
  const file = join(vendor.packageDir, "package.json");
  if (!existsSync(file)) {
    throw new SyncError(vendor.name, rel(vendor.specFile), `no package at ${rel(dirname(file))}`);
  }
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
  return { name: pkg.name ?? `@captain-sdk/${vendor.name}`, version: pkg.version ?? "0.0.0" };
}
