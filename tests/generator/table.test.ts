import { describe, expect, it } from "vitest";
import { buildTable } from "../../scripts/lib/build-table.js";
import { emitFiles } from "../../scripts/lib/emit.js";

const ok = { "200": { description: "OK" } };
const base = { info: { title: "T", version: "1" } };

describe("servers", () => {
  const servers = (list: unknown[]) => buildTable({ openapi: "3.0.3", ...base, paths: {}, servers: list }).servers;

  it("fills server variables with their defaults and drops a trailing slash", () => {
    expect(
      servers([
        {
          url: "https://{region}.api.example.com:{port}/{version}/",
          variables: {
            region: { default: "eu", enum: ["eu", "us"] },
            port: { default: "8443" },
            version: { default: "v2" },
          },
        },
      ]),
    ).toEqual(["https://eu.api.example.com:8443/v2"]);
  });

  it("has no default base URL for relative servers (the caller passes baseUrl)", () => {
    expect(servers([{ url: "/api/v3" }, { url: "https://api.example.com" }])).toEqual(["https://api.example.com"]);
    expect(servers([{ url: "/api/v3" }])).toEqual([]);
    expect(buildTable({ openapi: "3.0.3", ...base, paths: {} }).servers).toEqual([]);
  });
});

describe("security", () => {
  const schemes = {
    Mtls: { type: "mutualTLS" },
    Digest: { type: "http", scheme: "digest" },
    Key: { type: "apiKey", in: "query", name: "api_key" },
    Bearer: { type: "http", scheme: "bearer" },
    OAuth: { type: "oauth2", flows: {} },
  };
  const auth = (security: unknown[]) =>
    buildTable({
      openapi: "3.1.0",
      ...base,
      paths: { "/a": { get: { operationId: "a", security, responses: ok } } },
      components: { securitySchemes: schemes },
    }).operations[0];

  it("uses the first alternative it supports when an operation allows several", () => {
    expect(auth([{ Mtls: [] }, { Digest: [] }, { Key: [] }, { Bearer: [] }])).toMatchObject({
      auth: [{ in: "query", name: "api_key" }],
    });
    expect(auth([{ OAuth: ["read"] }])?.auth).toEqual([{ in: "header", name: "Authorization", scheme: "Bearer" }]);
    expect(auth([{ Mtls: [], Key: [] }, { Bearer: [] }])?.auth).toEqual([
      { in: "header", name: "Authorization", scheme: "Bearer" },
    ]);
  });

  it("prefers the alternative needing the fewest schemes, and sends the key once per place", () => {
    expect(auth([{ Key: [], Bearer: [] }, { OAuth: [] }])?.auth).toEqual([
      { in: "header", name: "Authorization", scheme: "Bearer" },
    ]);
    const basic = { Basic: { type: "http", scheme: "basic" } };
    const both = buildTable({
      openapi: "3.0.3",
      ...base,
      paths: { "/a": { get: { operationId: "a", security: [{ Basic: [], Bearer: [], Key: [] }], responses: ok } } },
      components: { securitySchemes: { ...schemes, ...basic } },
    }).operations[0];
    expect(both?.auth).toEqual([
      { in: "header", name: "Authorization", scheme: "Basic" },
      { in: "query", name: "api_key" },
    ]);
  });

  it("marks auth optional when an empty requirement is allowed", () => {
    expect(auth([{}, { Bearer: [] }])).toMatchObject({ authOptional: true, auth: [{ scheme: "Bearer" }] });
    expect(auth([{ Mtls: [] }, {}])).toMatchObject({ authOptional: true, auth: [] });
  });

  it("fails clearly when no alternative is supported", () => {
    expect(() => auth([{ Mtls: [] }, { Digest: [] }])).toThrow(
      /no supported security scheme: Mtls \(mutualTLS\), Digest \(http digest\); supported are apiKey, http bearer/,
    );
    expect(() => auth([{ Nope: [] }])).toThrow(/Nope \(not declared in components\.securitySchemes\)/);
  });
});

describe("OpenAPI 3.1 schemas and file content", () => {
  const doc = {
    openapi: "3.1.0",
    ...base,
    paths: {
      "/notes": {
        post: {
          operationId: "createNote",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["title"],
                  properties: {
                    title: { type: "string", examples: ["Shopping"] },
                    text: { type: ["string", "null"] },
                    rating: { type: "integer", exclusiveMinimum: 0 },
                    kind: { const: "note" },
                  },
                },
              },
            },
          },
          responses: ok,
        },
      },
      "/files": {
        post: {
          operationId: "upload",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  properties: {
                    file: { type: "string", format: "binary" },
                    thumbnail: { type: ["string", "null"], contentMediaType: "image/png" },
                    caption: { type: "string" },
                  },
                },
              },
            },
          },
          responses: ok,
        },
      },
    },
  };

  it("keeps type arrays and const, drops examples, reduces file content to presence", () => {
    const table = buildTable(doc);
    expect(table.operations[0]?.body?.schema).toEqual({
      type: "object",
      required: ["title"],
      properties: {
        title: { type: "string" },
        text: { type: ["string", "null"] },
        rating: { type: "integer", exclusiveMinimum: 0 },
        kind: { const: "note" },
      },
    });
    expect(table.operations[1]?.body?.schema).toEqual({
      type: "object",
      properties: { file: {}, thumbnail: { nullable: true }, caption: { type: "string" } },
    });
  });

  it("types file content as Blob | Uint8Array | string and 3.1 nullables as `| null`", async () => {
    const files = await emitFiles({ inputs: ["x.yaml"], inputTexts: ["x"], doc, table: buildTable(doc) });
    const schema = files.get("schema.ts") ?? "";
    expect(schema).toMatch(/file\?: Blob \| Uint8Array \| string;/);
    expect(schema).toMatch(/thumbnail\?: Blob \| Uint8Array \| string \| null;/);
    expect(schema).toMatch(/text\?: string \| null;/);
    expect(schema).toMatch(/caption\?: string;/);
    // The argument types live in types.ts under their names; definition.ts's methods refer to them.
    const definition = files.get("definition.ts") ?? "";
    expect(definition).toMatch(/upload\(args: UploadParams, options\?: RequestOptions\): Promise<UploadResponse>;/);
    expect(definition).toMatch(
      /createNote\(args: CreateNoteParams, options\?: RequestOptions\): Promise<CreateNoteResponse>;/,
    );
    expect(definition).not.toMatch(/RequestBody</);
    const types = files.get("types.ts") ?? "";
    expect(types).toMatch(
      /export type UploadParams = \{ body: RequestBody<paths\["\/files"\]\["post"\], "multipart\/form-data"> \};/,
    );
    expect(types).toMatch(
      /export type CreateNoteParams = RequestBody<paths\["\/notes"\]\["post"\], "application\/json">;/,
    );
    expect(types).toMatch(/export type UploadResponse = undefined;/);
  });
});

describe("references into paths (as bundlers write them)", () => {
  it("become components, so the types never index into an optional request body", async () => {
    const note = { type: "object", properties: { text: { type: "string" }, reply: { $ref: "" } } };
    const pointer = "#/paths/~1notes/post/requestBody/content/application~1json/schema";
    note.properties.reply.$ref = pointer;
    const doc = {
      openapi: "3.0.3",
      ...base,
      paths: {
        "/notes": {
          post: {
            operationId: "create",
            requestBody: { content: { "application/json": { schema: note } } },
            responses: ok,
          },
        },
        "/drafts": {
          put: {
            operationId: "saveDraft",
            requestBody: { content: { "application/json": { schema: { $ref: pointer } } } },
            responses: ok,
          },
        },
      },
    };
    const files = await emitFiles({ inputs: ["x.yaml"], inputTexts: ["x"], doc, table: buildTable(doc) });
    const schema = files.get("schema.ts") ?? "";
    expect(schema).not.toMatch(/paths\["\/notes"\]\["post"\]\["requestBody"\]/);
    expect(schema).toMatch(/reply\?: components\["schemas"\]\["PathSchema1"\];/);
    expect(schema).toMatch(/"application\/json": components\["schemas"\]\["PathSchema1"\];/);
    expect(schema).toMatch(
      /PathSchema1: \{\n\s+text\?: string;\n\s+reply\?: components\["schemas"\]\["PathSchema1"\];/,
    );
    // The spec served to Prism (openapi.json) stays as the vendor wrote it.
    expect(
      JSON.parse(files.get("openapi.json") ?? "{}").paths["/drafts"].put.requestBody.content["application/json"].schema,
    ).toEqual({
      $ref: pointer,
    });
  });
});
