import type { Schema } from "../../packages/core/src/definition.js";
import type { Table, TableOperation } from "./build-table.js";
import type { OperationTypeNames, TypeNames } from "./emit-types.js";
import { pascalCase } from "./naming.js";

/**
 * The generator step behind `ops.ts`: one exported function per operation (`<namespace><Method>`,
 * taking a core from `create<Vendor>Core`), its runtime description, and a straight-line validator
 * compiled from the spec's request schemas (no `new Function`; shared schemas are shared functions).
 * The client's methods are these same functions bound to a core, so there is one implementation.
 * The checks mirror core's schema interpreter (validate.ts) issue for issue.
 */

/** `conversationsSendMessage`: the exported function of an operation. */
export function opFunctionName(op: { namespace: string; name: string }): string {
  return `${op.namespace}${pascalCase(op.name)}`;
}

const lit = (value: unknown) => JSON.stringify(value);

/** A property name as an object literal key (`__proto__` computed, so that it stays a property). */
const key = (name: string) =>
  name === "__proto__" ? `[${lit(name)}]` : /^[A-Za-z_$][\w$]*$/.test(name) ? name : lit(name);

/** The JSON types core knows (validate.ts); a schema naming another type is not type-checked. */
const KNOWN_TYPES = ["string", "number", "integer", "boolean", "array", "object", "null"];
/** What a value of a JSON type is at run time, for the exclusive string / number / array / object checks. */
const KIND: Record<string, string> = {
  string: "string",
  number: "number",
  integer: "number",
  array: "array",
  object: "object",
  boolean: "boolean",
};
/** The string formats core checks, by the name of their check in validate.ts. */
const FORMAT_CHECKS: Record<string, string> = {
  uuid: "uuidFormat",
  email: "emailFormat",
  date: "dateFormat",
  "date-time": "dateTimeFormat",
};
const NUMBER_KEYS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"] as const;

/** The checks of one schema: `guard` (null and type; the rest only runs when it is true) and the rest. */
interface Node {
  guard?: string;
  /** The `type` checked by the guard (a literal), and how null is treated (see core's `ofType`). */
  types?: string;
  nulls?: number;
  body: string[];
}

/** A call with its trailing undefined arguments dropped. */
function call(name: string, args: (string | undefined)[]): string {
  const list = [...args];
  while (list.length && list[list.length - 1] === undefined) list.pop();
  return `${name}(${list.map((a) => a ?? "undefined").join(", ")})`;
}

/** A node as statements: `if (guard) …`. */
function statements(node: Node): string[] {
  if (!node.guard) return node.body;
  if (!node.body.length) return [`${node.guard};`];
  if (node.body.length === 1) return [`if (${node.guard}) ${node.body[0]}`];
  return [`if (${node.guard}) {`, ...node.body, "}"];
}

/** A check function `(v, p) => …` from statements. */
function arrow(params: string, lines: string[]): string {
  if (lines.length === 1 && /^[\w$]+\(.*\);$/s.test(lines[0] as string))
    return `(${params}) => ${(lines[0] as string).slice(0, -1)}`;
  return `(${params}) => {\n${lines.join("\n")}\n}`;
}

/**
 * A node of `v` at `p` as a core `Check`: its type(s) when that is all it checks, the check itself
 * when it is one call of `(v, p, i)`, else a function.
 */
function checkOf(node: Node, v: string, p: string, i: string): string | undefined {
  if (node.types && !node.nulls && !node.body.length) return node.types;
  const lines = statements(node);
  if (!lines.length) return undefined;
  const one = !node.guard && lines.length === 1 ? /^([\w$]+)\((\w+), (\w+), (\w+)\);$/.exec(lines[0] as string) : null;
  if (one && one[2] === v && one[3] === p && one[4] === i) return one[1];
  return arrow(`${v}, ${p}`, lines);
}

/** Compiles schemas to calls of core's checks (validate.ts), which push issues onto an array. */
class Compiler {
  private n = 0;
  /** Shared (component) schemas reached: name -> function name. */
  readonly functions = new Map<string, string>();
  private readonly pending: string[] = [];

  constructor(private readonly schemas: Readonly<Record<string, Schema>>) {}

  private fresh(prefix: string): string {
    this.n++;
    return `${prefix}${this.n}`;
  }

  fn(name: string): string {
    let id = this.functions.get(name);
    if (!id) {
      id = `$${name.replace(/[^A-Za-z0-9_$]/g, "_")}`;
      while ([...this.functions.values()].includes(id)) id = `${id}_`;
      this.functions.set(name, id);
      this.pending.push(name);
    }
    return id;
  }

  /** Checks of `v` (a variable) at path `p` (a variable or literal), issues into `i` (a variable). */
  node(s: Schema, v: string, p: string, i: string): Node {
    if (s.$ref !== undefined)
      return { body: this.schemas[s.$ref] ? [`${this.fn(s.$ref)}(${v}, ${p}, ${i}, d + 1);`] : [] };
    const types = s.type === undefined ? undefined : Array.isArray(s.type) ? s.type : [s.type];
    const nulls =
      s.nullable || types?.includes("null") || (types === undefined && !s.enum) ? 1 : s.enum?.includes(null) ? 2 : 0;
    // A type core does not know is not checked (as in its interpreter).
    const typed =
      types?.length && types.every((t) => KNOWN_TYPES.includes(t))
        ? lit(types.length === 1 ? types[0] : types)
        : undefined;
    const guard = typed
      ? call("ofType", [v, p, i, typed, nulls ? String(nulls) : undefined])
      : nulls === 0
        ? `ofType(${v}, ${p}, ${i})`
        : nulls === 1
          ? `${v} !== null`
          : undefined;
    const body: string[] = [];
    if (s.enum) body.push(`checkEnum(${v}, ${p}, ${i}, ${lit(s.enum)});`);
    if (s.const !== undefined) body.push(`checkConst(${v}, ${p}, ${i}, ${lit(s.const)});`);
    const can = (...t: string[]) => types === undefined || t.some((x) => types.includes(x));
    // What the value can be once the guard passed: one kind needs no `typeof` test.
    const kinds = types?.every((t) => KNOWN_TYPES.includes(t))
      ? [...new Set(types.filter((t) => t !== "null").map((t) => KIND[t]))]
      : undefined;
    const only = kinds?.length === 1 ? kinds[0] : undefined;
    const branches: { test: string; kind: string; lines: string[] }[] = [];
    if (can("string")) {
      const lines: string[] = [];
      if (s.minLength !== undefined || s.maxLength !== undefined)
        lines.push(`${call("checkLength", [v, p, i, s.minLength?.toString(), s.maxLength?.toString()])};`);
      if (s.pattern !== undefined) lines.push(`checkPattern(${v}, ${p}, ${i}, ${lit(s.pattern)});`);
      const format = s.format && Object.hasOwn(FORMAT_CHECKS, s.format) ? FORMAT_CHECKS[s.format] : undefined;
      if (format) lines.push(`${format}(${v}, ${p}, ${i});`);
      if (lines.length) branches.push({ test: `typeof ${v} === "string"`, kind: "string", lines });
    }
    if (can("number", "integer")) {
      const numbers = Object.fromEntries(
        NUMBER_KEYS.filter((k) => s[k] !== undefined && (k !== "format" || s.format === "int32")).map((k) => [k, s[k]]),
      );
      if (Object.keys(numbers).length)
        branches.push({
          test: `typeof ${v} === "number"`,
          kind: "number",
          lines: [`checkNumber(${lit(numbers)}, ${v} as number, ${p}, ${i});`],
        });
    }
    if (can("array")) {
      let item: string | undefined;
      if (s.items) {
        const [y, q] = [this.fresh("y"), this.fresh("q")];
        item = checkOf(this.node(s.items, y, q, i), y, q, i);
      }
      if (item || s.minItems !== undefined || s.maxItems !== undefined)
        branches.push({
          test: `Array.isArray(${v})`,
          kind: "array",
          lines: [`${call("checkItems", [v, p, i, item, s.minItems?.toString(), s.maxItems?.toString()])};`],
        });
    }
    if (can("object")) {
      const line = this.object(s, v, p, i);
      if (line)
        branches.push({
          test: `${v} && typeof ${v} === "object" && !Array.isArray(${v})`,
          kind: "object",
          lines: [line],
        });
    }
    // The interpreter's string / number / array / object checks are exclusive: so are these.
    const own = only ? branches.find((b) => b.kind === only) : undefined;
    if (own) body.push(...own.lines);
    else
      branches.forEach((b, n) => {
        const head = `${n ? "else " : ""}if (${b.test})`;
        if (b.lines.length === 1) body.push(`${head} ${b.lines[0]}`);
        else body.push(`${head} {`, ...b.lines, "}");
      });
    for (const part of s.allOf ?? []) body.push(...statements(this.node(part, v, p, i)));
    for (const list of [s.anyOf, s.oneOf]) {
      if (!list?.length) continue;
      const fns = list.map((branch) => {
        const j = this.fresh("j");
        return arrow(j, statements(this.node(branch, v, p, j)));
      });
      body.push(`checkAnyOf(${p}, ${i}, [\n${fns.join(",\n")},\n]);`);
    }
    if (!body.length && nulls === 1 && !typed) return { body: [] };
    return { guard, types: typed, nulls, body };
  }

  /** The `checkProps(…)` statement of an object schema, if it has anything to check. */
  private object(s: Schema, v: string, p: string, i: string): string | undefined {
    const required = s.required?.length ? lit(s.required) : undefined;
    const extra = s.additionalProperties;
    let other: string | undefined;
    if (extra === false) other = "false";
    else if (extra && typeof extra === "object") {
      const [x, q] = [this.fresh("x"), this.fresh("q")];
      other = checkOf(this.node(extra, x, q, i), x, q, i);
    }
    const entries: string[] = [];
    let checked = false;
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const [x, q] = [this.fresh("x"), this.fresh("q")];
      const check = checkOf(this.node(prop, x, q, i), x, q, i);
      if (check) checked = true;
      entries.push(`${key(name)}: ${check ?? "0"}`);
    }
    const known = checked || other ? `{\n${entries.join(",\n")}${entries.length ? ",\n" : ""}}` : undefined;
    if (!required && !known) return undefined;
    return `${call("checkProps", [v, p, i, required ?? (known ? "0" : undefined), known, other])};`;
  }

  /** The shared functions reached so far (and those they reach). */
  sharedFunctions(): string[] {
    const out: string[] = [];
    const done = new Set<string>();
    while (this.pending.length) {
      const name = this.pending.shift() as string;
      if (done.has(name)) continue;
      done.add(name);
      const body = statements(this.node(this.schemas[name] as Schema, "v", "p", "i"));
      out.push(
        `/** Checks a value against the spec's \`${name.replace(/\*\//g, "*\\/")}\` schema. */`,
        `function ${this.functions.get(name)}(v: unknown, p: string, i: ValidationIssue[], d: number): void {`,
        "if (d > 64) return;",
        ...body,
        "}",
        "",
      );
    }
    return out;
  }
}

/** The validator of one operation: parameters (required, schema, safe path values) and the body. */
function validator(op: TableOperation, c: Compiler): string[] {
  const out: string[] = ["(p, b, bp) => {", "const i: ValidationIssue[] = [];"];
  for (const param of op.params) {
    const node = param.schema ? c.node(param.schema as Schema, "x", "q", "i") : { body: [] };
    // Null is "missing" for a parameter: what is left of the guard is the type check.
    const types = node.guard?.startsWith("ofType(") ? node.types : undefined;
    const check = checkOf({ body: node.body }, "x", "q", "i");
    if (!param.required && !types && !check) continue;
    const args = [`p.${param.in}`, lit(param.name), "i", String(param.required), types, check];
    out.push(`${call("param", args)};`);
  }
  if (op.params.some((p) => p.in === "path")) out.push("checkPathParams(p.path, i);");
  if (op.body) {
    const node = op.body.schema ? c.node(op.body.schema as Schema, "b", "bp", "i") : { body: [] };
    // A JSON body is always checked; a form body only when given as a plain object.
    const checked = node.guard || node.body.length;
    const tests = [
      call("present", ["b", "bp", "i", op.body.required ? "true" : undefined]),
      ...(checked && !/json/i.test(op.body.contentType) ? [`isCheckableBody(${lit(op.body.contentType)}, b)`] : []),
      ...(node.guard ? [node.guard] : []),
    ];
    if (checked || op.body.required) out.push(...statements({ guard: tests.join(" && "), body: node.body }));
  }
  out.push("return i;", "}");
  // Depth is counted from the operation, through shared schemas only.
  if (out.some((line) => line.includes("d + 1"))) out.splice(2, 0, "const d = 0;");
  const uses = (name: string) => out.slice(1).some((line) => new RegExp(`\\b${name}\\b`).test(line));
  out[0] = `(${uses("p") ? "p" : "_p"}, ${uses("b") ? "b" : "_b"}, ${uses("bp") ? "bp" : "_bp"}) => {`;
  return out;
}

/** The `ops.ts` file of a vendor package. */
export function emitOps(table: Table, names: TypeNames, docs: Map<string, string[]>): string {
  const c = new Compiler(table.schemas);
  const body: string[] = [];
  const used = new Set<string>();
  for (const op of table.operations) {
    const key = `${op.namespace}.${op.name}`;
    const n = names.operations.get(key) as OperationTypeNames;
    const fn = opFunctionName(op);
    const { summary, description, deprecated, successStatus, successContentType, ...runtime } = op;
    const { params: _params, ...rest } = runtime;
    const described = { ...rest, ...(runtime.body ? { body: (({ schema, ...b }) => b)(runtime.body) } : {}) };
    // With a generated validator, nothing reads a parameter's schema at run time: not sent along.
    const params = runtime.params.map(({ schema, ...p }) => p);
    const check = validator(op, c);
    const json = JSON.stringify(described);
    // Only what this operation uses: serializers for arrays, objects or styles in its parameters, an
    // encoding for a body that is not JSON (pure calls: an unused operation is dropped by a bundler).
    const hooks: string[] = [];
    if (needsSerializers(op)) {
      hooks.push(`serializers: /* @__PURE__ */ operationSerializers({ params: ${fn}Params }, true)`);
      used.add("value:operationSerializers");
    }
    if (op.body && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(op.body.contentType)) {
      hooks.push(`encoding: /* @__PURE__ */ bodyEncoding(${lit(op.body.contentType)}) as BodyEncoding`);
      used.add("value:bodyEncoding");
      used.add("BodyEncoding");
    }
    // The parameters get a name of their own only when the serializers read them too.
    const shared = hooks.some((h) => h.includes(`${fn}Params`));
    body.push(
      ...(shared ? [`const ${fn}Params: OperationDefinition["params"] = ${JSON.stringify(params)};`, ""] : []),
      `/** What core needs to call \`${key}\`. */`,
      `export const ${fn}Operation: OperationDefinition = { ...${json}, params: ${shared ? `${fn}Params` : JSON.stringify(params)}, ${hooks.map((h) => `${h}, `).join("")}validate: ${check.join("\n")} };`,
      "",
    );
    const result = n.item ? `PageCall<${n.response}, ${n.item}>` : `Promise<${n.response}>`;
    const options = op.pagination ? "PageRequestOptions" : "RequestOptions";
    used.add(options);
    if (n.item) used.add("PageCall");
    const doc = (docs.get(key) ?? []).map((l) =>
      l.replace(/client\.[\w]+\.[\w]+\(/g, `${fn}(core, `).replace(/\(core, \)/g, "(core)"),
    );
    body.push(
      "/**",
      ...doc.map((l) => ` * ${l.replace(/\*\//g, "*\\/")}`.trimEnd()),
      " */",
      `export function ${fn}(core: Core, args${argsOptional(op) ? "?" : ""}: ${n.params}, options?: ${options}): ${result} {`,
      `  return ${op.pagination ? "operatePages" : "operate"}(core, ${fn}Operation, args, options) as ${n.item ? result : `Promise<${n.response}>`};`,
      "}",
      "",
    );
  }
  const shared = c.sharedFunctions();
  const text = [...shared, ...body].join("\n");
  const helpers = [
    "checkAnyOf",
    "checkConst",
    "checkEnum",
    "checkItems",
    "checkLength",
    "checkNumber",
    "checkPathParams",
    "checkPattern",
    "checkProps",
    "dateFormat",
    "dateTimeFormat",
    "emailFormat",
    "isCheckableBody",
    "ofType",
    "param",
    "present",
    "uuidFormat",
  ].filter(
    // Called, or passed as a check.
    (h) => new RegExp(`(?<![\\w$."])${h}(?=[(,)\\n])`).test(text),
  );
  const typeImports = [
    ...new Set(
      table.operations.flatMap((op) => {
        const n = names.operations.get(`${op.namespace}.${op.name}`) as OperationTypeNames;
        return [n.params, n.response, ...(n.item ? [n.item] : [])];
      }),
    ),
  ].sort();
  const needsKey = table.operations.some((op) => op.auth.length > 0 && !op.authOptional);
  const api = [
    "/** What a core needs to know of this API (its servers, whether a key is needed). */",
    `export const api: CoreApi = { servers: ${lit(table.servers)}, needsKey: ${needsKey} };`,
    "",
  ];
  const values = [
    ...helpers,
    ...[...used].filter((u) => u.startsWith("value:")).map((u) => u.slice(6)),
    ...(table.operations.some((op) => !op.pagination) ? ["operate"] : []),
    ...(table.operations.some((op) => op.pagination) ? ["operatePages"] : []),
  ].sort();
  const types = [
    "Core",
    "CoreApi",
    "OperationDefinition",
    "ValidationIssue",
    ...[...used].filter((u) => !u.startsWith("value:")),
  ].sort();
  return [
    `import { ${[...values, ...types.map((t) => `type ${t}`)].join(", ")} } from "@captain-sdk/core";`,
    ...(typeImports.length ? [`import type { ${typeImports.join(", ")} } from "./types.js";`] : []),
    "",
    ...api,
    text,
  ].join("\n");
}

/** Whether an operation's parameters need the general serializers (an array, an object, a style). */
function needsSerializers(op: TableOperation): boolean {
  return op.params.some((p) => {
    if (p.in !== "query" && p.in !== "path") return false;
    if (p.style !== undefined || p.explode !== undefined) return true;
    const schema = (p.schema ?? {}) as Schema;
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    return (
      schema.$ref !== undefined ||
      types.length === 0 ||
      types.includes("array") ||
      types.includes("object") ||
      Boolean(schema.anyOf || schema.oneOf || schema.allOf)
    );
  });
}

function argsOptional(op: TableOperation): boolean {
  const optionalQuery = op.pagination
    ? [
        op.pagination.param,
        ...(op.pagination.size !== undefined && op.pagination.sizeParam ? [op.pagination.sizeParam] : []),
      ]
    : [];
  return !op.params.some((p) => p.required && !optionalQuery.includes(p.name)) && !op.body?.required;
}
