import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/prism.js";
import { type Packed, publishedPackages, run } from "../packaging/pack.js";

/**
 * One set of packed tarballs for every suite that installs the SDKs as a user would: packed into
 * `.tmp/tarballs/`, and packed again only when a package's build, manifest or README is newer than
 * its tarball (so a second suite, or a second run on an unchanged build, packs nothing).
 */

export const TARBALL_DIR = join(ROOT, ".tmp", "tarballs");

function newestMtime(path: string): number {
  if (!existsSync(path)) return Number.POSITIVE_INFINITY;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Packs (or reuses) the named published packages; every name must be a published package. */
export async function sharedTarballs(names: readonly string[]): Promise<Packed[]> {
  const all = publishedPackages();
  const packed: Packed[] = [];
  for (const name of names) {
    const pkg = all.find((p) => p.name === name);
    if (!pkg) throw new Error(`${name} is not a published package under packages/`);
    if (!existsSync(join(pkg.dir, "dist"))) throw new Error(`${pkg.dir}/dist is missing: run \`pnpm build\` first`);
    const dest = join(TARBALL_DIR, name.replace(/^@/, "").replace("/", "-"));
    const inputs = Math.max(
      newestMtime(join(pkg.dir, "dist")),
      newestMtime(join(pkg.dir, "package.json")),
      newestMtime(join(pkg.dir, "README.md")),
    );
    const existing = existsSync(dest) ? readdirSync(dest).filter((f) => f.endsWith(".tgz")) : [];
    const tarball = existing.length === 1 ? join(dest, existing[0] as string) : undefined;
    if (tarball && statSync(tarball).mtimeMs > inputs) {
      packed.push({ name, dir: pkg.dir, tarball, bytes: statSync(tarball).size });
      continue;
    }
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    const result = await run("pnpm", ["pack", "--pack-destination", dest], { cwd: pkg.dir });
    const file = result.stdout.trim().split("\n").pop()?.trim() ?? "";
    if (result.code !== 0 || !file.endsWith(".tgz") || !existsSync(file)) {
      throw new Error(`pnpm pack failed in ${pkg.dir}:\n${result.stdout}\n${result.stderr}`);
    }
    packed.push({ name, dir: pkg.dir, tarball: file, bytes: statSync(file).size });
  }
  return packed;
}
