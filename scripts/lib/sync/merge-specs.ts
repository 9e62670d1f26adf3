import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { pascalCase } from "../naming.js";
import type { ExtractedSpec } from "./extract-spec.js";

type Obj = Record<string, unknown>;

/** One OpenAPI document of a source: a whole spec, or one block of a docs page. */
export interface SourceBlock {
  /** The page it came from (URL or path), for messages. */
  location: string;
  /** A short stable name of the page ("inbox-notes"), for the names of differing schema copies. */
  label: string;
  spec: ExtractedSpec;
}

/** A schema that came in differing copies, and the name each copy got. */
export interface SchemaVariant {
  schema: string;
  copies: { name: string; pages: string[] }[];
}

export interface MergedSpec extends ExtractedSpec {
  /** Schemas whose copies differ between pages (each copy named apart; the sync report lists them). */
  variants: SchemaVariant[];
}

const SCHEMA_REF = "#/components/schemas/";
const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** The operations of a path item: its HTTP method keys (not `parameters`, `summary`, `servers`…). */
const operationsOf = (item: unknown): [string, Obj][] =>
  Object.entries(asObject(item)).filter(
    (entry): entry is [string, Obj] => METHODS.has(entry[0]) && !!entry[1] && typeof entry[1] === "object",
  );

/**
 * One spec from many documents (ChatCaptain publishes one complete OpenAPI document per operation,
 * several per page; a page may hold only components). The rules:
 * - `openapi` and `info` come from the first document; `tags` are the union (by name).
 * - Document-level `security` and `servers`: the value most operations share becomes the merged
 *   document's; a document whose value differs (or that has none) hands its own to each of its
 *   operations, so every operation keeps the meaning it had (a page without security stays
 *   keyless).
 * - The same operation or a non-schema component on two pages must be identical (else an error
 *   naming both pages).
 * - Component schemas: identical copies collapse into one. Copies that differ (counting what they
 *   reference, so a schema pointing at a differing copy differs too) are kept apart: the copy most
 *   documents use keeps the name (ties: the first), each other copy is named `<Name>_<Page>` after
 *   the first page that has it, and the references of each document point at its own copy.
 */
export function mergeSpecs(blocks: readonly SourceBlock[]): MergedSpec {
  const [first] = blocks;
  if (!first) throw new Error("no source pages");
  if (blocks.length === 1) return { ...first.spec, variants: [] };
  const docs = blocks.map((b) => structuredClone(b.spec.value) as Obj);
  const { names, variants } = nameSchemaCopies(blocks, docs);
  docs.forEach((doc, i) => {
    renameRefs(doc, names[i] as Map<string, string>);
  });

  const merged: Obj = { openapi: docs[0]?.openapi, info: docs[0]?.info };
  const opsOf = (doc: Obj) =>
    Object.values(asObject(doc.paths)).reduce<number>((n, item) => n + operationsOf(item).length, 0);
  for (const key of ["servers", "security"] as const) {
    const chosen = mostCommon(docs.map((d) => ({ value: d[key], weight: opsOf(d) })));
    if (chosen !== undefined) merged[key] = chosen;
    docs.forEach((doc) => {
      if (isDeepStrictEqual(doc[key], chosen)) return;
      for (const item of Object.values(asObject(doc.paths))) {
        // Path-level servers already say where the path's operations go.
        if (key === "servers" && asObject(item).servers !== undefined) continue;
        for (const [, operation] of operationsOf(item)) {
          if (key in operation) continue;
          if (doc[key] !== undefined) operation[key] = doc[key];
          else if (key === "security") operation.security = [];
        }
      }
    });
  }
  const tags: Obj[] = [];
  const paths: Record<string, Obj> = {};
  const components: Record<string, Obj> = {};
  const origin = new Map<string, string>();
  docs.forEach((doc, i) => {
    const location = (blocks[i] as SourceBlock).location;
    for (const tag of (Array.isArray(doc.tags) ? doc.tags : []) as Obj[]) {
      if (!tags.some((t) => t.name === tag.name)) tags.push(tag);
    }
    for (const [path, item] of Object.entries(asObject(doc.paths))) {
      const target = (paths[path] ??= {});
      for (const [method, operation] of Object.entries(asObject(item))) {
        // Path-level fields (`parameters`, `summary`, …) are shared by the path's operations.
        const key = METHODS.has(method)
          ? `${method.toUpperCase()} ${path}`
          : `paths[${JSON.stringify(path)}].${method}`;
        if (method in target && !isDeepStrictEqual(target[method], operation)) {
          throw new Error(`${key} differs between ${origin.get(key)} and ${location}`);
        }
        target[method] = operation;
        if (!origin.has(key)) origin.set(key, location);
      }
    }
    for (const [section, entries] of Object.entries(asObject(doc.components))) {
      const target = (components[section] ??= {});
      for (const [name, entry] of Object.entries(asObject(entries))) {
        const key = `components.${section}.${name}`;
        if (name in target && !isDeepStrictEqual(target[name], entry)) {
          throw new Error(`${key} differs between ${origin.get(key)} and ${location}`);
        }
        target[name] = entry;
        if (!origin.has(key)) origin.set(key, location);
      }
    }
  });
  if (tags.length) merged.tags = tags;
  merged.paths = paths;
  if (Object.keys(components).length) merged.components = components;
  return { value: merged, text: `${JSON.stringify(merged)}\n`, format: "json", from: "merged", variants };
}

/** The value with the most weight (ties: the first seen); `undefined` counts as a value too. */
function mostCommon(entries: { value: unknown; weight: number }[]): unknown {
  const tally: { value: unknown; weight: number }[] = [];
  for (const e of entries) {
    const found = tally.find((t) => isDeepStrictEqual(t.value, e.value));
    if (found) found.weight += e.weight;
    else tally.push({ ...e });
  }
  return tally.reduce<{ value: unknown; weight: number } | undefined>(
    (best, t) => (!best || t.weight > best.weight ? t : best),
    undefined,
  )?.value;
}

/**
 * Per document, the name each of its schemas gets in the merged spec. A schema's identity is its
 * deep fingerprint: its JSON with every reference replaced by the referenced schema's fingerprint.
 */
function nameSchemaCopies(
  blocks: readonly SourceBlock[],
  docs: Obj[],
): { names: Map<string, string>[]; variants: SchemaVariant[] } {
  const fingerprints = docs.map((doc) => {
    const schemas = asObject(asObject(doc.components).schemas);
    const memo = new Map<string, string>();
    const fp = (name: string, stack: string[]): string => {
      const known = memo.get(name);
      if (known) return known;
      if (stack.includes(name)) return `cycle:${name}`;
      const canonical = canonicalize(schemas[name], (ref) =>
        ref.startsWith(SCHEMA_REF) ? `@${fp(decodeURIComponent(ref.slice(SCHEMA_REF.length)), [...stack, name])}` : ref,
      );
      const hash = createHash("sha256").update(`${name}\n${canonical}`).digest("hex").slice(0, 16);
      memo.set(name, hash);
      return hash;
    };
    return new Map(Object.keys(schemas).map((name) => [name, fp(name, [])]));
  });
  // Every copy of every name: its fingerprint, how many documents use it, the pages it is on.
  const copies = new Map<string, { fp: string; uses: number; pages: string[] }[]>();
  fingerprints.forEach((map, i) => {
    const label = (blocks[i] as SourceBlock).label;
    for (const [name, fp] of map) {
      const list = copies.get(name) ?? [];
      const found = list.find((c) => c.fp === fp);
      if (found) {
        found.uses++;
        if (!found.pages.includes(label)) found.pages.push(label);
      } else list.push({ fp, uses: 1, pages: [label] });
      copies.set(name, list);
    }
  });
  const taken = new Set(copies.keys());
  const chosen = new Map<string, string>(); // `${name} ${fp}` -> merged name
  const variants: SchemaVariant[] = [];
  for (const [name, list] of copies) {
    if (list.length === 1) {
      chosen.set(`${name} ${list[0]?.fp}`, name);
      continue;
    }
    const keeper = list.reduce((best, c) => (c.uses > best.uses ? c : best));
    const variant: SchemaVariant = { schema: name, copies: [] };
    for (const copy of list) {
      let merged = name;
      if (copy !== keeper) {
        merged = `${name}_${pascalCase(copy.pages[0] ?? "Copy")}`;
        for (let n = 2; taken.has(merged); n++) merged = `${name}_${pascalCase(copy.pages[0] ?? "Copy")}${n}`;
        taken.add(merged);
      }
      chosen.set(`${name} ${copy.fp}`, merged);
      variant.copies.push({ name: merged, pages: copy.pages });
    }
    variants.push(variant);
  }
  const names = fingerprints.map(
    (map) => new Map([...map].map(([name, fp]) => [name, chosen.get(`${name} ${fp}`) ?? name])),
  );
  return { names, variants };
}

/** Renames the document's component schemas and every reference to them. */
function renameRefs(doc: Obj, names: Map<string, string>): void {
  if (![...names].some(([from, to]) => from !== to)) return;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const child of node) visit(child);
    else if (node && typeof node === "object") {
      const obj = node as Obj;
      if (typeof obj.$ref === "string" && obj.$ref.startsWith(SCHEMA_REF)) {
        const target = names.get(decodeURIComponent(obj.$ref.slice(SCHEMA_REF.length)));
        if (target) obj.$ref = `${SCHEMA_REF}${target}`;
      }
      for (const child of Object.values(obj)) visit(child);
    }
  };
  visit(doc);
  const components = asObject(doc.components);
  const schemas = asObject(components.schemas);
  components.schemas = Object.fromEntries(Object.entries(schemas).map(([name, s]) => [names.get(name) ?? name, s]));
}

/** JSON with sorted keys, references mapped through `ref`. */
function canonicalize(value: unknown, ref: (r: string) => string): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalize(v, ref)).join(",")}]`;
  if (value && typeof value === "object") {
    const obj = value as Obj;
    return `{${Object.keys(obj)
      .sort()
      .map(
        (k) =>
          `${JSON.stringify(k)}:${k === "$ref" && typeof obj[k] === "string" ? JSON.stringify(ref(obj[k] as string)) : canonicalize(obj[k], ref)}`,
      )
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function asObject(value: unknown): Obj {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {};
}
