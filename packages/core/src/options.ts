import type { ApiDefinition } from "./definition.js";
import { ConfigurationError, ValidationError, type ValidationIssue } from "./errors.js";
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

const MAX_MS = 2_147_483_647;
/** Numeric options: [min, max, integer]. */
const COUNTS: Record<string, [number, number, boolean?]> = {
  maxRetries: [0, 10, true],
  timeoutMs: [1, MAX_MS],
  maxRetryDelayMs: [0, MAX_MS],
  retryBaseDelayMs: [0, 60_000],
};
const FLAGS = ["retryNonIdempotent", "allowInsecureHttp", "dangerouslyAllowBrowser"];
const CLIENT_KEYS = ["apiKey", "baseUrl", "fetch", "fetchOptions", "headers", ...Object.keys(COUNTS), ...FLAGS];
CLIENT_KEYS.push("logger", "logLevel");
const CALL_KEYS = ["signal", "timeoutMs", "maxRetries", "retryNonIdempotent", "headers", "fetchOptions"];

function readEnv(name: string): string | undefined {
  try {
    const g = globalThis as {
      process?: { env?: Record<string, string | undefined> };
      Deno?: { env?: { get(n: string): string | undefined } };
    };
    const env = g.process?.env;
    return (env ? env[name] : g.Deno?.env?.get(name))?.trim() || undefined;
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
  const g = globalThis as Record<string, unknown> & { window?: { document?: unknown } };
  const scope = g.WorkerGlobalScope;
  return (
    (g.window?.document !== undefined && g.navigator !== undefined) ||
    (typeof scope === "function" &&
      g instanceof (scope as abstract new () => unknown) &&
      typeof g.importScripts === "function" &&
      g.Deno === undefined)
  );
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

const BAD_HEADER_VALUE = /[\r\n\0]/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * What is wrong with a headers object, before it reaches `Headers` (whose own errors are bare
 * TypeErrors): not an object, a name that is not an HTTP token, a value with CR/LF/NUL (header
 * injection) or outside Latin-1, a value of the wrong type. Each issue's path is `at.<name>` (`at`
 * alone for the object as a whole). `nullable`: per-call headers may be null (remove) or undefined
 * (skip); `primitives`: header parameters may be numbers or booleans.
 */
export function headerIssues(headers: unknown, at: string, nullable: boolean, primitives?: boolean): ValidationIssue[] {
  if (headers === undefined) return [];
  if (!headers || typeof headers !== "object" || Array.isArray(headers) || headers instanceof Headers) {
    return [{ path: at, message: "must be an object of header names to strings" }];
  }
  const issues: ValidationIssue[] = [];
  for (const [rawName, value] of Object.entries(headers)) {
    // Shown in messages: control characters (the injected CR/LF) as "?".
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
    const name = rawName.replace(/[\x00-\x1f\x7f]/g, "?");
    const type = typeof value;
    const message = !HEADER_NAME.test(rawName)
      ? "is not a valid header name"
      : value === undefined || (value === null && nullable)
        ? ""
        : type !== "string" && !(primitives && (type === "number" || type === "boolean"))
          ? `must be a string${nullable ? " (or null to remove it)" : ""}`
          : BAD_HEADER_VALUE.test(value as string)
            ? "contains a line break or NUL (header injection)"
            : HEADER_VALUE.test(value as string)
              ? ""
              : "has characters outside Latin-1 (encode the value first)";
    if (message) issues.push({ path: at ? `${at}.${name}` : name, message });
  }
  return issues;
}

/**
 * A server URL checked (http(s), no credentials, no query; plain http only to loopback when `keyed`:
 * a key would go with it) and without trailing slashes. `server`: the operation whose own server it is.
 */
export function checkUrl(
  raw: string,
  name: string,
  keyed: boolean,
  fail: (message: string | false) => void,
  server?: string,
): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    fail(`${name} is not a valid URL: ${JSON.stringify(raw)}`);
  }
  const { protocol, host, hostname } = url as URL;
  fail(protocol !== "https:" && protocol !== "http:" && `${name} must be http(s), not ${protocol}`);
  fail(!!((url as URL).username || (url as URL).password) && `${name} must not contain credentials`);
  fail(!!((url as URL).search || (url as URL).hash) && `${name} must not have a query or fragment`);
  fail(
    protocol === "http:" &&
      keyed &&
      !isLoopback(hostname) &&
      `refusing to send the API key over plain http to ${host}${server ? ` (${name}); use https, pass \`baseUrl\`,` : "; use https,"} or pass \`allowInsecureHttp: true\``,
  );
  return (url as URL).href.replace(/\/+$/, "");
}

/** What is wrong with a numeric option (`COUNTS`), or "". */
function countProblem(name: string, value: unknown): string {
  const [min, max, integer] = COUNTS[name] as [number, number, boolean?];
  return value === undefined ||
    (typeof value === "number" && value >= min && value <= max && (!integer || Number.isInteger(value)))
    ? ""
    : `\`${name}\` must be ${integer ? "an integer" : "a number"} from ${min} to ${max} (got ${typeof value === "number" ? value : typeof value})`;
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
  const fail = (message: string | false | undefined): void => {
    if (message) throw new ConfigurationError(`${vendor.name} client: ${message}`);
  };
  const env = vendor.envPrefix;
  if (options !== undefined && (typeof options !== "object" || !options || Array.isArray(options)))
    fail("options must be an object");
  const o = options ?? {};
  const unknown = Object.keys(o).filter((k) => !CLIENT_KEYS.includes(k));
  if (unknown[0])
    fail(
      `unknown option${unknown[1] ? "s" : ""} ${unknown.map((k) => `\`${k}\``).join(", ")} (known: ${CLIENT_KEYS.join(", ")})`,
    );
  fail(
    isBrowser() &&
      o.dangerouslyAllowBrowser !== true &&
      "refusing to run in a browser, where the API key would be exposed to the page's users; call the API from your server, or pass `dangerouslyAllowBrowser: true` if you understand the risk",
  );
  for (const name of ["apiKey", "baseUrl"] as const)
    fail(o[name] !== undefined && typeof o[name] !== "string" && `\`${name}\` must be a string`);
  for (const name in COUNTS) fail(countProblem(name, o[name as keyof ClientOptions]));
  for (const flag of FLAGS)
    fail(
      o[flag as keyof ClientOptions] !== undefined &&
        typeof o[flag as keyof ClientOptions] !== "boolean" &&
        `\`${flag}\` must be true or false`,
    );

  const envKey = `${env}_API_KEY`;
  const apiKey = o.apiKey ?? readEnv(envKey);
  if (apiKey !== undefined) {
    const what = o.apiKey === undefined ? `the key in ${envKey}` : "`apiKey`";
    fail(!apiKey.trim() && `${what} is empty (pass the key, or set ${envKey})`);
    fail(apiKey.length < 4 && `${what} is too short to be a key`);
    fail(
      (!HEADER_VALUE.test(apiKey) || BAD_HEADER_VALUE.test(apiKey)) &&
        `${what} contains a line break, NUL or a character that cannot go in a header`,
    );
  }
  fail(
    !apiKey &&
      (definition.needsKey ?? definition.operations?.some((op) => op.auth.length > 0 && !op.authOptional)) &&
      `no API key: pass \`apiKey\` or set ${envKey}`,
  );

  const envUrl = `${env}_BASE_URL`;
  const chosenUrl = o.baseUrl ?? readEnv(envUrl);
  const rawUrl = chosenUrl ?? definition.servers[0];
  fail(!rawUrl && `no base URL: the spec declares no absolute server; pass \`baseUrl\` or set ${envUrl}`);
  const urlName = o.baseUrl !== undefined ? "`baseUrl`" : chosenUrl !== undefined ? envUrl : "the spec's server";
  const baseUrl = checkUrl(rawUrl as string, urlName, !!apiKey && o.allowInsecureHttp !== true, fail);

  fail(o.fetch !== undefined && typeof o.fetch !== "function" && "`fetch` must be a function");
  fail(
    o.fetchOptions !== undefined &&
      (typeof o.fetchOptions !== "object" || !o.fetchOptions) &&
      "`fetchOptions` must be an object of RequestInit fields",
  );
  const fetchImpl = o.fetch ?? (globalThis.fetch && ((url: string, init: RequestInit) => fetch(url, init)));
  fail(!fetchImpl && "no global fetch in this runtime: pass `fetch`");

  fail(
    headerIssues(o.headers, "headers", false)
      .map((p) => (p.path === "headers" ? "`headers` " : `header \`${p.path.slice(8)}\` `) + p.message)
      .join("; "),
  );
  const logger = o.logger ?? console;
  fail(
    (typeof logger !== "object" ||
      ["debug", "info", "warn", "error"].some(
        (m) => typeof (logger as unknown as Record<string, unknown>)[m] !== "function",
      )) &&
      "`logger` must have debug, info, warn and error methods",
  );
  const logLevel = (o.logLevel ?? readEnv(`${env}_LOG`)?.toLowerCase() ?? "warn") as LogLevel;
  fail(
    !LOG_LEVELS.includes(logLevel) &&
      `${o.logLevel !== undefined ? "`logLevel`" : `${env}_LOG`} must be one of ${LOG_LEVELS.join(", ")} (got ${JSON.stringify(logLevel)})`,
  );

  return {
    apiKey,
    baseUrl,
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
    logLevel,
  };
}

/**
 * The client's policy with one call's overrides applied. Unknown keys (`strict`, for operation
 * methods) and bad values are a ValidationError of `operation`.
 */
export function resolveCallPolicy(
  base: CallPolicy,
  call: Record<string, unknown> | undefined,
  operation: string,
  strict?: boolean,
): CallPolicy {
  if (!call) return base;
  const signal = call.signal as { aborted?: unknown; addEventListener?: unknown } | undefined | null;
  const issues: ValidationIssue[] = strict
    ? unknownCallOptions(call).map((k) => ({ path: `options.${k}`, message: "is not a known option" }))
    : [];
  const message =
    countProblem("timeoutMs", call.timeoutMs) ||
    countProblem("maxRetries", call.maxRetries) ||
    (signal !== undefined &&
      (typeof signal?.aborted !== "boolean" || typeof signal.addEventListener !== "function") &&
      "`signal` must be an AbortSignal") ||
    (call.retryNonIdempotent !== undefined &&
      typeof call.retryNonIdempotent !== "boolean" &&
      "`retryNonIdempotent` must be true or false");
  if (message && !issues[0]) issues.push({ path: "options", message });
  if (issues[0]) throw new ValidationError(operation, issues);
  const {
    timeoutMs = base.timeoutMs,
    maxRetries = base.maxRetries,
    retryNonIdempotent = base.retryNonIdempotent,
  } = call as Partial<CallPolicy>;
  return timeoutMs === base.timeoutMs &&
    maxRetries === base.maxRetries &&
    retryNonIdempotent === base.retryNonIdempotent
    ? base
    : { ...base, timeoutMs, maxRetries, retryNonIdempotent };
}

/** Unknown keys in an operation method's options argument. */
export function unknownCallOptions(call: object | undefined): string[] {
  return call ? Object.keys(call).filter((k) => !CALL_KEYS.includes(k)) : [];
}
