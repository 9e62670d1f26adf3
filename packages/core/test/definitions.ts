import type { ApiDefinition } from "../src/definition.js";

/** A tiny API for the unit tests: one operation per auth style, an idempotent GET and a POST. */
export const testDefinition: ApiDefinition = {
  title: "Test API",
  servers: ["https://api.example.com/base"],
  operations: [
    {
      id: "getItem",
      namespace: "items",
      name: "get",
      method: "get",
      path: "/items/{item_id}",
      params: [
        { name: "item_id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        { name: "expand", in: "query", required: false, schema: { type: "string", enum: ["owner", "tags"] } },
        { name: "x-trace", in: "header", required: false, schema: { type: "string" } },
      ],
      auth: [{ in: "header", name: "Authorization", scheme: "Bearer" }],
      response: "json",
    },
    {
      id: "createItem",
      namespace: "items",
      name: "create",
      method: "post",
      path: "/items",
      params: [],
      body: {
        mode: "merge",
        required: true,
        contentType: "application/json",
        schema: { $ref: "NewItem" },
      },
      auth: [{ in: "header", name: "x-test-key" }],
      response: "json",
    },
    {
      id: "uploadRaw",
      namespace: "items",
      name: "upload",
      method: "put",
      path: "/items/{item_id}/raw",
      params: [{ name: "item_id", in: "path", required: true, schema: { type: "string" } }],
      body: { mode: "body", required: true, contentType: "text/plain", schema: { type: "string" } },
      auth: [{ in: "query", name: "api_key" }],
      response: "text",
    },
    {
      id: "ping",
      namespace: "health",
      name: "ping",
      method: "get",
      path: "/ping",
      params: [],
      auth: [{ in: "cookie", name: "session" }],
      authOptional: true,
      response: "none",
    },
    {
      id: "basic",
      namespace: "health",
      name: "basic",
      method: "delete",
      path: "/basic",
      params: [],
      auth: [{ in: "header", name: "Authorization", scheme: "Basic" }],
      response: "json",
    },
  ],
  schemas: {
    NewItem: {
      type: "object",
      required: ["name", "kind"],
      properties: {
        name: { type: "string", minLength: 1, maxLength: 20 },
        kind: { type: "string", enum: ["a", "b"] },
        count: { type: "integer", minimum: 0 },
        due: { type: "string", format: "date-time" },
        owner: { type: "string", format: "uuid", nullable: true },
        tags: { type: "array", items: { type: "string" }, maxItems: 3 },
      },
      additionalProperties: false,
    },
  },
};

/** An API none of whose operations needs a key. */
export const openDefinition: ApiDefinition = {
  title: "Open API",
  servers: [],
  operations: [
    {
      id: "ping",
      namespace: "health",
      name: "ping",
      method: "get",
      path: "/ping",
      params: [],
      auth: [],
      response: "json",
    },
  ],
  schemas: {},
};

export const VENDOR = { name: "TestVendor", envPrefix: "TESTVENDOR" };
export const KEY = "test-key-1234";
export const UUID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
