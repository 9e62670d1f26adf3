import { Session } from "node:inspector/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A CPU profile of `work` taken in this process (V8's sampling profiler, through the inspector),
 * summed into self time by function and by where the code lives: what `node --cpu-prof` would
 * show, without a file to open.
 */

export interface ProfileSummary {
  totalMs: number;
  /** Self time by function, most first: `name (file:line)`. */
  functions: [string, number][];
  /** Self time by place: a package, a repository file, Node's internals, GC. */
  places: [string, number][];
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function place(url: string, functionName: string, root: string): string {
  if (!url) return "(garbage collector)(program)(idle)".includes(functionName) ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const path = url.startsWith("file:") ? fileURLToPath(url) : url;
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1] as string;
  return relative(root, path);
}

export async function profile(root: string, work: () => Promise<unknown>, top = 12): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 200 });
    await session.post("Profiler.start");
    const started = performance.now();
    let failure: { error: unknown } | undefined;
    try {
      await work();
    } catch (error) {
      failure = { error };
    }
    const totalMs = performance.now() - started;
    const { profile: p } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
    if (failure) throw failure.error;
    return summarize(p, root, totalMs, top);
  } finally {
    session.disconnect();
  }
}

function summarize(p: Profile, root: string, totalMs: number, top: number): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const fns = new Map<string, number>();
  const places = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = place(url, functionName, root);
    const fn = `${functionName || "(anonymous)"} (${where}${url ? `:${lineNumber + 1}` : ""})`;
    fns.set(fn, (fns.get(fn) ?? 0) + ms);
    places.set(where, (places.get(where) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs, functions: sorted(fns), places: sorted(places) };
}
