/**
 * Request-side JSON schemas, reduced to what validation needs. Descriptions, examples and
 * response-only schemas are dropped, so the validators cost little in the bundle; `$ref`s to
 * component schemas stay as `{ $ref: "Name" }` and the named schemas are emitted once.
 */
export type CompactSchema = { [key: string]: unknown };

const COPY = [
  "type",
  "format",
  "enum",
  "const",
  "nullable",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
] as const;
const FORMATS = new Set(["uuid", "date-time", "date", "email", "uri", "int32", "int64"]);
const COMPONENT_SCHEMA = "#/components/schemas/";

export class SchemaCompactor {
  /** Component schemas reached so far, compacted. */
  readonly named = new Map<string, CompactSchema>();
  private readonly pending = new Set<string>();

  constructor(private readonly resolve: (ref: string) => unknown) {}

  compact(schema: unknown, depth = 0): CompactSchema {
    if (!schema || typeof schema !== "object" || depth > 64) return {};
    const s = schema as Record<string, unknown>;
    if (typeof s.$ref === "string") {
      if (s.$ref.startsWith(COMPONENT_SCHEMA)) {
        const name = decodePointer(s.$ref.slice(COMPONENT_SCHEMA.length));
        this.reach(name, s.$ref);
        return { $ref: name };
      }
      return this.compact(this.resolve(s.$ref), depth + 1);
    }
    // File content (`format: binary`, or a 3.1 `contentMediaType` without an encoding) is sent as a
    // Blob, bytes or a string: nothing to check but presence (and null, when it is allowed).
    if (isBinary(s))
      return s.nullable === true || (Array.isArray(s.type) && s.type.includes("null")) ? { nullable: true } : {};
    const out: CompactSchema = {};
    for (const key of COPY) {
      if (s[key] === undefined) continue;
      if (key === "format" && !FORMATS.has(String(s.format))) continue;
      out[key] = s[key];
    }
    if (s.properties && typeof s.properties === "object") {
      const props: Record<string, CompactSchema> = {};
      const readOnly = new Set<string>();
      for (const [name, prop] of Object.entries(s.properties as Record<string, unknown>)) {
        if (prop && typeof prop === "object" && (prop as { readOnly?: boolean }).readOnly) readOnly.add(name);
        props[name] = this.compact(prop, depth + 1);
      }
      out.properties = props;
      if (Array.isArray(s.required)) {
        const required = (s.required as string[]).filter((n) => !readOnly.has(n));
        if (required.length) out.required = required;
      }
    } else if (Array.isArray(s.required) && s.required.length) {
      out.required = s.required;
    }
    if (s.additionalProperties === false) out.additionalProperties = false;
    else if (s.additionalProperties && typeof s.additionalProperties === "object") {
      out.additionalProperties = this.compact(s.additionalProperties, depth + 1);
    }
    if (s.items && typeof s.items === "object" && !Array.isArray(s.items)) out.items = this.compact(s.items, depth + 1);
    for (const key of ["allOf", "anyOf", "oneOf"] as const) {
      if (Array.isArray(s[key])) out[key] = (s[key] as unknown[]).map((x) => this.compact(x, depth + 1));
    }
    return out;
  }

  private reach(name: string, ref: string): void {
    if (this.named.has(name) || this.pending.has(name)) return;
    this.pending.add(name);
    const compacted = this.compact(this.resolve(ref));
    this.pending.delete(name);
    this.named.set(name, compacted);
  }
}

/** A schema for file content rather than text: `format: binary`, or `contentMediaType` without `contentEncoding`. */
export function isBinary(s: Record<string, unknown>): boolean {
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (s.type !== undefined && !types.includes("string")) return false;
  return s.format === "binary" || (typeof s.contentMediaType === "string" && s.contentEncoding === undefined);
}

export function decodePointer(segment: string): string {
  if (!segment.includes("%") && !segment.includes("~")) return segment;
  return decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");
}
