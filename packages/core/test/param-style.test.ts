import { describe, expect, it } from "vitest";
import { createCaptainClient } from "../src/client.js";
import type { ApiDefinition, ParamDefinition } from "../src/definition.js";
import { operationSerializers } from "../src/serialize.js";
import { KEY, VENDOR } from "./definitions.js";

type Call = (args?: Record<string, unknown>) => Promise<unknown>;
type PathApi = { GET(path: string, init?: Record<string, unknown>): Promise<{ response: Response }> };

/** A client for one GET operation with `params`, and the URLs its fetch mock saw. */
function clientWith(params: ParamDefinition[], path = "/search") {
  const definition: ApiDefinition = {
    title: "Style API",
    servers: ["https://api.example.com"],
    operations: [
      { id: "find", namespace: "items", name: "find", method: "get", path, params, auth: [], response: "none" },
      {
        id: "keyed",
        namespace: "items",
        name: "keyed",
        method: "get",
        path: "/keyed",
        params: [{ name: "ids", in: "query", required: false, explode: false }],
        auth: [{ in: "query", name: "api_key" }],
        response: "none",
      },
    ],
    schemas: {},
  };
  const urls: string[] = [];
  const fetch = async (input: string | Request, init?: RequestInit) => {
    // Called as the global fetch is: (url, init). The Request is only for looking at what was sent.
    const request = typeof input === "string" ? new Request(input, init) : input;
    urls.push(request.url);
    return new Response(null, { status: 204 });
  };
  const client = createCaptainClient<{}, { items: { find: Call; keyed: Call } }>(definition, VENDOR, {
    apiKey: KEY,
    fetch,
  });
  return { client, path: client as unknown as PathApi, urls };
}

const query = (name: string, extra: Partial<ParamDefinition> = {}): ParamDefinition => ({
  name,
  in: "query",
  required: false,
  ...extra,
});

async function sent(params: ParamDefinition[], args: Record<string, unknown>): Promise<string> {
  const { client, urls } = clientWith(params);
  await client.items.find(args);
  const url = new URL(urls[0] as string);
  return `${url.pathname}${url.search}`;
}

describe("query parameters are sent in their spec style", () => {
  it("form, exploded (the default): arrays repeat the name, objects spread their keys", async () => {
    expect(await sent([query("id"), query("filter")], { id: [1, 2], filter: { a: "x y", b: 2 } })).toBe(
      "/search?id=1&id=2&a=x%20y&b=2",
    );
  });

  it("form, explode false: a=1,2 and an object as key,value pairs", async () => {
    const params = [query("id", { explode: false }), query("filter", { explode: false })];
    expect(await sent(params, { id: [1, 2], filter: { a: "x", b: 2 } })).toBe("/search?id=1,2&filter=a,x,b,2");
  });

  it("spaceDelimited and pipeDelimited (not exploded)", async () => {
    const params = [
      query("s", { style: "spaceDelimited", explode: false }),
      query("p", { style: "pipeDelimited", explode: false }),
    ];
    expect(await sent(params, { s: ["a", "b"], p: ["c", "d/e"] })).toBe("/search?s=a%20b&p=c|d%2Fe");
  });

  it("deepObject", async () => {
    const params = [query("filter", { style: "deepObject", explode: false })];
    expect(await sent(params, { filter: { status: "open", owner: "me" } })).toBe(
      "/search?filter[status]=open&filter[owner]=me",
    );
  });

  it("each parameter keeps its own style in one request; scalars and empty arrays as usual", async () => {
    const params = [
      query("a", { explode: false }),
      query("b"),
      query("c", { style: "pipeDelimited", explode: false }),
      query("d"),
      query("e"),
    ];
    expect(await sent(params, { a: [1, 2], b: [3, 4], c: [5, 6], d: "x&y", e: [] })).toBe(
      "/search?a=1,2&b=3&b=4&c=5|6&d=x%26y",
    );
  });

  it("the path API uses the table's styles too; a key in the query is sent beside them", async () => {
    const { path, urls } = clientWith([]);
    await path.GET("/keyed", { params: { query: { ids: ["x", "y"] } } });
    expect(new URL(urls[0] as string).search).toBe(`?api_key=${KEY}&ids=x,y`);
  });
});

describe("path parameters are sent in their spec style", () => {
  const pathParam = (extra: Partial<ParamDefinition> = {}): ParamDefinition => ({
    name: "id",
    in: "path",
    required: true,
    ...extra,
  });
  const inPath = async (param: ParamDefinition, id: unknown) => {
    const { client, urls } = clientWith([param], "/items/{id}/x");
    await client.items.find({ id });
    return new URL(urls[0] as string).pathname;
  };

  it("simple (the default) joins arrays with commas", async () => {
    expect(await inPath(pathParam(), [3, 4])).toBe("/items/3,4/x");
    expect(await inPath(pathParam(), "a b")).toBe("/items/a%20b/x");
  });

  it("label and matrix, exploded or not", async () => {
    expect(await inPath(pathParam({ style: "label" }), [3, 4])).toBe("/items/.3,4/x");
    expect(await inPath(pathParam({ style: "label", explode: true }), [3, 4])).toBe("/items/.3.4/x");
    expect(await inPath(pathParam({ style: "matrix" }), [3, 4])).toBe("/items/;id=3,4/x");
    expect(await inPath(pathParam({ style: "matrix", explode: true }), [3, 4])).toBe("/items/;id=3;id=4/x");
    expect(await inPath(pathParam({ style: "matrix" }), "5")).toBe("/items/;id=5/x");
    expect(await inPath(pathParam({ style: "label" }), "5")).toBe("/items/.5/x");
  });

  it("simple, exploded, for an object", async () => {
    expect(await inPath(pathParam({ explode: true }), { a: 1, b: 2 })).toBe("/items/a=1,b=2/x");
  });
});

describe("serializers are worked out per operation", () => {
  it("none when openapi-fetch's defaults fit (no query parameters, default path style)", () => {
    const op = {
      id: "x",
      namespace: "n",
      name: "x",
      method: "get" as const,
      path: "/x/{id}",
      params: [{ name: "id", in: "path" as const, required: true }],
      auth: [],
      response: "none" as const,
    };
    expect(operationSerializers(op)).toEqual({});
    const styled = operationSerializers({ ...op, params: [{ ...op.params[0], style: "label" } as ParamDefinition] });
    expect(Object.keys(styled)).toEqual(["pathSerializer"]);
  });
});
