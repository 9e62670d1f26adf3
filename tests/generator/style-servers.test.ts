import { describe, expect, it } from "vitest";
import type { ParamDefinition } from "../../packages/core/src/definition.js";
import { buildTable, TableError } from "../../scripts/lib/build-table.js";
import { generateVendor } from "../../scripts/lib/pipeline.js";
import { fixtureVendor, tempRoot } from "./helpers.js";

const ok = { "200": { description: "OK" } };
const base = { openapi: "3.0.3", info: { title: "T", version: "1" } };

describe("parameter style and explode", () => {
  const params = (parameters: unknown[], route = "/a/{id}") =>
    buildTable({
      ...base,
      paths: {
        [route]: {
          get: {
            operationId: "a",
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, ...parameters],
            responses: ok,
          },
        },
      },
    }).operations[0]?.params;
  const q = (extra: object) => ({
    name: "q",
    in: "query",
    schema: { type: "array", items: { type: "string" } },
    ...extra,
  });

  it("are left out when they are the OpenAPI defaults", () => {
    for (const extra of [{}, { style: "form" }, { explode: true }, { style: "form", explode: true }]) {
      expect(params([q(extra)])?.[1]).toEqual({
        name: "q",
        in: "query",
        required: false,
        schema: { type: "array", items: { type: "string" } },
      });
    }
    expect(params([], "/a/{id}")?.[0]).toEqual({ name: "id", in: "path", required: true, schema: { type: "string" } });
    const explicitPath = params([{ name: "id", in: "path", required: true, style: "simple", explode: false }]);
    expect(explicitPath?.[0]).toEqual({ name: "id", in: "path", required: true });
  });

  it("are kept when they differ, explode following the style's own default", () => {
    const pick = (extra: object) => {
      const p = params([q(extra)])?.[1];
      return { style: p?.style, explode: p?.explode };
    };
    expect(pick({ explode: false })).toEqual({ style: undefined, explode: false });
    expect(pick({ style: "spaceDelimited" })).toEqual({ style: "spaceDelimited", explode: false });
    expect(pick({ style: "pipeDelimited", explode: true })).toEqual({ style: "pipeDelimited", explode: undefined });
    expect(pick({ style: "deepObject", explode: true })).toEqual({ style: "deepObject", explode: undefined });
    const path = (extra: object) =>
      params([{ name: "id", in: "path", required: true, ...extra }])?.[0] as ParamDefinition;
    expect(path({ style: "label" })).toMatchObject({ style: "label" });
    expect(path({ style: "label" }).explode).toBeUndefined();
    expect(path({ style: "matrix", explode: true })).toMatchObject({ style: "matrix", explode: true });
    expect(path({ explode: true })).toMatchObject({ explode: true });
  });

  it("are not recorded for header and cookie parameters", () => {
    const p = params([
      { name: "h", in: "header", style: "simple", explode: true },
      { name: "c", in: "cookie", style: "form", explode: false },
    ]);
    expect(p?.slice(1)).toEqual([
      { name: "h", in: "header", required: false },
      { name: "c", in: "cookie", required: false },
    ]);
  });

  it("a style the location does not allow is an error naming the parameter", () => {
    expect(() => params([q({ style: "matrix" })])).toThrow(TableError);
    expect(() => params([q({ style: "matrix" })])).toThrow(/parameter "q": style "matrix" is not allowed in query/);
    expect(() => params([{ name: "id", in: "path", required: true, style: "deepObject" }])).toThrow(
      /style "deepObject" is not allowed in path/,
    );
  });
});

describe("operation- and path-level servers", () => {
  const table = (docServers: unknown, pathServers: unknown, opServers: unknown) =>
    buildTable({
      ...base,
      ...(docServers ? { servers: docServers } : {}),
      paths: {
        "/a": {
          ...(pathServers ? { servers: pathServers } : {}),
          get: { operationId: "a", ...(opServers ? { servers: opServers } : {}), responses: ok },
        },
      },
    }).operations[0]?.server;
  const doc = [{ url: "https://api.example.com/v1" }];

  it("give an operation its own base URL, the operation's list before the path's", () => {
    expect(table(doc, [{ url: "https://files.example.com/" }], undefined)).toBe("https://files.example.com");
    expect(table(doc, [{ url: "https://files.example.com" }], [{ url: "https://op.example.com" }])).toBe(
      "https://op.example.com",
    );
    expect(table(doc, undefined, [{ url: "https://{zone}.example.com", variables: { zone: { default: "z1" } } }])).toBe(
      "https://z1.example.com",
    );
  });

  it("resolve a relative URL against the document's first absolute server, else drop it", () => {
    expect(table(doc, undefined, [{ url: "/v2" }])).toBe("https://api.example.com/v2");
    expect(table([{ url: "/rel" }, ...doc], undefined, [{ url: "/v2" }])).toBe("https://api.example.com/v2");
    expect(table(undefined, undefined, [{ url: "/v2" }])).toBeUndefined();
    expect(table(undefined, undefined, [{ url: "/v2" }, { url: "https://b.example.com" }])).toBe(
      "https://b.example.com",
    );
  });

  it("are left out when absent or the same as the API's default server", () => {
    expect(table(doc, undefined, undefined)).toBeUndefined();
    expect(table(doc, [{ url: "https://api.example.com/v1/" }], undefined)).toBeUndefined();
    expect(table(doc, undefined, [])).toBeUndefined();
  });
});

describe("a spec with operation-level servers and parameter styles, generated", () => {
  it("emits server, style and explode only where the spec needs them", async () => {
    const vendor = fixtureVendor(tempRoot(), "fixture", "operation-servers.yaml");
    const { files, table } = await generateVendor(vendor);
    const definition = files.get("definition.ts") as string;
    const ops = files.get("ops.ts") as string;
    expect(table.servers).toEqual(["https://eu.api.example.com/v1"]);
    expect(definition).toContain('servers: ["https://eu.api.example.com/v1"]');
    const byId = Object.fromEntries(table.operations.map((op) => [op.id, op]));
    expect(byId.uploadFile?.server).toBe("https://uploads.example.com/v2");
    expect(byId.listFiles?.server).toBe("https://eu.api.example.com/v3");
    expect(byId.getFile && "server" in byId.getFile).toBe(false);
    // What the table says is what the generated operations carry.
    expect(ops).toContain('"server":"https://uploads.example.com/v2"');
    expect(ops).toContain('"server":"https://eu.api.example.com/v3"');
    expect(ops.match(/"server":/g)).toHaveLength(2);
    expect(byId.listFiles?.params.map(({ schema, ...p }) => p)).toEqual([
      { name: "ids", in: "query", required: false, explode: false },
      { name: "kinds", in: "query", required: false, style: "pipeDelimited", explode: false },
      { name: "filter", in: "query", required: false, style: "deepObject" },
      { name: "tags", in: "query", required: false },
    ]);
    expect(byId.getFile?.params.map(({ schema, ...p }) => p)).toEqual([
      { name: "id", in: "path", required: true, style: "matrix", explode: true },
      { name: "x-trace", in: "header", required: false },
    ]);
    for (const fragment of [
      '"name":"ids","in":"query","required":false,"explode":false',
      '"name":"kinds","in":"query","required":false,"style":"pipeDelimited","explode":false',
      '"name":"filter","in":"query","required":false,"style":"deepObject"',
      '"name":"id","in":"path","required":true,"style":"matrix","explode":true',
    ])
      expect(ops).toContain(fragment);
    expect(ops.match(/"style":/g)).toHaveLength(3);
    expect(definition).toContain("Sent to `https://uploads.example.com/v2` unless the client's base URL is set.");
    // The binary part of the multipart body compacts to {} (presence only), so the body can be checked.
    expect(byId.uploadFile?.body?.schema).toMatchObject({ properties: { file: {} } });
  });
});
