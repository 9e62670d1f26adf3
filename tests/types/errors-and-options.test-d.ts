import {
  ApiError,
  AuthenticationError,
  type CaptainError,
  type ChatCaptainClientOptions,
  type ConnectionError,
  createChatCaptainClient,
  RateLimitError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from "@captain-sdk/chatcaptain";
import * as core from "@captain-sdk/core";
import * as sales from "@captain-sdk/salescaptain";
import { describe, expectTypeOf, test } from "vitest";

/** The error classes narrow with instanceof and are the same classes in every package; options are checked. */

describe("errors", () => {
  test("narrow with instanceof to their fields", () => {
    const caught: unknown = new Error("x");
    if (caught instanceof RateLimitError) {
      expectTypeOf(caught.status).toEqualTypeOf<number>();
      expectTypeOf(caught.retryAfterMs).toEqualTypeOf<number | undefined>();
      expectTypeOf(caught.resetAt).toEqualTypeOf<Date | undefined>();
      expectTypeOf(caught).toExtend<ApiError>();
    }
    if (caught instanceof ApiError) {
      expectTypeOf(caught.headers).toEqualTypeOf<Record<string, string>>();
      expectTypeOf(caught.body).toEqualTypeOf<unknown>();
      expectTypeOf(caught.requestId).toEqualTypeOf<string | undefined>();
      expectTypeOf(caught.method).toEqualTypeOf<string>();
      expectTypeOf(caught.path).toEqualTypeOf<string>();
      // @ts-expect-error an ApiError has no retryAfterMs (RateLimitError does)
      caught.retryAfterMs;
    }
    if (caught instanceof ValidationError) {
      expectTypeOf(caught.issues).toEqualTypeOf<readonly ValidationIssue[]>();
      expectTypeOf(caught.issues[0]).toEqualTypeOf<ValidationIssue | undefined>();
    }
    if (caught instanceof TimeoutError) {
      expectTypeOf(caught).toExtend<ConnectionError>();
      expectTypeOf(caught).toExtend<CaptainError>();
    }
  });

  test("are the same classes from every package", () => {
    expectTypeOf(AuthenticationError).toEqualTypeOf(core.AuthenticationError);
    expectTypeOf(sales.AuthenticationError).toEqualTypeOf(core.AuthenticationError);
    expectTypeOf(sales.ValidationError).toEqualTypeOf(ValidationError);
    expectTypeOf<AuthenticationError>().toExtend<ApiError>();
  });
});

describe("client options", () => {
  test("take the documented options", () => {
    const options: ChatCaptainClientOptions = {
      apiKey: "test-key-1234",
      baseUrl: "https://api.example.test",
      fetch: (url: string, init: RequestInit) => globalThis.fetch(url, init),
      headers: { "x-app": "demo" },
      maxRetries: 2,
      timeoutMs: 60_000,
      retryNonIdempotent: false,
      maxRetryDelayMs: 60_000,
      retryBaseDelayMs: 500,
      logger: console,
      logLevel: "debug",
      allowInsecureHttp: false,
      dangerouslyAllowBrowser: false,
    };
    createChatCaptainClient(options);
    createChatCaptainClient();
    sales.createSalesCaptainClient({ apiKey: "test-key-1234" });
    expectTypeOf(sales.createSalesCaptainClient).parameter(0).toEqualTypeOf<core.ClientOptions | undefined>();
  });

  test("reject unknown options and wrong types", () => {
    // @ts-expect-error `retries` is not an option (maxRetries is)
    createChatCaptainClient({ apiKey: "test-key-1234", retries: 3 });
    // @ts-expect-error timeoutMs is a number
    createChatCaptainClient({ timeoutMs: "5s" });
    // @ts-expect-error not a log level
    createChatCaptainClient({ logLevel: "verbose" });
    // @ts-expect-error client headers are strings
    createChatCaptainClient({ headers: { "x-app": null } });
  });
});
