import { Worker } from "node:worker_threads";

/**
 * openapi-typescript, run in a worker thread while the generator's own work (checks, operation
 * table, ops, docs, definition) goes on in this one: on two cores the slow step (seconds on a large
 * spec) hides the rest. One worker, started on first use and kept for the next spec; it holds the
 * process open only while a spec is in it. The answer is what `schemaTypes` (schema-types.ts) gives
 * in this thread, byte for byte; a failure comes back as an Error with openapi-typescript's message.
 */

interface Job {
  resolve(types: string): void;
  reject(error: Error): void;
}

/** The worker, and the jobs it has not answered yet. */
let current: { worker: Worker; jobs: Map<number, Job> } | undefined;
let lastId = 0;

function thread(): { worker: Worker; jobs: Map<number, Job> } {
  if (current) return current;
  const w = new Worker(new URL("./schema-types-worker.mjs", import.meta.url));
  const own = new Map<number, Job>();
  const settle = (id: number): Job | undefined => {
    const job = own.get(id);
    own.delete(id);
    if (own.size === 0) w.unref();
    return job;
  };
  w.on("message", (m: { id: number; types?: string; error?: string }) => {
    const job = settle(m.id);
    if (m.error !== undefined) job?.reject(new Error(m.error));
    else job?.resolve(m.types as string);
  });
  const fail = (error: Error) => {
    if (current?.worker === w) current = undefined;
    for (const id of [...own.keys()]) settle(id)?.reject(error);
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the openapi-typescript worker stopped (exit code ${code})`)));
  w.unref();
  current = { worker: w, jobs: own };
  return current;
}

/** A `schema.ts` body to come: `types` settles with it once `start()` is called. */
export interface TypesJob {
  types: Promise<string>;
  /** Runs openapi-typescript on the spec (sent and parsed already): call it once the spec is checked. */
  start(): void;
  /** The answer is no longer wanted: the worker forgets the spec (or its answer), the process may exit. */
  abandon(): void;
}

/**
 * Sends `json` (a spec as JSON text) to the worker thread, which parses it at once; openapi-typescript
 * runs on it when `start()` is called (after the spec's checks: it would follow an external `$ref`).
 */
export function typesInThread(json: string): TypesJob {
  const { worker: w, jobs: own } = thread();
  const id = ++lastId;
  const types = new Promise<string>((resolve, reject) => {
    own.set(id, { resolve, reject });
  });
  w.ref();
  w.postMessage({ id, json });
  let started = false;
  return {
    types,
    start() {
      if (started || !own.has(id)) return;
      started = true;
      w.postMessage({ id, go: true });
    },
    abandon() {
      types.catch(() => {});
      if (!own.delete(id)) return;
      if (!started) w.postMessage({ id, go: false });
      if (own.size === 0) w.unref();
    },
  };
}
