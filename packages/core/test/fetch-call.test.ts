import { describe, expect, it } from "vitest";
import { createCaptainClient } from "../src/client.js";
import { KEY, testDefinition, UUID, VENDOR } from "./definitions.js";

/**
 * How the SDK calls fetch: as the global fetch is called, `fetch(url, init)`, with the method,
 * headers, body and signal in `init`, and every RequestInit field the caller gave passed on.
 */

interface Call {
  input: unknown;
  init: RequestInit;
}

function recorder(status = 200, body: unknown = { id: 1 }) {
  const calls: Call[] = [];
  const fetch = async (input: string, init: RequestInit) => {
    calls.push({ input, init });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { calls, fetch };
}

type Loose = Record<string, Record<string, (a?: unknown, o?: unknown) => Promise<unknown>>> & {
  GET(path: string, init?: Record<string, unknown>): Promise<{ data?: unknown; response: Response }>;
};

const make = (fetch: (input: string, init: RequestInit) => Promise<Response>, extra: Record<string, unknown> = {}) =>
  createCaptainClient(testDefinition, VENDOR, {
    apiKey: KEY,
    fetch,
    retryBaseDelayMs: 0,
    ...extra,
  }) as unknown as Loose;

describe("fetch is called as the global fetch is", () => {
  it("operation methods: a URL string and an init with method, headers, body and an AbortSignal", async () => {
    const { calls, fetch } = recorder(201);
    await make(fetch).items?.create?.({ name: "n", kind: "a" });
    expect(calls).toHaveLength(1);
    const [call] = calls as [Call];
    expect(typeof call.input).toBe("string");
    expect(call.input).toBe("https://api.example.com/base/items");
    expect(call.init.method).toBe("POST");
    expect(call.init.signal).toBeInstanceOf(AbortSignal);
    expect(call.init.redirect).toBe("manual");
    expect(JSON.parse(String(call.init.body))).toEqual({ name: "n", kind: "a" });
    expect((call.init.headers as Record<string, string>)["content-type"]).toBe("application/json");
  });

  it("operation methods pass fetchOptions (client, then per call) to fetch", async () => {
    const { calls, fetch } = recorder();
    const c = make(fetch, { fetchOptions: { credentials: "include", cache: "no-store" } });
    await c.items?.get?.({ item_id: UUID });
    await c.items?.get?.({ item_id: UUID }, { fetchOptions: { keepalive: true, cache: "reload" } });
    expect(calls[0]?.init).toMatchObject({ credentials: "include", cache: "no-store" });
    expect(calls[1]?.init).toMatchObject({ credentials: "include", cache: "reload", keepalive: true });
  });

  it("the path API passes every RequestInit field the caller gives (credentials, cache, keepalive, integrity, referrerPolicy)", async () => {
    const { calls, fetch } = recorder();
    const fields = {
      credentials: "include",
      cache: "no-store",
      keepalive: true,
      integrity: "sha256-abc",
      referrerPolicy: "no-referrer",
    } as const;
    const { response } = await make(fetch).GET("/items/{item_id}", { params: { path: { item_id: UUID } }, ...fields });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init).toMatchObject(fields);
    expect(typeof calls[0]?.input).toBe("string");
  });

  it("a retried call sends the same serialized body on every attempt", async () => {
    const bodies: unknown[] = [];
    let n = 0;
    const fetch = async (_input: string, init: RequestInit) => {
      bodies.push(init.body);
      n++;
      return new Response(n === 1 ? "busy" : '{"id":2}', {
        status: n === 1 ? 429 : 201,
        headers: { "content-type": "application/json", "retry-after-ms": "0" },
      });
    };
    await make(fetch).items?.create?.({ name: "n", kind: "a" });
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toBe(bodies[1]);
  });

  it("an unknown per-call option is refused, fetchOptions must be an object", async () => {
    const { calls, fetch } = recorder();
    await expect(make(fetch).items?.get?.({ item_id: UUID }, { fetchOption: {} })).rejects.toMatchObject({
      name: "ValidationError",
    });
    expect(() => make(fetch, { fetchOptions: "no" })).toThrow(/fetchOptions/);
    expect(calls).toHaveLength(0);
  });
});
