// The worker thread of types-thread.ts: openapi-typescript (schema-types.ts) on each spec text it is sent.
// A spec is parsed as soon as it arrives, and typed on `go` (once the generator has checked it).
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// A worker does not inherit the TypeScript loader of its parent under vitest: tsx loads schema-types.ts.
const { typesOf } = await tsImport("./schema-types.ts", import.meta.url);

/** Parsed specs waiting for `go` (or `drop`), by job id: `{ doc }` or `{ error }`. */
const parsed = new Map();

parentPort?.on("message", async ({ id, json, go }) => {
  if (json !== undefined) {
    try {
      parsed.set(id, { doc: JSON.parse(json) });
    } catch (error) {
      parsed.set(id, { error });
    }
    return;
  }
  const spec = parsed.get(id);
  parsed.delete(id);
  if (!go || !spec) return;
  try {
    if (spec.error) throw spec.error;
    parentPort?.postMessage({ id, types: await typesOf(spec.doc) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
