import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Starts a Prism mock (`@stoplight/prism-cli`) of an OpenAPI document on a free 127.0.0.1 port, in
 * its own process group, and stops it (the whole group) again. Framework-free: the contract tests
 * call it from beforeAll/afterAll, `pnpm demo` from its main function.
 */

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PRISM_BIN = join(ROOT, "node_modules", ".bin", "prism");

export interface PrismMock {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Milliseconds from spawning Prism to its first HTTP answer. */
  startupMs: number;
  /** Everything Prism printed so far (for failure messages). */
  output(): string;
  /** Kills the process group and waits for the exit. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Give up when Prism has not answered within this many ms. Default 30000. */
  timeoutMs?: number;
  /** Attempts on a port clash (another process took the free port first). Default 5. */
  attempts?: number;
}

/** The overlaid spec a vendor's Prism mock is started from. */
export function vendorSpecFile(vendor: string): string {
  return join(ROOT, "packages", vendor, "src", "generated", "openapi.json");
}

/** A port that was free a moment ago: listen on port 0, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no port assigned"))));
    });
  });
}

/** Process groups still running, killed synchronously if this process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  killGroup(child, "SIGTERM");
  if (!(await waitForExit(child, 3000))) {
    killGroup(child, "SIGKILL");
    await waitForExit(child, 3000);
  }
  running.delete(child);
}

class PortInUse extends Error {}

async function startOnce(specFile: string, port: number, timeoutMs: number): Promise<PrismMock> {
  const started = performance.now();
  const child = spawn(PRISM_BIN, ["mock", specFile, "-h", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    detached: true, // its own process group, so stop() can kill Prism and everything it spawned
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  running.add(child);
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const mock: PrismMock = {
    url,
    port,
    startupMs: 0,
    output: () => log,
    stop: () => stopChild(child),
  };
  try {
    while (performance.now() - started < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) {
        if (/EADDRINUSE/.test(log)) throw new PortInUse(log);
        throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before answering:\n${log}`);
      }
      if (/EADDRINUSE/.test(log)) throw new PortInUse(log);
      // Any HTTP answer (Prism says 404 for "/") means it is listening. Only our own process's
      // answer counts: a server that someone else started on the port would not print this line.
      if (/Prism is listening/.test(log)) {
        try {
          await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
          mock.startupMs = Math.round(performance.now() - started);
          return mock;
        } catch {
          // not yet
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Starts Prism on a free loopback port; retries with another port when the port was taken meanwhile. */
export async function startPrism(specFile: string, options: StartOptions = {}): Promise<PrismMock> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(specFile, await freePort(), options.timeoutMs ?? 30_000);
    } catch (error) {
      if (!(error instanceof PortInUse) || attempt >= attempts) throw error;
    }
  }
}
