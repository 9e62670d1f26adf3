import type { Table, TableOperation } from "./build-table.js";
import { resolvePointer } from "./check-spec.js";

type Obj = Record<string, unknown>;

/** The documentation the generator writes: JSDoc of each operation method, and the README's table. */

function deref(doc: Obj, node: unknown): Obj | undefined {
  let current = node;
  for (let i = 0; i < 32 && current && typeof current === "object" && typeof (current as Obj).$ref === "string"; i++) {
    current = resolvePointer(doc, (current as Obj).$ref as string);
  }
  return current && typeof current === "object" ? (current as Obj) : undefined;
}

const oneLine = (text: unknown): string =>
  typeof text === "string" ? text.replace(/\s+/g, " ").replace(/\*\*/g, "").trim() : "";

/** "uuid, 10–100, default 10, one of a | b": what a schema allows, in a few words. */
export function constraints(schema: Obj | undefined, doc: Obj): string {
  const s = deref(doc, schema);
  if (!s) return "";
  const out: string[] = [];
  const type = Array.isArray(s.type) ? s.type.join(" | ") : s.type;
  if (typeof type === "string")
    out.push(s.type === "array" && s.items ? `${type} of ${constraints(s.items as Obj, doc) || "items"}` : type);
  if (typeof s.format === "string") out.push(s.format);
  if (Array.isArray(s.enum)) out.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(" | ")}`);
  const min = s.minimum ?? s.minLength ?? s.minItems;
  const max = s.maximum ?? s.maxLength ?? s.maxItems;
  const unit =
    s.minLength !== undefined || s.maxLength !== undefined
      ? " chars"
      : s.minItems !== undefined || s.maxItems !== undefined
        ? " items"
        : "";
  if (min !== undefined && max !== undefined) out.push(`${min}–${max}${unit}`);
  else if (min !== undefined) out.push(`>= ${min}${unit}`);
  else if (max !== undefined) out.push(`<= ${max}${unit}`);
  if (typeof s.pattern === "string") out.push(`pattern \`${s.pattern}\``);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  if (s.nullable === true) out.push("nullable");
  return out.join(", ");
}

interface Field {
  name: string;
  where: string;
  required: boolean;
  schema?: Obj;
  description: string;
  deprecated: boolean;
}

/** Every field of the argument object, in the order a caller writes them. */
function fields(op: TableOperation, doc: Obj): Field[] {
  const specOp = ((doc.paths as Obj)[op.path] as Obj | undefined)?.[op.method] as Obj | undefined;
  const item = (doc.paths as Obj)[op.path] as Obj | undefined;
  const raw = new Map<string, Obj>();
  for (const list of [item?.parameters, specOp?.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      const param = deref(doc, p);
      if (param && typeof param.name === "string") raw.set(`${param.in}:${param.name}`, param);
    }
  }
  const out: Field[] = op.params.map((p) => {
    const r = raw.get(`${p.in}:${p.name}`);
    const optionalPage = op.pagination && (p.name === op.pagination.param || p.name === op.pagination.sizeParam);
    return {
      name: p.name,
      where: p.in,
      required: p.required && !optionalPage,
      schema: (r?.schema as Obj | undefined) ?? undefined,
      description: oneLine(r?.description),
      deprecated: r?.deprecated === true,
    };
  });
  if (op.body) {
    const rb = deref(doc, specOp?.requestBody);
    const schema = deref(doc, ((rb?.content as Obj | undefined)?.[op.body.contentType] as Obj | undefined)?.schema);
    if (op.body.mode === "merge" && schema) {
      const required = new Set<string>();
      const props = new Map<string, Obj>();
      const collect = (s: Obj | undefined, depth = 0): void => {
        if (!s || depth > 8) return;
        for (const r of (s.required as string[] | undefined) ?? []) required.add(r);
        for (const [k, v] of Object.entries((s.properties ?? {}) as Obj)) if (!props.has(k)) props.set(k, v as Obj);
        for (const part of (s.allOf as unknown[] | undefined) ?? []) collect(deref(doc, part), depth + 1);
      };
      collect(schema);
      for (const [name, prop] of props) {
        const p = deref(doc, prop);
        out.push({
          name,
          where: "body",
          required: required.has(name),
          schema: prop,
          description: oneLine(p?.description),
          deprecated: p?.deprecated === true,
        });
      }
    } else {
      out.push({
        name: "body",
        where: op.body.contentType,
        required: op.body.required,
        schema: schema ?? undefined,
        description: oneLine(rb?.description),
        deprecated: false,
      });
    }
  }
  return out;
}

/** A sample value for the usage example. */
function sample(field: Field, doc: Obj): string {
  const s = deref(doc, field.schema) ?? {};
  if (s.example !== undefined) return JSON.stringify(s.example);
  if (Array.isArray(s.enum) && s.enum.length) return JSON.stringify(s.enum[0]);
  if (s.format === "uuid") return '"a1b2c3d4-e5f6-7890-abcd-ef1234567890"';
  if (s.type === "integer" || s.type === "number") return String(s.minimum ?? 1);
  if (s.type === "boolean") return "true";
  if (s.type === "array") return "[]";
  if (s.type === "object") return "{}";
  return JSON.stringify(field.name === "body" ? "…" : `${field.name}`);
}

/** The JSDoc lines of an operation method: summary, description, arguments, result, errors, example. */
export function operationDoc(op: TableOperation, doc: Obj, client = "client"): string[] {
  const text: string[] = [];
  if (op.summary) text.push(op.summary.trim(), "");
  if (op.description && op.description.trim() !== op.summary?.trim())
    text.push(...op.description.trim().replace(/\\`/g, "`").split("\n"), "");
  text.push(`\`${op.method.toUpperCase()} ${op.path}\` (operationId \`${op.id}\`)`);
  if (op.server) text.push("", `Sent to \`${op.server}\` unless the client's base URL is set.`);
  const list = fields(op, doc);
  if (list.length) {
    text.push("", "Arguments (one object):");
    for (const f of list) {
      const c = constraints(f.schema, doc);
      const bits = [f.where, f.required ? "required" : "optional", c].filter(Boolean).join("; ");
      text.push(
        `- \`${f.name}\` (${bits})${f.description ? `: ${f.description}` : ""}${f.deprecated ? " (deprecated)" : ""}`,
      );
    }
  }
  if (op.pagination) {
    const p = op.pagination;
    text.push(
      "",
      `A list: \`await\` gives one page; \`for await (const item of ${client}.${op.namespace}.${op.name}(…))\` walks every item of every page, and \`.pages()\` every page.`,
      `Pages by ${p.style === "page" ? `page number \`${p.param}\`` : `cursor \`${p.param}\``}${p.sizeParam ? `, \`${p.sizeParam}\` ${p.size ?? "as given"} per page by default` : ""}; \`maxPages\` (per-call option) caps a walk.`,
    );
  }
  text.push(
    "",
    `@returns ${op.response === "none" ? "nothing (the response has no body)" : "the parsed success body"}`,
  );
  text.push("@throws {ValidationError} the arguments do not match the spec (nothing was sent)");
  if (op.auth.length) text.push("@throws {AuthenticationError} 401: the API key is missing or wrong");
  text.push(
    "@throws {ApiError} any other error status (`BadRequestError`, `NotFoundError`, `RateLimitError`, `InternalServerError`, …)",
    "@throws {ConnectionError} no HTTP answer (`TimeoutError` when an attempt took longer than `timeoutMs`)",
  );
  const required = list.filter(
    (f) =>
      f.required ||
      (op.body?.mode === "merge" && f.where === "body" && list.filter((x) => x.where === "body").length === 1),
  );
  const args = required.map((f) => `${f.name}: ${sample(f, doc)}`).join(", ");
  text.push("@example");
  text.push("```ts");
  if (op.pagination)
    text.push(
      `for await (const item of ${client}.${op.namespace}.${op.name}(${args ? `{ ${args} }` : ""})) console.log(item);`,
    );
  else text.push(`const result = await ${client}.${op.namespace}.${op.name}(${args ? `{ ${args} }` : ""});`);
  text.push("```");
  if (op.deprecated) text.push("@deprecated the spec marks this operation as deprecated");
  return text;
}

/** The argument list of an operation, for its Params type's doc. */
export function argumentLines(op: TableOperation, doc: Obj): string[] {
  return fields(op, doc).map((f) => {
    const c = constraints(f.schema, doc);
    return `- \`${f.name}\` (${[f.where, f.required ? "required" : "optional", c].filter(Boolean).join("; ")})`;
  });
}

export const README_START = "<!-- operations:start -->";
export const README_END = "<!-- operations:end -->";

/** The README's table of every operation. */
export function readmeTable(table: Table): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
  const rows = table.operations.map(
    (op) =>
      `| \`${op.namespace}.${op.name}\` | \`${op.method.toUpperCase()} ${cell(op.path)}\` | ${cell(op.summary ?? "")}${op.pagination ? " (paginated)" : ""}${op.deprecated ? " (deprecated)" : ""} |`,
  );
  return [
    README_START,
    "",
    "<!-- generated by `pnpm generate` from the spec: do not edit by hand -->",
    "",
    `${table.operations.length} operation${table.operations.length === 1 ? "" : "s"}, as \`client.<namespace>.<method>(args, options?)\`:`,
    "",
    "| method | route | summary |",
    "|---|---|---|",
    ...rows,
    "",
    README_END,
  ].join("\n");
}

/** `readme` with its operations table replaced (or appended when it has none). */
export function withReadmeTable(readme: string, table: Table): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  const block = readmeTable(table);
  if (start >= 0 && end > start) return `${readme.slice(0, start)}${block}${readme.slice(end + README_END.length)}`;
  return `${readme.trimEnd()}\n\n## Operations\n\n${block}\n`;
}
