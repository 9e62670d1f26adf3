import type { PaginationDefinition, ParamDefinition } from "../../packages/core/src/definition.js";
import type { JsonPath } from "./load-spec.js";

type Obj = Record<string, unknown>;
type Deref = <T = Obj>(node: unknown) => T;

/**
 * Which list operations page, and how: the generator step behind auto-pagination.
 *
 * Detected with no configuration, from the parameters and the success schema:
 * - page number with totals: a page query parameter (`page`, `page_number`, …) and a
 *   `total_pages`/`totalPages` in the response → stop at the last page;
 * - page number without totals: a page parameter and a page size parameter → stop on a short or empty page;
 * - a cursor the response returns: a cursor query parameter (`pageToken`, `cursor`, …) and a
 *   cursor property of the same (or a `next…`) name in the response.
 * The list is the response's only array, or the one named `data`, `items`, `results` or `hits`.
 * Anything else is declared on the operation with `x-captain-pagination` (in the vendor's overlay):
 * `{ style: page|cursor|itemCursor, param, sizeParam?, size?, items: "a.b", totalPages?: "a.b",
 * nextCursor?: "a.b", itemField? }`, or `false` to turn detection off for that operation.
 */

const PAGE_PARAMS = ["page", "page_number", "pageNumber", "page_no", "pageNo", "page_index", "pageIndex"];
const SIZE_PARAMS = ["items_per_page", "pageSize", "page_size", "per_page", "perPage", "limit", "size", "itemsPerPage"];
const CURSOR_PARAMS = ["pageToken", "page_token", "cursor", "next_token", "nextToken", "continuationToken"];
const NEXT_CURSORS = ["nextPageToken", "next_page_token", "nextCursor", "next_cursor", "nextToken", "next_token"];
const TOTAL_PAGES = ["total_pages", "totalPages", "page_count", "pageCount"];
const LIST_NAMES = ["data", "items", "results", "hits", "records", "entries"];

export class PaginationSpecError extends Error {
  constructor(
    message: string,
    readonly path: JsonPath,
  ) {
    super(message);
  }
}

interface Shape {
  arrays: string[][];
  scalars: Map<string, string[]>;
}

/** Arrays and scalar properties reachable from a response schema (objects only, a few levels deep). */
function shapeOf(schema: unknown, deref: Deref): Shape {
  const shape: Shape = { arrays: [], scalars: new Map() };
  const visit = (node: unknown, path: string[], depth: number): void => {
    const s = deref(node);
    if (!s || typeof s !== "object" || depth > 4) return;
    for (const key of ["allOf", "anyOf", "oneOf"]) {
      if (Array.isArray(s[key])) for (const part of s[key] as unknown[]) visit(part, path, depth + 1);
    }
    for (const [name, raw] of Object.entries((s.properties ?? {}) as Obj)) {
      const prop = deref(raw);
      const type = prop?.type;
      const at = [...path, name];
      if (type === "array" || (Array.isArray(type) && type.includes("array"))) shape.arrays.push(at);
      else if (type === "object" || prop?.properties || prop?.allOf) visit(prop, at, depth + 1);
      else if (!shape.scalars.has(at.join("."))) shape.scalars.set(at.join("."), at);
    }
  };
  visit(schema, [], 0);
  return shape;
}

function pickList(arrays: string[][], near?: string[]): string[] | undefined {
  if (near) {
    const siblings = arrays.filter((a) => a.slice(0, -1).join(".") === near.join("."));
    if (siblings.length === 1) return siblings[0];
  }
  if (arrays.length === 1) return arrays[0];
  const named = arrays.filter((a) => LIST_NAMES.includes(a[a.length - 1] as string));
  return named.length === 1 ? named[0] : undefined;
}

/** The largest page size the spec allows: its maximum, else its default, else its example. */
function largestSize(param: ParamDefinition | undefined, raw: Obj | undefined): number | undefined {
  const schema = (param?.schema ?? {}) as Obj;
  const rawSchema = (raw?.schema ?? {}) as Obj;
  for (const value of [schema.maximum, rawSchema.default, raw?.example, rawSchema.example]) {
    if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  }
  return undefined;
}

const split = (value: unknown): string[] | undefined =>
  typeof value === "string" && value !== "" ? value.split(".") : undefined;

/**
 * The pagination of one operation, or undefined when it is not a paginated list.
 * `rawParams` are the spec's (dereferenced) query parameters, for defaults and examples.
 */
export function detectPagination(
  op: Obj,
  params: readonly ParamDefinition[],
  rawParams: ReadonlyMap<string, Obj>,
  successSchema: unknown,
  deref: Deref,
  where: JsonPath,
): PaginationDefinition | undefined {
  const query = new Map(params.filter((p) => p.in === "query").map((p) => [p.name, p]));
  const declared = op["x-captain-pagination"];
  if (declared === false) return undefined;
  const shape = shapeOf(successSchema, deref);
  if (declared !== undefined)
    return fromDeclaration(declared, query, rawParams, shape, [...where, "x-captain-pagination"]);

  const sizeParam = SIZE_PARAMS.find((n) => query.has(n));
  const size = sizeParam ? largestSize(query.get(sizeParam), rawParams.get(sizeParam)) : undefined;
  const sizing = { ...(sizeParam ? { sizeParam } : {}), ...(size !== undefined ? { size } : {}) };
  const cursorParam = CURSOR_PARAMS.find((n) => query.has(n));
  if (cursorParam) {
    // The next cursor: top level first, else nested (`meta.next_cursor`).
    const names = [cursorParam, ...NEXT_CURSORS];
    const next =
      names.map((n) => shape.scalars.get(n)).find(Boolean) ??
      [...shape.scalars.values()].find((path) => names.includes(path[path.length - 1] as string));
    const items = pickList(shape.arrays);
    if (next && items) return { style: "cursor", param: cursorParam, ...sizing, items, nextCursor: next };
    return undefined;
  }
  const pageParam = PAGE_PARAMS.find((n) => query.has(n));
  if (!pageParam) return undefined;
  const total = [...shape.scalars.values()].find((p) => TOTAL_PAGES.includes(p[p.length - 1] as string));
  const items = pickList(shape.arrays, total ? total.slice(0, -2) : undefined);
  if (!items) return undefined;
  if (total) return { style: "page", param: pageParam, ...sizing, items, totalPages: total };
  // Without totals a short page is the end, so the page size must be known.
  return sizeParam ? { style: "page", param: pageParam, ...sizing, items } : undefined;
}

function fromDeclaration(
  declared: unknown,
  query: ReadonlyMap<string, ParamDefinition>,
  rawParams: ReadonlyMap<string, Obj>,
  shape: Shape,
  where: JsonPath,
): PaginationDefinition {
  const fail = (message: string): never => {
    throw new PaginationSpecError(`x-captain-pagination: ${message}`, where);
  };
  if (!declared || typeof declared !== "object" || Array.isArray(declared)) return fail("must be an object or false");
  const d = declared as Obj;
  const known = ["style", "param", "sizeParam", "size", "items", "totalPages", "nextCursor", "itemField", "first"];
  const extra = Object.keys(d).filter((k) => !known.includes(k));
  if (extra.length) fail(`unknown key(s) ${extra.join(", ")} (known: ${known.join(", ")})`);
  const style = d.style;
  if (style !== "page" && style !== "cursor" && style !== "itemCursor")
    fail('style must be "page", "cursor" or "itemCursor"');
  if (typeof d.param !== "string" || !query.has(d.param)) fail("param must name a query parameter of the operation");
  if (d.sizeParam !== undefined && (typeof d.sizeParam !== "string" || !query.has(d.sizeParam)))
    fail("sizeParam must name a query parameter of the operation");
  const items = split(d.items) ?? fail('items must be the dotted path of the list in the response ("contacts.data")');
  if (!shape.arrays.some((a) => a.join(".") === items.join(".")))
    fail(`items: the success response has no list at \`${items.join(".")}\``);
  const scalar = (key: string): string[] | undefined => {
    const path = split(d[key]);
    if (d[key] !== undefined && !path) fail(`${key} must be a dotted path`);
    if (path && !shape.scalars.has(path.join("."))) fail(`${key}: the success response has no \`${path.join(".")}\``);
    return path;
  };
  const totalPages = scalar("totalPages");
  const nextCursor = scalar("nextCursor");
  if (style === "cursor" && !nextCursor) fail("a cursor style needs nextCursor");
  if (style === "itemCursor" && (typeof d.itemField !== "string" || d.itemField === ""))
    fail("an itemCursor style needs itemField (the item property sent back as the cursor)");
  if (d.size !== undefined && (typeof d.size !== "number" || !(d.size > 0))) fail("size must be a number > 0");
  if (d.first !== undefined && typeof d.first !== "number") fail("first must be a number");
  const sizeParam = d.sizeParam as string | undefined;
  const size =
    (d.size as number | undefined) ??
    (sizeParam ? largestSize(query.get(sizeParam), rawParams.get(sizeParam)) : undefined);
  return {
    style: style as PaginationDefinition["style"],
    param: d.param as string,
    ...(sizeParam ? { sizeParam } : {}),
    ...(size !== undefined ? { size } : {}),
    items,
    ...(totalPages ? { totalPages } : {}),
    ...(nextCursor ? { nextCursor } : {}),
    ...(typeof d.itemField === "string" ? { itemField: d.itemField } : {}),
    ...(typeof d.first === "number" ? { first: d.first } : {}),
  };
}
