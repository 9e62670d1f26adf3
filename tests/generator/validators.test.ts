import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import type { OperationDefinition } from "../../packages/core/src/definition.js";
import { splitArgs } from "../../packages/core/src/operation.js";
import { validateOperation } from "../../packages/core/src/validate.js";
import { generateVendor } from "../../scripts/lib/pipeline.js";
import { ROOT } from "../../scripts/lib/repo.js";
import { vendorFor } from "../../scripts/lib/vendors.js";
import { tempRoot } from "./helpers.js";

/**
 * The generated validators (ops.ts) against core's schema interpreter, on a spec that uses every
 * keyword the generator compiles: both must give the same issues (paths, messages, order) for the
 * same arguments. tests/whole-api does the same on the vendors' whole APIs.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const ok = { "200": { description: "OK", ...json({ type: "object" }) } };

const schemas = {
  Node: {
    type: "object",
    required: ["name"],
    properties: { name: { type: "string", minLength: 1 }, children: { type: "array", items: ref("Node") } },
  },
  Shape: {
    oneOf: [
      { type: "object", required: ["radius"], properties: { radius: { type: "number", exclusiveMinimum: 0 } } },
      { type: "object", required: ["side"], properties: { side: { type: "integer", minimum: 1, maximum: 10 } } },
    ],
  },
};

const body = {
  type: "object",
  required: ["text", "kind"],
  additionalProperties: false,
  properties: {
    text: { type: "string", minLength: 2, maxLength: 5, pattern: "^[a-z]+$" },
    kind: { enum: ["a", "b", null] },
    fixed: { const: { x: 1 } },
    id: { type: "string", format: "uuid" },
    email: { type: "string", format: "email" },
    day: { type: "string", format: "date" },
    at: { type: "string", format: "date-time" },
    uri: { type: "string", format: "uri" },
    count: { type: "integer", format: "int32", multipleOf: 2 },
    ratio: { type: "number", minimum: 0, maximum: 1, exclusiveMaximum: true },
    either: { type: ["string", "integer"], minLength: 3, minimum: 5 },
    maybe: { type: "string", nullable: true, maxLength: 1 },
    orNull: { type: ["boolean", "null"] },
    anything: {},
    untyped: { minLength: 2, minimum: 3, minItems: 1, required: ["k"] },
    odd: { type: "file" },
    tags: { type: "array", minItems: 1, maxItems: 2, items: { type: "string" } },
    grid: { type: "array", items: { type: "array", items: { type: "integer" } } },
    map: { type: "object", additionalProperties: { type: "integer" } },
    open: { type: "object", additionalProperties: true, properties: { a: { type: "string" } } },
    known: { type: "object", additionalProperties: false, properties: { a: {}, b: { type: "string" } } },
    tree: ref("Node"),
    shape: ref("Shape"),
    both: {
      allOf: [
        { type: "object", required: ["p"] },
        { type: "object", required: ["q"] },
      ],
    },
    choice: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
    constructor: { type: "string" },
    __proto__: { type: "string" },
    "odd-key": { type: "boolean" },
  },
};

const spec = {
  openapi: "3.0.3",
  info: { title: "Checks", version: "1" },
  servers: [{ url: "https://api.example.com" }],
  paths: {
    "/things/{thingId}": {
      post: {
        operationId: "createThing",
        tags: ["things"],
        parameters: [
          { name: "thingId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 50 } },
          { name: "mode", in: "query", schema: { type: "string", enum: ["fast", "slow"] } },
          { name: "x-trace", in: "header", required: true, schema: { type: "string", pattern: "^t-" } },
          { name: "plain", in: "query", schema: {} },
          { name: "node", in: "query", schema: ref("Node") },
        ],
        requestBody: { required: true, ...json(body) },
        responses: ok,
      },
    },
    "/forms": {
      post: {
        operationId: "sendForm",
        tags: ["things"],
        requestBody: {
          content: {
            "application/x-www-form-urlencoded": {
              schema: { type: "object", required: ["a"], properties: { a: { type: "string", minLength: 2 } } },
            },
          },
        },
        responses: ok,
      },
    },
    "/shapes": {
      put: { operationId: "putShape", tags: ["things"], requestBody: json(ref("Shape")), responses: ok },
    },
  },
  components: { schemas },
};

const UUID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const valid: Record<string, Record<string, unknown>> = {
  createThing: {
    thingId: UUID,
    limit: 10,
    mode: "fast",
    "x-trace": "t-1",
    text: "abc",
    kind: "a",
    fixed: { x: 1 },
    id: UUID,
    email: "a@b.co",
    day: "2024-02-29",
    at: "2025-03-23T18:30:00Z",
    count: 4,
    ratio: 0.5,
    either: "abcd",
    maybe: null,
    orNull: true,
    tags: ["x"],
    grid: [[1, 2], [3]],
    map: { a: 1 },
    open: { a: "x", b: 2 },
    known: { a: 1, b: "y" },
    tree: { name: "root", children: [{ name: "leaf", children: [] }] },
    shape: { radius: 2 },
    both: { p: 1, q: 2 },
    choice: ["a"],
  },
  sendForm: { a: "xy" },
  putShape: { body: { side: 3 } },
};

const BAD = [
  null,
  42,
  2.5,
  -1,
  "",
  "x",
  "abcdef",
  "ABC",
  true,
  [],
  [1, "a"],
  {},
  { nested: { deep: [null] } },
  { x: 1 },
];

/** Valid arguments, and each argument left out or replaced by each bad value (nested ones too). */
function variants(args: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [args, {}, { ...args, unknownField: 1 }];
  for (const key of Object.keys(args)) {
    const { [key]: _dropped, ...without } = args;
    out.push(without);
    for (const bad of BAD) out.push({ ...args, [key]: bad });
    const value = args[key];
    if (value && typeof value === "object" && !Array.isArray(value))
      for (const inner of Object.keys(value))
        for (const bad of BAD) out.push({ ...args, [key]: { ...value, [inner]: bad } });
  }
  out.push({ ...args, tree: { name: "", children: [{ children: [{ name: 1 }] }] } });
  out.push({ ...args, shape: { radius: 0, side: 11 } }, { ...args, shape: {} });
  out.push({ ...args, ["__proto__"]: 1, constructor: 2, toString: "x", "odd-key": "no" });
  out.push({ ...args, kind: null, at: "2025-02-30T10:00:00Z", day: "2025-13-01", count: 2 ** 31 });
  out.push({ ...args, known: { c: 1, a: null }, map: { a: "x", b: undefined }, choice: [1] });
  out.push({ ...args, untyped: "a" }, { ...args, untyped: 1 }, { ...args, untyped: {} }, { ...args, untyped: [] });
  out.push({ ...args, either: 3 }, { ...args, either: "ab" }, { ...args, either: false });
  return out;
}

describe("generated validators", () => {
  it("give exactly the issues of core's schema interpreter, keyword by keyword", async () => {
    const root = tempRoot();
    const specFile = join(root, "specs", "checks.json");
    writeFileSync(specFile, JSON.stringify(spec));
    mkdirSync(join(root, "packages", "checks"), { recursive: true });
    const { files, table } = await generateVendor(vendorFor("checks", specFile, root));
    const ops = files.get("ops.ts") as string;
    // Compact code: calls of core's checks, no labelled blocks, no inline issue objects.
    expect(ops).not.toMatch(/^\w+: \{$/m);
    expect(ops).not.toContain(".push(");
    expect(ops).toContain('param(p.path, "thingId", i, true, "string", uuidFormat);');
    const dir = join(root, "packages", "checks", "src", "generated");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "ops.ts"), ops);
    writeFileSync(join(dir, "types.ts"), files.get("types.ts") as string);
    const out = join(dir, "ops.bundle.mjs");
    await build({
      entryPoints: [join(dir, "ops.ts")],
      bundle: true,
      format: "esm",
      platform: "node",
      outfile: out,
      logLevel: "silent",
      alias: { "@captain-sdk/core": join(ROOT, "packages", "core", "src", "index.ts") },
      nodePaths: [join(ROOT, "node_modules"), join(ROOT, "packages", "core", "node_modules")],
    });
    const generated = (await import(pathToFileURL(out).href)) as Record<string, unknown>;
    let compared = 0;
    let withIssues = 0;
    for (const tableOp of table.operations) {
      const op = generated[`things${tableOp.name[0]?.toUpperCase()}${tableOp.name.slice(1)}Operation`] as
        | OperationDefinition
        | undefined;
      expect(op?.validate, tableOp.name).toBeTypeOf("function");
      // What the runtime reads is there; the parameter schemas are not (the validator has them).
      expect(op?.params.map((p) => p.name)).toEqual(tableOp.params.map((p) => p.name));
      expect(op?.params.some((p) => p.schema)).toBe(false);
      const bodyPath = tableOp.body?.mode === "merge" ? "" : "body";
      for (const args of variants(valid[tableOp.name] as Record<string, unknown>)) {
        const { params, body } = splitArgs(tableOp, args);
        const expected = validateOperation(tableOp, params, body, table.schemas, bodyPath);
        expect(op?.validate?.(params, body, bodyPath), `${tableOp.name} ${JSON.stringify(args)}`).toEqual(expected);
        compared++;
        if (expected.length) withIssues++;
      }
      // The valid arguments are valid.
      const { params, body } = splitArgs(tableOp, valid[tableOp.name] as Record<string, unknown>);
      expect(op?.validate?.(params, body, bodyPath)).toEqual([]);
    }
    expect(compared).toBeGreaterThan(500);
    expect(withIssues).toBeGreaterThan(compared / 2);
  });
});
