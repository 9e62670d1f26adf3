import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigurationError, ValidationError } from "../src/errors.js";
import { isLoopback, resolveCallPolicy, resolveOptions, unknownCallOptions } from "../src/options.js";
import { KEY, openDefinition, testDefinition, VENDOR } from "./definitions.js";

const ENV = ["TESTVENDOR_API_KEY", "TESTVENDOR_BASE_URL", "TESTVENDOR_LOG"];
const saved: Record<string, string | undefined> = {};
beforeEach(() => {
  for (const name of ENV) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
});
afterEach(() => {
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const resolve = (options: unknown, definition = testDefinition) =>
  resolveOptions(options as Parameters<typeof resolveOptions>[0], VENDOR, definition);

function configError(options: unknown, definition = testDefinition): string {
  try {
    resolve(options, definition);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^TestVendor client: /);
    expect((error as Error).message).not.toContain(KEY);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigurationError");
}

const ok = { apiKey: KEY };

describe("defaults", () => {
  it("fills every option from the contract's defaults", () => {
    const r = resolve(ok);
    expect(r.apiKey).toBe(KEY);
    expect(r.baseUrl).toBe("https://api.example.com/base");
    expect(r.policy).toEqual({
      maxRetries: 2,
      timeoutMs: 60_000,
      retryNonIdempotent: false,
      maxRetryDelayMs: 60_000,
      retryBaseDelayMs: 500,
    });
    expect(r.logLevel).toBe("warn");
    expect(r.logger).toBe(console);
    expect(r.headers).toEqual({});
    expect(typeof r.fetch).toBe("function");
  });

  it("keeps given values and strips trailing slashes from the base URL", () => {
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const r = resolve({
      apiKey: KEY,
      baseUrl: "https://eu.example.com/v2///",
      maxRetries: 0,
      timeoutMs: 1500,
      retryNonIdempotent: true,
      maxRetryDelayMs: 0,
      retryBaseDelayMs: 0,
      logger,
      logLevel: "off",
      headers: { "x-tenant": "t1" },
    });
    expect(r.baseUrl).toBe("https://eu.example.com/v2");
    expect(r.policy).toEqual({
      maxRetries: 0,
      timeoutMs: 1500,
      retryNonIdempotent: true,
      maxRetryDelayMs: 0,
      retryBaseDelayMs: 0,
    });
    expect(r.logger).toBe(logger);
    expect(r.logLevel).toBe("off");
    expect(r.headers).toEqual({ "x-tenant": "t1" });
  });
});

describe("environment defaults: <PREFIX>_API_KEY, _BASE_URL, _LOG", () => {
  it("reads them when the options do not say", () => {
    process.env.TESTVENDOR_API_KEY = ` ${KEY} `;
    process.env.TESTVENDOR_BASE_URL = "https://env.example.com";
    process.env.TESTVENDOR_LOG = "DEBUG";
    const r = resolve(undefined);
    expect(r.apiKey).toBe(KEY);
    expect(r.baseUrl).toBe("https://env.example.com");
    expect(r.logLevel).toBe("debug");
  });

  it("options win over the environment", () => {
    process.env.TESTVENDOR_API_KEY = "env-key-5678";
    process.env.TESTVENDOR_BASE_URL = "https://env.example.com";
    process.env.TESTVENDOR_LOG = "debug";
    const r = resolve({ apiKey: KEY, baseUrl: "https://opt.example.com", logLevel: "error" });
    expect(r.apiKey).toBe(KEY);
    expect(r.baseUrl).toBe("https://opt.example.com");
    expect(r.logLevel).toBe("error");
  });

  it("an empty variable counts as unset", () => {
    process.env.TESTVENDOR_API_KEY = "  ";
    expect(configError(undefined)).toContain("no API key: pass `apiKey` or set TESTVENDOR_API_KEY");
  });

  it("a bad _LOG is a ConfigurationError naming the variable and the level", () => {
    process.env.TESTVENDOR_LOG = "verbose";
    expect(configError(ok)).toContain('TESTVENDOR_LOG must be one of debug, info, warn, error, off (got "verbose")');
  });

  it("a bad _BASE_URL is a ConfigurationError", () => {
    process.env.TESTVENDOR_BASE_URL = "not a url";
    expect(configError(ok)).toContain("TESTVENDOR_BASE_URL is not a valid URL");
  });
});

describe("every bad option is a ConfigurationError with a clear message", () => {
  const cases: [string, unknown, string | RegExp][] = [
    ["options not an object", "key", "options must be an object"],
    ["options an array", [], "options must be an object"],
    ["options null", null, "options must be an object"],
    ["unknown option", { ...ok, apikey: KEY }, "unknown option `apikey` (known: apiKey, baseUrl"],
    ["two unknown options", { ...ok, retries: 1, timeout: 2 }, "unknown options `retries`, `timeout`"],
    ["apiKey not a string", { apiKey: 1234 }, "`apiKey` must be a string"],
    ["apiKey empty", { apiKey: "" }, "`apiKey` is empty (pass the key, or set TESTVENDOR_API_KEY)"],
    ["apiKey blank", { apiKey: "   " }, "`apiKey` is empty"],
    ["apiKey too short", { apiKey: "abc" }, "`apiKey` is too short to be a key"],
    ["apiKey with a line break", { apiKey: `${KEY}\r\nX-Evil: 1` }, "`apiKey` contains a line break, NUL"],
    ["no key at all", {}, "no API key: pass `apiKey` or set TESTVENDOR_API_KEY"],
    ["baseUrl not a string", { ...ok, baseUrl: 42 }, "`baseUrl` must be a string"],
    ["baseUrl not a URL", { ...ok, baseUrl: "api.example.com" }, '`baseUrl` is not a valid URL: "api.example.com"'],
    ["baseUrl not http(s)", { ...ok, baseUrl: "ftp://api.example.com" }, "`baseUrl` must be http(s), not ftp:"],
    ["baseUrl with credentials", { ...ok, baseUrl: "https://u:p@api.example.com" }, "must not contain credentials"],
    ["baseUrl with a query", { ...ok, baseUrl: "https://api.example.com/?a=1" }, "must not have a query or fragment"],
    ["baseUrl with a fragment", { ...ok, baseUrl: "https://api.example.com/#x" }, "must not have a query or fragment"],
    [
      "http to a remote host with a key",
      { ...ok, baseUrl: "http://api.example.com" },
      "refusing to send the API key over plain http to api.example.com; use https, or pass `allowInsecureHttp: true`",
    ],
    ["http to 10.0.0.1 with a key", { ...ok, baseUrl: "http://10.0.0.1:8080" }, "plain http to 10.0.0.1:8080"],
    ["http to a lookalike host", { ...ok, baseUrl: "http://127.0.0.1.example.com" }, "plain http"],
    ["fetch not a function", { ...ok, fetch: "fetch" }, "`fetch` must be a function"],
    ["headers not an object", { ...ok, headers: "x-a: 1" }, "`headers` must be an object of header names to strings"],
    ["headers an array", { ...ok, headers: [["x-a", "1"]] }, "`headers` must be an object of header names to strings"],
    ["header value not a string", { ...ok, headers: { "x-a": 1 } }, "header `x-a` must be a string"],
    [
      "header value with CR LF",
      { ...ok, headers: { "x-a": "1\r\nX-Evil: 2" } },
      "header `x-a` contains a line break or NUL (header injection)",
    ],
    ["header value with LF", { ...ok, headers: { "x-a": "1\nb" } }, "header `x-a` contains a line break"],
    ["header value with NUL", { ...ok, headers: { "x-a": "1\u0000" } }, "header `x-a` contains a line break"],
    [
      "header name with CR LF",
      { ...ok, headers: { "x-a\r\nX-Evil": "1" } },
      "header `x-a??X-Evil` is not a valid header name",
    ],
    ["maxRetries negative", { ...ok, maxRetries: -1 }, "`maxRetries` must be an integer from 0 to 10 (got -1)"],
    ["maxRetries fractional", { ...ok, maxRetries: 1.5 }, "`maxRetries` must be an integer from 0 to 10 (got 1.5)"],
    ["maxRetries too many", { ...ok, maxRetries: 11 }, "`maxRetries` must be an integer from 0 to 10 (got 11)"],
    ["maxRetries a string", { ...ok, maxRetries: "2" }, "`maxRetries` must be an integer from 0 to 10 (got string)"],
    ["timeoutMs zero", { ...ok, timeoutMs: 0 }, "`timeoutMs` must be a number from 1 to 2147483647 (got 0)"],
    ["timeoutMs NaN", { ...ok, timeoutMs: Number.NaN }, "`timeoutMs` must be a number from 1"],
    ["timeoutMs Infinity", { ...ok, timeoutMs: Number.POSITIVE_INFINITY }, "`timeoutMs` must be a number from 1"],
    ["timeoutMs above setTimeout's range", { ...ok, timeoutMs: 2 ** 31 }, "`timeoutMs` must be a number from 1"],
    ["maxRetryDelayMs negative", { ...ok, maxRetryDelayMs: -5 }, "`maxRetryDelayMs` must be a number from 0"],
    [
      "retryBaseDelayMs too large",
      { ...ok, retryBaseDelayMs: 60_001 },
      "`retryBaseDelayMs` must be a number from 0 to 60000",
    ],
    [
      "retryNonIdempotent not boolean",
      { ...ok, retryNonIdempotent: "yes" },
      "`retryNonIdempotent` must be true or false",
    ],
    ["allowInsecureHttp not boolean", { ...ok, allowInsecureHttp: 1 }, "`allowInsecureHttp` must be true or false"],
    [
      "dangerouslyAllowBrowser not boolean",
      { ...ok, dangerouslyAllowBrowser: "true" },
      "`dangerouslyAllowBrowser` must be true or false",
    ],
    [
      "logger without methods",
      { ...ok, logger: { log() {} } },
      "`logger` must have debug, info, warn and error methods",
    ],
    ["logger not an object", { ...ok, logger: "console" }, "`logger` must have debug, info, warn and error methods"],
    [
      "logLevel unknown",
      { ...ok, logLevel: "trace" },
      '`logLevel` must be one of debug, info, warn, error, off (got "trace")',
    ],
  ];
  it.each(cases)("%s", (_name, options, message) => {
    const got = configError(options);
    if (typeof message === "string") expect(got).toContain(message);
    else expect(got).toMatch(message);
  });

  it("no base URL when the spec has no absolute server", () => {
    expect(configError({}, openDefinition)).toContain(
      "no base URL: the spec declares no absolute server; pass `baseUrl` or set TESTVENDOR_BASE_URL",
    );
  });

  it("no global fetch", () => {
    const original = globalThis.fetch;
    // @ts-expect-error simulating a runtime without fetch
    delete globalThis.fetch;
    try {
      expect(configError(ok)).toContain("no global fetch in this runtime: pass `fetch`");
      expect(resolve({ ...ok, fetch: original }).fetch).toBe(original);
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe("plain http", () => {
  it.each([
    "http://localhost:3000",
    "http://api.localhost",
    "http://127.0.0.1:8080",
    "http://127.10.0.3",
    "http://[::1]:4010",
  ])("is allowed to loopback %s", (baseUrl) => {
    expect(resolve({ ...ok, baseUrl }).baseUrl).toBe(new URL(baseUrl).href.replace(/\/$/, ""));
  });

  it("to a remote host is allowed with allowInsecureHttp", () => {
    expect(resolve({ ...ok, baseUrl: "http://api.example.com", allowInsecureHttp: true }).baseUrl).toBe(
      "http://api.example.com",
    );
  });

  it("to a remote host is allowed while no key is set", () => {
    expect(resolve({ baseUrl: "http://api.example.com" }, openDefinition).apiKey).toBeUndefined();
  });

  it("isLoopback", () => {
    expect(isLoopback("LOCALHOST")).toBe(true);
    expect(isLoopback("[::1]")).toBe(true);
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("127.0.0.1.nip.io")).toBe(false);
    expect(isLoopback("localhost.example.com")).toBe(false);
    expect(isLoopback("10.0.0.1")).toBe(false);
    expect(isLoopback("::ffff:7f00:1")).toBe(false);
  });
});

describe("in a browser", () => {
  const names = ["window", "document", "navigator"] as const;
  const before = new Map<string, PropertyDescriptor | undefined>();
  beforeEach(() => {
    for (const name of names) before.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    const document = {};
    Object.defineProperty(globalThis, "document", { value: document, configurable: true, writable: true });
    Object.defineProperty(globalThis, "window", { value: { document }, configurable: true, writable: true });
    Object.defineProperty(globalThis, "navigator", {
      value: { userAgent: "test" },
      configurable: true,
      writable: true,
    });
  });
  afterEach(() => {
    for (const name of names) {
      const descriptor = before.get(name);
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
  });

  it("is refused without dangerouslyAllowBrowser", () => {
    expect(configError(ok)).toContain("refusing to run in a browser, where the API key would be exposed");
    expect(configError({ ...ok, dangerouslyAllowBrowser: false })).toContain("`dangerouslyAllowBrowser: true`");
  });

  it("is allowed with dangerouslyAllowBrowser: true", () => {
    expect(resolve({ ...ok, dangerouslyAllowBrowser: true }).apiKey).toBe(KEY);
  });
});

describe("per-call options", () => {
  const base = resolve(ok).policy;

  it("override the client's policy field by field", () => {
    expect(resolveCallPolicy(base, { timeoutMs: 10 }, "op")).toEqual({ ...base, timeoutMs: 10 });
    expect(resolveCallPolicy(base, { maxRetries: 0, retryNonIdempotent: true }, "op")).toEqual({
      ...base,
      maxRetries: 0,
      retryNonIdempotent: true,
    });
    expect(resolveCallPolicy(base, {}, "op")).toBe(base);
    expect(resolveCallPolicy(base, undefined, "op")).toBe(base);
  });

  it.each([
    [{ timeoutMs: 0 }, "`timeoutMs` must be a number from 1"],
    [{ timeoutMs: "5" }, "`timeoutMs` must be a number"],
    [{ maxRetries: 1.2 }, "`maxRetries` must be an integer from 0 to 10"],
    [{ retryNonIdempotent: "true" }, "`retryNonIdempotent` must be true or false"],
  ])("%j is a ValidationError", (call, message) => {
    try {
      resolveCallPolicy(base, call, "items.get");
      throw new Error("expected a ValidationError");
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        { path: "options", message: expect.stringContaining(message) },
      ]);
      expect((error as Error).message).toContain("items.get");
    }
  });

  it("unknown keys are listed", () => {
    expect(unknownCallOptions({ signal: undefined, timeoutMs: 1, timeout: 1, retry: true })).toEqual([
      "timeout",
      "retry",
    ]);
    expect(unknownCallOptions(undefined)).toEqual([]);
  });
});
