import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../../scripts/lib/repo.js";

/**
 * The two commands as a maintainer runs them, against the real checkout: `sync-specs --dry-run`
 * (which must write nothing) and `spec-diff` (read-only). The write path is covered on temp copies.
 */
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const run = (script: string, args: string[]) => {
  const out = spawnSync(process.execPath, [TSX, join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: ROOT },
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
};

let dir: string;
let added: string;
beforeAll(() => {
  mkdirSync(join(ROOT, ".tmp"), { recursive: true });
  dir = mkdtempSync(join(ROOT, ".tmp", "sync-cli-"));
  const spec = parse(readFileSync(join(ROOT, "specs", "salescaptain.yaml"), "utf8")) as {
    paths: Record<string, unknown>;
  };
  spec.paths["/v1/health"] = {
    get: { tags: ["Health"], operationId: "getHealth", responses: { "200": { description: "OK" } } },
  };
  added = join(dir, "openapi.json");
  writeFileSync(added, JSON.stringify(spec));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pnpm sync-specs (CLI)", () => {
  it("--dry-run classifies and says what it would write, and writes nothing", () => {
    const specBefore = readFileSync(join(ROOT, "specs", "salescaptain.yaml"), "utf8");
    const changesetsBefore = readdirSync(join(ROOT, ".changeset"));
    const report = join(dir, "report.md");
    const { code, stdout } = run("sync-specs.ts", [
      "--vendor",
      "salescaptain",
      "--from",
      `salescaptain=${added}`,
      "--dry-run",
      "--report",
      report,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(`salescaptain: ${added} changed the spec: minor (1 change)`);
    expect(stdout).toContain("  - [non-breaking] Added operation GET /v1/health");
    expect(stdout).toMatch(
      /dry run: would write the spec, regenerate and add \.changeset\/sync-salescaptain-[0-9a-f]{10}\.md \(@captain-sdk\/salescaptain patch \(0\.1\.0 is below 1\.0: a minor change is released as a patch\)\)/,
    );
    expect(stdout).toMatch(/1 vendor\(s\) changed, 0 up to date, 0 failed/);
    expect(readFileSync(join(ROOT, "specs", "salescaptain.yaml"), "utf8")).toBe(specBefore);
    expect(readdirSync(join(ROOT, ".changeset"))).toEqual(changesetsBefore);
    // The pull-request body the spec-sync workflow uses.
    expect(readFileSync(report, "utf8")).toContain(
      "### @captain-sdk/salescaptain: minor change, `patch` bump\n\nSource: " +
        `${added}\n\n- \`non-breaking\` Added operation GET /v1/health\n`,
    );
  });

  it("a bad source exits 1 with the vendor, the source and the problem", () => {
    const missing = join(dir, "nope.json");
    const { code, stderr } = run("sync-specs.ts", ["--from", `salescaptain=${missing}`, "--vendor", "salescaptain"]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `error: salescaptain: ${missing}: no such file ${missing} (nothing was changed for salescaptain)`,
    );
  });

  it("a malformed --from is a usage error", () => {
    const { code, stderr } = run("sync-specs.ts", ["--from", "salescaptain"]);
    expect(code).toBe(2);
    expect(stderr).toContain('error: --from expects <vendor>=<url-or-path>, got "salescaptain"');
    expect(stderr).toContain("usage: pnpm sync-specs");
  });
});

describe("pnpm spec-diff (CLI)", () => {
  it("prints the level, the bump below 1.0 and every change", () => {
    const { code, stdout } = run("spec-diff.ts", ["salescaptain", "specs/salescaptain.yaml", added]);
    expect(code).toBe(0);
    expect(stdout.split("\n")).toEqual([
      "salescaptain: minor: changeset bump patch for @captain-sdk/salescaptain@0.1.0 (below 1.0: a minor change is released as a patch)",
      '  - [non-breaking] Added operation GET /v1/health  (paths["/v1/health"].get)',
      "",
    ]);
  });

  it("no change: says so", () => {
    const { code, stdout } = run("spec-diff.ts", ["chatcaptain", "specs/chatcaptain.json", "specs/chatcaptain.json"]);
    expect(code).toBe(0);
    expect(stdout).toBe("chatcaptain: no change (no changeset)\n");
  });

  it("usage and unknown vendor", () => {
    expect(run("spec-diff.ts", ["salescaptain"]).code).toBe(2);
    const unknown = run("spec-diff.ts", ["nosuch", "a", "b"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no vendor "nosuch"');
  });
});
