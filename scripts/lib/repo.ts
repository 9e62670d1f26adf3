import { dirname, isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SPECS_DIR = join(ROOT, "specs");
export const OVERLAYS_DIR = join(SPECS_DIR, "overlays");
export const PACKAGES_DIR = join(ROOT, "packages");

/** A path relative to `root` (the repository by default), for messages; absolute when outside it. */
export function rel(path: string, root = ROOT): string {
  const r = relative(root, path);
  if (r.startsWith("..") || isAbsolute(r)) return path;
  return r || ".";
}
