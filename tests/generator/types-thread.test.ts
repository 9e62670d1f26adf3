import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { schemaTypes } from "../../scripts/lib/schema-types.js";
import { typesInThread } from "../../scripts/lib/types-thread.js";
import { FIXTURES } from "./helpers.js";

/** openapi-typescript in the worker thread gives what it gives in this one, and its failures come back. */
describe("typesInThread", () => {
  it("answers byte for byte what schemaTypes answers here", async () => {
    const json = readFileSync(join(FIXTURES, "good.json"), "utf8");
    const [there, here] = await Promise.all([typesInThread(json).types, schemaTypes(json)]);
    expect(there).toContain("export interface paths");
    expect(there).toBe(here);
  });

  it("turns a discriminator mapping by name into a reference, in its own copy of the spec", async () => {
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {},
      components: {
        schemas: {
          Cat: { type: "object", properties: { kind: { type: "string" } } },
          Pet: {
            oneOf: [{ $ref: "#/components/schemas/Cat" }],
            discriminator: { propertyName: "kind", mapping: { cat: "Cat" } },
          },
        },
      },
    };
    const types = await typesInThread(JSON.stringify(spec)).types;
    // openapi-typescript follows only references: the name must have become one for "cat" to reach Cat.
    expect(types).toMatch(/kind: "cat";/);
  });

  it("rejects with openapi-typescript's message when it fails, and keeps serving", async () => {
    await expect(typesInThread('{"openapi":"2.5","paths":{}}').types).rejects.toThrow(
      /Unsupported OpenAPI version: 2\.5/,
    );
    const json = readFileSync(join(FIXTURES, "good.json"), "utf8");
    await expect(typesInThread(json).types).resolves.toContain("export interface paths");
  });
});
