import type { OperationDefinition } from "@captain-sdk/core";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { sample } from "openapi-sampler";
import type { OpenApiDoc } from "./vendors.js";

/**
 * What the overlaid spec says about an operation: valid arguments (sampled from its schemas with
 * openapi-sampler), its success status, and a validator (ajv) for its success body.
 */

type Obj = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/components/...`) to the object it names. */
export function deref(doc: OpenApiDoc, value: unknown): Obj {
  let current = value;
  for (let hops = 0; isObj(current) && typeof current.$ref === "string" && hops < 20; hops++) {
    const pointer = current.$ref.replace(/^#\//, "").split("/");
    current = pointer.reduce<unknown>(
      (node, part) => (isObj(node) ? node[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined),
      doc,
    );
  }
  if (!isObj(current)) throw new Error(`unresolved reference ${JSON.stringify(value)}`);
  return current;
}

export function specOperation(doc: OpenApiDoc, op: OperationDefinition): { item: Obj; operation: Obj } {
  const item = doc.paths[op.path];
  const operation = item?.[op.method];
  if (!isObj(item) || !isObj(operation)) throw new Error(`${op.method} ${op.path} is not in the spec`);
  return { item, operation };
}

/** The operation's parameters as the spec declares them (path-level ones included, `$ref`s followed). */
export function parameters(doc: OpenApiDoc, op: OperationDefinition): Obj[] {
  const { item, operation } = specOperation(doc, op);
  const all = [...((item.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])];
  const byKey = new Map<string, Obj>();
  for (const p of all.map((p) => deref(doc, p))) byKey.set(`${p.in} ${p.name}`, p); // operation-level wins
  return [...byKey.values()];
}

export interface SampledCall {
  /** Parameters by location, for the path API's `params`. */
  params: Record<string, Record<string, unknown>>;
  /** The request body, or undefined when the operation takes none. */
  body: unknown;
  /** The operation method's single argument object. */
  args: Record<string, unknown>;
}

/** Valid arguments for an operation: every parameter, and a body with `required` only, or all properties. */
export function sampleCall(doc: OpenApiDoc, op: OperationDefinition, bodyFields: "required" | "all"): SampledCall {
  const params: Record<string, Record<string, unknown>> = {};
  const args: Record<string, unknown> = {};
  for (const p of parameters(doc, op)) {
    const value = p.example ?? sample(p.schema as never, { skipReadOnly: true }, doc);
    (params[p.in as string] ??= {})[p.name as string] = value;
    args[p.name as string] = value;
  }
  let body: unknown;
  if (op.body) {
    const { operation } = specOperation(doc, op);
    const requestBody = deref(doc, operation.requestBody);
    const media = (requestBody.content as Record<string, Obj>)[op.body.contentType];
    body = sample(
      (media?.schema ?? {}) as never,
      { skipReadOnly: true, skipNonRequired: bodyFields === "required" },
      doc,
    );
    if (op.body.mode === "merge" && isObj(body)) Object.assign(args, body);
    else args.body = body;
  }
  return { params, body, args };
}

/** The success status Prism answers with: the first 2xx the operation declares. */
export function successStatus(doc: OpenApiDoc, op: OperationDefinition): number {
  const { operation } = specOperation(doc, op);
  const codes = Object.keys(operation.responses as Obj)
    .filter((c) => /^2\d\d$/.test(c))
    .map(Number)
    .sort((a, b) => a - b);
  if (codes[0] === undefined) throw new Error(`${op.id} declares no 2xx response`);
  return codes[0];
}

/** The status Prism gives a request that breaks the spec: 422 if declared, else 400 if declared, else 422. */
export function invalidRequestStatus(doc: OpenApiDoc, op: OperationDefinition): number {
  const responses = specOperation(doc, op).operation.responses as Obj;
  return "422" in responses ? 422 : "400" in responses ? 400 : 422;
}

/** OpenAPI 3.0 `nullable` -> JSON Schema, everywhere in a document. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [key, child] of Object.entries(value)) if (key !== "nullable") out[key] = toJsonSchema(child);
  if (value.nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

/** Validators for success bodies, compiled from the spec with ajv (formats checked). */
export function responseValidators(doc: OpenApiDoc): (op: OperationDefinition) => ValidateFunction | undefined {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const components = toJsonSchema(doc.components ?? {});
  const cache = new Map<string, ValidateFunction | undefined>();
  return (op) => {
    if (cache.has(op.id)) return cache.get(op.id);
    const status = String(successStatus(doc, op));
    const response = deref(doc, (specOperation(doc, op).operation.responses as Obj)[status]);
    const media = (response.content as Record<string, Obj> | undefined)?.["application/json"];
    const validate = media?.schema ? ajv.compile({ allOf: [toJsonSchema(media.schema)], components }) : undefined;
    cache.set(op.id, validate);
    return validate;
  };
}
