import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../../scripts/lib/repo.js";
import { discoverVendors, type Vendor } from "../../scripts/lib/vendors.js";

/**
 * A throwaway copy of the repository state a sync touches: specs/ (with overlays and sources),
 * each vendor's package.json and src/generated/, and .changeset/config.json. The sync functions
 * take Vendor objects, so they work on the copy and the checkout is never written.
 */
export interface TempRepo {
  dir: string;
  vendors: Vendor[];
  vendor(name: string): Vendor;
  changesetDir: string;
  /** Every file under the copy, path -> content: compare two snapshots to prove nothing changed. */
  snapshot(): Map<string, string>;
  /** The changeset files written (not config.json / README.md). */
  changesets(): string[];
  read(path: string): string;
  removeFile(path: string): void;
  remove(): void;
}

const VENDORS = ["chatcaptain", "salescaptain"] as const;

/**
 * The copies live under the repo's `.tmp/` (git-ignored), so that TypeScript finds
 * `@captain-sdk/core` from the copied generated code the way it does in the checkout.
 */
export function makeTempRepo(): TempRepo {
  mkdirSync(join(ROOT, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, ".tmp", "sync-test-"));
  cpSync(join(ROOT, "specs"), join(dir, "specs"), { recursive: true });
  cpSync(join(ROOT, ".changeset", "config.json"), join(dir, ".changeset", "config.json"));
  for (const name of VENDORS) {
    const pkg = join(ROOT, "packages", name);
    cpSync(join(pkg, "package.json"), join(dir, "packages", name, "package.json"));
    cpSync(join(pkg, "src", "generated"), join(dir, "packages", name, "src", "generated"), { recursive: true });
  }
  // The vendors of the copy, found the way the real ones are (paths and messages relative to it).
  const vendors = discoverVendors(dir);
  expect(vendors.map((v) => v.name)).toEqual([...VENDORS]);
  const changesetDir = join(dir, ".changeset");
  return {
    dir,
    vendors,
    changesetDir,
    vendor(name) {
      const found = vendors.find((v) => v.name === name);
      if (!found) throw new Error(`no vendor ${name}`);
      return found;
    },
    snapshot() {
      const files = new Map<string, string>();
      const walk = (d: string): void => {
        for (const entry of readdirSync(d).sort()) {
          const path = join(d, entry);
          if (statSync(path).isDirectory()) walk(path);
          else files.set(relative(dir, path), readFileSync(path, "utf8"));
        }
      };
      walk(dir);
      return files;
    },
    changesets() {
      return readdirSync(changesetDir).filter((f) => f.endsWith(".md") && f !== "README.md");
    },
    read(path) {
      return readFileSync(join(dir, path), "utf8");
    },
    removeFile(path) {
      rmSync(join(dir, path));
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The spec of a vendor in the copy, parsed (JSON or YAML). */
export function specOf(vendor: Vendor): Record<string, unknown> {
  const text = readFileSync(vendor.specFile, "utf8");
  return (vendor.format === "json" ? JSON.parse(text) : parse(text)) as Record<string, unknown>;
}

/** A ChatCaptain-style docs page: a heading, the spec on one line in a ```json fence, page chrome. */
export function markdownPage(spec: unknown, title = "Inbox messages"): string {
  return [
    `# ${title}`,
    "",
    "## Sends a new message on behalf of an agent",
    "",
    "> **Required Permission:** `chatbots.inbox.messages.send`",
    "",
    "```json",
    JSON.stringify(spec),
    "```",
    "",
    "---",
    "",
    "# Agent Instructions: Querying This Documentation",
    "",
    "```",
    "GET https://docs.example.test/page.md?ask=<question>",
    "```",
    "",
  ].join("\n");
}
