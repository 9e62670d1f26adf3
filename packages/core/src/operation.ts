import { type AuthParts, authParts, withCallSecrets } from "./auth.js";
import type { BodyEncoding } from "./body.js";
import type { OperationDefinition, OperationParams } from "./definition.js";
import { ApiError, UnexpectedResponseError, ValidationError, type ValidationIssue } from "./errors.js";
import { exchange, type TransportContext } from "./exchange.js";
import {
  type CallPolicy,
  headerProblems,
  type RequestOptions,
  type ResolvedOptions,
  resolveCallPolicy,
  unknownCallOptions,
} from "./options.js";
import { redactDeep, redactHeaders, redactText } from "./redact.js";
import type { OperationSerializers } from "./serialize.js";

/**
 * The operation methods' own request path, without openapi-fetch: what is known of an operation is
 * worked out once (its route), and a call is validate -> URL, headers and body -> one exchange ->
 * parse or throw. openapi-fetch remains the engine of the path API (client.ts).
 */

type Params = {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  cookie?: Record<string, unknown>;
};

/** Everything about one operation that does not change from call to call. */
export interface Route {
  op: OperationDefinition;
  label: string;
  serializers: OperationSerializers;
  auth?: AuthParts;
  encoding?: BodyEncoding;
  /** The operation's own server, when it has one and the caller did not choose a base URL. */
  baseUrl?: string;
  /** Lower-case header names: the client's headers, the key's, its cookies. */
  headers: Record<string, string>;
  /** Content-Type of a body (none for multipart: fetch sets the boundary). */
  contentType?: string;
  /** Where body issues are reported: "" when the body's fields sit beside the parameters. */
  bodyPath: string;
}

/** What the operation methods of one client share. */
export interface OperationContext {
  resolved: ResolvedOptions;
  transport: TransportContext;
  secrets: readonly string[];
  /**
   * For operations described without generated code (a definition written by hand): the schema
   * interpreter, the general serializers and encodings. The full client provides them; a modular
   * core does not, so an app that calls generated operations does not bundle them.
   */
  fallback?: Fallback;
}

/** The general code for operations described without generated code (see `createCaptainClient`). */
export interface Fallback {
  /** Checks an operation's parameters and body against the schemas in its description. */
  validate(op: OperationDefinition, params: OperationParams, body: unknown, bodyPath: string): ValidationIssue[];
  /** The operation's parameter serializers. */
  serializers(op: OperationDefinition): OperationSerializers;
  /** How a body of this content type is encoded (undefined: JSON). */
  encoding(contentType: string): BodyEncoding | undefined;
}

export function buildRoute(
  op: OperationDefinition,
  resolved: ResolvedOptions,
  baseUrl: string | undefined,
  fallback: Fallback | undefined,
): Route {
  const encoding = op.encoding ?? (op.body && fallback ? fallback.encoding(op.body.contentType) : undefined);
  const auth = resolved.apiKey ? authParts(op.auth, resolved.apiKey) : undefined;
  const headers: Record<string, string> = {};
  for (const name in resolved.headers) headers[name.toLowerCase()] = resolved.headers[name] as string;
  if (auth) {
    for (const name in auth.headers) headers[name.toLowerCase()] = auth.headers[name] as string;
    if (auth.cookies.length) headers.cookie = auth.cookies.join("; ");
  }
  const contentType = op.body ? (encoding ? encoding.contentType : "application/json") : undefined;
  return {
    op,
    label: `${op.namespace}.${op.name}`,
    serializers: op.serializers ?? fallback?.serializers(op) ?? {},
    ...(auth ? { auth } : {}),
    ...(encoding ? { encoding } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    headers,
    ...(contentType ? { contentType } : {}),
    bodyPath: op.body?.mode === "merge" ? "" : "body",
  };
}

/** Operation-method arguments -> parameters by location, and the body. */
export function splitArgs(op: OperationDefinition, args: Record<string, unknown>): { params: Params; body: unknown } {
  const params: Params = {};
  for (const p of op.params) {
    const value = args[p.name];
    if (value === undefined) continue;
    const bucket = (params[p.in] ??= {});
    bucket[p.name] = value;
  }
  if (!op.body) return { params, body: undefined };
  if (op.body.mode === "body") return { params, body: args.body };
  const body: Record<string, unknown> = {};
  for (const key in args) if (!op.params.some((p) => p.name === key)) body[key] = args[key];
  return { params, body };
}

function url(route: Route, ctx: OperationContext, params: Params): string {
  const path = route.serializers.pathSerializer
    ? route.serializers.pathSerializer(route.op.path, params.path ?? {})
    : params.path
      ? route.op.path.replace(/\{([^{}]+)\}/g, (match, name: string) => {
          const value = params.path?.[name];
          return value === undefined || value === null ? match : encodeURIComponent(String(value));
        })
      : route.op.path;
  const query =
    route.auth && Object.keys(route.auth.query).length ? { ...route.auth.query, ...params.query } : params.query;
  const search =
    query && route.serializers.querySerializer ? route.serializers.querySerializer(query) : query ? form(query) : "";
  return `${route.baseUrl ?? ctx.resolved.baseUrl}${path}${search ? `?${search}` : ""}`;
}

function form(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const name in query) {
    const value = query[name];
    if (value !== undefined && value !== null)
      parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  }
  return parts.join("&");
}

/** One operation-method call. Throws a typed error for anything but a usable success body. */
export async function callOperation(
  route: Route,
  ctx: OperationContext,
  args: Record<string, unknown> | undefined,
  options: RequestOptions | undefined,
): Promise<unknown> {
  const { op, label } = route;
  if (args !== undefined && (typeof args !== "object" || args === null || Array.isArray(args))) {
    throw new ValidationError(label, [{ path: "", message: "arguments must be an object" }]);
  }
  let policy: CallPolicy = ctx.resolved.policy;
  if (options !== undefined) {
    const unknown = unknownCallOptions(options);
    if (unknown.length)
      throw new ValidationError(
        label,
        unknown.map((k) => ({ path: `options.${k}`, message: "is not a known option" })),
      );
    policy = resolveCallPolicy(policy, options as Record<string, unknown>, label);
  }
  const { params, body } = splitArgs(op, args ?? {});
  const issues = op.validate
    ? op.validate(params, body, route.bodyPath)
    : (ctx.fallback?.validate(op, params, body, route.bodyPath) ?? []);
  const callHeaders = options?.headers;
  if (callHeaders !== undefined)
    for (const p of headerProblems(callHeaders, true))
      issues.push({ path: p.name ? `headers.${p.name}` : "headers", message: p.message });
  if (params.header)
    for (const p of headerProblems(params.header, true, true)) issues.push({ path: p.name, message: p.message });
  if (issues.length) throw new ValidationError(label, issues);
  // A key passed for this call only (another tenant's, say) is as secret as the client's.
  const secrets = callHeaders ? withCallSecrets(ctx.secrets, callHeaders) : ctx.secrets;

  const headers: Record<string, string> = { ...route.headers };
  if (body !== undefined && route.contentType) headers["content-type"] = route.contentType;
  if (params.cookie) {
    const cookies = Object.entries(params.cookie)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    if (cookies.length) headers.cookie = [headers.cookie, ...cookies].filter(Boolean).join("; ");
  }
  if (params.header) for (const name in params.header) headers[name.toLowerCase()] = String(params.header[name]);
  if (callHeaders)
    for (const name in callHeaders) {
      const value = callHeaders[name];
      if (value === null) delete headers[name.toLowerCase()];
      else if (value !== undefined) headers[name.toLowerCase()] = value;
    }
  const encoded =
    body === undefined ? undefined : route.encoding ? route.encoding.serialize(body) : JSON.stringify(body);
  const method = op.method.toUpperCase();
  const target = url(route, ctx, params);
  const fetchOptions = options?.fetchOptions ?? ctx.resolved.fetchOptions;
  const { response, body: data } = await exchange(
    secrets === ctx.secrets ? ctx.transport : { ...ctx.transport, secrets },
    policy,
    {
      method,
      url: target,
      headers,
      body: encoded,
      init:
        options?.fetchOptions && ctx.resolved.fetchOptions
          ? { ...ctx.resolved.fetchOptions, ...options.fetchOptions }
          : fetchOptions,
      read: op.response === "blob" ? "blob" : "text",
    },
    options?.signal,
  );
  const path = () => redactText(pathname(target), secrets);
  if (!response.ok) {
    let error: unknown = data;
    if (typeof data === "string") {
      try {
        error = JSON.parse(data);
      } catch {
        // not JSON: the text itself
      }
    }
    throw ApiError.from({
      status: response.status,
      headers: redactHeaders(response.headers, secrets),
      body: redactDeep(error, secrets),
      method,
      path: path(),
    });
  }
  if (op.response === "blob") return data;
  const text = data as string | undefined;
  if (op.response !== "json") return text === "" ? undefined : text;
  if (text === undefined || text === "") throw unexpected(response, method, path(), "", "is empty", secrets);
  try {
    return JSON.parse(text);
  } catch {
    throw unexpected(response, method, path(), text, "is not valid JSON", secrets);
  }
}

function pathname(target: string): string {
  try {
    return new URL(target).pathname;
  } catch {
    return target;
  }
}

/** A 2xx whose body is not what the spec declares: the request may have been carried out. */
export function unexpected(
  response: Response,
  method: string,
  path: string,
  text: string,
  what: string,
  secrets: readonly string[],
): ApiError {
  const contentType = response.headers.get("content-type") ?? "no content type";
  return new UnexpectedResponseError({
    status: response.status,
    headers: redactHeaders(response.headers, secrets),
    body: redactText(text, secrets),
    method,
    path,
    message: `${response.status} ${method} ${path}: the response body ${what} (${contentType}); the request may have been carried out, check before sending it again`,
  });
}
