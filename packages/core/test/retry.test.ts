import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  errorCodes,
  failedBeforeSending,
  isIdempotent,
  parseRetryAfter,
  type RetryPolicy,
  retryableFailure,
  retryableStatus,
} from "../src/retry.js";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const policy: RetryPolicy = {
  maxRetries: 2,
  retryNonIdempotent: false,
  maxRetryDelayMs: 60_000,
  retryBaseDelayMs: 500,
};
const optIn: RetryPolicy = { ...policy, retryNonIdempotent: true };

describe("parseRetryAfter", () => {
  it("Retry-After in seconds", () => {
    expect(parseRetryAfter({ "retry-after": "0" }, NOW)).toBe(0);
    expect(parseRetryAfter({ "retry-after": "7" }, NOW)).toBe(7000);
    expect(parseRetryAfter({ "retry-after": " 120 " }, NOW)).toBe(120_000);
    expect(parseRetryAfter({ "retry-after": "1.5" }, NOW)).toBe(1500);
  });

  it("Retry-After as an HTTP date", () => {
    expect(parseRetryAfter({ "retry-after": new Date(NOW + 30_000).toUTCString() }, NOW)).toBe(30_000);
    expect(parseRetryAfter({ "retry-after": "Thu, 15 Jan 2026 12:01:00 GMT" }, NOW)).toBe(60_000);
    expect(parseRetryAfter({ "retry-after": new Date(NOW - 30_000).toUTCString() }, NOW)).toBe(0);
    // The two obsolete formats HTTP still accepts.
    expect(parseRetryAfter({ "retry-after": "Thursday, 15-Jan-26 12:00:10 GMT" }, NOW)).toBe(10_000);
    expect(parseRetryAfter({ "retry-after": "Thu Jan 15 12:00:20 2026" }, NOW)).toBe(20_000);
  });

  it("retry-after-ms, which wins over the others", () => {
    expect(parseRetryAfter({ "retry-after-ms": "250" }, NOW)).toBe(250);
    expect(parseRetryAfter({ "retry-after-ms": "0.2" }, NOW)).toBe(1);
    expect(parseRetryAfter({ "retry-after-ms": "40", "retry-after": "9", "x-ratelimit-reset": "5" }, NOW)).toBe(40);
  });

  it("X-RateLimit-Reset in epoch seconds (and small values as seconds from now)", () => {
    expect(parseRetryAfter({ "x-ratelimit-reset": String(NOW / 1000 + 42) }, NOW)).toBe(42_000);
    expect(parseRetryAfter({ "x-ratelimit-reset": String(NOW / 1000 - 42) }, NOW)).toBe(0);
    expect(parseRetryAfter({ "x-ratelimit-reset": "3" }, NOW)).toBe(3000);
    expect(parseRetryAfter({ "retry-after": "2", "x-ratelimit-reset": String(NOW / 1000 + 42) }, NOW)).toBe(2000);
  });

  it("reads a Headers object, case-insensitively", () => {
    expect(parseRetryAfter(new Headers({ "Retry-After": "3" }), NOW)).toBe(3000);
    expect(parseRetryAfter(new Headers({ "Retry-After-Ms": "15" }), NOW)).toBe(15);
    expect(parseRetryAfter(new Headers({ "X-RateLimit-Reset": String(NOW / 1000 + 1) }), NOW)).toBe(1000);
  });

  it("ignores what it cannot read", () => {
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "soon" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "-5" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after-ms": "-5" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after-ms": "abc" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "x-ratelimit-reset": "tomorrow" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "" }, NOW)).toBeUndefined();
    // V8's Date.parse reads these as dates; they are not HTTP dates.
    expect(parseRetryAfter({ "retry-after": "1 2" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "12/31/2030" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "Thu, whenever" }, NOW)).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  it("doubles from the base, capped at 8 s", () => {
    const top = () => 0; // no jitter taken off
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 500, top))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffDelay(50, 500, top)).toBe(8000);
  });

  it("takes off up to 25% at random", () => {
    expect(backoffDelay(0, 1000, () => 0.999999)).toBe(750);
    expect(backoffDelay(0, 1000, () => 0.5)).toBe(875);
    expect(backoffDelay(4, 500, () => 0.999999)).toBe(6000);
  });

  it("stays within [0.75 x step, step] with the real random source", () => {
    for (let i = 0; i < 1000; i++) {
      const wait = backoffDelay(i % 6, 100);
      const step = Math.min(100 * 2 ** (i % 6), 8000);
      expect(wait).toBeGreaterThanOrEqual(0.75 * step);
      expect(wait).toBeLessThanOrEqual(step);
    }
  });

  it("is 0 with a zero base", () => {
    expect(backoffDelay(3, 0)).toBe(0);
  });
});

describe("which statuses are retried", () => {
  it.each(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "get", "delete"])("%s is idempotent", (m) => {
    expect(isIdempotent(m)).toBe(true);
  });
  it.each(["POST", "PATCH", "post"])("%s is not idempotent", (m) => {
    expect(isIdempotent(m)).toBe(false);
  });

  it("408 and 429 for every method", () => {
    for (const method of ["GET", "POST", "PATCH", "PUT"]) {
      expect(retryableStatus(408, method, policy)).toBe(true);
      expect(retryableStatus(429, method, policy)).toBe(true);
    }
  });

  it("5xx for idempotent methods; for POST and PATCH only when opted in", () => {
    for (const status of [500, 502, 503, 504, 599]) {
      expect(retryableStatus(status, "GET", policy)).toBe(true);
      expect(retryableStatus(status, "DELETE", policy)).toBe(true);
      expect(retryableStatus(status, "POST", policy)).toBe(false);
      expect(retryableStatus(status, "PATCH", policy)).toBe(false);
      expect(retryableStatus(status, "POST", optIn)).toBe(true);
    }
  });

  it("never other 4xx, 2xx or 3xx", () => {
    for (const status of [200, 201, 204, 301, 400, 401, 403, 404, 409, 422]) {
      expect(retryableStatus(status, "GET", optIn)).toBe(false);
    }
  });
});

describe("which failures are retried", () => {
  it("nothing sent: every method", () => {
    expect(retryableFailure(false, "POST", policy)).toBe(true);
    expect(retryableFailure(false, "PATCH", policy)).toBe(true);
  });
  it("maybe sent: idempotent methods, or POST when opted in", () => {
    expect(retryableFailure(true, "GET", policy)).toBe(true);
    expect(retryableFailure(true, "POST", policy)).toBe(false);
    expect(retryableFailure(true, "POST", optIn)).toBe(true);
  });

  const coded = (code: string) => Object.assign(new Error(code), { code });
  it("a refused connection or failed DNS look-up is 'not sent', however deeply nested", () => {
    expect(failedBeforeSending(new TypeError("fetch failed", { cause: coded("ECONNREFUSED") }))).toBe(true);
    expect(failedBeforeSending(new TypeError("fetch failed", { cause: coded("ENOTFOUND") }))).toBe(true);
    const aggregate = Object.assign(new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]), {
      code: "ECONNREFUSED",
    });
    expect(failedBeforeSending(new TypeError("fetch failed", { cause: aggregate }))).toBe(true);
  });
  it("a reset, a socket error, an unknown error or no code at all may have been sent", () => {
    expect(failedBeforeSending(new TypeError("fetch failed", { cause: coded("ECONNRESET") }))).toBe(false);
    expect(failedBeforeSending(new TypeError("fetch failed", { cause: coded("UND_ERR_SOCKET") }))).toBe(false);
    expect(failedBeforeSending(new TypeError("fetch failed"))).toBe(false);
    expect(failedBeforeSending("boom")).toBe(false);
    // One part refused, another reset: may have been sent.
    expect(
      failedBeforeSending(Object.assign(new AggregateError([coded("ECONNRESET")]), { code: "ECONNREFUSED" })),
    ).toBe(false);
  });
  it("errorCodes collects codes through causes and aggregates, bounded in depth", () => {
    expect(
      errorCodes(new Error("x", { cause: Object.assign(new AggregateError([coded("A"), coded("B")]), { code: "C" }) })),
    ).toEqual(["C", "A", "B"]);
    const loop: { code: string; cause?: unknown } = { code: "L" };
    loop.cause = loop;
    expect(errorCodes(loop).length).toBeLessThanOrEqual(7);
  });
});
