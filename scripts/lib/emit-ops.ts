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

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
const lit = (value: unknown) => JSON.stringify(value);

const TYPE_TEST: Record<string, (v: string) => string> = {
  string: (v) => `typeof ${v} === "string"`,
  number: (v) => `(typeof ${v} === "number" && Number.isFinite(${v}))`,
  integer: (v) => `(typeof ${v} === "number" && Number.isInteger(${v}))`,
  boolean: (v) => `typeof ${v} === "boolean"`,
  array: (v) => `Array.isArray(${v})`,
  object: (v) => `(typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v}))`,
  null: (v) => `${v} === null`,
};

const STRING_KEYS = ["minLength", "maxLength", "pattern", "format"] as const;
const NUMBER_KEYS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"] as const;

/** Compiles schemas to statements that push issues onto an array. */
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

  /** Statements checking `v` (an expression) at path `p` (an expression), issues into `i` (a variable). */
  node(s: Schema, v: string, p: string, i: string): string[] {
    if (s.$ref !== undefined) return this.schemas[s.$ref] ? [`${this.fn(s.$ref)}(${v}, ${p}, ${i}, d + 1);`] : [];
    const L = this.fresh("n");
    const out: string[] = [];
    const types = s.type === undefined ? undefined : Array.isArray(s.type) ? s.type : [s.type];
    if (s.nullable || types?.includes("null") || (types === undefined && !s.enum))
      out.push(`if (${v} === null) break ${L};`);
    else if (!s.enum?.includes(null))
      out.push(`if (${v} === null) { ${i}.push({ path: ${p}, message: "must not be null" }); break ${L}; }`);
    if (types) {
      const tests = types.map((t) => (TYPE_TEST[t] ?? (() => "true"))(v)).join(" || ");
      out.push(
        `if (!(${tests})) { ${i}.push({ path: ${p}, message: ${lit(`must be ${types.map(article).join(" or ")}`)} }); break ${L}; }`,
      );
    }
    if (s.enum) {
      const message = `must be one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`;
      out.push(`if (!${lit(s.enum)}.some((e) => equal(e, ${v}))) ${i}.push({ path: ${p}, message: ${lit(message)} });`);
    }
    if (s.const !== undefined)
      out.push(
        `if (!equal(${lit(s.const)}, ${v})) ${i}.push({ path: ${p}, message: ${lit(`must be ${lit(s.const)}`)} });`,
      );
    const pick = (keys: readonly string[]) =>
      Object.fromEntries(
        keys
          .filter((k) => (s as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, (s as Record<string, unknown>)[k]]),
      );
    const can = (...t: string[]) => types === undefined || t.some((x) => types.includes(x));
    const strings = can("string") ? pick(STRING_KEYS.filter((k) => k !== "format" || s.format !== "int32")) : {};
    const numbers = can("number", "integer")
      ? pick(NUMBER_KEYS.filter((k) => k !== "format" || s.format === "int32"))
      : {};
    const branches: string[][] = [];
    if (Object.keys(strings).length)
      branches.push([`if (typeof ${v} === "string") checkString(${lit(strings)}, ${v}, ${p}, ${i});`]);
    if (Object.keys(numbers).length)
      branches.push([`if (typeof ${v} === "number") checkNumber(${lit(numbers)}, ${v}, ${p}, ${i});`]);
    const array: string[] = [];
    if (s.minItems !== undefined)
      array.push(
        `if (${v}.length < ${s.minItems}) ${i}.push({ path: ${p}, message: ${lit(`must have at least ${s.minItems} items`)} });`,
      );
    if (s.maxItems !== undefined)
      array.push(
        `if (${v}.length > ${s.maxItems}) ${i}.push({ path: ${p}, message: ${lit(`must have at most ${s.maxItems} items`)} });`,
      );
    if (s.items) {
      const k = this.fresh("k");
      const item = this.node(s.items, `${v}[${k}]`, `\`\${${p}}[\${${k}}]\``, i);
      if (item.length) array.push(`for (let ${k} = 0; ${k} < ${v}.length; ${k}++) {`, ...item, "}");
    }
    if (array.length && can("array")) branches.push([`if (Array.isArray(${v})) {`, ...array, "}"]);
    const object = can("object") ? this.object(s, v, p, i) : [];
    if (object.length)
      branches.push([`if (${v} && typeof ${v} === "object" && !Array.isArray(${v})) {`, ...object, "}"]);
    // The interpreter's string / number / array / object checks are exclusive: so are these.
    out.push(...chain(branches));
    for (const part of s.allOf ?? []) out.push(...this.node(part, v, p, i));
    for (const list of [s.anyOf, s.oneOf]) {
      if (!list?.length) continue;
      const B = this.fresh("b");
      const f = this.fresh("f");
      out.push(`${B}: {`, `const ${f}: ValidationIssue[][] = [];`);
      for (const branch of list) {
        const j = this.fresh("j");
        out.push(
          "{",
          `const ${j}: ValidationIssue[] = [];`,
          ...this.node(branch, v, p, j),
          `if (${j}.length === 0) break ${B};`,
          `${f}.push(${j});`,
          "}",
        );
      }
      out.push(`${i}.push(anyOfIssue(${p}, ${f}));`, "}");
    }
    if (out.every((line) => line.startsWith(`if (${v} === null) break ${L}`))) return [];
    return [`${L}: {`, ...out, "}"];
  }

  private object(s: Schema, v: string, p: string, i: string): string[] {
    const out: string[] = [];
    const o = this.fresh("o");
    // The object's path, once: nested objects refer to it instead of repeating the expression.
    const q = this.fresh("q");
    const join = (key: string) => `(${q} ? \`\${${q}}.${key.replace(/[`\\$]/g, "\\$&")}\` : ${lit(key)})`;
    for (const key of s.required ?? [])
      out.push(`if (${o}[${lit(key)}] === undefined) ${i}.push({ path: ${join(key)}, message: "is required" });`);
    const props = Object.entries(s.properties ?? {});
    const extra = s.additionalProperties;
    if (props.length || extra === false || (extra && typeof extra === "object")) {
      const k = this.fresh("k");
      const x = this.fresh("x");
      const path = `(${q} ? \`\${${q}}.\${${k}}\` : ${k})`;
      const cases: string[] = [];
      const known: string[] = [];
      for (const [key, prop] of props) {
        const check = this.node(prop, x, path, i);
        if (check.length) cases.push(`case ${lit(key)}: {`, ...check, "break;", "}");
        else known.push(`case ${lit(key)}:`);
      }
      const other =
        extra === false
          ? [`${i}.push({ path: ${path}, message: "is not a known property" });`]
          : extra && typeof extra === "object"
            ? this.node(extra, x, path, i)
            : [];
      if (cases.length || other.length)
        out.push(
          `for (const ${k} in ${o}) {`,
          `const ${x} = ${o}[${k}];`,
          `if (${x} === undefined) continue;`,
          `switch (${k}) {`,
          ...cases,
          ...(other.length ? [...known, ...(known.length ? ["break;"] : []), "default: {", ...other, "}"] : []),
          "}",
          "}",
        );
    }
    return out.length ? [`const ${o} = ${v} as Record<string, unknown>;`, `const ${q}: string = ${p};`, ...out] : [];
  }

  /** The shared functions reached so far (and those they reach). */
  sharedFunctions(): string[] {
    const out: string[] = [];
    const done = new Set<string>();
    while (this.pending.length) {
      const name = this.pending.shift() as string;
      if (done.has(name)) continue;
      done.add(name);
      const body = this.node(this.schemas[name] as Schema, "v", "p", "i");
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

/** `if … else if …` from groups of statements, each starting with its `if (…)`. */
function chain(groups: string[][]): string[] {
  return groups.flatMap((group, n) => (n === 0 ? group : [`else ${group[0]}`, ...group.slice(1)]));
}

/** The validator of one operation: parameters (required, schema, safe path values) and the body. */
function validator(op: TableOperation, c: Compiler): string[] {
  const out: string[] = ["(p, b, bp) => {", "const i: ValidationIssue[] = [];"];
  for (const param of op.params) {
    const v = `p.${param.in}?.[${lit(param.name)}]`;
    const check = param.schema ? c.node(param.schema as Schema, "x", lit(param.name), "i") : [];
    out.push("{", `const x = ${v};`);
    out.push(
      `if (x === undefined || x === null) {${param.required ? ` i.push({ path: ${lit(param.name)}, message: "is required" });` : ""} } else {`,
      ...check,
      "}",
      "}",
    );
  }
  if (op.params.some((p) => p.in === "path")) out.push("i.push(...checkPathParams(p.path));");
  if (op.body) {
    const schema = op.body.schema as Schema | undefined;
    const check = schema ? c.node(schema, "b", "bp", "i") : [];
    out.push(
      `if (b === undefined) {${op.body.required ? ` i.push({ path: bp, message: "is required" });` : ""} }`,
      ...(check.length ? [`else if (isCheckableBody(${lit(op.body.contentType)}, b)) {`, ...check, "}"] : []),
    );
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
    const params = runtime.params.map(({ schema, ...p }) => ({
      ...p,
      ...(schema && isSmall(schema) ? { schema } : {}),
    }));
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
    body.push(
      `const ${fn}Params: OperationDefinition["params"] = ${JSON.stringify(params)};`,
      "",
      `/** What core needs to call \`${key}\`. */`,
      `export const ${fn}Operation: OperationDefinition = { ...${json}, params: ${fn}Params, ${hooks.map((h) => `${h}, `).join("")}validate: ${check.join("\n")} };`,
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
  const helpers = ["anyOfIssue", "checkNumber", "checkPathParams", "checkString", "equal", "isCheckableBody"].filter(
    (h) => new RegExp(`\\b${h}\\(`).test(text),
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

/** A parameter schema kept in the description (demo and tests read formats): small ones only. */
function isSmall(schema: unknown): boolean {
  return JSON.stringify(schema).length <= 120;
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
