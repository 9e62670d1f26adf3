import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { OVERLAYS_DIR, PACKAGES_DIR, SPECS_DIR } from "./repo.js";

export interface Vendor {
  /** Lower-case vendor id: the spec's file name, the package folder, `@captain-sdk/<name>`. */
  name: string;
  specFile: string;
  format: "json" | "yaml";
  /** `specs/overlays/<name>.yaml`, when the vendor has corrections. */
  overlayFile?: string;
  /** `specs/<name>.source.json`: where `pnpm sync-specs` fetches the spec from. */
  sourceFile?: string;
  packageDir: string;
  generatedDir: string;
}

const SPEC_FILE = /^([a-z][a-z0-9-]*)\.(json|ya?ml)$/;

/** Every vendor, discovered from `specs/` (one spec file each), sorted by name. */
export function discoverVendors(specsDir = SPECS_DIR): Vendor[] {
  const vendors: Vendor[] = [];
  for (const file of readdirSync(specsDir).sort()) {
    const match = SPEC_FILE.exec(file);
    if (!match) continue;
    const name = match[1] as string;
    vendors.push(vendorFor(name, join(specsDir, file)));
  }
  return vendors;
}

export function vendorFor(name: string, specFile: string): Vendor {
  const overlayFile = [".yaml", ".yml", ".json"]
    .map((ext) => join(OVERLAYS_DIR, `${name}${ext}`))
    .find((f) => existsSync(f));
  const sourceFile = join(SPECS_DIR, `${name}.source.json`);
  const packageDir = join(PACKAGES_DIR, name);
  return {
    name,
    specFile,
    format: specFile.endsWith(".json") ? "json" : "yaml",
    overlayFile,
    sourceFile: existsSync(sourceFile) ? sourceFile : undefined,
    packageDir,
    generatedDir: join(packageDir, "src", "generated"),
  };
}
