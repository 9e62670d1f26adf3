import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Packed, publishedPackages, run } from "../packaging/pack.js";
import { ROOT } from "./prism.js";

/**
 * One set of packed tarballs for every suite that installs the SDKs as a user would (packaging,
 * runtimes, mcp): packed with pnpm into `.tmp/tarballs/<package>/`, and packed again only when the
 * package's build, manifest or README is newer than its tarball. Suites running at once share the
 * work through a lock directory (its owner's pid inside, so a crashed run's lock is taken over).
 */

export const TARBALL_DIR = join(ROOT, ".tmp", "tarballs");
const LOCK = join(TARBALL_DIR, ".lock");

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function ownerAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(LOCK, "pid"), "utf8"));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(TARBALL_DIR, { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock just made may not have its pid yet: only a lock older than a few seconds is judged.
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5_000 && !ownerAlive()) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${LOCK}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function packOne(name: string, dir: string): Promise<Packed> {
  if (!existsSync(join(dir, "dist"))) throw new Error(`${dir}/dist is missing: run \`pnpm build\` first`);
  const dest = join(TARBALL_DIR, name.replace(/^@/, "").replace("/", "-"));
  const inputs = Math.max(
    newestMtime(join(dir, "dist")),
    newestMtime(join(dir, "package.json")),
    newestMtime(join(dir, "README.md")),
  );
  const existing = existsSync(dest) ? readdirSync(dest).filter((f) => f.endsWith(".tgz")) : [];
  const current = existing.length === 1 ? join(dest, existing[0] as string) : undefined;
  if (current && statSync(current).mtimeMs > inputs) {
    return { name, dir, tarball: current, bytes: statSync(current).size };
  }
  // Packed beside, then swapped in, so a reader never sees a half-written tarball.
  const fresh = `${dest}.new`;
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  const result = await run("pnpm", ["pack", "--pack-destination", fresh], { cwd: dir });
  const file = result.stdout.trim().split("\n").pop()?.trim() ?? "";
  if (result.code !== 0 || !file.endsWith(".tgz") || !existsSync(file)) {
    throw new Error(`pnpm pack failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  }
  rmSync(dest, { recursive: true, force: true });
  renameSync(fresh, dest);
  const tarball = join(dest, file.slice(fresh.length + 1));
  return { name, dir, tarball, bytes: statSync(tarball).size };
}

/** Packs (or reuses) the named published packages, in that order; default: every published package. */
export async function sharedTarballs(names?: readonly string[]): Promise<Packed[]> {
  const all = publishedPackages();
  const wanted = names ?? all.map((p) => p.name);
  return withLock(async () => {
    const packed: Packed[] = [];
    for (const name of wanted) {
      const pkg = all.find((p) => p.name === name);
      if (!pkg) throw new Error(`${name} is not a published package under packages/`);
      packed.push(await packOne(name, pkg.dir));
    }
    return packed;
  });
}
