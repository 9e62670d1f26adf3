import { execFile } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { generateVendor, staleFiles } from "../../scripts/lib/pipeline.js";
import { ROOT } from "../../scripts/lib/repo.js";
import { discoverVendors } from "../../scripts/lib/vendors.js";
import { fixtureVendor, snapshot, tempRoot } from "./helpers.js";

const run = promisify(execFile);
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** `pnpm generate` as the CLI runs it; resolves with the exit code and the output. */
async function generateCli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ["scripts/generate.ts", ...args], { cwd: ROOT });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe("generation is deterministic", () => {
  it("gives byte-identical files for the same input, run after run", async () => {
    const root = tempRoot();
    const vendor = fixtureVendor(root, "fixture", "good.yaml");
    const a = await generateVendor(vendor);
    const b = await generateVendor(vendor);
    expect([...a.files.keys()].sort()).toEqual([
      "definition.ts",
      "index.ts",
      "openapi.json",
      "ops.ts",
      "schema.ts",
      "types.ts",
    ]);
    expect(b.files).toEqual(a.files);
  });

  it("reproduces every committed vendor's generated code exactly", async () => {
    const vendors = discoverVendors();
    expect(vendors.map((v) => v.name)).toEqual(expect.arrayContaining(["chatcaptain", "salescaptain"]));
    for (const vendor of vendors) {
      const { files } = await generateVendor(vendor);
      expect(staleFiles(vendor.generatedDir, files), vendor.name).toEqual([]);
      const again = await generateVendor(vendor);
      expect(again.files).toEqual(files);
    }
  });

  it("does not depend on where the repository is: a copy generates the same bytes", async () => {
    const root = tempRoot();
    cpSync(join(ROOT, "specs"), join(root, "specs"), { recursive: true });
    for (const vendor of discoverVendors()) {
      cpSync(vendor.generatedDir, join(root, "packages", vendor.name, "src", "generated"), { recursive: true });
    }
    for (const vendor of discoverVendors(root)) {
      const { files } = await generateVendor(vendor);
      expect(staleFiles(vendor.generatedDir, files), vendor.name).toEqual([]);
    }
  });
});

describe("pnpm generate --check", () => {
  it("passes on the committed tree", async () => {
    const { code, out } = await generateCli("--check");
    expect(out).toMatch(/up to date chatcaptain/);
    expect(out).toMatch(/up to date salescaptain/);
    expect(code, out).toBe(0);
  });

  it("fails after a spec edit (in a copy), writes nothing, and passes again after pnpm generate", async () => {
    const root = tempRoot();
    cpSync(join(ROOT, "specs"), join(root, "specs"), { recursive: true });
    for (const vendor of discoverVendors()) {
      cpSync(vendor.generatedDir, join(root, "packages", vendor.name, "src", "generated"), { recursive: true });
    }
    expect((await generateCli("--check", "--root", root)).code).toBe(0);

    const spec = join(root, "specs", "salescaptain.yaml");
    const text = readFileSync(spec, "utf8");
    const edited = text.replace(/^(\s+summary: )(.+)$/m, "$1$2 (edited)");
    expect(edited).not.toBe(text);
    writeFileSync(spec, edited);
    const generated = join(root, "packages", "salescaptain", "src", "generated");
    const before = snapshot(generated);

    const stale = await generateCli("--check", "--root", root);
    expect(stale.code).toBe(1);
    expect(stale.out).toMatch(/stale: .*salescaptain\/src\/generated\/definition\.ts/);
    expect(stale.out).toMatch(/up to date chatcaptain/);
    expect(stale.out).toMatch(/generated code is stale: run `pnpm generate`/);
    expect(snapshot(generated)).toEqual(before);

    const write = await generateCli("--root", root);
    expect(write.code, write.out).toBe(0);
    expect(write.out).toMatch(/generated salescaptain/);
    expect(readFileSync(join(generated, "definition.ts"), "utf8")).toMatch(/\(edited\)/);
    expect((await generateCli("--check", "--root", root)).code).toBe(0);
  });
});
