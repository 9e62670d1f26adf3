import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildTable, type Table, TableError } from "./build-table.js";
import { checkSpec } from "./check-spec.js";
import { decodePointer } from "./compact-schema.js";
import { emitFiles } from "./emit.js";
import { withReadmeTable } from "./emit-docs.js";
import { loadDocument } from "./load-spec.js";
import { applyOverlay } from "./overlay.js";
import { rel } from "./repo.js";
import { SpecError } from "./spec-error.js";
import { typesInThread } from "./types-thread.js";
import type { Vendor } from "./vendors.js";

/**
 * The whole generator, top to bottom, for one vendor:
 * load -> apply overlay -> validate -> generate -> (the caller writes atomically).
 * Returns the overlaid spec and the files of `src/generated/`; throws SpecError on a bad input.
 */
export async function generateVendor(
  vendor: Vendor,
): Promise<{ doc: Record<string, unknown>; table: Table; files: Map<string, string>; readme?: Readme }> {
  // 1. load. A JSON spec with no overlay is the document as it stands: its text goes at once to the
  // thread of openapi-typescript (the slow step), which parses it while it is loaded and checked here.
  const specText = readFileSync(vendor.specFile, "utf8");
  let job = vendor.specFile.endsWith(".json") && !vendor.overlayFile ? typesInThread(specText) : undefined;
  try {
    const spec = loadDocument(vendor.specFile, specText);
    const overlayText = vendor.overlayFile ? readFileSync(vendor.overlayFile, "utf8") : undefined;
    const overlay = vendor.overlayFile ? loadDocument(vendor.overlayFile, overlayText) : undefined;
    // 2. overlay (the loaded spec is this call's own: it becomes the document, unchanged or overlaid)
    const doc = overlay ? await applyOverlay(spec.value, overlay) : spec.value;
    // 3. validate
    checkSpec(doc, spec, overlay);
    // 4. openapi-typescript, in its thread, on the checked document (as openapi.json has it, when its
    // text was not sent at once); the operation table and the rest of the files are made meanwhile here.
    const json = job ? undefined : JSON.stringify(doc, null, 2);
    job ??= typesInThread(json as string);
    job.start();
    let table: Table;
    try {
      table = buildTable(doc);
    } catch (error) {
      if (error instanceof TableError) {
        throw new SpecError(error.message, spec.file, spec.locate(error.path) ?? undefined);
      }
      throw error;
    }
    // 5. generate
    const types = job.types.catch((error: Error) => {
      // openapi-typescript names the JSON pointer it choked on: turn it into a place in the file.
      const pointer = /#(\/[^\s]*)/.exec(error.message)?.[1];
      const place = pointer ? spec.locate(pointer.split("/").slice(1).map(decodePointer)) : undefined;
      throw new SpecError(`openapi-typescript failed: ${error.message}`, spec.file, place);
    });
    const files = await emitFiles({
      inputs: [vendor.specFile, ...(vendor.overlayFile ? [vendor.overlayFile] : [])].map((f) => rel(f, vendor.root)),
      inputTexts: [specText, ...(overlayText ? [overlayText] : [])],
      doc,
      table,
      types,
      ...(json ? { json } : {}),
    });
    // 6. the package README's table of operations, when the package has a README
    const readmeFile = join(vendor.packageDir, "README.md");
    const readme = existsSync(readmeFile)
      ? { file: readmeFile, text: withReadmeTable(readFileSync(readmeFile, "utf8"), table) }
      : undefined;
    return { doc, table, files, ...(readme ? { readme } : {}) };
  } catch (error) {
    job?.abandon();
    throw error;
  }
}

/** A package README with its generated operations table, and where it goes. */
export interface Readme {
  file: string;
  text: string;
}

/** The names of files under `dir` that differ from `files` (missing, changed or extra). */
export function staleFiles(dir: string, files: Map<string, string>): string[] {
  const stale: string[] = [];
  for (const [name, text] of files) {
    const path = join(dir, name);
    if (!existsSync(path) || readFileSync(path, "utf8") !== text) stale.push(rel(path));
  }
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) if (!files.has(name)) stale.push(rel(join(dir, name)));
  }
  return stale;
}

/** Replaces `dir` with exactly `files`, via a sibling temp folder and renames: never half-written. */
export function writeAtomically(dir: string, files: Map<string, string>): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  const old = `${dir}.old-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(tmp, name), text);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}
