import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createCaptainClient } from "../src/client.js";
import {
  ConnectionError,
  type InternalServerError,
  NotFoundError,
  UnexpectedResponseError,
  ValidationError,
} from "../src/errors.js";
import type { ClientOptions } from "../src/options.js";
import { KEY, testDefinition, UUID, VENDOR } from "./definitions.js";

type Ops = {
  items: {
    get(args: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
    create(args: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
    upload(args: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
  };
  health: {
    ping(args?: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
    basic(args?: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
  };
};
type PathResult = { data?: unknown; error?: unknown; response: Response };
type PathApi = {
  GET(path: string, init?: Record<string, unknown>): Promise<PathResult>;
  POST(path: string, init?: Record<string, unknown>): Promise<PathResult>;
};

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  redirect: RequestRedirect;
}

/** A fetch mock that records each request and answers from a list (the last one repeats). */
function mockFetch(...answers: (() => Response | Promise<Response>)[]) {
  const seen: Seen[] = [];
  const fetch = async (input: string | Request, init?: RequestInit) => {
    // Called as the global fetch is: (url, init). The Request is only for looking at what was sent.
    const request = typeof input === "string" ? new Request(input, init) : input;
    seen.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
      redirect: request.redirect,
    });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)] as () => Response;
    return answer();
  };
  return { fetch, seen };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

function client(fetch: ClientOptions["fetch"], options: ClientOptions = {}) {
  const c = createCaptainClient<{}, Ops>(testDefinition, VENDOR, {
    apiKey: KEY,
    retryBaseDelayMs: 0,
    fetch,
    ...options,
  });
  return Object.assign(c, { path: c as unknown as PathApi });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("auth: the key goes where each operation's scheme says", () => {
  it("Authorization: Bearer", async () => {
    const { fetch, seen } = mockFetch(json(200, { id: 1 }));
    expect(await client(fetch).items.get({ item_id: UUID, expand: "owner" })).toEqual({ id: 1 });
    expect(seen[0]?.url).toBe(`https://api.example.com/base/items/${UUID}?expand=owner`);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen[0]?.method).toBe("GET");
  });
  it("an API-key header", async () => {
    const { fetch, seen } = mockFetch(json(201, { id: 2 }));
    await client(fetch).items.create({ name: "n", kind: "a" });
    expect(seen[0]?.headers["x-test-key"]).toBe(KEY);
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ name: "n", kind: "a" });
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
  });
  it("a query parameter, a text body, a text response", async () => {
    const { fetch, seen } = mockFetch(() => new Response("stored", { status: 200 }));
    expect(await client(fetch).items.upload({ item_id: "i 1", body: "raw text" })).toBe("stored");
    expect(seen[0]?.url).toBe(`https://api.example.com/base/items/i%201/raw?api_key=${KEY}`);
    expect(seen[0]?.method).toBe("PUT");
  });
  it("a cookie, and Basic", async () => {
    const { fetch, seen } = mockFetch(() => new Response(null, { status: 204 }), json(200, {}));
    const c = client(fetch);
    expect(await c.health.ping()).toBeUndefined();
    expect(seen[0]?.headers.cookie).toBe(`session=${KEY}`);
    await c.health.basic();
    expect(seen[1]?.headers.authorization).toBe(`Basic ${btoa(KEY)}`);
  });
  it("a per-call header of null removes one, the key's too; client headers are sent", async () => {
    const { fetch, seen } = mockFetch(json(200, {}));
    const c = client(fetch, { headers: { "x-tenant": "t1", "x-other": "o" } });
    await c.items.get({ item_id: UUID }, { headers: { authorization: null, "x-other": "call" } });
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(seen[0]?.headers["x-tenant"]).toBe("t1");
    expect(seen[0]?.headers["x-other"]).toBe("call");
  });
  it("the path API on a spec route sends the key; on another route it does not", async () => {
    const { fetch, seen } = mockFetch(json(200, { ok: true }));
    const c = client(fetch);
    const { data } = await c.path.GET("/items/{item_id}", { params: { path: { item_id: UUID } } });
    expect(data).toEqual({ ok: true });
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    await c.path.GET("/elsewhere");
    expect(seen[1]?.headers.authorization).toBeUndefined();
  });
  it("redirects are not followed (the key must not travel to another host)", async () => {
    const { fetch, seen } = mockFetch(
      () => new Response(null, { status: 302, headers: { location: "https://evil.example" } }),
    );
    const error = await rejection(client(fetch).items.get({ item_id: UUID }));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.redirect).toBe("manual");
    expect((error as { status?: number }).status).toBe(302);
  });
});

describe("validation before sending, both ways", () => {
  it("operation methods", async () => {
    const { fetch, seen } = mockFetch(json(200, {}));
    const c = client(fetch);
    const e1 = await rejection(c.items.get({ item_id: "nope" }));
    expect(e1).toBeInstanceOf(ValidationError);
    expect((e1 as ValidationError).issues).toEqual([{ path: "item_id", message: "must be a UUID" }]);
    const e2 = await rejection(c.items.create({ kind: "z" }));
    expect((e2 as ValidationError).issues).toEqual([
      { path: "name", message: "is required" },
      { path: "kind", message: 'must be one of "a", "b"' },
    ]);
    const e3 = await rejection(c.items.get("x" as never));
    expect((e3 as ValidationError).issues).toEqual([{ path: "", message: "arguments must be an object" }]);
    const e4 = await rejection(c.items.get({ item_id: UUID }, { timeout: 5, retries: 1 }));
    expect((e4 as ValidationError).issues).toEqual([
      { path: "options.timeout", message: "is not a known option" },
      { path: "options.retries", message: "is not a known option" },
    ]);
    const e5 = await rejection(c.items.get({ item_id: UUID }, { maxRetries: -1 }));
    expect(e5).toBeInstanceOf(ValidationError);
    expect(seen).toHaveLength(0);
  });
  it("the path API", async () => {
    const { fetch, seen } = mockFetch(json(200, {}));
    const c = client(fetch);
    const error = await rejection(c.path.POST("/items", { body: { name: "" } }));
    expect((error as ValidationError).issues).toEqual([
      { path: "body.kind", message: "is required" },
      { path: "body.name", message: "must not be empty" },
    ]);
    const dots = await rejection(c.path.GET("/anything/{id}", { params: { path: { id: ".." } } }));
    expect(dots).toBeInstanceOf(ValidationError);
    expect(seen).toHaveLength(0);
  });
});

describe("responses", () => {
  it("operation methods throw typed errors with the parsed body; the path API returns them", async () => {
    const { fetch } = mockFetch(json(404, { message: "no such item" }, { "x-request-id": "req_9" }));
    const c = client(fetch);
    const error = (await rejection(c.items.get({ item_id: UUID }))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.body).toEqual({ message: "no such item" });
    expect(error.requestId).toBe("req_9");
    expect(error.path).toBe(`/base/items/${UUID}`);
    expect(error.message).toBe(`404 GET /base/items/${UUID}: no such item`);
    const result = await c.path.GET("/items/{item_id}", { params: { path: { item_id: UUID } } });
    expect(result.response.status).toBe(404);
    expect(result.error).toEqual({ message: "no such item" });
  });
  it("a 2xx that is not JSON is an UnexpectedResponseError with the raw text, both ways", async () => {
    const { fetch } = mockFetch(
      () => new Response("<html>oops</html>", { status: 200, headers: { "content-type": "text/html" } }),
    );
    const c = client(fetch);
    const viaOp = (await rejection(c.items.get({ item_id: UUID }))) as UnexpectedResponseError;
    expect(viaOp).toBeInstanceOf(UnexpectedResponseError);
    expect(viaOp.body).toBe("<html>oops</html>");
    expect(viaOp.message).toContain("is not valid JSON (text/html)");
    const viaPath = await rejection(c.path.GET("/items/{item_id}", { params: { path: { item_id: UUID } } }));
    expect(viaPath).toBeInstanceOf(UnexpectedResponseError);
  });
  it("an error body echoing the key is redacted, both ways", async () => {
    const { fetch } = mockFetch(json(500, { message: `bad key ${KEY}` }, { "x-echo": KEY }));
    const c = client(fetch, { maxRetries: 0 });
    const error = (await rejection(c.items.get({ item_id: UUID }))) as InternalServerError;
    expect(error.body).toEqual({ message: "bad key ***" });
    expect(error.headers["x-echo"]).toBe("***");
    const result = await c.path.GET("/items/{item_id}", { params: { path: { item_id: UUID } } });
    expect(result.error).toEqual({ message: "bad key ***" });
  });
  it("parseAs is left to the caller on the path API", async () => {
    const { fetch } = mockFetch(json(200, { a: 1 }));
    const result = await client(fetch).path.GET("/items/{item_id}", {
      params: { path: { item_id: UUID } },
      parseAs: "json",
    });
    expect(result.data).toEqual({ a: 1 });
  });
});

describe("retries through a fetch mock", () => {
  it("a retried POST sends the same body each time", async () => {
    const { fetch, seen } = mockFetch(json(503, {}), json(503, {}), json(200, { id: 1 }));
    await client(fetch, { retryNonIdempotent: true }).items.create({ name: "n", kind: "b", tags: ["x"] });
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.body)).size).toBe(1);
    expect(JSON.parse(seen[2]?.body ?? "")).toEqual({ name: "n", kind: "b", tags: ["x"] });
  });
  it("a fetch failure is a ConnectionError keeping its cause, the key out of it", async () => {
    const cause = Object.assign(new TypeError(`could not reach ?api_key=${KEY}`), { code: "ECONNRESET" });
    const fetch = async () => {
      throw cause;
    };
    const error = (await rejection(client(fetch).items.create({ name: "n", kind: "a" }))) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(
      "POST /base/items: connection failed (ECONNRESET could not reach ?api_key=***); the request may have reached the server, check before sending it again",
    );
    expect(error.mayHaveBeenSent).toBe(true);
    expect(inspect(error, { showHidden: true, depth: Infinity })).not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect((error.cause as { code?: string }).code).toBe("ECONNRESET");
    expect((error.cause as Error).message).toBe("could not reach ?api_key=***");
  });
  it("the cause is a plain copy: a fetch error carrying the request and its headers cannot show the key", async () => {
    const request = new Request("http://127.0.0.1/x", { headers: { authorization: `Bearer ${KEY}` } });
    const cause = Object.assign(new TypeError("fetch failed"), {
      code: "ECONNRESET",
      request,
      headers: request.headers,
      options: { headers: new Map([["authorization", KEY]]) },
    });
    const error = (await rejection(
      client(async () => {
        throw cause;
      }).items.create({ name: "n", kind: "a" }),
    )) as ConnectionError;
    expect(error.cause).not.toBe(cause);
    expect(error.cause).toMatchObject({ name: "TypeError", message: "fetch failed", code: "ECONNRESET" });
    expect(inspect(error, { showHidden: true, depth: Infinity })).not.toContain(KEY);
  });
  it("a refused connection never reached the server: mayHaveBeenSent is false", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const error = (await rejection(
      client(async () => {
        throw refused;
      }).items.create({ name: "n", kind: "a" }, { maxRetries: 0 }),
    )) as ConnectionError;
    expect(error.mayHaveBeenSent).toBe(false);
    expect(error.message).not.toContain("may have reached");
  });
});

describe("the client object", () => {
  it("never shows the key", () => {
    const c = client(mockFetch(json(200, {})).fetch);
    expect(inspect(c, { showHidden: true, depth: Infinity })).not.toContain(KEY);
    expect(JSON.stringify(c)).not.toContain(KEY);
    expect(inspect(c)).toContain("apiKey: '***'");
  });
});

describe("timeoutMs holds even when the fetch ignores its signal", () => {
  it("a fetch that never settles: TimeoutError after timeoutMs", async () => {
    const started = Date.now();
    const error = await rejection(
      client(() => new Promise<Response>(() => {})).items.create({ name: "n", kind: "a" }, { timeoutMs: 100 }),
    );
    expect(error.name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(5_000);
  });
  it("a body stream that never ends: TimeoutError, and the stream is cancelled", async () => {
    let cancelled = false;
    const endless = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("{"));
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    const error = await rejection(
      client(async () => endless()).items.create({ name: "n", kind: "a" }, { timeoutMs: 100 }),
    );
    expect(error.name).toBe("TimeoutError");
    await new Promise((r) => setTimeout(r, 10));
    expect(cancelled).toBe(true);
  });
});

describe("headers are checked before they reach Headers (no bare TypeError)", () => {
  it.each([
    [{ "a b": "c" }, "is not a valid header name"],
    [{ "x-note": "price in €" }, "has characters outside Latin-1"],
    [{ "x-n": 5 }, "must be a string"],
  ])("client headers %j -> ConfigurationError", (headers, message) => {
    const { fetch, seen } = mockFetch(json(200, {}));
    expect(() => client(fetch, { headers: headers as Record<string, string> })).toThrow(message);
    expect(seen).toHaveLength(0);
  });
  it.each([
    [{ headers: { "a b": "c" } }, "is not a valid header name"],
    [{ headers: { "x-note": "€" } }, "outside Latin-1"],
    [{ headers: { "x-n": 5 } }, "must be a string (or null to remove it)"],
    [{ headers: "x" }, "must be an object"],
    [{ signal: "x" }, "`signal` must be an AbortSignal"],
  ])("per-call options %j -> ValidationError, nothing sent", async (options, message) => {
    const { fetch, seen } = mockFetch(json(200, {}));
    const error = await rejection(client(fetch).items.create({ name: "n", kind: "a" }, options));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain(message);
    expect(seen).toHaveLength(0);
  });
});
