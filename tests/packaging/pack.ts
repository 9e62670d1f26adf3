import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../helpers/prism.js";

/** Packs the publishable packages with pnpm (which turns `workspace:^` into a version range). */

const execFileAsync = promisify(execFile);

export interface Packed {
  /** `@captain-sdk/core` */
  name: string;
  dir: string;
  tarball: string;
  bytes: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; never throws for a non-zero exit (the caller asserts on `code`). */
export async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? e.message };
  }
}

/** Every package under packages/ that is published (not private). */
export function publishedPackages(): { name: string; dir: string }[] {
  return readdirSync(join(ROOT, "packages"))
    .map((folder) => join(ROOT, "packages", folder))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name as string, dir }));
}

export async function packAll(destination: string): Promise<Packed[]> {
  const packed: Packed[] = [];
  for (const { name, dir } of publishedPackages()) {
    if (!existsSync(join(dir, "dist"))) throw new Error(`${dir}/dist is missing: run \`pnpm build\` first`);
    const result = await run("pnpm", ["pack", "--pack-destination", destination], { cwd: dir });
    if (result.code !== 0) throw new Error(`pnpm pack failed in ${dir}:\n${result.stderr}`);
    const tarball = result.stdout.trim().split("\n").pop()?.trim() ?? "";
    if (!tarball.endsWith(".tgz") || !existsSync(tarball))
      throw new Error(`pnpm pack printed no tarball:\n${result.stdout}`);
    packed.push({ name, dir, tarball, bytes: statSync(tarball).size });
  }
  return packed;
}

export function formatSizes(packed: Packed[]): string {
  return packed.map((p) => `${p.name.padEnd(28)} ${(p.bytes / 1024).toFixed(1).padStart(6)} kB packed`).join("\n");
}
