import type {
  ApiDefinition,
  AuthDefinition,
  BodyDefinition,
  HttpMethod,
  OperationDefinition,
  PaginationDefinition,
  ParamDefinition,
  ParamStyle,
} from "../../packages/core/src/definition.js";
import { HTTP_METHODS, resolvePointer } from "./check-spec.js";
import { type CompactSchema, SchemaCompactor } from "./compact-schema.js";
import { formatPath, type JsonPath } from "./load-spec.js";
import {
  camelCase,
  isIdentifier,
  methodNameFromOperationId,
  methodNameFromRoute,
  type NamedOperation,
  namespaceFromRoute,
  type Rename,
  resolveClashes,
} from "./naming.js";
import { detectPagination, PaginationSpecError } from "./pagination.js";

type Obj = Record<string, unknown>;

/** An operation in the table, plus what the emitter needs for docs and types. */
export interface TableOperation extends OperationDefinition {
  summary?: string;
  description?: string;
  deprecated?: boolean;
  /** The key of the success response in openapi-typescript's `responses` (e.g. 201), if any. */
  successStatus?: number | string;
  /** Content type of the success body, if any. */
  successContentType?: string;
}

export interface Table extends ApiDefinition {
  operations: TableOperation[];
  /** Method names the clash rule chose (reported by the generator and the sync). */
  renames: Rename[];
}

/** Names the client object already uses: a namespace may not take them. */
const RESERVED = new Set([
  "GET",
  "PUT",
  "POST",
  "DELETE",
  "OPTIONS",
  "HEAD",
  "PATCH",
  "TRACE",
  "request",
  "use",
  "eject",
  "then",
  "constructor",
  "__proto__",
  "prototype",
  "toJSON",
]);

const fail = (message: string, path: JsonPath): never => {
  throw new TableError(message, path);
};

/** The spec's query parameters of an operation (path-level and its own), dereferenced, by name. */
function rawQueryParams(item: Obj, op: Obj, deref: <T = Obj>(n: unknown) => T): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const list of [item.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(raw);
      if (p?.in === "query" && typeof p.name === "string") out.set(p.name, p);
    }
  }
  return out;
}

export class TableError extends Error {
  constructor(
    message: string,
    readonly path: JsonPath,
  ) {
    super(message);
  }
}

/**
 * The namespace and method name of an operation: `x-captain-namespace` / `x-captain-method` when
 * set (by an overlay), else the first tag in camelCase (or the first path segment when untagged)
 * and the operationId without framework noise (or a name made from the route when there is none).
 */
export function operationNames(op: Obj, method: string, route: string): { namespace: string; name: string } {
  const tags = Array.isArray(op.tags) ? (op.tags as unknown[]).filter((t) => typeof t === "string") : [];
  const namespace =
    typeof op["x-captain-namespace"] === "string"
      ? op["x-captain-namespace"]
      : tags[0]
        ? camelCase(tags[0])
        : namespaceFromRoute(route);
  const name =
    typeof op["x-captain-method"] === "string"
      ? op["x-captain-method"]
      : typeof op.operationId === "string"
        ? methodNameFromOperationId(op.operationId)
        : methodNameFromRoute(method, route);
  return { namespace, name };
}

/** Why a namespace or method name cannot be used on the client object, if it cannot. */
export function nameProblem(namespace: string, name: string): string | undefined {
  for (const [what, value] of [
    ["namespace", namespace],
    ["method", name],
  ] as const) {
    if (!isIdentifier(value) || RESERVED.has(value)) {
      return `${what === "method" ? "method name" : what} "${value}" is not usable; set x-captain-${what} on the operation in the overlay`;
    }
  }
  return undefined;
}

/** The operation table of an (overlaid, checked) spec. */
export function buildTable(doc: Obj): Table {
  const deref = <T = Obj>(node: unknown): T => {
    let current = node;
    for (
      let hops = 0;
      hops < 32 && current && typeof current === "object" && typeof (current as Obj).$ref === "string";
      hops++
    ) {
      current = resolvePointer(doc, (current as Obj).$ref as string);
    }
    return current as T;
  };
  const compactor = new SchemaCompactor((ref) => resolvePointer(doc, ref));
  const schemes = ((doc.components as Obj | undefined)?.securitySchemes ?? {}) as Obj;
  const operations: TableOperation[] = [];
  const wheres: JsonPath[] = [];
  const explicit: boolean[] = [];
  const defaultServers = servers(doc);

  for (const [route, rawItem] of Object.entries(doc.paths as Obj)) {
    const item = deref(rawItem);
    for (const method of HTTP_METHODS) {
      const op = item[method] as Obj | undefined;
      if (!op) continue;
      const where: JsonPath = ["paths", route, method];
      const params = collectParams(item, op, deref, compactor, where);
      const body = requestBody(op, params, deref, compactor, where);
      const { namespace, name } = operationNames(op, method, route);
      const problem = nameProblem(namespace, name);
      if (problem) throw new TableError(problem, where);
      wheres.push(where);
      explicit.push(typeof op["x-captain-method"] === "string");
      const { auth, authOptional } = security(
        op.security ?? doc.security,
        schemes,
        op.security ? [...where, "security"] : ["security"],
      );
      const success = successResponse(op, deref);
      let pagination: PaginationDefinition | undefined;
      try {
        pagination =
          method === "get" && success.parseAs === "json"
            ? detectPagination(op, params, rawQueryParams(item, op, deref), success.schema, deref, where)
            : op["x-captain-pagination"]
              ? fail("x-captain-pagination: only a GET with a JSON response can be walked", [
                  ...where,
                  "x-captain-pagination",
                ])
              : undefined;
      } catch (error) {
        if (error instanceof PaginationSpecError) throw new TableError(error.message, error.path);
        throw error;
      }
      const server = operationServer(op.servers ?? item.servers, defaultServers[0]);
      operations.push({
        id: typeof op.operationId === "string" ? op.operationId : `${method.toUpperCase()} ${route}`,
        namespace,
        name,
        method,
        path: route,
        ...(server ? { server } : {}),
        params,
        ...(body ? { body } : {}),
        auth,
        ...(authOptional ? { authOptional } : {}),
        response: success.parseAs,
        ...(pagination ? { pagination } : {}),
        summary: typeof op.summary === "string" ? op.summary : undefined,
        description: typeof op.description === "string" ? op.description : undefined,
        deprecated: op.deprecated === true || undefined,
        successStatus: success.status,
        successContentType: success.contentType,
      });
    }
  }
  // Names: the clash rule (naming.ts) renames what it can; what is left is the overlay's to fix.
  const named: NamedOperation[] = operations.map((op, i) => ({
    id: op.id,
    namespace: op.namespace,
    name: op.name,
    method: op.method,
    path: op.path,
    explicit: explicit[i] === true,
  }));
  const renames = resolveClashes(named);
  const seen = new Map<string, JsonPath>();
  named.forEach((n, i) => {
    const op = operations[i] as TableOperation;
    const where = wheres[i] as JsonPath;
    op.name = n.name;
    const problem = nameProblem(op.namespace, op.name);
    if (problem) throw new TableError(problem, where);
    const key = `${op.namespace}.${op.name}`;
    const clash = seen.get(key);
    if (clash) {
      throw new TableError(
        `operation name collision: ${key} is also the name of the operation at ${formatPath(clash)}, and the clash rule cannot tell them apart; set x-captain-method (or x-captain-namespace) on one of them in the overlay`,
        where,
      );
    }
    seen.set(key, where);
  });
  const schemas: Record<string, CompactSchema> = {};
  for (const name of [...compactor.named.keys()].sort()) schemas[name] = compactor.named.get(name) as CompactSchema;
  return {
    title: String((doc.info as Obj | undefined)?.title ?? "API"),
    servers: defaultServers,
    operations,
    schemas: schemas as ApiDefinition["schemas"],
    renames,
  };
}

function collectParams(
  item: Obj,
  op: Obj,
  deref: <T = Obj>(n: unknown) => T,
  compactor: SchemaCompactor,
  where: JsonPath,
): ParamDefinition[] {
  const byKey = new Map<string, ParamDefinition>();
  for (const list of [item.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(raw);
      if (!p || typeof p.name !== "string" || !["path", "query", "header", "cookie"].includes(p.in as string)) {
        throw new TableError("a parameter needs a name and `in` (path, query, header or cookie)", where);
      }
      const content = p.content as Obj | undefined;
      const schema = p.schema ?? (content ? (Object.values(content)[0] as Obj | undefined)?.schema : undefined);
      const other = [...byKey.values()].find((q) => q.name === p.name && q.in !== p.in);
      if (other) {
        throw new TableError(
          `parameter "${p.name}" is both a ${other.in} and a ${p.in} parameter: the operation method's argument object cannot hold both`,
          where,
        );
      }
      byKey.set(`${p.in}:${p.name}`, {
        name: p.name,
        in: p.in as ParamDefinition["in"],
        required: p.in === "path" || p.required === true,
        ...serialization(p, where),
        ...(schema ? { schema: compactor.compact(schema) } : {}),
      });
    }
  }
  return [...byKey.values()];
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
const BODY_PREFERENCE = [
  JSON_TYPE,
  /^multipart\/form-data/i,
  /^application\/x-www-form-urlencoded/i,
  /^application\/octet-stream/i,
  /^text\//i,
];

function requestBody(
  op: Obj,
  params: ParamDefinition[],
  deref: <T = Obj>(n: unknown) => T,
  compactor: SchemaCompactor,
  where: JsonPath,
): BodyDefinition | undefined {
  if (!op.requestBody) return undefined;
  const rb = deref(op.requestBody);
  const content = (rb.content ?? {}) as Obj;
  const types = Object.keys(content);
  if (types.length === 0) return undefined;
  const contentType = BODY_PREFERENCE.map((re) => types.find((t) => re.test(t))).find(Boolean) ?? (types[0] as string);
  const rawSchema = (content[contentType] as Obj | undefined)?.schema;
  const required = rb.required === true;
  // Only a JSON object body is spread beside the parameters; form, binary, text and array bodies
  // (and a body whose property names collide with a parameter or with `body`) go under `body`.
  const props = JSON_TYPE.test(contentType) ? objectProperties(rawSchema, deref) : undefined;
  const paramNames = new Set(params.map((p) => p.name));
  const mergeable = props !== undefined && props.size > 0 && ![...props].some((p) => paramNames.has(p) || p === "body");
  const override = op["x-captain-body"];
  if (override !== undefined && override !== "merge" && override !== "body") {
    throw new TableError('x-captain-body must be "merge" or "body"', [...where, "x-captain-body"]);
  }
  if (override === "merge" && !mergeable) {
    throw new TableError(
      "x-captain-body: merge needs a JSON object body whose property names differ from the parameters' and from `body`",
      [...where, "x-captain-body"],
    );
  }
  const merge = override ? override === "merge" : required && mergeable;
  if (!merge && paramNames.has("body")) {
    throw new TableError(
      "a parameter named `body` collides with the request body argument `body`; rename it with an overlay",
      where,
    );
  }
  return {
    mode: merge ? "merge" : "body",
    required,
    contentType,
    ...(rawSchema ? { schema: compactor.compact(rawSchema) } : {}),
  };
}

/** The top-level property names of an object schema, or undefined when it is not an object. */
function objectProperties(schema: unknown, deref: <T = Obj>(n: unknown) => T, depth = 0): Set<string> | undefined {
  const s = deref(schema);
  if (!s || typeof s !== "object" || depth > 16) return undefined;
  const type = s.type;
  if (type !== undefined && type !== "object" && !(Array.isArray(type) && type.includes("object"))) return undefined;
  const names = new Set<string>(Object.keys((s.properties as Obj | undefined) ?? {}));
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    if (!Array.isArray(s[key])) continue;
    for (const part of s[key] as unknown[]) {
      const inner = objectProperties(part, deref, depth + 1);
      if (!inner) return undefined;
      for (const n of inner) names.add(n);
    }
  }
  if (type === undefined && names.size === 0) return undefined;
  return names;
}

function security(
  requirements: unknown,
  schemes: Obj,
  where: JsonPath,
): { auth: AuthDefinition[]; authOptional: boolean } {
  if (!Array.isArray(requirements) || requirements.length === 0) return { auth: [], authOptional: false };
  const alternatives = requirements as Obj[];
  const optional = alternatives.some((alt) => !alt || Object.keys(alt).length === 0);
  const unsupported: string[] = [];
  const usable: AuthDefinition[][] = [];
  for (const alt of alternatives) {
    const names = Object.keys(alt ?? {});
    if (names.length === 0) continue;
    const auth: AuthDefinition[] = [];
    for (const name of names) {
      const scheme = schemes[name] as Obj | undefined;
      const converted = scheme ? toAuth(scheme) : undefined;
      if (!converted) {
        unsupported.push(
          scheme
            ? `${name} (${String(scheme.type)}${scheme.scheme ? ` ${String(scheme.scheme)}` : ""})`
            : `${name} (not declared in components.securitySchemes)`,
        );
        break;
      }
      auth.push(converted);
    }
    if (auth.length === names.length) usable.push(auth);
  }
  // The client has one key: the supported alternative with the fewest schemes wins (ties: spec
  // order), and where one alternative puts two schemes in the same place (basic and bearer both in
  // Authorization) only the first is sent.
  const best = usable.sort((a, b) => a.length - b.length)[0];
  if (best) {
    const places = new Set<string>();
    const auth = best.filter((a) => {
      const place = `${a.in}:${a.name.toLowerCase()}`;
      if (places.has(place)) return false;
      places.add(place);
      return true;
    });
    return { auth, authOptional: optional };
  }
  if (optional) return { auth: [], authOptional: true };
  throw new TableError(
    `no supported security scheme: ${unsupported.join(", ")}; supported are apiKey, http bearer, http basic, oauth2 and openIdConnect (as a bearer token)`,
    where,
  );
}

function toAuth(scheme: Obj): AuthDefinition | undefined {
  switch (scheme.type) {
    case "apiKey":
      if (typeof scheme.name !== "string") return undefined;
      if (scheme.in === "header" || scheme.in === "query" || scheme.in === "cookie")
        return { in: scheme.in, name: scheme.name };
      return undefined;
    case "http": {
      const kind = String(scheme.scheme ?? "").toLowerCase();
      if (kind === "bearer") return { in: "header", name: "Authorization", scheme: "Bearer" };
      if (kind === "basic") return { in: "header", name: "Authorization", scheme: "Basic" };
      return undefined;
    }
    case "oauth2":
    case "openIdConnect":
      return { in: "header", name: "Authorization", scheme: "Bearer" };
    default:
      return undefined;
  }
}

function successResponse(
  op: Obj,
  deref: <T = Obj>(n: unknown) => T,
): { parseAs: OperationDefinition["response"]; status?: number | string; contentType?: string; schema?: unknown } {
  const responses = (op.responses ?? {}) as Obj;
  const keys = Object.keys(responses);
  const key =
    keys.filter((k) => /^2\d\d$/.test(k)).sort()[0] ??
    keys.find((k) => /^2XX$/i.test(k)) ??
    keys.find((k) => k === "default");
  if (!key) return { parseAs: "none" };
  const status = /^\d+$/.test(key) ? Number(key) : key;
  const content = (deref(responses[key])?.content ?? {}) as Obj;
  const types = Object.keys(content);
  const contentType = types.find((t) => JSON_TYPE.test(t)) ?? types.find((t) => /^text\//i.test(t)) ?? types[0];
  if (!contentType) return { parseAs: "none", status };
  const parseAs = JSON_TYPE.test(contentType) ? "json" : /^text\//i.test(contentType) ? "text" : "blob";
  return { parseAs, status, contentType, schema: (content[contentType] as Obj | undefined)?.schema };
}

const STYLES: Partial<Record<ParamDefinition["in"], { default: ParamStyle; allowed: readonly ParamStyle[] }>> = {
  query: { default: "form", allowed: ["form", "spaceDelimited", "pipeDelimited", "deepObject"] },
  path: { default: "simple", allowed: ["simple", "label", "matrix"] },
};

/**
 * A query or path parameter's `style` and `explode`, each only when it differs from the OpenAPI
 * default (query: form, exploded; path: simple, not exploded). `explode` defaults to true for form
 * and false for every other style. Header and cookie parameters have one style each: nothing to say.
 */
function serialization(p: Obj, where: JsonPath): Pick<ParamDefinition, "style" | "explode"> {
  const styles = STYLES[p.in as ParamDefinition["in"]];
  if (!styles || (p.style === undefined && p.explode === undefined)) return {};
  const style = (p.style ?? styles.default) as ParamStyle;
  if (!styles.allowed.includes(style)) {
    throw new TableError(
      `parameter "${String(p.name)}": style ${JSON.stringify(p.style)} is not allowed in ${String(p.in)} (allowed: ${styles.allowed.join(", ")})`,
      where,
    );
  }
  if (p.explode !== undefined && typeof p.explode !== "boolean") {
    throw new TableError(`parameter "${String(p.name)}": explode must be true or false`, where);
  }
  const explode = typeof p.explode === "boolean" ? p.explode : style === "form";
  const defaultExplode = styles.default === "form";
  return {
    ...(style !== styles.default ? { style } : {}),
    ...(explode !== defaultExplode ? { explode } : {}),
  };
}

/** A server's URL with its variables set to their defaults, without a trailing slash. */
function serverUrl(server: Obj | undefined): string | undefined {
  if (typeof server?.url !== "string") return undefined;
  let url = server.url;
  for (const [name, variable] of Object.entries((server.variables ?? {}) as Record<string, Obj>)) {
    url = url.split(`{${name}}`).join(String(variable?.default ?? ""));
  }
  return url.replace(/\/+$/, "");
}

const ABSOLUTE = /^https?:\/\//i;

function servers(doc: Obj): string[] {
  const list = Array.isArray(doc.servers) ? (doc.servers as Obj[]) : [];
  return list.map(serverUrl).filter((url): url is string => url !== undefined && ABSOLUTE.test(url));
}

/**
 * The base URL of an operation- or path-level `servers` list: its first server, variables set to
 * their defaults; a relative URL is resolved against the document's first absolute server, and
 * dropped when there is none. Undefined when there is no such list, or it is the API's default.
 */
function operationServer(list: unknown, documentServer: string | undefined): string | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const server of list as Obj[]) {
    const url = serverUrl(server);
    if (url === undefined) continue;
    let absolute: string | undefined;
    if (ABSOLUTE.test(url)) absolute = url;
    else if (documentServer) absolute = new URL(url, documentServer).href.replace(/\/+$/, "");
    if (absolute === undefined) continue;
    return absolute === documentServer ? undefined : absolute;
  }
  return undefined;
}

export type { HttpMethod };
