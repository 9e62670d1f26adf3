import { isCheckableBody } from "./body.js";
import type { OperationDefinition, Schema } from "./definition.js";
import type { ValidationIssue } from "./errors.js";

/**
 * Checks a value against a generated request schema. The schemas are produced at build time from
 * the (overlaid) spec, reduced to the keywords below, so a check is a walk over a small object.
 * `oneOf` is checked like `anyOf`: real specs often have overlapping branches.
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
  const types = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (value === null) {
    if (schema.nullable || types?.includes("null") || (types === undefined && !schema.enum)) return;
    if (!schema.enum?.includes(null)) {
      issues.push({ path, message: `must not be null` });
      return;
    }
  }
  if (types && !types.some((t) => hasType(value, t))) {
    issues.push({ path, message: `must be ${types.map(article).join(" or ")}` });
    return;
  }
  if (schema.enum && !schema.enum.some((e) => equal(e, value))) {
    issues.push({ path, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}` });
  }
  if (schema.const !== undefined && !equal(schema.const, value)) {
    issues.push({ path, message: `must be ${JSON.stringify(schema.const)}` });
  }
  if (typeof value === "string") checkString(schema, value, path, issues);
  else if (typeof value === "number") checkNumber(schema, value, path, issues);
  else if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      issues.push({ path, message: `must have at least ${schema.minItems} items` });
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      issues.push({ path, message: `must have at most ${schema.maxItems} items` });
    const items = schema.items;
    if (items)
      for (let i = 0; i < value.length; i++) validateSchema(items, value[i], `${path}[${i}]`, defs, issues, depth + 1);
  } else if (value && typeof value === "object") {
    checkObject(schema, value as Record<string, unknown>, path, defs, issues, depth);
  }
  if (schema.allOf) for (const part of schema.allOf) validateSchema(part, value, path, defs, issues, depth + 1);
  for (const branches of [schema.anyOf, schema.oneOf]) {
    if (!branches?.length) continue;
    const failures: ValidationIssue[][] = [];
    for (const branch of branches) {
      const found: ValidationIssue[] = [];
      validateSchema(branch, value, path, defs, found, depth + 1);
      if (found.length === 0) break;
      failures.push(found);
    }
    if (failures.length === branches.length) issues.push(anyOfIssue(path, failures));
  }
}

/** One issue for a value that matches no branch of an anyOf/oneOf; "must include text or attachmentRef" when only required fields are missing. */
export function anyOfIssue(path: string, failures: ValidationIssue[][]): ValidationIssue {
  const missing = failures.map((found) =>
    found.every((i) => i.message === "is required")
      ? found.map((i) => i.path.slice(path ? path.length + 1 : 0)).join(" and ")
      : undefined,
  );
  if (missing.every(Boolean)) return { path, message: `must include ${missing.join(" or ")}` };
  const relative = (i: ValidationIssue) => i.path.slice(path ? path.length + 1 : 0);
  const first = failures.map((f) => f.map((i) => (relative(i) ? `${relative(i)} ${i.message}` : i.message)).join(", "));
  return { path, message: `must match one of the allowed shapes (${first.join(" | ")})` };
}

function checkObject(
  schema: Schema,
  value: Record<string, unknown>,
  path: string,
  defs: Readonly<Record<string, Schema>>,
  issues: ValidationIssue[],
  depth: number,
): void {
  const join = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) issues.push({ path: join(key), message: "is required" });
  }
  const props = schema.properties;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const prop = props?.[key];
    if (prop) validateSchema(prop, item, join(key), defs, issues, depth + 1);
    else if (schema.additionalProperties === false)
      issues.push({ path: join(key), message: "is not a known property" });
    else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
      validateSchema(schema.additionalProperties, item, join(key), defs, issues, depth + 1);
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const patterns = new Map<string, RegExp | null>();

/** The string keywords of a schema (length, pattern, format) for one value. */
export function checkString(schema: Schema, value: string, path: string, issues: ValidationIssue[]): void {
  if (schema.minLength !== undefined && [...value].length < schema.minLength) {
    issues.push({
      path,
      message: schema.minLength === 1 ? "must not be empty" : `must be at least ${schema.minLength} characters`,
    });
  }
  if (schema.maxLength !== undefined && [...value].length > schema.maxLength)
    issues.push({ path, message: `must be at most ${schema.maxLength} characters` });
  if (schema.pattern !== undefined) {
    let re = patterns.get(schema.pattern);
    if (re === undefined) {
      try {
        re = new RegExp(schema.pattern, "u");
      } catch {
        re = null;
      }
      patterns.set(schema.pattern, re);
    }
    if (re && !re.test(value)) issues.push({ path, message: `must match the pattern ${schema.pattern}` });
  }
  switch (schema.format) {
    case "uuid":
      if (!UUID.test(value)) issues.push({ path, message: "must be a UUID" });
      break;
    case "date-time":
      if (!validDate(DATE_TIME.exec(value)))
        issues.push({ path, message: "must be an RFC 3339 date-time (2025-03-23T18:30:00Z)" });
      break;
    case "date":
      if (!validDate(DATE.exec(value))) issues.push({ path, message: "must be a date (2025-03-23)" });
      break;
    case "email":
      if (!EMAIL.test(value)) issues.push({ path, message: "must be an email address" });
      break;
  }
}

function validDate(m: RegExpExecArray | null): boolean {
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60)) return false;
  return true;
}

/** The number keywords of a schema (bounds, multipleOf, int32) for one value. */
export function checkNumber(schema: Schema, value: number, path: string, issues: ValidationIssue[]): void {
  const { minimum, maximum, exclusiveMinimum: exMin, exclusiveMaximum: exMax } = schema;
  if (minimum !== undefined && (exMin === true ? value <= minimum : value < minimum))
    issues.push({ path, message: `must be ${exMin === true ? ">" : ">="} ${minimum}` });
  if (maximum !== undefined && (exMax === true ? value >= maximum : value > maximum))
    issues.push({ path, message: `must be ${exMax === true ? "<" : "<="} ${maximum}` });
  if (typeof exMin === "number" && value <= exMin) issues.push({ path, message: `must be > ${exMin}` });
  if (typeof exMax === "number" && value >= exMax) issues.push({ path, message: `must be < ${exMax}` });
  if (schema.multipleOf && !Number.isInteger(value / schema.multipleOf))
    issues.push({ path, message: `must be a multiple of ${schema.multipleOf}` });
  if (schema.format === "int32" && (value < -2147483648 || value > 2147483647))
    issues.push({ path, message: "must fit in 32 bits" });
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "null":
      return value === null;
    default:
      return true;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Deep equality of JSON values, for `enum` and `const`. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b);
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
  for (const param of op.params) {
    const value = params?.[param.in]?.[param.name];
    if (value === undefined || value === null) {
      if (param.required) issues.push({ path: param.name, message: "is required" });
      continue;
    }
    if (param.schema) validateSchema(param.schema, value, param.name, defs, issues);
  }
  issues.push(...checkPathParams(params?.path));
  if (op.body) {
    if (body === undefined) {
      if (op.body.required) issues.push({ path: bodyPath, message: "is required" });
    } else if (op.body.schema && isCheckableBody(op.body.contentType, body)) {
      validateSchema(op.body.schema, body, bodyPath, defs, issues);
    }
  }
  return issues;
}

/** Values that would change the route once in a URL: empty, "." and "..". */
export function checkPathParams(path: Record<string, unknown> | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(path ?? {})) {
    if (value === "") issues.push({ path: name, message: "must not be empty" });
    else if (value === "." || value === "..") issues.push({ path: name, message: `must not be "${value}"` });
  }
  return issues;
}
