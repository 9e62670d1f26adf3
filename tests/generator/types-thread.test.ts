import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { schemaTypes } from "../../scripts/lib/schema-types.js";
import { typesInThread } from "../../scripts/lib/types-thread.js";
import { FIXTURES } from "./helpers.js";

/** openapi-typescript in the worker thread gives what it gives in this one, and its failures come back. */
describe("typesInThread", () => {
  const typesOf = (json: string) => {
    const job = typesInThread(json);
    job.start();
    return job.types;
  };

  it("answers byte for byte what schemaTypes answers here", async () => {
    const json = readFileSync(join(FIXTURES, "good.json"), "utf8");
    const [there, here] = await Promise.all([typesOf(json), schemaTypes(json)]);
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
    const types = await typesOf(JSON.stringify(spec));
    // openapi-typescript follows only references: the name must have become one for "cat" to reach Cat.
    expect(types).toMatch(/kind: "cat";/);
  });

  it("rejects with openapi-typescript's message when it fails, and keeps serving", async () => {
    await expect(typesOf('{"openapi":"2.5","paths":{}}')).rejects.toThrow(/Unsupported OpenAPI version: 2\.5/);
    const json = readFileSync(join(FIXTURES, "good.json"), "utf8");
    await expect(typesOf(json)).resolves.toContain("export interface paths");
  });

  it("types nothing until started, and forgets an abandoned spec", async () => {
    const json = readFileSync(join(FIXTURES, "good.json"), "utf8");
    const waiting = typesInThread(json);
    const abandoned = typesInThread("{ not json");
    abandoned.abandon();
    const settled = await Promise.race([waiting.types, new Promise((r) => setTimeout(() => r("pending"), 300))]);
    expect(settled).toBe("pending");
    waiting.start();
    await expect(waiting.types).resolves.toContain("export interface paths");
  });
});
