import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { type Vendor, vendorFor } from "../../scripts/lib/vendors.js";

export const FIXTURES = join(import.meta.dirname, "fixtures");

const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A fresh repository-shaped folder (specs/, specs/overlays/, packages/), removed after the file's tests. */
export function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "captain-gen-"));
  mkdirSync(join(root, "specs", "overlays"), { recursive: true });
  mkdirSync(join(root, "packages"), { recursive: true });
  roots.push(root);
  return root;
}

/** Puts fixture `file` in `root` as vendor `name`'s spec (and `overlay` as its overlay), with a package folder. */
export function fixtureVendor(root: string, name: string, file: string, overlay?: string): Vendor {
  const ext = file.endsWith(".json") ? "json" : "yaml";
  for (const other of ["json", "yaml"]) rmSync(join(root, "specs", `${name}.${other}`), { force: true });
  const specFile = join(root, "specs", `${name}.${ext}`);
  copyFileSync(join(FIXTURES, file), specFile);
  const overlayFile = join(root, "specs", "overlays", `${name}.yaml`);
  rmSync(overlayFile, { force: true });
  if (overlay) copyFileSync(join(FIXTURES, overlay), overlayFile);
  mkdirSync(join(root, "packages", name), { recursive: true });
  return vendorFor(name, specFile, root);
}

/** Every file under `dir`, by relative name, as bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path.slice(dir.length + 1), readFileSync(path));
  }
  return out;
}
