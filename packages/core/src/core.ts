import { secretForms } from "./auth.js";
import type { OperationDefinition, PaginationDefinition } from "./definition.js";
import { ConfigurationError } from "./errors.js";
import type { TransportContext } from "./exchange.js";
import { createLog } from "./logger.js";
import { buildRoute, callOperation, type Fallback, type OperationContext, type Route } from "./operation.js";
import {
  type ClientOptions,
  checkUrl,
  type RequestOptions,
  type ResolvedOptions,
  resolveOptions,
  type VendorInfo,
} from "./options.js";
import { type PageCall, type PageRequestOptions, pageCall } from "./pagination.js";

/**
 * A core: the resolved options and the exchange every operation of one vendor shares. The modular
 * entry of a vendor package (`create<Vendor>Core` and one function per operation) is built on it,
 * and so is the full client (client.ts): one implementation of each operation.
 */
export interface Core {
  /** The vendor's display name. */
  readonly vendor: string;
}

/** What a core holds; only core's own functions look inside. */
interface CoreState extends Core {
  /** What the operations share (options, transport, secrets). */
  readonly context: OperationContext;
  /** Per operation, what does not change from call to call. */
  readonly routes: Map<OperationDefinition, Route>;
  /** The options as given (for the per-operation server rule). */
  readonly options: ClientOptions | undefined;
}

const state = (core: Core): CoreState => core as CoreState;

/** What a core needs to know about an API: its servers, and whether any operation needs the key. */
export interface CoreApi {
  /** Absolute server URLs from the spec; the first is the default base URL. */
  servers: readonly string[];
  /** Operations of the API: a missing key is an error only when one of them needs it. */
  operations?: readonly Pick<OperationDefinition, "auth" | "authOptional">[];
  /** Set instead of `operations` by a modular entry (it has no operation table). */
  needsKey?: boolean;
}

/** A core for one vendor, with the client's options (a bad option is a ConfigurationError). */
export function createCore(api: CoreApi, vendor: VendorInfo, options?: ClientOptions, fallback?: Fallback): Core {
  const resolved = resolveOptions(options, vendor, api);
  const secrets = secretForms(resolved.apiKey);
  const transport: TransportContext = {
    fetch: resolved.fetch,
    log: createLog(resolved.logger, resolved.logLevel),
    secrets,
    vendor: vendor.name,
  };
  const core: CoreState = {
    vendor: vendor.name,
    context: { resolved, transport, secrets, ...(fallback ? { fallback } : {}) },
    routes: new Map(),
    options,
  };
  Object.defineProperty(core, Symbol.for("nodejs.util.inspect.custom"), {
    value: () =>
      `${vendor.name}Core { baseUrl: ${JSON.stringify(resolved.baseUrl)}, apiKey: ${resolved.apiKey ? "'***'" : "undefined"} }`,
  });
  Object.defineProperty(core, "toJSON", { value: () => ({ vendor: vendor.name, baseUrl: resolved.baseUrl }) });
  return core;
}

/** The route of an operation on a core, worked out on first use. */
export function routeOf(core: Core, op: OperationDefinition): Route {
  const s = state(core);
  let route = s.routes.get(op);
  if (!route) {
    const { resolved } = s.context;
    const baseUrl = resolved.baseUrlExplicit ? undefined : operationBaseUrl(op, resolved, s.options, s.vendor);
    route = buildRoute(op, resolved, baseUrl, s.context.fallback);
    s.routes.set(op, route);
  }
  return route;
}

/** What the operations of a core share (client.ts builds the path API on it). */
export function contextOf(core: Core): OperationContext {
  return state(core).context;
}

/**
 * Calls an operation (what each generated operation function does): validate, send, parse or
 * throw. Resolves to the parsed success body.
 */
export function operate(
  core: Core,
  op: OperationDefinition,
  args: unknown,
  options?: RequestOptions,
): Promise<unknown> {
  return callOperation(routeOf(core, op), state(core).context, args as Record<string, unknown> | undefined, options);
}

/**
 * Calls a paginated list operation: a PageCall (await it for one page, iterate it for every item,
 * `.pages()` for every page), each page request through `operate`.
 */
export function operatePages(
  core: Core,
  op: OperationDefinition,
  args: unknown,
  options?: PageRequestOptions,
): PageCall<unknown, unknown> {
  const route = routeOf(core, op);
  return pageCall(
    op.pagination as PaginationDefinition,
    route.label,
    args as Record<string, unknown> | undefined,
    options,
    (a, o) => callOperation(route, state(core).context, a, o),
  );
}

/**
 * The base URL of an operation with its own server (operation- or path-level `servers` in the spec).
 * Rule: a base URL the caller chose (the `baseUrl` option or the <PREFIX>_BASE_URL env var) is used
 * for every operation, so tests and proxies see all traffic; otherwise an operation with its own
 * server goes there and the others to the API's default server. The http refusal applies to it too.
 */
export function operationBaseUrl(
  op: OperationDefinition,
  resolved: ResolvedOptions,
  options: ClientOptions | undefined,
  vendor: string,
): string | undefined {
  return op.server
    ? checkUrl(
        op.server,
        `the server of ${op.namespace}.${op.name}`,
        !!resolved.apiKey && op.auth.length > 0 && options?.allowInsecureHttp !== true,
        (message) => {
          if (message) throw new ConfigurationError(`${vendor} client: ${message}`);
        },
        op.server,
      )
    : undefined;
}
