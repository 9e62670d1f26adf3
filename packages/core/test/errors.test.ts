import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  CaptainError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
  UnprocessableEntityError,
  ValidationError,
} from "../src/errors.js";

const init = (status: number, headers: Record<string, string> = {}, body: unknown = { message: "nope" }) => ({
  status,
  headers,
  body,
  method: "POST",
  path: "/v1/things/1",
});

describe("status -> class", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
    [504, InternalServerError],
    [599, InternalServerError],
    [402, ApiError],
    [418, ApiError],
    [302, ApiError],
  ] as const)("%i -> %o", (status, Class) => {
    const error = ApiError.from(init(status));
    expect(error.constructor).toBe(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(CaptainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(Class.name);
    expect(error.status).toBe(status);
    expect(error.method).toBe("POST");
    expect(error.path).toBe("/v1/things/1");
  });
});

describe("message", () => {
  it("shows status, method, path and the server's message", () => {
    expect(ApiError.from(init(404, {}, { message: "thing not found" })).message).toBe(
      "404 POST /v1/things/1: thing not found",
    );
    expect(ApiError.from(init(400, {}, { error: { message: "nested" } })).message).toBe(
      "400 POST /v1/things/1: nested",
    );
    expect(ApiError.from(init(400, {}, { error: "flat" })).message).toBe("400 POST /v1/things/1: flat");
    expect(ApiError.from(init(400, {}, { detail: "problem+json" })).message).toContain("problem+json");
    expect(ApiError.from(init(500, {}, "  upstream died \n")).message).toBe("500 POST /v1/things/1: upstream died");
    expect(ApiError.from({ ...init(500), body: undefined }).message).toBe("500 POST /v1/things/1");
    expect(ApiError.from(init(500, {}, { code: 7 })).message).toBe('500 POST /v1/things/1: {"code":7}');
  });
  it("cuts a long body at 300 characters", () => {
    const message = ApiError.from(init(500, {}, "x".repeat(1000))).message;
    expect(message.length).toBeLessThan(330);
    expect(message.endsWith("…")).toBe(true);
  });
});

describe("requestId", () => {
  it.each([
    "x-request-id",
    "request-id",
    "x-requestid",
    "x-correlation-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-trace-id",
    "cf-ray",
  ])("from %s", (header) => {
    expect(ApiError.from(init(500, { [header]: "req_123" })).requestId).toBe("req_123");
  });
  it("x-request-id first; undefined when absent", () => {
    expect(ApiError.from(init(500, { "cf-ray": "ray", "x-request-id": "req_1" })).requestId).toBe("req_1");
    expect(ApiError.from(init(500)).requestId).toBeUndefined();
  });
});

describe("RateLimitError", () => {
  const now = Date.now();
  it("carries retryAfterMs, limit, remaining and resetAt", () => {
    const reset = Math.floor(now / 1000) + 30;
    const error = ApiError.from(
      init(429, {
        "retry-after": "30",
        "x-ratelimit-limit": "100",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(reset),
      }),
    ) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.limit).toBe(100);
    expect(error.remaining).toBe(0);
    expect(error.resetAt).toEqual(new Date(reset * 1000));
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "RateLimitError",
      status: 429,
      retryAfterMs: 30_000,
      limit: 100,
      remaining: 0,
      resetAt: new Date(reset * 1000).toISOString(),
    });
  });
  it("a small reset is seconds from now", () => {
    const error = ApiError.from(init(429, { "x-ratelimit-reset": "10" })) as RateLimitError;
    expect(Math.abs((error.resetAt as Date).getTime() - (Date.now() + 10_000))).toBeLessThan(1000);
    expect(error.retryAfterMs).toBe(10_000);
  });
  it("fields are undefined when the server says nothing (or nonsense)", () => {
    const error = ApiError.from(
      init(429, { "x-ratelimit-limit": "lots", "x-ratelimit-remaining": "" }),
    ) as RateLimitError;
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.limit).toBeUndefined();
    expect(error.remaining).toBeUndefined();
    expect(error.resetAt).toBeUndefined();
  });
});

describe("the other classes", () => {
  it("TimeoutError is a ConnectionError; both keep method, path and cause", () => {
    const cause = new Error("socket hang up");
    const error = new TimeoutError("POST /x: timed out after 5 ms", { method: "POST", path: "/x", cause });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(CaptainError);
    expect(error.name).toBe("TimeoutError");
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toEqual({
      name: "TimeoutError",
      message: "POST /x: timed out after 5 ms",
      method: "POST",
      path: "/x",
      mayHaveBeenSent: true,
    });
  });
  it("instanceof holds across copies of core (an app loading both the ESM and the CJS build)", async () => {
    const esm = await import("../dist/index.js");
    const { createRequire } = await import("node:module");
    const cjs = createRequire(import.meta.url)("../dist/index.cjs") as typeof esm;
    expect(esm.RateLimitError).not.toBe(cjs.RateLimitError);
    const init = { status: 429, headers: {}, body: "", method: "POST", path: "/x" };
    const fromCjs = cjs.ApiError.from(init);
    expect(fromCjs).toBeInstanceOf(esm.RateLimitError);
    expect(fromCjs).toBeInstanceOf(esm.ApiError);
    expect(fromCjs).toBeInstanceOf(esm.CaptainError);
    expect(fromCjs).not.toBeInstanceOf(esm.NotFoundError);
    expect(fromCjs).not.toBeInstanceOf(esm.ConnectionError);
    expect(esm.ApiError.from(init)).toBeInstanceOf(cjs.RateLimitError);
    expect(new Error("x")).not.toBeInstanceOf(esm.CaptainError);
    expect(null).not.toBeInstanceOf(esm.CaptainError);
  });
  it("ValidationError lists its issues", () => {
    const error = new ValidationError("items.create", [
      { path: "name", message: "is required" },
      { path: "", message: "arguments must be an object" },
    ]);
    expect(error.message).toBe("Invalid arguments for items.create: name: is required; arguments must be an object");
    expect(error.issues).toHaveLength(2);
    expect(error.toJSON()).toEqual({ name: "ValidationError", message: error.message, issues: error.issues });
  });
  it("ConfigurationError and UnexpectedResponseError", () => {
    expect(new ConfigurationError("x")).toBeInstanceOf(CaptainError);
    const unexpected = new UnexpectedResponseError({ ...init(200, {}, "<html>"), message: "200 POST /x: not JSON" });
    expect(unexpected).toBeInstanceOf(ApiError);
    expect(unexpected.body).toBe("<html>");
    expect(unexpected.message).toBe("200 POST /x: not JSON");
  });
  it("String() and inspect show the class name and message", () => {
    const error = ApiError.from(init(404));
    expect(String(error)).toBe("NotFoundError: 404 POST /v1/things/1: nope");
    expect(inspect(error)).toContain("NotFoundError: 404 POST /v1/things/1: nope");
    expect(error.stack).toContain("NotFoundError: 404 POST");
  });
});
