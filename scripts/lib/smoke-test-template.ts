import type { VendorPackageSpec } from "./vendor-template.js";

/**
 * `packages/<vendor>/test/smoke.test.ts` for a vendor made by `pnpm add-vendor`: every operation of
 * the generated table is a method, and each one it can fill with sample arguments sends the right
 * method, path and credentials to a loopback server. Nothing in it names an operation, so it stays
 * true when the spec grows.
 */
export function smokeTestFile(spec: VendorPackageSpec): string {
  const { name, displayName } = spec;
  return `// Written by \`pnpm add-vendor ${name}\`: a smoke test of the generated client against a loopback server.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { OperationDefinition, Schema } from "@captain-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { definition } from "../src/generated/index.js";
import spec from "../src/generated/openapi.json";
import { create${displayName}Client, ValidationError } from "../src/index.js";

const KEY = "test-key-1234";
type Seen = { method: string; url: string; headers: IncomingMessage["headers"] };
const seen: Seen[] = [];
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
});
let baseUrl = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = \`http://127.0.0.1:\${(server.address() as AddressInfo).port}\`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A value the schema accepts, for the keywords the generated validators check (patterns aside). */
function sample(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 8) return "x";
  if (schema.$ref) return sample(component(schema.$ref), depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  const branch = schema.allOf ? undefined : (schema.anyOf ?? schema.oneOf)?.[0];
  if (branch) return sample(branch, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(s, depth + 1)));
  const type = [schema.type ?? (schema.properties ? "object" : "string")].flat().find((t) => t !== "null");
  switch (type) {
    case "integer":
    case "number":
      return sampleNumber(schema);
    case "boolean":
      return true;
    case "array":
      // One item at least: an empty array would leave an empty path segment.
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items, depth + 1));
    case "object": {
      const out: Record<string, unknown> = {};
      const keys = schema.required?.length ? schema.required : Object.keys(schema.properties ?? {}).slice(0, 1);
      for (const key of keys) out[key] = sample(schema.properties?.[key], depth + 1);
      return out;
    }
    default:
      return sampleString(schema);
  }
}

function sampleNumber(schema: Schema): number {
  const exclusive = typeof schema.exclusiveMinimum === "number" || schema.exclusiveMinimum === true;
  const low = typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : (schema.minimum ?? 1);
  const step = schema.multipleOf ?? 1;
  const value = Math.ceil(low / step) * step;
  return exclusive && value <= low ? value + step : value;
}

const FORMATS: Record<string, string> = {
  uuid: "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
  "date-time": "2024-01-02T03:04:05Z",
  date: "2024-01-02",
  email: "user@example.com",
  uri: "https://example.com/",
};

/** A spec's pattern as a RegExp (Unicode mode when it allows it), or undefined when JavaScript cannot read it. */
function compile(pattern: string): RegExp | undefined {
  for (const flags of ["u", ""]) {
    try {
      return new RegExp(pattern, flags);
    } catch {
      // try the next flags
    }
  }
  return undefined;
}

function sampleString(schema: Schema): string {
  const length = Math.max(1, schema.minLength ?? 1);
  const fitting = (s: string) => s.length >= length && s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY);
  const candidates = [FORMATS[schema.format ?? ""], "x".repeat(length), "a1", "A1", "1", "abc-123", "ABC"];
  const pattern = schema.pattern === undefined ? undefined : compile(schema.pattern);
  const found = candidates.find((s) => s !== undefined && fitting(s) && (!pattern || pattern.test(s)));
  return found ?? "x".repeat(length);
}

type SpecObject = Record<string, unknown>;
const document = spec as unknown as SpecObject;

/** A component schema of the (overlaid) spec, by name or by \`#/components/schemas/<name>\`. */
function component(ref: string): Schema | undefined {
  const schemas = (document.components as SpecObject | undefined)?.schemas as Record<string, Schema> | undefined;
  return schemas?.[ref.split("/").pop() ?? ref];
}

/** The spec's operation object of a table entry. */
function specOperation(op: OperationDefinition): SpecObject {
  return ((document.paths as Record<string, SpecObject>)[op.path]?.[op.method] ?? {}) as SpecObject;
}

function paramSchema(op: OperationDefinition, name: string): Schema | undefined {
  const fromTable = op.params.find((p) => p.name === name)?.schema;
  if (fromTable) return fromTable;
  const item = (document.paths as Record<string, SpecObject>)[op.path] ?? {};
  const all = [...((item.parameters as SpecObject[]) ?? []), ...((specOperation(op).parameters as SpecObject[]) ?? [])];
  const found = all
    .map((p) => (typeof p.$ref === "string" ? ((document.components as SpecObject)?.parameters as Record<string, SpecObject>)?.[p.$ref.split("/").pop() ?? ""] ?? p : p))
    .find((p) => p.name === name);
  return found?.schema as Schema | undefined;
}

function bodySchema(op: OperationDefinition): Schema | undefined {
  const body = specOperation(op).requestBody as SpecObject | undefined;
  const content = (body?.content ?? {}) as Record<string, SpecObject>;
  return (content[op.body?.contentType ?? ""]?.schema as Schema | undefined) ?? undefined;
}

function sampleArgs(op: OperationDefinition): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const p of op.params) if (p.required) args[p.name] = sample(paramSchema(op, p.name));
  if (op.body?.mode === "merge") Object.assign(args, sample(bodySchema(op)));
  else if (op.body?.required) args.body = sample(bodySchema(op));
  return args;
}

/** Whether a request path is the operation's path template with its parameters filled in. */
function matchesRoute(op: OperationDefinition, pathname: string): boolean {
  // Some specs tell operations on one path apart with a fragment ("/pets#search"); it is never sent.
  const want = (op.path.split("#")[0] ?? "").split("/");
  const got = pathname.split("/");
  return want.length === got.length && want.every((seg, i) => (seg.startsWith("{") ? got[i] !== "" : seg === got[i]));
}

describe("@captain-sdk/${name} (generated smoke test)", () => {
  it("has a method for every operation of the spec", () => {
    const client = create${displayName}Client({ apiKey: KEY, baseUrl }) as unknown as Record<string, Record<string, unknown>>;
    expect(definition.operations.length).toBeGreaterThan(0);
    for (const op of definition.operations) expect(typeof client[op.namespace]?.[op.name]).toBe("function");
  });

  it("sends each operation it can fill to its method and path, with the key", async () => {
    const client = create${displayName}Client({ apiKey: KEY, baseUrl, maxRetries: 0 }) as unknown as Record<
      string,
      Record<string, (args: unknown) => Promise<unknown>>
    >;
    let sent = 0;
    for (const op of definition.operations) {
      const before = seen.length;
      try {
        await client[op.namespace]?.[op.name]?.(sampleArgs(op));
      } catch (error) {
        // A sample cannot match every pattern: such an operation is refused before sending.
        if (error instanceof ValidationError) continue;
        throw error;
      }
      const request = seen[before];
      expect(request, \`\${op.namespace}.\${op.name}\`).toBeDefined();
      expect(request?.method).toBe(op.method.toUpperCase());
      const pathname = new URL(request?.url ?? "", baseUrl).pathname;
      expect(matchesRoute(op, pathname), \`\${pathname} for \${op.path}\`).toBe(true);
      const auth = op.auth[0];
      if (auth?.in === "header" && auth.scheme !== "Basic")
        expect(request?.headers[auth.name.toLowerCase()]).toContain(KEY);
      if (auth?.in === "query") expect(request?.url).toContain(KEY);
      sent++;
    }
    expect(sent).toBeGreaterThan(0);
  });
});
`;
}
