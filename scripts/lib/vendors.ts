import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./repo.js";

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
  /** The repository the vendor lives in (default: this one); file names in output are relative to it. */
  root?: string;
}

/** A vendor's spec file name: lower-case id, then .json, .yaml or .yml. */
export const SPEC_FILE = /^([a-z][a-z0-9-]*)\.(json|ya?ml)$/;

/** Every vendor, discovered from `<root>/specs/` (one spec file each), sorted by name. */
export function discoverVendors(root = ROOT): Vendor[] {
  const vendors: Vendor[] = [];
  for (const file of readdirSync(join(root, "specs")).sort()) {
    const match = SPEC_FILE.exec(file);
    if (!match) continue;
    const name = match[1] as string;
    vendors.push(vendorFor(name, join(root, "specs", file), root));
  }
  return vendors;
}

export function vendorFor(name: string, specFile: string, root = ROOT): Vendor {
  const specsDir = join(root, "specs");
  const overlayFile = [".yaml", ".yml", ".json"]
    .map((ext) => join(specsDir, "overlays", `${name}${ext}`))
    .find((f) => existsSync(f));
  const sourceFile = join(specsDir, `${name}.source.json`);
  const packageDir = join(root, "packages", name);
  return {
    name,
    specFile,
    format: specFile.endsWith(".json") ? "json" : "yaml",
    overlayFile,
    sourceFile: existsSync(sourceFile) ? sourceFile : undefined,
    packageDir,
    generatedDir: join(packageDir, "src", "generated"),
    ...(root === ROOT ? {} : { root }),
  };
}
