import { isCheckableBody } from "./body.js";
import type { OperationDefinition, Schema } from "./definition.js";
import type { ValidationIssue } from "./errors.js";

/**
 * Request validation, two ways to the same issues:
 * - generated code (a vendor's `ops.ts`) calls the small checks below, one per keyword, each
 *   exported alone so that a bundle holds only those its operations use;
 * - `validateSchema` / `validateOperation` interpret a schema with the same checks (operations
 *   described without generated code: `createCaptainClient`).
 * A check takes the value, its path and the issue list, in that order, and pushes its issue there.
 * `oneOf` is checked like `anyOf`: real specs often have overlapping branches.
 */

/**
 * A check of one value at one path (a parameter, a property, an additional property, an array
 * item): a function, or the JSON type(s) the value must have when that is all there is to check.
 */
export type Check = ((value: unknown, path: string, issues: ValidationIssue[]) => unknown) | string | readonly string[];

function run(check: Check, v: unknown, p: string, i: ValidationIssue[]): unknown {
  return typeof check === "function" ? check(v, p, i) : ofType(v, p, i, check);
}

/** Pushes one issue; false, so that a check can end with it. */
function add(i: ValidationIssue[], path: string, message: string): false {
  i.push({ path, message });
  return false;
}

/** `key` under `path`: `a.key`, or `key` at the root. */
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The JSON types `ofType` knows; a schema naming another type is not type-checked. */
const TYPES = ["string", "number", "integer", "boolean", "array", "object", "null"];

/** Whether `v` is of JSON type `t` (one of TYPES). */
function hasType(v: unknown, t: string): boolean {
  return t === "integer"
    ? Number.isInteger(v)
    : t === "number"
      ? Number.isFinite(v)
      : t === (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
}

/**
 * Null and type: whether the value's other keywords are to be checked. `types` is the schema's
 * `type`, if any (known types only: see TYPES). `nulls`: 0, null is an issue ("must not be null"); 1, null is fine and nothing
 * else is checked; 2, null goes on to the type check (an enum that lists null).
 */
export function ofType(
  v: unknown,
  p: string,
  i: ValidationIssue[],
  types?: string | readonly string[],
  nulls?: 0 | 1 | 2,
): boolean {
  if (v === null && nulls !== 2) return !nulls && add(i, p, "must not be null");
  if (typeof types === "string" ? hasType(v, types) : !types?.[0] || types.some((t) => hasType(v, t))) return true;
  return add(
    i,
    p,
    `must be ${[types as string]
      .flat()
      .map((t) => (/^[aeiou]/.test(t) ? "an " : "a ") + t)
      .join(" or ")}`,
  );
}

/**
 * A parameter: `where[name]` is there (null counts as missing) if `required`, has one of `types`,
 * and passes `check`.
 */
export function param(
  where: Record<string, unknown> | undefined,
  name: string,
  i: ValidationIssue[],
  required?: boolean,
  types?: string | readonly string[],
  check?: Check,
): void {
  const v = where?.[name] ?? undefined;
  if (present(v, name, i, required) && ofType(v, name, i, types) && check) run(check, v, name, i);
}

/** A request body: whether it is there to be checked (not undefined); "is required" when it must be. */
export function present(v: unknown, p: string, i: ValidationIssue[], required?: boolean): boolean {
  return v !== undefined || (!!required && add(i, p, "is required"));
}

/** `enum`: one of `values`. */
export function checkEnum(v: unknown, p: string, i: ValidationIssue[], values: readonly unknown[]): void {
  if (!values.some((e) => equal(e, v))) add(i, p, `must be one of ${values.map((e) => JSON.stringify(e)).join(", ")}`);
}

/** `const`: `value` itself. */
export function checkConst(v: unknown, p: string, i: ValidationIssue[], value: unknown): void {
  if (!equal(value, v)) add(i, p, `must be ${JSON.stringify(value)}`);
}

/** Deep equality of JSON values, for `enum` and `const`. */
export function equal(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b));
}

/** `minLength` / `maxLength` of a string, in characters (code points). */
export function checkLength(v: unknown, p: string, i: ValidationIssue[], min?: number, max?: number): void {
  const n = [...(v as string)].length;
  if (min !== undefined && n < min) add(i, p, min === 1 ? "must not be empty" : `must be at least ${min} characters`);
  if (max !== undefined && n > max) add(i, p, `must be at most ${max} characters`);
}

const patterns = new Map<string, RegExp | null>();

/** `pattern` of a string (a pattern JavaScript cannot compile is not checked). */
export function checkPattern(v: unknown, p: string, i: ValidationIssue[], source: string): void {
  let re = patterns.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, "u");
    } catch {
      re = null;
    }
    patterns.set(source, re);
  }
  if (re && !re.test(v as string)) add(i, p, `must match the pattern ${source}`);
}

/** `format: uuid`. */
export function uuidFormat(v: unknown, p: string, i: ValidationIssue[]): void {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v as string)) add(i, p, "must be a UUID");
}

/** `format: email`. */
export function emailFormat(v: unknown, p: string, i: ValidationIssue[]): void {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v as string)) add(i, p, "must be an email address");
}

/** `format: date`. */
export function dateFormat(v: unknown, p: string, i: ValidationIssue[]): void {
  if (!validDate(/^(\d{4})-(\d{2})-(\d{2})$/.exec(v as string))) add(i, p, "must be a date (2025-03-23)");
}

/** `format: date-time` (RFC 3339). */
export function dateTimeFormat(v: unknown, p: string, i: ValidationIssue[]): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(v as string);
  if (!validDate(m) || Number(m?.[4]) > 23 || Number(m?.[5]) > 59 || Number(m?.[6]) > 60)
    add(i, p, "must be an RFC 3339 date-time (2025-03-23T18:30:00Z)");
}

function validDate(m: RegExpExecArray | null): boolean {
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month > 0 && month < 13 && day > 0 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The string formats checked before sending, by name. */
const FORMATS: Readonly<Record<string, (v: unknown, p: string, i: ValidationIssue[]) => void>> = {
  uuid: uuidFormat,
  email: emailFormat,
  date: dateFormat,
  "date-time": dateTimeFormat,
};

/** The string keywords of a schema (length, pattern, format) for one string. */
export function checkString(schema: Schema, value: string, path: string, issues: ValidationIssue[]): void {
  if (schema.minLength !== undefined || schema.maxLength !== undefined)
    checkLength(value, path, issues, schema.minLength, schema.maxLength);
  if (schema.pattern !== undefined) checkPattern(value, path, issues, schema.pattern);
  const format = schema.format;
  if (format && Object.hasOwn(FORMATS, format)) FORMATS[format]?.(value, path, issues);
}

/** The number keywords of a schema (bounds, multipleOf, int32) for one number. */
export function checkNumber(schema: Schema, value: number, path: string, issues: ValidationIssue[]): void {
  const { minimum, maximum, exclusiveMinimum: exMin, exclusiveMaximum: exMax } = schema;
  if (minimum !== undefined && (exMin === true ? value <= minimum : value < minimum))
    add(issues, path, `must be ${exMin === true ? ">" : ">="} ${minimum}`);
  if (maximum !== undefined && (exMax === true ? value >= maximum : value > maximum))
    add(issues, path, `must be ${exMax === true ? "<" : "<="} ${maximum}`);
  if (typeof exMin === "number" && value <= exMin) add(issues, path, `must be > ${exMin}`);
  if (typeof exMax === "number" && value >= exMax) add(issues, path, `must be < ${exMax}`);
  if (schema.multipleOf && !Number.isInteger(value / schema.multipleOf))
    add(issues, path, `must be a multiple of ${schema.multipleOf}`);
  if (schema.format === "int32" && (value < -2147483648 || value > 2147483647))
    add(issues, path, "must fit in 32 bits");
}

/** `minItems`, `maxItems` and `items` of an array: each item checked at `path[n]`. */
export function checkItems(
  v: unknown,
  p: string,
  i: ValidationIssue[],
  item?: Check,
  min?: number,
  max?: number,
): void {
  const a = v as unknown[];
  if (min !== undefined && a.length < min) add(i, p, `must have at least ${min} items`);
  if (max !== undefined && a.length > max) add(i, p, `must have at most ${max} items`);
  if (item) for (let k = 0; k < a.length; k++) run(item, a[k], `${p}[${k}]`, i);
}

/**
 * The keywords of an object: `required` names, then each property present (not undefined), in
 * the value's order: checked by `known[key]` (0: known, nothing to check), else by `extra`
 * (additionalProperties as a check), or refused when `extra` is false.
 */
export function checkProps(
  v: unknown,
  p: string,
  i: ValidationIssue[],
  required?: readonly string[] | 0,
  known?: Readonly<Record<string, Check | 0>>,
  extra?: Check | false,
): void {
  const o = v as Record<string, unknown>;
  for (const key of required || []) if (o[key] === undefined) add(i, join(p, key), "is required");
  for (const key in o) {
    const check = known && Object.hasOwn(known, key) ? known[key] : extra;
    if (o[key] === undefined) continue;
    if (check) run(check, o[key], join(p, key), i);
    else if (check === false) add(i, join(p, key), "is not a known property");
  }
}

/** `anyOf` / `oneOf`: no issue if a branch finds none, else one issue for all (see `anyOfIssue`). */
export function checkAnyOf(
  p: string,
  i: ValidationIssue[],
  branches: readonly ((found: ValidationIssue[]) => void)[],
): void {
  const failures: ValidationIssue[][] = [];
  for (const branch of branches) {
    const found: ValidationIssue[] = [];
    branch(found);
    if (!found[0]) return;
    failures.push(found);
  }
  i.push(anyOfIssue(p, failures));
}

/** One issue for a value that matches no branch of an anyOf/oneOf; "must include text or attachmentRef" when only required fields are missing. */
export function anyOfIssue(path: string, failures: ValidationIssue[][]): ValidationIssue {
  const relative = (i: ValidationIssue) => i.path.slice(path ? path.length + 1 : 0);
  const missing = failures.map((found) =>
    found.every((i) => i.message === "is required") ? found.map(relative).join(" and ") : undefined,
  );
  if (missing.every(Boolean)) return { path, message: `must include ${missing.join(" or ")}` };
  const first = failures.map((f) => f.map((i) => (relative(i) ? `${relative(i)} ${i.message}` : i.message)).join(", "));
  return { path, message: `must match one of the allowed shapes (${first.join(" | ")})` };
}

/** Values that would change the route once in a URL: empty, "." and "..". Pushed onto `issues`, which is returned. */
export function checkPathParams(
  path: Record<string, unknown> | undefined,
  issues: ValidationIssue[] = [],
): ValidationIssue[] {
  for (const name in path) {
    const value = path[name];
    if (value === "" || value === "." || value === "..")
      add(issues, name, value ? `must not be "${value}"` : "must not be empty");
  }
  return issues;
}

/**
 * Checks a value against a generated request schema. The schemas are produced at build time from
 * the (overlaid) spec, reduced to the keywords below, so a check is a walk over a small object.
 */
export function validateSchema(
  schema: Schema,
  value: unknown,
  path: string,
  defs: Readonly<Record<string, Schema>>,
  issues: ValidationIssue[],
  depth = 0,
): void {
  if (depth > 64) return;
  if (schema.$ref !== undefined) {
    const target = defs[schema.$ref];
    if (target) validateSchema(target, value, path, defs, issues, depth + 1);
    return;
  }
  const types = [schema.type ?? []].flat();
  const nulls =
    schema.nullable || types.includes("null") || (schema.type === undefined && !schema.enum)
      ? 1
      : schema.enum?.includes(null)
        ? 2
        : 0;
  if (!ofType(value, path, issues, types.every((t) => TYPES.includes(t)) ? types : undefined, nulls)) return;
  if (schema.enum) checkEnum(value, path, issues, schema.enum);
  if (schema.const !== undefined) checkConst(value, path, issues, schema.const);
  const check = (s: Schema, depth: number) => (v: unknown, p: string) => validateSchema(s, v, p, defs, issues, depth);
  if (typeof value === "string") checkString(schema, value, path, issues);
  else if (typeof value === "number") checkNumber(schema, value, path, issues);
  else if (Array.isArray(value))
    checkItems(value, path, issues, schema.items && check(schema.items, depth + 1), schema.minItems, schema.maxItems);
  else if (value && typeof value === "object") {
    const extra = schema.additionalProperties;
    checkProps(
      value,
      path,
      issues,
      schema.required,
      Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, check(s, depth + 1)])),
      extra === false ? false : extra && typeof extra === "object" ? check(extra, depth + 1) : undefined,
    );
  }
  if (schema.allOf) for (const part of schema.allOf) validateSchema(part, value, path, defs, issues, depth + 1);
  for (const branches of [schema.anyOf, schema.oneOf])
    if (branches?.length)
      checkAnyOf(
        path,
        issues,
        branches.map((branch) => (found) => validateSchema(branch, value, path, defs, found, depth + 1)),
      );
}

/**
 * Checks an operation's parameters and body before anything is sent. `bodyPath` is where body
 * issues are reported: "" when the body's properties were given beside the parameters.
 */
export function validateOperation(
  op: OperationDefinition,
  params:
    | {
        path?: Record<string, unknown>;
        query?: Record<string, unknown>;
        header?: Record<string, unknown>;
        cookie?: Record<string, unknown>;
      }
    | undefined,
  body: unknown,
  defs: Readonly<Record<string, Schema>>,
  bodyPath = "body",
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const p of op.params) {
    const schema = p.schema;
    param(
      params?.[p.in],
      p.name,
      issues,
      p.required,
      undefined,
      schema && ((v, at) => validateSchema(schema, v, at, defs, issues)),
    );
  }
  checkPathParams(params?.path, issues);
  const b = op.body;
  if (b && present(body, bodyPath, issues, b.required) && b.schema && isCheckableBody(b.contentType, body))
    validateSchema(b.schema, body, bodyPath, defs, issues);
  return issues;
}
