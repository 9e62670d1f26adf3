import { type AuthParts, authParts, withCallSecrets } from "./auth.js";
import type { BodyEncoding } from "./body.js";
import type { OperationDefinition, OperationParams } from "./definition.js";
import { ApiError, UnexpectedResponseError, ValidationError, type ValidationIssue } from "./errors.js";
import { exchange, pathOf, type TransportContext } from "./exchange.js";
import { headerIssues, type RequestOptions, type ResolvedOptions, resolveCallPolicy } from "./options.js";
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
  const encoding = op.encoding ?? (op.body && fallback?.encoding(op.body.contentType));
  const auth = resolved.apiKey ? authParts(op.auth, resolved.apiKey) : undefined;
  const headers = lower({ ...resolved.headers, ...auth?.headers });
  if (auth?.cookies[0]) headers.cookie = auth.cookies.join("; ");
  return {
    op,
    label: `${op.namespace}.${op.name}`,
    serializers: op.serializers ?? fallback?.serializers(op) ?? {},
    auth,
    encoding: encoding || undefined,
    baseUrl,
    headers,
    contentType: op.body && (encoding ? encoding.contentType : "application/json"),
    bodyPath: op.body?.mode === "merge" ? "" : "body",
  };
}

function lower(headers: Record<string, unknown>, into: Record<string, string> = {}): Record<string, string> {
  for (const name in headers) {
    const value = headers[name];
    if (value === null) delete into[name.toLowerCase()];
    else if (value !== undefined) into[name.toLowerCase()] = String(value);
  }
  return into;
}

/** Operation-method arguments -> parameters by location, and the body. */
export function splitArgs(op: OperationDefinition, args: Record<string, unknown>): { params: Params; body: unknown } {
  const params: Params = {};
  const body: Record<string, unknown> = { ...args };
  for (const p of op.params) {
    const value = args[p.name];
    delete body[p.name];
    if (value !== undefined) (params[p.in] ??= {})[p.name] = value;
  }
  return { params, body: op.body?.mode === "merge" ? body : op.body && args.body };
}

const form = (query: Record<string, unknown>): string =>
  Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&");

function url(route: Route, ctx: OperationContext, params: Params): string {
  const { serializers, op, auth } = route;
  const values = params.path ?? {};
  const path = serializers.pathSerializer
    ? serializers.pathSerializer(op.path, values)
    : op.path.replace(/\{([^{}]+)\}/g, (match, name: string) =>
        values[name] == null ? match : encodeURIComponent(String(values[name])),
      );
  const query = auth && Object.keys(auth.query)[0] ? { ...auth.query, ...params.query } : params.query;
  const search = query ? (serializers.querySerializer ?? form)(query) : "";
  return `${route.baseUrl ?? ctx.resolved.baseUrl}${path}${search ? `?${search}` : ""}`;
}

/** One operation-method call. Throws a typed error for anything but a usable success body. */
export async function callOperation(
  route: Route,
  ctx: OperationContext,
  args: Record<string, unknown> | undefined,
  options: RequestOptions | undefined,
): Promise<unknown> {
  const { op, label } = route;
  if (args !== undefined && (typeof args !== "object" || !args || Array.isArray(args))) {
    throw new ValidationError(label, [{ path: "", message: "arguments must be an object" }]);
  }
  const { resolved } = ctx;
  const policy = resolveCallPolicy(resolved.policy, options as Record<string, unknown> | undefined, label, true);
  const { params, body } = splitArgs(op, args ?? {});
  const callHeaders = options?.headers;
  const issues = op.validate
    ? op.validate(params, body, route.bodyPath)
    : (ctx.fallback?.validate(op, params, body, route.bodyPath) ?? []);
  if (callHeaders) issues.push(...headerIssues(callHeaders, "headers", true));
  if (params.header) issues.push(...headerIssues(params.header, "", true, true));
  if (issues[0]) throw new ValidationError(label, issues);
  // A key passed for this call only (another tenant's, say) is as secret as the client's.
  const secrets = withCallSecrets(ctx.secrets, callHeaders);

  const headers: Record<string, string> = { ...route.headers };
  if (body !== undefined && route.contentType) headers["content-type"] = route.contentType;
  if (params.cookie) {
    const cookies = form(params.cookie).replace(/&/g, "; ");
    if (cookies) headers.cookie = headers.cookie ? `${headers.cookie}; ${cookies}` : cookies;
  }
  if (params.header || callHeaders) lower({ ...params.header, ...callHeaders }, headers);
  const method = op.method.toUpperCase();
  const target = url(route, ctx, params);
  const { response, body: data } = await exchange(
    secrets === ctx.secrets ? ctx.transport : { ...ctx.transport, secrets },
    policy,
    {
      method,
      url: target,
      headers,
      body: body === undefined ? undefined : route.encoding ? route.encoding.serialize(body) : JSON.stringify(body),
      init: options?.fetchOptions ? { ...resolved.fetchOptions, ...options.fetchOptions } : resolved.fetchOptions,
      read: op.response === "blob" ? "blob" : "text",
    },
    options?.signal,
  );
  const path = () => redactText(pathOf(target), secrets);
  const text = data as string | undefined;
  if (!response.ok) {
    let error: unknown = text;
    try {
      error = JSON.parse(text as string);
    } catch {
      // not JSON (or a Blob): as it came
    }
    throw ApiError.from({
      status: response.status,
      headers: redactHeaders(response.headers, secrets),
      body: redactDeep(error, secrets),
      method,
      path: path(),
    });
  }
  if (op.response !== "json") return text === "" ? undefined : text;
  try {
    return JSON.parse(text as string);
  } catch {
    throw unexpected(response, method, path(), text ?? "", text ? "is not valid JSON" : "is empty", secrets);
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
