// The worker thread of types-thread.ts: openapi-typescript (schema-types.ts) on each spec text it is sent.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// A worker does not inherit the TypeScript loader of its parent under vitest: tsx loads schema-types.ts.
const { schemaTypes } = await tsImport("./schema-types.ts", import.meta.url);

parentPort?.on("message", async ({ id, json }) => {
  try {
    parentPort?.postMessage({ id, types: await schemaTypes(json) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
