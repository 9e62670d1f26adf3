import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate } from "../../scripts/generate.js";
import { syncSpecs } from "../../scripts/sync-specs.js";
import { type Loopback, sendJson, startLoopback } from "../helpers/loopback.js";
import { makeTempRepo, specOf, type TempRepo } from "./temp-repo.js";
import { typeErrors } from "./typecheck.js";

/** The SalesCaptain spec plus one operation, served as JSON the way upstream serves openapi.json. */
function withPing(spec: Record<string, unknown>): Record<string, unknown> {
  const next = structuredClone(spec) as { paths: Record<string, unknown> };
  next.paths["/v1/ping/{company_id}"] = {
    get: {
      tags: ["Health"],
      operationId: "pingCompany",
      summary: "Ping a company",
      parameters: [{ name: "company_id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      responses: {
        "200": {
          description: "Alive",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["ok"],
                properties: { ok: { type: "boolean" }, at: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
  return next;
}

describe("sync: an additive change (a new operation) served by a loopback server", () => {
  let repo: TempRepo;
  let server: Loopback;
  let served: Record<string, unknown>;

  beforeEach(async () => {
    repo = makeTempRepo();
    served = withPing(specOf(repo.vendor("salescaptain")));
    server = await startLoopback((req, res) => {
      if (req.url === "/api-reference/openapi.json") sendJson(res, 200, served);
      else sendJson(res, 404, { error: "not found" });
    });
  });
  afterEach(async () => {
    await server.close();
    repo.remove();
  });

  it("is a minor change (a patch bump below 1.0), and the operation becomes a typed method", async () => {
    const lines: string[] = [];
    const before = repo.snapshot();
    const { results, errors } = await syncSpecs({
      all: repo.vendors,
      vendors: ["salescaptain"],
      from: new Map([["salescaptain", `${server.url}/api-reference/openapi.json`]]),
      changesetDir: repo.changesetDir,
      log: (line) => lines.push(line),
    });
    expect(errors).toEqual([]);
    const [result] = results;
    expect(result).toMatchObject({ status: "changed", level: "minor", release: "patch", version: "0.1.0" });
    expect(result?.changes.map((c) => `${c.kind}: ${c.text}`)).toEqual([
      "non-breaking: Added operation GET /v1/ping/{company_id}",
    ]);

    // The YAML spec stays YAML and says what was served (JSON); it gains lines and loses none:
    // the new operation is patched in, the rest keeps its layout byte for byte.
    const specText = repo.read("specs/salescaptain.yaml");
    expect(parse(specText)).toEqual(served);
    const oldLines = (before.get("specs/salescaptain.yaml") ?? "").split("\n");
    const newLines = specText.split("\n");
    let at = 0;
    for (const line of newLines) if (line === oldLines[at]) at++;
    expect(at).toBe(oldLines.length);
    expect(newLines.length - oldLines.length).toBeGreaterThan(10);

    // Regenerated without a hand edit: the method is in the table and in the typed interface.
    const definition = repo.read("packages/salescaptain/src/generated/definition.ts");
    expect(definition).toMatch(
      /pingCompany\(args: PingCompanyParams, options\?: RequestOptions\): Promise<PingCompanyResponse>;/,
    );
    const types = repo.read("packages/salescaptain/src/generated/types.ts");
    expect(types).toContain('export type PingCompanyParams = PathParams<paths["/v1/ping/{company_id}"]["get"]>;');
    expect(types).toContain(
      'export type PingCompanyResponse = ResponseBody<paths["/v1/ping/{company_id}"]["get"], 200, "application/json">;',
    );
    const check = await generate({ check: true, all: [repo.vendor("salescaptain")] });
    expect(check).toMatchObject({ stale: [], errors: [] });

    // Typed: the compiler accepts the right call and rejects a wrong one.
    const ok = [
      'import type { Operations } from "./generated/definition.js";',
      "declare const sales: Operations;",
      'const alive: Promise<{ ok: boolean; at?: string }> = sales.health.pingCompany({ company_id: "x" });',
      "void alive;",
    ].join("\n");
    expect(typeErrors(repo.vendor("salescaptain").packageDir, ok)).toEqual([]);
    const wrong = [
      'import type { Operations } from "./generated/definition.js";',
      "declare const sales: Operations;",
      "void sales.health.pingCompany({ company: 1 });",
    ].join("\n");
    expect(typeErrors(repo.vendor("salescaptain").packageDir, wrong).join("\n")).toMatch(/company/);

    // One changeset, for the package, with the bump and the readable change.
    const [name, ...more] = repo.changesets();
    expect(more).toEqual([]);
    expect(name).toMatch(/^sync-salescaptain-[0-9a-f]{10}\.md$/);
    const changeset = repo.read(`.changeset/${name}`);
    expect(changeset).toBe(
      [
        "---",
        '"@captain-sdk/salescaptain": patch',
        "---",
        "",
        `Spec update from upstream (${server.url}/api-reference/openapi.json): additive API change (semver minor); released as a patch while the package is 0.x.`,
        "",
        "- Added operation GET /v1/ping/{company_id}",
        "",
      ].join("\n"),
    );

    // Only the spec, the generated code and the changeset changed; chatcaptain was not touched.
    const after = repo.snapshot();
    const changed = [...after.keys()].filter((k) => before.get(k) !== after.get(k)).sort();
    expect(changed.filter((f) => !f.startsWith("packages/salescaptain/src/generated/"))).toEqual([
      `.changeset/${name}`,
      "packages/salescaptain/src/sync-typecheck.ts",
      "specs/salescaptain.yaml",
    ]);
    expect(lines.join("\n")).toMatch(/salescaptain: .* changed the spec: minor \(1 change\)/);
  });
});
