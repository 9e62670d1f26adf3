import { describe, expect, it } from "vitest";
import { createCaptainClient } from "../src/client.js";
import type { ApiDefinition, OperationDefinition, Schema } from "../src/definition.js";
import { ValidationError } from "../src/errors.js";
import { validateOperation } from "../src/validate.js";
import { KEY, VENDOR } from "./definitions.js";

/** As the generator compacts a form schema: the binary part is `{}`. */
const FORM: Schema = {
  type: "object",
  required: ["title", "file"],
  properties: {
    title: { type: "string", minLength: 1 },
    pages: { type: "integer", minimum: 1 },
    tags: { type: "array", items: { type: "string", enum: ["a", "b"] } },
    file: {},
  },
  additionalProperties: false,
};

const formOp = (contentType: string): OperationDefinition => ({
  id: "send",
  namespace: "docs",
  name: "send",
  method: "post",
  path: "/docs",
  params: [],
  body: { mode: "body", required: true, contentType, schema: { $ref: "Form" } },
  auth: [],
  response: "none",
});
const defs = { Form: FORM };

describe.each(["multipart/form-data", "application/x-www-form-urlencoded"])("a %s body", (contentType) => {
  const op = formOp(contentType);

  it("given as a plain object is checked against the schema", () => {
    expect(validateOperation(op, {}, { title: "T", file: new Blob(["x"]), tags: ["a"] }, defs)).toEqual([]);
    expect(validateOperation(op, {}, { title: "", pages: 0, tags: ["c"], extra: 1 }, defs)).toEqual([
      { path: "body.file", message: "is required" },
      { path: "body.title", message: "must not be empty" },
      { path: "body.pages", message: "must be >= 1" },
      { path: "body.tags[0]", message: 'must be one of "a", "b"' },
      { path: "body.extra", message: "is not a known property" },
    ]);
    expect(validateOperation(op, {}, Object.assign(Object.create(null), { title: "T" }), defs)).toEqual([
      { path: "body.file", message: "is required" },
    ]);
  });

  it("given as FormData, URLSearchParams, a Blob or a string is sent unchecked", () => {
    for (const body of [new FormData(), new URLSearchParams("x=1"), new Blob(["x=1"]), "x=1"]) {
      expect(validateOperation(op, {}, body, defs)).toEqual([]);
    }
  });
});

describe("form bodies through the client", () => {
  const definition: ApiDefinition = {
    title: "Form API",
    servers: ["https://api.example.com"],
    operations: [formOp("application/x-www-form-urlencoded")],
    schemas: defs,
  };
  type Send = (args: { body: unknown }) => Promise<unknown>;

  it("a bad plain object is refused before sending; a good one and a URLSearchParams are sent", async () => {
    const bodies: string[] = [];
    const fetch = async (input: string | Request, init?: RequestInit) => {
      // Called as the global fetch is: (url, init). The Request is only for looking at what was sent.
      const request = typeof input === "string" ? new Request(input, init) : input;
      bodies.push(await request.text());
      return new Response(null, { status: 204 });
    };
    const client = createCaptainClient<{}, { docs: { send: Send } }>(definition, VENDOR, { apiKey: KEY, fetch });
    await expect(client.docs.send({ body: { title: "T", pages: "many", file: "f" } })).rejects.toThrow(ValidationError);
    expect(bodies).toEqual([]);
    await client.docs.send({ body: { title: "T", pages: 2, file: "f" } });
    await client.docs.send({ body: new URLSearchParams("anything=goes") });
    expect(bodies).toEqual(["title=T&pages=2&file=f", "anything=goes"]);
  });
});
