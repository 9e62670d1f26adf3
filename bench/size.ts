import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

/** Bundle sizes: the size-limit budgets (gzip, with what each entry pulls in) and each dist file alone. */

export interface SizeRow {
  entry: string;
  "gzip kB": number;
  "budget kB": number | string;
}

export async function benchSize(root: string): Promise<SizeRow[]> {
  const { stdout } = await promisify(execFile)(join(root, "node_modules", ".bin", "size-limit"), ["--json"], {
    cwd: root,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "[]" }));
  const measured = JSON.parse(stdout) as { name: string; size: number; sizeLimit: number; passed: boolean }[];
  const rows: SizeRow[] = measured.map((m) => ({
    entry: `${m.name}${m.passed ? "" : "  OVER BUDGET"}`,
    "gzip kB": +(m.size / 1000).toFixed(2),
    "budget kB": +(m.sizeLimit / 1000).toFixed(1),
  }));
  for (const pkg of ["core", "chatcaptain", "salescaptain"]) {
    for (const file of ["index.js", "index.cjs"]) {
      const bytes = readFileSync(join(root, "packages", pkg, "dist", file));
      rows.push({
        entry: `packages/${pkg}/dist/${file} alone`,
        "gzip kB": +(gzipSync(bytes).length / 1000).toFixed(2),
        "budget kB": "-",
      });
    }
  }
  return rows;
}
