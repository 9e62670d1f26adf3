import type { Table, TableOperation } from "./build-table.js";
import { isIdentifier, pascalCase } from "./naming.js";

type Obj = Record<string, unknown>;

/**
 * Names a TypeScript user may not get from a vendor package: globals a type would shadow, and what
 * the package itself exports. A schema with such a name is exported as `<Name>Schema`.
 */
const RESERVED = new Set([
  "Array",
  "Blob",
  "Boolean",
  "Date",
  "Error",
  "File",
  "FormData",
  "Function",
  "Headers",
  "Map",
  "Number",
  "Object",
  "Promise",
  "Record",
  "Request",
  "Response",
  "Set",
  "String",
  "Symbol",
  "URL",
  "Operations",
  "ApiError",
  "AuthenticationError",
  "BadRequestError",
  "CaptainError",
  "ConfigurationError",
  "ConflictError",
  "ConnectionError",
  "InternalServerError",
  "NotFoundError",
  "PaginationError",
  "PermissionDeniedError",
  "RateLimitError",
  "TimeoutError",
  "UnexpectedResponseError",
  "UnprocessableEntityError",
  "ValidationError",
  "PageCall",
  "RequestOptions",
  "PageRequestOptions",
  // What types.ts itself imports (openapi-typescript's roots, core's helpers): a local type of the
  // same name is a compile error ("Import declaration conflicts with local declaration").
  "paths",
  "components",
  "operations",
  "webhooks",
  "CookieParams",
  "HeaderParams",
  "OptionalKeys",
  "PathParams",
  "QueryParams",
  "RequestBody",
  "ResponseBody",
]);

/** The exported type names of one operation. */
export interface OperationTypeNames {
  params: string;
  response: string;
  /** For a paginated operation: the type of one item of its list. */
  item?: string;
}

export interface TypeNames {
  /** Component schema name -> exported type name. */
  schemas: Map<string, string>;
  /** `namespace.method` -> its type names. */
  operations: Map<string, OperationTypeNames>;
}

/**
 * Collision-free names: schemas keep their own name (made an identifier, `Schema` appended where it
 * would shadow a global or one of the package's exports); an operation's types are
 * `<Method>Params`, `<Method>Response` (and `<Method>Item` for a list), or, when two operations share
 * a method name or the name is a schema's, `<Namespace><Method>…` for each of them.
 */
export function typeNames(table: Table, doc: Obj): TypeNames {
  const taken = new Set<string>();
  const schemas = new Map<string, string>();
  for (const name of schemaNames(doc)) {
    let id = isIdentifier(name) ? name : pascalCase(name) || "Schema";
    if (RESERVED.has(id) || taken.has(id)) id = `${id}Schema`;
    while (taken.has(id)) id = `${id}_`;
    taken.add(id);
    schemas.set(name, id);
  }
  const base = (op: TableOperation): string => pascalCase(op.name);
  const count = new Map<string, number>();
  for (const op of table.operations) count.set(base(op), (count.get(base(op)) ?? 0) + 1);
  const operations = new Map<string, OperationTypeNames>();
  const suffixes = ["Params", "Response", "Item"];
  const clashes = (stem: string) => suffixes.some((s) => taken.has(`${stem}${s}`) || RESERVED.has(`${stem}${s}`));
  for (const op of table.operations) {
    let stem = base(op);
    if ((count.get(stem) ?? 0) > 1 || clashes(stem)) stem = `${pascalCase(op.namespace)}${stem}`;
    while (clashes(stem)) stem = `${stem}_`;
    const names: OperationTypeNames = {
      params: `${stem}Params`,
      response: `${stem}Response`,
      ...(op.pagination ? { item: `${stem}Item` } : {}),
    };
    for (const n of Object.values(names)) taken.add(n);
    operations.set(`${op.namespace}.${op.name}`, names);
  }
  return { schemas, operations };
}

function schemaNames(doc: Obj): string[] {
  const schemas = ((doc.components as Obj | undefined)?.schemas ?? {}) as Obj;
  return Object.keys(schemas);
}

/** `paths["/x"]["get"]`: openapi-typescript's type of one operation. */
export function opRef(op: TableOperation): string {
  return `paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method)}]`;
}

/** The argument object's type: parameters and body side by side; a paginated list's page and size optional. */
export function argsType(op: TableOperation): { type: string; optional: boolean } {
  const ref = opRef(op);
  const parts: string[] = [];
  const where = new Set(op.params.map((p) => p.in));
  const optionalQuery = op.pagination
    ? [
        op.pagination.param,
        ...(op.pagination.size !== undefined && op.pagination.sizeParam ? [op.pagination.sizeParam] : []),
      ]
    : [];
  if (where.has("path")) parts.push(`PathParams<${ref}>`);
  if (where.has("query")) {
    parts.push(
      optionalQuery.length
        ? `OptionalKeys<QueryParams<${ref}>, ${optionalQuery.map((k) => JSON.stringify(k)).join(" | ")}>`
        : `QueryParams<${ref}>`,
    );
  }
  if (where.has("header")) parts.push(`HeaderParams<${ref}>`);
  if (where.has("cookie")) parts.push(`CookieParams<${ref}>`);
  if (op.body) {
    const body = `RequestBody<${ref}, ${JSON.stringify(op.body.contentType)}>`;
    if (op.body.mode === "merge") parts.push(body);
    else parts.push(`{ body${op.body.required ? "" : "?"}: ${body} }`);
  }
  const optional = !op.params.some((p) => p.required && !optionalQuery.includes(p.name)) && !op.body?.required;
  return { type: parts.length ? parts.join(" & ") : "Record<string, never>", optional };
}

export function resultType(op: TableOperation): string {
  switch (op.response) {
    case "json":
      return `ResponseBody<${opRef(op)}, ${JSON.stringify(op.successStatus)}, ${JSON.stringify(op.successContentType)}>`;
    case "text":
      return "string";
    case "blob":
      return "Blob";
    default:
      return "undefined";
  }
}

/** The item type of a paginated list: `NonNullable<NonNullable<Page>["contacts"]>["data"]` element. */
export function itemType(response: string, items: readonly string[]): string {
  let type = response;
  for (const key of items) type = `NonNullable<${type}>[${JSON.stringify(key)}]`;
  return `NonNullable<${type}>[number]`;
}

/** One JSDoc block from lines (a `*\/` inside the text is escaped). */
export function jsdoc(lines: string[], indent = ""): string[] {
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) return [];
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l.replace(/\*\//g, "*\\/")}`.trimEnd()), `${indent} */`];
}

/** The `types.ts` file: every schema by name, and each operation's params/response (and item) types. */
export function emitTypes(table: Table, doc: Obj, names: TypeNames, opDocs: Map<string, string[]>): string {
  const schemas = ((doc.components as Obj | undefined)?.schemas ?? {}) as Record<string, Obj>;
  const lines: string[] = [];
  for (const [name, id] of names.schemas) {
    const schema = schemas[name] ?? {};
    const text: string[] = [];
    if (typeof schema.title === "string") text.push(schema.title.trim(), "");
    if (typeof schema.description === "string" && schema.description.trim())
      text.push(...schema.description.trim().split("\n"), "");
    text.push(`The \`${name}\` schema of the spec.`);
    if (schema.deprecated === true) text.push("@deprecated");
    lines.push(...jsdoc(text), `export type ${id} = components["schemas"][${JSON.stringify(name)}];`, "");
  }
  for (const op of table.operations) {
    const n = names.operations.get(`${op.namespace}.${op.name}`) as OperationTypeNames;
    const call = `\`${op.namespace}.${op.name}\``;
    lines.push(
      ...jsdoc([
        `The argument object of ${call}: parameters and body fields side by side.`,
        ...(opDocs.get(`${op.namespace}.${op.name}`) ?? []),
      ]),
    );
    lines.push(`export type ${n.params} = ${argsType(op).type};`, "");
    lines.push(
      ...jsdoc([`What ${call} returns${op.pagination ? " (one page; iterate the call for every item)" : ""}.`]),
    );
    lines.push(`export type ${n.response} = ${resultType(op)};`, "");
    if (n.item && op.pagination) {
      lines.push(...jsdoc([`One item of the list ${call} walks.`]));
      lines.push(`export type ${n.item} = ${itemType(n.response, op.pagination.items)};`, "");
    }
  }
  const body = lines.join("\n");
  const helpers = [
    "CookieParams",
    "HeaderParams",
    "OptionalKeys",
    "PathParams",
    "QueryParams",
    "RequestBody",
    "ResponseBody",
  ].filter((h) => body.includes(`${h}<`));
  const fromSchema = ["components", "paths"].filter((name) => body.includes(`${name}[`));
  const imports = [
    ...(helpers.length ? [`import type { ${helpers.join(", ")} } from "@captain-sdk/core";`] : []),
    // Only what the file uses: `noUnusedLocals` refuses an unused type import (a spec without schemas).
    ...(fromSchema.length ? [`import type { ${fromSchema.join(", ")} } from "./schema.js";`] : []),
    "",
  ];
  return `${imports.join("\n")}${body}`;
}
