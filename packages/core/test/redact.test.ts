import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { secretForms } from "../src/auth.js";
import { isSensitiveHeader, REDACTED, redactDeep, redactError, redactHeaders, redactText } from "../src/redact.js";

const KEY = "test-key-1234";
const forms = secretForms(KEY);

describe("secretForms", () => {
  it("the key as sent: raw, base64 (Basic) and percent-encoded (query, cookie)", () => {
    expect(secretForms("test key/1234")).toEqual(["test key/1234", btoa("test key/1234"), "test%20key%2F1234"]);
    expect(forms).toEqual([KEY, btoa(KEY)]);
    expect(secretForms(undefined)).toEqual([]);
  });
});

describe("redactText", () => {
  it("replaces every occurrence of every form", () => {
    expect(redactText(`a ${KEY} b ${KEY} c ${btoa(KEY)}`, forms)).toBe("a *** b *** c ***");
  });
  it("leaves text without secrets alone, and ignores secrets under 4 characters", () => {
    expect(redactText("nothing here", forms)).toBe("nothing here");
    expect(redactText("abc abc", ["abc"])).toBe("abc abc");
  });
});

describe("redactDeep", () => {
  it("copies objects and arrays, redacting every string, keys' values at any depth", () => {
    const input = { a: KEY, b: [1, `x${KEY}`, { c: { d: KEY } }], e: null, f: true, g: 3 };
    const out = redactDeep(input, forms);
    expect(out).toEqual({ a: REDACTED, b: [1, "x***", { c: { d: REDACTED } }], e: null, f: true, g: 3 });
    expect(input.a).toBe(KEY);
    expect(JSON.stringify(out)).not.toContain(KEY);
  });
  it("returns values as they are when there is nothing to redact", () => {
    const input = { a: 1 };
    expect(redactDeep(input, [])).toBe(input);
    expect(redactDeep(KEY, forms)).toBe(REDACTED);
    expect(redactDeep(undefined, forms)).toBeUndefined();
  });
  it("survives a cycle", () => {
    const cyclic: Record<string, unknown> = { key: KEY };
    cyclic.self = cyclic;
    expect(() => redactDeep(cyclic, forms)).not.toThrow();
  });
});

describe("redactHeaders", () => {
  it("shows credential headers as *** and redacts the key elsewhere", () => {
    const headers = new Headers({
      Authorization: `Bearer ${KEY}`,
      "Proxy-Authorization": "Basic abc",
      Cookie: "session=1",
      "Set-Cookie": "a=b",
      "x-chatcaptain-key": KEY,
      "x-api-token": "t",
      "x-client-secret": "s",
      "x-password": "p",
      "x-signature": "sig",
      "x-echo": `you sent ${KEY}`,
      "content-type": "application/json",
    });
    expect(redactHeaders(headers, forms)).toEqual({
      authorization: REDACTED,
      "proxy-authorization": REDACTED,
      cookie: REDACTED,
      "set-cookie": REDACTED,
      "x-chatcaptain-key": REDACTED,
      "x-api-token": REDACTED,
      "x-client-secret": REDACTED,
      "x-password": REDACTED,
      "x-signature": REDACTED,
      "x-echo": "you sent ***",
      "content-type": "application/json",
    });
  });
  it("takes a plain object and lower-cases names", () => {
    expect(redactHeaders({ "X-Request-Id": "r1", "X-API-KEY": "k" }, forms)).toEqual({
      "x-request-id": "r1",
      "x-api-key": REDACTED,
    });
    expect(redactHeaders(undefined, forms)).toEqual({});
  });
  it("isSensitiveHeader", () => {
    for (const name of [
      "authorization",
      "Authorization",
      "cookie",
      "x-api-key",
      "api-key",
      "x-auth-token",
      "client-secret",
    ]) {
      expect(isSensitiveHeader(name)).toBe(true);
    }
    for (const name of ["content-type", "x-request-id", "accept", "user-agent"])
      expect(isSensitiveHeader(name)).toBe(false);
  });
});

describe("redactError", () => {
  it("always copies, keeping name, message, code and causes, and dropping objects (a request, headers)", () => {
    const error = Object.assign(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") }), {
      code: "ECONNREFUSED",
      headers: new Headers({ authorization: `Bearer ${KEY}` }),
    });
    for (const secrets of [forms, []]) {
      const copy = redactError(error, secrets) as Error & { code?: string; headers?: unknown };
      expect(copy).not.toBe(error);
      expect(copy).toMatchObject({ name: "TypeError", message: "fetch failed", code: "ECONNREFUSED" });
      expect((copy.cause as Error).message).toBe("connect ECONNREFUSED");
      expect(copy.headers).toBeUndefined();
      expect(inspect(copy, { showHidden: true, depth: Infinity })).not.toContain(KEY);
    }
  });
  it("copies an error that shows the key: name, message, stack, code and causes, redacted", () => {
    const inner = Object.assign(new Error(`proxy said ${KEY}`), { code: "EPROXY", detail: { key: KEY } });
    const error = Object.assign(new TypeError("fetch failed", { cause: inner }), { code: "ECONNRESET" });
    const copy = redactError(error, forms) as Error & { code?: string };
    expect(copy).not.toBe(error);
    expect(copy.name).toBe("TypeError");
    expect(copy.message).toBe("fetch failed");
    expect(copy.code).toBe("ECONNRESET");
    const cause = copy.cause as Error & { code?: string; detail?: unknown };
    expect(cause.message).toBe("proxy said ***");
    expect(cause.code).toBe("EPROXY");
    expect(cause.detail).toBeUndefined(); // objects are dropped, not copied
    expect(cause.stack).not.toContain(KEY);
    expect(inspect(copy, { showHidden: true, depth: Infinity })).not.toContain(KEY);
  });
  it("redacts non-errors too", () => {
    expect(redactError(`x ${KEY}`, forms)).toBe("x ***");
    expect(redactError({ k: KEY }, forms)).toMatchObject({ k: REDACTED });
  });
});
