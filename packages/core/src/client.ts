import type { Client } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import { withCallSecrets } from "./auth.js";
import { bodyEncoding } from "./body.js";
import { contextOf, createCore, operate, operatePages, routeOf } from "./core.js";
import type { ApiDefinition, OperationDefinition } from "./definition.js";
import { ConfigurationError, ValidationError } from "./errors.js";
import { pathOf } from "./exchange.js";
import { type Fallback, type Route, unexpected } from "./operation.js";
import {
  type ClientOptions,
  headerIssues,
  type RequestOptions,
  resolveCallPolicy,
  type VendorInfo,
} from "./options.js";
import type { PageRequestOptions } from "./pagination.js";
import { redactDeep, redactText } from "./redact.js";
import { operationSerializers } from "./serialize.js";
import { createCallFetch } from "./transport.js";
import { checkPathParams, validateOperation } from "./validate.js";

/**
 * openapi-fetch's default export. In the CJS build esbuild's Node-mode interop hands us openapi-fetch's
 * whole `exports` object as `default`, so the function sits one level deeper there.
 */
function createClient<Paths extends {}>(options: Parameters<typeof openapiFetch.default>[0]): Client<Paths> {
  const create = ((openapiFetch.default as unknown as { default?: unknown }).default ??
    openapiFetch.default) as typeof openapiFetch.default;
  return create<Paths>(options);
}

/** A vendor client: openapi-fetch's path API plus the generated operation methods, by namespace. */
export type CaptainClient<Paths extends {}, Operations> = Client<Paths> & Operations;

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;
const CALL_KEYS = ["timeoutMs", "maxRetries", "retryNonIdempotent"] as const;

type Params = {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  cookie?: Record<string, unknown>;
};
type Init = Record<string, unknown> & {
  params?: Params;
  body?: unknown;
  headers?: Record<string, unknown>;
  signal?: AbortSignal;
  parseAs?: string;
};
type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * A client from an operation table written by hand (or any definition without generated code): its
 * request schemas are interpreted, its parameters serialized and bodies encoded by the general
 * code. Vendor packages use {@link createGeneratedClient}, which bundles none of that.
 */
export function createCaptainClient<Paths extends {}, Operations>(
  definition: ApiDefinition,
  vendor: VendorInfo,
  options?: ClientOptions,
): CaptainClient<Paths, Operations> {
  return buildClient<Paths, Operations>({ pages: operatePages, ...definition }, vendor, options, {
    validate: (op, params, body, bodyPath) => validateOperation(op, params, body, definition.schemas, bodyPath),
    serializers: (op) => operationSerializers(op, true),
    encoding: bodyEncoding,
  });
}

/**
 * A vendor client from its generated definition: every operation carries its own validator (and
 * serializers and encoding where it needs them), so nothing is interpreted at run time. Both ways of
 * calling (operation methods and the path API) share auth, validation, retries, timeouts and
 * redaction. An operation without a generated validator is a ConfigurationError.
 */
export function createGeneratedClient<Paths extends {}, Operations>(
  definition: ApiDefinition,
  vendor: VendorInfo,
  options?: ClientOptions,
): CaptainClient<Paths, Operations> {
  const bare = definition.operations.find((op) => !op.validate || (op.pagination && !definition.pages));
  if (bare)
    throw new ConfigurationError(
      `${vendor.name} client: ${bare.namespace}.${bare.name} has no generated ${bare.validate ? "pager" : "validator"} (regenerate the package, or use createCaptainClient)`,
    );
  return buildClient<Paths, Operations>(definition, vendor, options, undefined);
}

function buildClient<Paths extends {}, Operations>(
  definition: ApiDefinition,
  vendor: VendorInfo,
  options: ClientOptions | undefined,
  fallback: Fallback | undefined,
): CaptainClient<Paths, Operations> {
  const core = createCore(definition, vendor, options, fallback);
  const { resolved, transport, secrets: clientSecrets } = contextOf(core);
  const raw = createClient<Paths>({ baseUrl: resolved.baseUrl, headers: resolved.headers });
  /**
   * Per operation, worked out once rather than per call (core.ts): where the key goes, how the body
   * is encoded, its serializers, headers and server. Built now, so a bad server fails at creation.
   */
  const routes = new Map<string, Route>();
  for (const op of definition.operations) routes.set(`${op.method.toUpperCase()} ${op.path}`, routeOf(core, op));
  /** Set once a middleware is added (path API): it may replace openapi-fetch's request and body. */
  let middleware = false;

  /**
   * One path-API call, through openapi-fetch: validated like the operation's method, sent by the
   * same exchange; error statuses come back in `error`, as openapi-fetch users expect.
   */
  async function call(method: string, path: string, init: Init = {}): Promise<Result> {
    const route = routes.get(`${method} ${path}`);
    const op = route?.op;
    const label = op ? `${op.namespace}.${op.name}` : `${method} ${path}`;
    const policy = resolveCallPolicy(resolved.policy, init, label);
    const rest: Init = { ...init };
    for (const key of CALL_KEYS) delete rest[key];
    const issues = [
      ...(!op
        ? checkPathParams(rest.params?.path)
        : op.validate
          ? op.validate(rest.params ?? {}, rest.body, "body")
          : (fallback?.validate(op, rest.params ?? {}, rest.body, "body") ?? [])),
      ...headerIssues(rest.headers, "headers", true),
      ...headerIssues(rest.params?.header, "", true, true),
    ];
    if (issues[0]) throw new ValidationError(label, issues);
    // A key passed for this call only (another tenant's, say) is as secret as the client's.
    const secrets = withCallSecrets(clientSecrets, rest.headers);

    const auth = route?.auth;
    const params: Params = { ...rest.params };
    if (auth && Object.keys(auth.query).length) params.query = { ...auth.query, ...params.query };
    const cookies = [...(auth?.cookies ?? [])];
    for (const [name, value] of Object.entries(params.cookie ?? {})) {
      if (value !== undefined && value !== null)
        cookies.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
    }
    // Forms, files and text need their own serializer and Content-Type; JSON is openapi-fetch's default.
    const encoding = rest.body !== undefined ? route?.encoding : undefined;
    const headers = {
      ...(encoding?.contentType ? { "Content-Type": encoding.contentType } : {}),
      ...auth?.headers,
      ...(cookies.length ? { Cookie: cookies.join("; ") } : {}),
      ...rest.headers,
    };
    const parseAs = rest.parseAs ?? (op?.response === "blob" ? "blob" : "text");
    // The body as serialized, kept so the exchange sends it as is instead of reading it back out of
    // openapi-fetch's Request (unless a middleware may have replaced the request).
    const sent: { body?: RequestInit["body"] } = {};
    const serialize = encoding ? encoding.serialize : JSON.stringify;
    const result = (await raw.request(
      method.toLowerCase() as never,
      path as never,
      {
        bodySerializer: (body: unknown) => {
          const out = serialize(body) as RequestInit["body"];
          if (!middleware) sent.body = out;
          return out;
        },
        ...route?.serializers,
        ...(route?.baseUrl ? { baseUrl: route.baseUrl } : {}),
        ...rest,
        params,
        headers,
        parseAs,
        fetch: createCallFetch(
          secrets === clientSecrets ? transport : { ...transport, secrets },
          policy,
          rest.signal,
          requestInit(rest, resolved.fetchOptions),
          sent,
        ),
      } as never,
    )) as Result;
    if (!result.response.ok) {
      // The path API hands HTTP errors back as data: a server echoing the key must not leak it.
      return secrets.length ? { ...result, error: redactDeep(result.error, secrets) } : result;
    }
    if (rest.parseAs || parseAs === "blob") return result;
    return parseSuccess(result, op, method, path, secrets, route?.baseUrl);
  }

  function parseSuccess(
    result: Result,
    op: OperationDefinition | undefined,
    method: string,
    path: string,
    secrets: readonly string[],
    baseUrl = resolved.baseUrl,
  ): Result {
    const text = result.data as string | undefined;
    const json = op ? op.response === "json" : /json/i.test(result.response.headers.get("content-type") ?? "");
    if (!json || text === undefined || text === "") return { ...result, data: text === "" ? undefined : text };
    try {
      return { ...result, data: JSON.parse(text) };
    } catch {
      const safePath = redactText(pathOf(result.response.url || `${baseUrl}${path}`), secrets);
      throw unexpected(result.response, method, safePath, text, "is not valid JSON", secrets);
    }
  }

  const client: Record<string, unknown> = {
    use: (...middlewares: Parameters<typeof raw.use>) => {
      middleware = true;
      raw.use(...middlewares);
    },
    eject: raw.eject,
    request: (method: string, path: string, init?: Init) => call(method.toUpperCase(), path, init),
  };
  for (const method of METHODS) client[method] = (path: string, init?: Init) => call(method, path, init);

  // The operation methods: each operation's one implementation (core.ts), bound to this client's core.
  for (const op of definition.operations) {
    const namespace = (client[op.namespace] ??= {}) as Record<string, unknown>;
    const { pagination } = op;
    namespace[op.name] = pagination
      ? (args: unknown, callOptions?: PageRequestOptions) =>
          (definition.pages as NonNullable<ApiDefinition["pages"]>)(core, op, args, callOptions)
      : (args: unknown, callOptions?: RequestOptions) => operate(core, op, args, callOptions);
  }

  Object.defineProperty(client, Symbol.for("nodejs.util.inspect.custom"), {
    value: () =>
      `${vendor.name}Client { baseUrl: ${JSON.stringify(resolved.baseUrl)}, apiKey: ${resolved.apiKey ? "'***'" : "undefined"} }`,
  });
  Object.defineProperty(client, "toJSON", { value: () => ({ baseUrl: resolved.baseUrl }) });
  return client as CaptainClient<Paths, Operations>;
}

/** RequestInit fields the caller gave the path API (openapi-fetch's own options and ours left out). */
const NOT_INIT = new Set([
  "params",
  "body",
  "headers",
  "signal",
  "parseAs",
  "querySerializer",
  "bodySerializer",
  "pathSerializer",
  "baseUrl",
  "fetch",
  "middleware",
  "method",
  "redirect",
  "Request",
]);

function requestInit(init: Init, defaults: RequestInit | undefined): RequestInit | undefined {
  let out: Record<string, unknown> | undefined = defaults ? { ...defaults } : undefined;
  for (const key in init) if (!NOT_INIT.has(key)) (out ??= {})[key] = init[key];
  return out as RequestInit | undefined;
}
