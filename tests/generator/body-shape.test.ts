import { describe, expect, it } from "vitest";
import { buildTable } from "../../scripts/lib/build-table.js";

const ok = { "200": { description: "OK" } };
const message = {
  type: "object",
  required: ["text"],
  properties: { text: { type: "string" }, channel: { type: "string" } },
};

/** The table entry of `POST /items/{id}` with `requestBody` (and extra operation fields). */
function body(requestBody: unknown, extra: Record<string, unknown> = {}, parameters: unknown[] = []) {
  const doc = {
    openapi: "3.0.3",
    info: { title: "T", version: "1" },
    paths: {
      "/items/{id}": {
        post: {
          operationId: "createItem",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, ...parameters],
          requestBody,
          responses: ok,
          ...extra,
        },
      },
    },
    components: { schemas: { Message: message } },
  };
  return buildTable(doc).operations[0]?.body;
}
const json = (schema: unknown, required = true) => ({ required, content: { "application/json": { schema } } });

describe("body shape", () => {
  it("merges a required JSON object body's properties beside the parameters", () => {
    expect(body(json({ $ref: "#/components/schemas/Message" }))).toMatchObject({
      mode: "merge",
      required: true,
      contentType: "application/json",
      schema: { $ref: "Message" },
    });
    const both = { allOf: [{ $ref: "#/components/schemas/Message" }, { properties: { extra: { type: "integer" } } }] };
    expect(body(json(both))?.mode).toBe("merge");
  });

  it("puts the body under `body` when a property collides with a parameter name", () => {
    expect(body(json({ type: "object", properties: { id: { type: "string" }, text: { type: "string" } } }))?.mode).toBe(
      "body",
    );
    const query = [{ name: "text", in: "query", schema: { type: "string" } }];
    expect(body(json({ $ref: "#/components/schemas/Message" }), {}, query)?.mode).toBe("body");
  });

  it("puts the body under `body` when a property is itself called body", () => {
    expect(body(json({ type: "object", properties: { body: { type: "string" } } }))?.mode).toBe("body");
  });

  it("puts a non-object JSON body (string, array) under `body`", () => {
    expect(body(json({ type: "string" }))?.mode).toBe("body");
    expect(body(json({ type: "array", items: { $ref: "#/components/schemas/Message" } }))).toMatchObject({
      mode: "body",
      schema: { type: "array", items: { $ref: "Message" } },
    });
    expect(body(json({ oneOf: [{ type: "string" }, { $ref: "#/components/schemas/Message" }] }))?.mode).toBe("body");
  });

  it("puts an optional object body under `body` (it may be left out)", () => {
    expect(body(json({ $ref: "#/components/schemas/Message" }, false))).toMatchObject({
      mode: "body",
      required: false,
    });
  });

  it("puts form, multipart, binary and text bodies under `body`, with their content type", () => {
    const form = { required: true, content: { "application/x-www-form-urlencoded": { schema: message } } };
    expect(body(form)).toMatchObject({ mode: "body", contentType: "application/x-www-form-urlencoded" });
    const file = {
      type: "object",
      properties: { file: { type: "string", format: "binary" }, note: { type: "string" } },
    };
    const multipart = { required: true, content: { "multipart/form-data": { schema: file } } };
    expect(body(multipart)).toMatchObject({
      mode: "body",
      contentType: "multipart/form-data",
      schema: { type: "object", properties: { file: {}, note: { type: "string" } } },
    });
    const binary = { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } };
    expect(body(binary)).toEqual({
      mode: "body",
      required: false,
      contentType: "application/octet-stream",
      schema: {},
    });
    const text = { required: true, content: { "text/plain": { schema: { type: "string" } } } };
    expect(body(text)).toMatchObject({ mode: "body", contentType: "text/plain" });
  });

  it("prefers JSON when a body has several content types", () => {
    const several = {
      required: true,
      content: { "application/xml": { schema: message }, "application/json": { schema: message } },
    };
    expect(body(several)).toMatchObject({ mode: "merge", contentType: "application/json" });
  });

  it("follows x-captain-body, and refuses a merge that cannot work", () => {
    const optional = json({ $ref: "#/components/schemas/Message" }, false);
    expect(body(optional, { "x-captain-body": "merge" })?.mode).toBe("merge");
    expect(body(json({ $ref: "#/components/schemas/Message" }), { "x-captain-body": "body" })?.mode).toBe("body");
    expect(() => body(json({ type: "array", items: {} }), { "x-captain-body": "merge" })).toThrow(
      /x-captain-body: merge needs a JSON object body/,
    );
    expect(() => body(json({ type: "string" }), { "x-captain-body": "spread" })).toThrow(/must be "merge" or "body"/);
  });

  it("refuses argument names that would collide", () => {
    const bodyParam = [{ name: "body", in: "query", schema: { type: "string" } }];
    expect(() => body(json({ type: "string" }), {}, bodyParam)).toThrow(/parameter named `body` collides/);
    const twice = [{ name: "id", in: "header", schema: { type: "string" } }];
    expect(() => body(undefined, {}, twice)).toThrow(/parameter "id" is both a path and a header parameter/);
  });
});
