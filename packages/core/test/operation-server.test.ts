import { afterEach, describe, expect, it } from "vitest";
import { createCaptainClient } from "../src/client.js";
import type { ApiDefinition, OperationDefinition } from "../src/definition.js";
import { ConfigurationError } from "../src/errors.js";
import type { ClientOptions } from "../src/options.js";
import { KEY, VENDOR } from "./definitions.js";

type Call = (args?: Record<string, unknown>) => Promise<unknown>;
type Ops = { files: { upload: Call; list: Call; open: Call } };
type PathApi = { GET(path: string, init?: Record<string, unknown>): Promise<{ response: Response }> };

const op = (name: string, path: string, extra: Partial<OperationDefinition> = {}): OperationDefinition => ({
  id: name,
  namespace: "files",
  name,
  method: "get",
  path,
  params: [],
  auth: [{ in: "header", name: "Authorization", scheme: "Bearer" }],
  response: "none",
  ...extra,
});

function definition(uploadServer: string): ApiDefinition {
  return {
    title: "Server API",
    servers: ["https://api.example.com/v1"],
    operations: [
      op("upload", "/upload", { server: uploadServer }),
      op("list", "/files"),
      op("open", "/open", { server: "http://open.example.com", auth: [] }),
    ],
    schemas: {},
  };
}

function clientWith(options: ClientOptions = {}, uploadServer = "https://uploads.example.com/v2") {
  const seen: { url: string; auth: string | null }[] = [];
  const fetch = async (input: string | Request, init?: RequestInit) => {
    // Called as the global fetch is: (url, init). The Request is only for looking at what was sent.
    const request = typeof input === "string" ? new Request(input, init) : input;
    seen.push({ url: request.url, auth: request.headers.get("authorization") });
    return new Response(null, { status: 204 });
  };
  const client = createCaptainClient<{}, Ops>(definition(uploadServer), VENDOR, { apiKey: KEY, fetch, ...options });
  return { client, path: client as unknown as PathApi, seen };
}

const ENV = `${VENDOR.envPrefix}_BASE_URL`;
afterEach(() => {
  delete process.env[ENV];
});

describe("an operation with its own server", () => {
  it("is sent there, the others to the API's default server, both ways of calling", async () => {
    const { client, path, seen } = clientWith();
    await client.files.upload();
    await client.files.list();
    await path.GET("/upload");
    expect(seen.map((s) => s.url)).toEqual([
      "https://uploads.example.com/v2/upload",
      "https://api.example.com/v1/files",
      "https://uploads.example.com/v2/upload",
    ]);
    expect(seen[0]?.auth).toBe(`Bearer ${KEY}`);
  });

  it("an explicit baseUrl option sends every operation there", async () => {
    const { client, seen } = clientWith({ baseUrl: "http://127.0.0.1:9999/mock" });
    await client.files.upload();
    await client.files.list();
    expect(seen.map((s) => s.url)).toEqual(["http://127.0.0.1:9999/mock/upload", "http://127.0.0.1:9999/mock/files"]);
  });

  it("so does the base-URL environment variable", async () => {
    process.env[ENV] = "http://localhost:8080";
    const { client, seen } = clientWith();
    await client.files.upload();
    expect(seen[0]?.url).toBe("http://localhost:8080/upload");
  });

  it("a per-request baseUrl on the path API still wins", async () => {
    const { path, seen } = clientWith();
    await path.GET("/upload", { baseUrl: "https://other.example.com" });
    expect(seen[0]?.url).toBe("https://other.example.com/upload");
  });
});

describe("the http refusal covers per-operation servers", () => {
  it("refuses a plain-http, non-loopback server of an operation that sends the key", () => {
    const create = () => clientWith({}, "http://uploads.example.com");
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(/plain http to uploads\.example\.com \(the server of files\.upload\)/);
  });

  it("allows it with allowInsecureHttp, on loopback, without a key, or when baseUrl is explicit", async () => {
    expect(() => clientWith({ allowInsecureHttp: true }, "http://uploads.example.com")).not.toThrow();
    const loop = clientWith({}, "http://127.0.0.1:4010");
    await loop.client.files.upload();
    expect(loop.seen[0]?.url).toBe("http://127.0.0.1:4010/upload");
    expect(() => clientWith({ baseUrl: "https://proxy.example.com" }, "http://uploads.example.com")).not.toThrow();
    // No key at all: an operation whose key is optional may go to a plain-http server.
    const optional = op("upload", "/upload", { server: "http://uploads.example.com", authOptional: true });
    const noKey: ApiDefinition = { ...definition(""), operations: [optional] };
    expect(() => createCaptainClient(noKey, VENDOR, { fetch: async () => new Response(null) })).not.toThrow();
  });

  it("an operation that sends no key may use plain http even with a key set", async () => {
    const { client, seen } = clientWith();
    await client.files.open();
    expect(seen[0]).toEqual({ url: "http://open.example.com/open", auth: null });
  });
});
