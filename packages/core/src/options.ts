import type { ApiDefinition } from "./definition.js";
import { ConfigurationError, ValidationError } from "./errors.js";
import { LOG_LEVELS, type Logger, type LogLevel } from "./logger.js";
import type { RetryPolicy } from "./retry.js";

/** Options of every vendor's `create<Vendor>Client`. */
export interface ClientOptions {
  /** The API key. Default: env `<VENDOR>_API_KEY`. */
  apiKey?: string | undefined;
  /** Default: env `<VENDOR>_BASE_URL`, else the spec's first server. A base URL you choose (option or env) is used for every operation; otherwise an operation the spec sends to its own server goes there. */
  baseUrl?: string | undefined;
  /**
   * A fetch implementation (default: the global one). It is called as the global fetch is,
   * `fetch(url, init)`, with the signal, method, headers and body in `init`.
   */
  fetch?: ((input: string, init: RequestInit) => Promise<Response>) | undefined;
  /** Other RequestInit fields sent with every request (`credentials`, `cache`, `keepalive`, a `dispatcher`, …). */
  fetchOptions?: RequestInit | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Retries after the first attempt, where the retry policy allows one. Default 2. */
  maxRetries?: number | undefined;
  /** Per attempt, covering the response body too. Default 60000. */
  timeoutMs?: number | undefined;
  /** Also retry POST and PATCH after the server may have received them (may duplicate a send). Default false. */
  retryNonIdempotent?: boolean | undefined;
  /** A server-requested wait above this is not slept: the 429 is returned (thrown) at once. Default 60000. */
  maxRetryDelayMs?: number | undefined;
  /** First backoff step, doubled each retry (up to 8 s), with jitter. Default 500. */
  retryBaseDelayMs?: number | undefined;
  /** Where log lines go. Default `console`. */
  logger?: Logger | undefined;
  /** Default: env `<VENDOR>_LOG`, else "warn". "debug" logs one line per attempt, secrets redacted. */
  logLevel?: LogLevel | undefined;
  /** Allow an `http://` base URL to a non-loopback host while a key is set. Default false. */
  allowInsecureHttp?: boolean | undefined;
  /** Allow running in a browser, where the key is exposed to the page's users. Default false. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Per-call options: the second argument of an operation method. */
export interface RequestOptions {
  /** Aborting it rejects the call at once with your abort reason; an aborted call is never retried. */
  signal?: AbortSignal | undefined;
  /** Per attempt, covering the response body too. Default: the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt for this call. Default: the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /** Also retry this POST or PATCH after the server may have received it. Default: the client's setting. */
  retryNonIdempotent?: boolean | undefined;
  /** Extra headers for this call; `null` removes a header (the key's, too). */
  headers?: Record<string, string | null | undefined> | undefined;
  /** Other RequestInit fields for this call (`credentials`, `cache`, `keepalive`, …), over the client's. */
  fetchOptions?: RequestInit | undefined;
}

/** What a vendor package tells core about itself. */
export interface VendorInfo {
  /** Display name: "ChatCaptain". */
  name: string;
  /** Prefix of the environment variables: "CHATCAPTAIN" -> CHATCAPTAIN_API_KEY. */
  envPrefix: string;
}

export interface CallPolicy extends RetryPolicy {
  timeoutMs: number;
}

export interface ResolvedOptions {
  apiKey: string | undefined;
  baseUrl: string;
  /** The caller chose the base URL (option or env): it then wins over per-operation servers. */
  baseUrlExplicit: boolean;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  fetchOptions: RequestInit | undefined;
  headers: Record<string, string>;
  policy: CallPolicy;
  logger: Logger;
  logLevel: LogLevel;
}

const CLIENT_KEYS = new Set<string>([
  "apiKey",
  "baseUrl",
  "fetch",
  "fetchOptions",
  "headers",
  "maxRetries",
  "timeoutMs",
  "retryNonIdempotent",
  "maxRetryDelayMs",
  "retryBaseDelayMs",
  "logger",
  "logLevel",
  "allowInsecureHttp",
  "dangerouslyAllowBrowser",
]);
const CALL_KEYS = new Set<string>([
  "signal",
  "timeoutMs",
  "maxRetries",
  "retryNonIdempotent",
  "headers",
  "fetchOptions",
]);

function readEnv(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    if (env) return env[name]?.trim() || undefined;
    const deno = (globalThis as { Deno?: { env?: { get(n: string): string | undefined } } }).Deno;
    return deno?.env?.get(name)?.trim() || undefined;
  } catch {
    return undefined; // no permission to read the environment
  }
}

/**
 * True in a page, and in a Web Worker, shared worker or service worker: each hands the key to
 * whoever loads the app. A browser worker's global is a `WorkerGlobalScope` with `importScripts`;
 * Deno's workers, Bun and workerd (Cloudflare Workers) have none of that, and are servers.
 */
function isBrowser(): boolean {
  const g = globalThis as {
    window?: { document?: unknown };
    navigator?: unknown;
    WorkerGlobalScope?: unknown;
    importScripts?: unknown;
    Deno?: unknown;
  };
  const page =
    typeof g.window !== "undefined" && typeof g.window?.document !== "undefined" && typeof g.navigator !== "undefined";
  const worker =
    typeof g.WorkerGlobalScope === "function" &&
    g instanceof (g.WorkerGlobalScope as abstract new () => unknown) &&
    typeof g.importScripts === "function" &&
    typeof g.Deno === "undefined";
  return page || worker;
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

const BAD_HEADER_VALUE = /[\r\n\0]/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export interface HeaderProblem {
  /** The header's name, control characters shown as `?`. */
  name: string;
  message: string;
}

/**
 * What is wrong with a headers object, before it reaches `Headers` (whose own errors are bare
 * TypeErrors): not an object, a name that is not an HTTP token, a value with CR/LF/NUL (header
 * injection) or outside Latin-1, a value of the wrong type. `nullable`: per-call headers may be
 * null (remove) or undefined (skip); `primitives`: header parameters may be numbers or booleans.
 */
export function headerProblems(headers: unknown, nullable: boolean, primitives = false): HeaderProblem[] {
  if (headers === undefined) return [];
  if (!headers || typeof headers !== "object" || Array.isArray(headers) || headers instanceof Headers) {
    return [{ name: "", message: "must be an object of header names to strings" }];
  }
  const problems: HeaderProblem[] = [];
  for (const [rawName, value] of Object.entries(headers)) {
    // Shown in messages: control characters (the injected CR/LF) as "?".
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
    const name = rawName.replace(/[\x00-\x1f\x7f]/g, "?");
    if (!HEADER_NAME.test(rawName)) problems.push({ name, message: "is not a valid header name" });
    else if (value === undefined || (value === null && nullable)) continue;
    else if (typeof value !== "string" && !(primitives && (typeof value === "number" || typeof value === "boolean"))) {
      problems.push({ name, message: `must be a string${nullable ? " (or null to remove it)" : ""}` });
    } else if (BAD_HEADER_VALUE.test(String(value))) {
      problems.push({ name, message: "contains a line break or NUL (header injection)" });
    } else if (!HEADER_VALUE.test(String(value))) {
      problems.push({ name, message: "has characters outside Latin-1 (encode the value first)" });
    }
  }
  return problems;
}

function checkCount(
  name: string,
  value: unknown,
  min: number,
  max: number,
  integer: boolean,
  fail: (m: string) => never,
): void {
  if (value === undefined) return;
  if (
    typeof value !== "number" ||
    Number.isNaN(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    fail(
      `\`${name}\` must be ${integer ? "an integer" : "a number"} from ${min} to ${max} (got ${typeof value === "number" ? value : typeof value})`,
    );
  }
}

/** Every option normalised and checked in one place; a bad one is a ConfigurationError. */
export function resolveOptions(
  options: ClientOptions | undefined,
  vendor: VendorInfo,
  definition: {
    servers: readonly string[];
    operations?: readonly Pick<ApiDefinition["operations"][number], "auth" | "authOptional">[];
    needsKey?: boolean;
  },
): ResolvedOptions {
  const fail = (message: string): never => {
    throw new ConfigurationError(`${vendor.name} client: ${message}`);
  };
  if (options !== undefined && (typeof options !== "object" || options === null || Array.isArray(options)))
    fail("options must be an object");
  const o = options ?? {};
  const unknown = Object.keys(o).filter((k) => !CLIENT_KEYS.has(k));
  if (unknown.length)
    fail(
      `unknown option${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `\`${k}\``).join(", ")} (known: ${[...CLIENT_KEYS].join(", ")})`,
    );

  if (isBrowser() && o.dangerouslyAllowBrowser !== true) {
    fail(
      "refusing to run in a browser, where the API key would be exposed to the page's users; call the API from your server, or pass `dangerouslyAllowBrowser: true` if you understand the risk",
    );
  }

  const envKey = `${vendor.envPrefix}_API_KEY`;
  if (o.apiKey !== undefined && typeof o.apiKey !== "string") fail("`apiKey` must be a string");
  const apiKey = o.apiKey ?? readEnv(envKey);
  if (apiKey !== undefined) {
    const what = o.apiKey === undefined ? `the key in ${envKey}` : "`apiKey`";
    if (apiKey.trim() === "") fail(`${what} is empty (pass the key, or set ${envKey})`);
    if (apiKey.length < 4) fail(`${what} is too short to be a key`);
    if (!HEADER_VALUE.test(apiKey) || BAD_HEADER_VALUE.test(apiKey)) {
      fail(`${what} contains a line break, NUL or a character that cannot go in a header`);
    }
  }
  const needsKey =
    definition.needsKey ?? (definition.operations ?? []).some((op) => op.auth.length > 0 && !op.authOptional);
  if (needsKey && !apiKey) fail(`no API key: pass \`apiKey\` or set ${envKey}`);

  const envUrl = `${vendor.envPrefix}_BASE_URL`;
  if (o.baseUrl !== undefined && typeof o.baseUrl !== "string") fail("`baseUrl` must be a string");
  const chosenUrl = o.baseUrl ?? readEnv(envUrl);
  const rawUrl = chosenUrl ?? definition.servers[0];
  if (!rawUrl) fail(`no base URL: the spec declares no absolute server; pass \`baseUrl\` or set ${envUrl}`);
  const urlName = o.baseUrl !== undefined ? "`baseUrl`" : chosenUrl !== undefined ? envUrl : "the spec's server";
  let url: URL;
  try {
    url = new URL(rawUrl as string);
  } catch {
    return fail(`${urlName} is not a valid URL: ${JSON.stringify(rawUrl)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail(`${urlName} must be http(s), not ${url.protocol}`);
  if (url.username || url.password) fail(`${urlName} must not contain credentials`);
  if (url.search || url.hash) fail(`${urlName} must not have a query or fragment`);
  if (url.protocol === "http:" && apiKey && !isLoopback(url.hostname) && o.allowInsecureHttp !== true) {
    fail(`refusing to send the API key over plain http to ${url.host}; use https, or pass \`allowInsecureHttp: true\``);
  }

  if (o.fetch !== undefined && typeof o.fetch !== "function") fail("`fetch` must be a function");
  if (o.fetchOptions !== undefined && (typeof o.fetchOptions !== "object" || o.fetchOptions === null))
    fail("`fetchOptions` must be an object of RequestInit fields");
  const fetchImpl =
    o.fetch ?? (globalThis.fetch ? (url: string, init: RequestInit) => globalThis.fetch(url, init) : undefined);
  if (!fetchImpl) fail("no global fetch in this runtime: pass `fetch`");

  const problems = headerProblems(o.headers, false);
  if (problems.length) {
    fail(problems.map((p) => (p.name ? `header \`${p.name}\` ${p.message}` : `\`headers\` ${p.message}`)).join("; "));
  }

  checkCount("maxRetries", o.maxRetries, 0, 10, true, fail);
  checkCount("timeoutMs", o.timeoutMs, 1, 2_147_483_647, false, fail);
  checkCount("maxRetryDelayMs", o.maxRetryDelayMs, 0, 2_147_483_647, false, fail);
  checkCount("retryBaseDelayMs", o.retryBaseDelayMs, 0, 60_000, false, fail);
  for (const flag of ["retryNonIdempotent", "allowInsecureHttp", "dangerouslyAllowBrowser"] as const) {
    if (o[flag] !== undefined && typeof o[flag] !== "boolean") fail(`\`${flag}\` must be true or false`);
  }
  const logger = o.logger ?? console;
  if (
    typeof logger !== "object" ||
    ["debug", "info", "warn", "error"].some(
      (m) => typeof (logger as unknown as Record<string, unknown>)[m] !== "function",
    )
  ) {
    fail("`logger` must have debug, info, warn and error methods");
  }
  const envLog = readEnv(`${vendor.envPrefix}_LOG`)?.toLowerCase();
  const logLevel = o.logLevel ?? envLog ?? "warn";
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    const what = o.logLevel !== undefined ? "`logLevel`" : `${vendor.envPrefix}_LOG`;
    fail(`${what} must be one of ${LOG_LEVELS.join(", ")} (got ${JSON.stringify(logLevel)})`);
  }

  return {
    apiKey,
    baseUrl: url.href.replace(/\/+$/, ""),
    baseUrlExplicit: chosenUrl !== undefined,
    fetch: fetchImpl as ResolvedOptions["fetch"],
    fetchOptions: o.fetchOptions,
    headers: { ...o.headers },
    policy: {
      maxRetries: o.maxRetries ?? 2,
      timeoutMs: o.timeoutMs ?? 60_000,
      retryNonIdempotent: o.retryNonIdempotent ?? false,
      maxRetryDelayMs: o.maxRetryDelayMs ?? 60_000,
      retryBaseDelayMs: o.retryBaseDelayMs ?? 500,
    },
    logger,
    logLevel: logLevel as LogLevel,
  };
}

/** The client's policy with one call's overrides applied; a bad per-call option is a ValidationError. */
export function resolveCallPolicy(
  base: CallPolicy,
  call: Record<string, unknown> | undefined,
  operation: string,
): CallPolicy {
  if (!call) return base;
  const issues: { path: string; message: string }[] = [];
  const fail = (message: string): never => {
    throw new ValidationError(operation, [...issues, { path: "options", message }]);
  };
  checkCount("timeoutMs", call.timeoutMs, 1, 2_147_483_647, false, fail);
  checkCount("maxRetries", call.maxRetries, 0, 10, true, fail);
  const signal = call.signal as { aborted?: unknown; addEventListener?: unknown } | undefined | null;
  if (signal !== undefined && (typeof signal?.aborted !== "boolean" || typeof signal.addEventListener !== "function")) {
    fail("`signal` must be an AbortSignal");
  }
  if (call.retryNonIdempotent !== undefined && typeof call.retryNonIdempotent !== "boolean")
    fail("`retryNonIdempotent` must be true or false");
  if (call.timeoutMs === undefined && call.maxRetries === undefined && call.retryNonIdempotent === undefined)
    return base;
  return {
    ...base,
    timeoutMs: (call.timeoutMs as number | undefined) ?? base.timeoutMs,
    maxRetries: (call.maxRetries as number | undefined) ?? base.maxRetries,
    retryNonIdempotent: (call.retryNonIdempotent as boolean | undefined) ?? base.retryNonIdempotent,
  };
}

/** Unknown keys in an operation method's options argument. */
export function unknownCallOptions(call: object | undefined): string[] {
  return call ? Object.keys(call).filter((k) => !CALL_KEYS.has(k)) : [];
}
