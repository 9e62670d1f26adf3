import { describe, expect, it } from "vitest";
import type { Schema } from "../src/definition.js";
import type { ValidationIssue } from "../src/errors.js";
import {
  checkItems,
  checkPathParams,
  checkProps,
  ofType,
  param,
  uuidFormat,
  validateOperation,
  validateSchema,
} from "../src/validate.js";
import { testDefinition, UUID } from "./definitions.js";

function issues(schema: Schema, value: unknown, defs: Record<string, Schema> = {}): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  validateSchema(schema, value, "v", defs, found);
  return found;
}
const messages = (schema: Schema, value: unknown) => issues(schema, value).map((i) => i.message);

describe("primitive types", () => {
  it.each([
    ["string", "a", 1],
    ["number", 1.5, "1.5"],
    ["integer", 2, 2.5],
    ["boolean", false, "false"],
    ["array", [], {}],
    ["object", {}, []],
  ] as const)("%s", (type, good, bad) => {
    expect(issues({ type }, good)).toEqual([]);
    expect(messages({ type }, bad)).toEqual([`must be ${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`]);
  });
  it("NaN and Infinity are not numbers", () => {
    expect(messages({ type: "number" }, Number.NaN)).toEqual(["must be a number"]);
    expect(messages({ type: "number" }, Number.POSITIVE_INFINITY)).toEqual(["must be a number"]);
  });
  it("a type list", () => {
    expect(issues({ type: ["string", "null"] }, null)).toEqual([]);
    expect(messages({ type: ["string", "integer"] }, true)).toEqual(["must be a string or an integer"]);
  });
  it("null only where nullable", () => {
    expect(messages({ type: "string" }, null)).toEqual(["must not be null"]);
    expect(issues({ type: "string", nullable: true }, null)).toEqual([]);
    expect(issues({ enum: ["a", null] }, null)).toEqual([]);
    expect(issues({}, null)).toEqual([]);
  });
});

describe("keywords", () => {
  it("enum and const", () => {
    expect(messages({ enum: ["a", "b"] }, "c")).toEqual(['must be one of "a", "b"']);
    expect(issues({ enum: [{ x: 1 }] }, { x: 1 })).toEqual([]);
    expect(messages({ const: 3 }, 4)).toEqual(["must be 3"]);
  });
  it("formats: uuid, date-time, date, email", () => {
    expect(issues({ type: "string", format: "uuid" }, UUID)).toEqual([]);
    expect(issues({ type: "string", format: "uuid" }, UUID.toUpperCase())).toEqual([]);
    for (const bad of ["", "not-a-uuid", `${UUID}x`, UUID.slice(1), UUID.replace(/-/g, ""), `{${UUID}}`]) {
      expect(messages({ type: "string", format: "uuid" }, bad)).toEqual(["must be a UUID"]);
    }
    for (const good of ["2025-03-23T18:30:00Z", "2025-03-23t18:30:00.123+02:00", "2024-02-29T23:59:60Z"]) {
      expect(issues({ type: "string", format: "date-time" }, good)).toEqual([]);
    }
    for (const bad of [
      "2025-03-23",
      "2025-02-30T10:00:00Z",
      "2025-13-01T10:00:00Z",
      "2025-03-23T24:00:00Z",
      "yesterday",
    ]) {
      expect(messages({ type: "string", format: "date-time" }, bad)).toEqual([
        "must be an RFC 3339 date-time (2025-03-23T18:30:00Z)",
      ]);
    }
    expect(issues({ type: "string", format: "date" }, "2024-02-29")).toEqual([]);
    expect(messages({ type: "string", format: "date" }, "2023-02-29")).toEqual(["must be a date (2025-03-23)"]);
    expect(messages({ type: "string", format: "email" }, "a@b")).toEqual(["must be an email address"]);
    expect(issues({ type: "string", format: "email" }, "a@b.co")).toEqual([]);
    expect(issues({ type: "string", format: "hostname" }, "anything")).toEqual([]);
  });
  it("string length (in code points) and pattern", () => {
    expect(messages({ minLength: 1 }, "")).toEqual(["must not be empty"]);
    expect(messages({ minLength: 3 }, "ab")).toEqual(["must be at least 3 characters"]);
    expect(issues({ maxLength: 2 }, "😀😀")).toEqual([]);
    expect(messages({ maxLength: 2 }, "abc")).toEqual(["must be at most 2 characters"]);
    expect(messages({ pattern: "^[a-z]+$" }, "A1")).toEqual(["must match the pattern ^[a-z]+$"]);
    expect(issues({ pattern: "([" }, "anything")).toEqual([]); // an invalid pattern is not enforced
  });
  it("numbers", () => {
    expect(messages({ minimum: 1 }, 0)).toEqual(["must be >= 1"]);
    expect(messages({ maximum: 1 }, 2)).toEqual(["must be <= 1"]);
    expect(messages({ minimum: 1, exclusiveMinimum: true }, 1)).toEqual(["must be > 1"]);
    expect(messages({ exclusiveMaximum: 5 }, 5)).toEqual(["must be < 5"]);
    expect(messages({ multipleOf: 3 }, 4)).toEqual(["must be a multiple of 3"]);
    expect(messages({ type: "integer", format: "int32" }, 2 ** 31)).toEqual(["must fit in 32 bits"]);
  });
  it("arrays", () => {
    expect(messages({ minItems: 1 }, [])).toEqual(["must have at least 1 items"]);
    expect(messages({ maxItems: 1 }, [1, 2])).toEqual(["must have at most 1 items"]);
    expect(issues({ items: { type: "string" } }, ["a", 1])).toEqual([{ path: "v[1]", message: "must be a string" }]);
  });
  it("objects: required, properties, additionalProperties", () => {
    const schema: Schema = {
      type: "object",
      required: ["a"],
      properties: { a: { type: "string" }, b: { type: "integer" } },
      additionalProperties: false,
    };
    expect(issues(schema, { a: "x", b: 1 })).toEqual([]);
    expect(issues(schema, { b: "1", c: 1 })).toEqual([
      { path: "v.a", message: "is required" },
      { path: "v.b", message: "must be an integer" },
      { path: "v.c", message: "is not a known property" },
    ]);
    expect(issues(schema, { a: "x", b: undefined })).toEqual([]);
    expect(issues({ additionalProperties: { type: "number" } }, { x: 1, y: "2" })).toEqual([
      { path: "v.y", message: "must be a number" },
    ]);
  });
  it("$ref, allOf, anyOf / oneOf", () => {
    const defs = { Name: { type: "string", minLength: 1 } as Schema };
    expect(issues({ $ref: "Name" }, "", defs)).toEqual([{ path: "v", message: "must not be empty" }]);
    expect(issues({ $ref: "Missing" }, 1, defs)).toEqual([]);
    expect(messages({ allOf: [{ type: "integer" }, { minimum: 5 }] }, 3)).toEqual(["must be >= 5"]);
    expect(issues({ anyOf: [{ type: "string" }, { type: "integer" }] }, 3)).toEqual([]);
    expect(messages({ oneOf: [{ type: "string" }, { type: "integer" }] }, true)).toEqual([
      "must match one of the allowed shapes (must be a string | must be an integer)",
    ]);
  });
  it("the text-or-attachmentRef rule reads as one issue", () => {
    const schema: Schema = {
      type: "object",
      required: ["conversationId"],
      properties: { conversationId: { type: "string" }, text: { type: "string" }, attachmentRef: { type: "string" } },
      allOf: [{ anyOf: [{ required: ["text"] }, { required: ["attachmentRef"] }] }],
    };
    expect(issues(schema, { conversationId: "c", text: "hi" })).toEqual([]);
    expect(issues(schema, { conversationId: "c", attachmentRef: "a" })).toEqual([]);
    expect(issues(schema, { conversationId: "c" })).toEqual([
      { path: "v", message: "must include text or attachmentRef" },
    ]);
  });
  it("stops at a depth of 64 instead of overflowing the stack", () => {
    const defs: Record<string, Schema> = { Loop: { $ref: "Loop" } };
    expect(issues({ $ref: "Loop" }, 1, defs)).toEqual([]);
  });
});

describe("validateOperation", () => {
  const [getItem, createItem, upload] = testDefinition.operations as [
    (typeof testDefinition.operations)[0],
    (typeof testDefinition.operations)[0],
    (typeof testDefinition.operations)[0],
  ];
  const defs = testDefinition.schemas;

  it("required parameters, their schemas, path params that would change the route", () => {
    expect(validateOperation(getItem, { path: { item_id: UUID } }, undefined, defs)).toEqual([]);
    expect(validateOperation(getItem, {}, undefined, defs)).toEqual([{ path: "item_id", message: "is required" }]);
    expect(validateOperation(getItem, { path: { item_id: null } }, undefined, defs)).toEqual([
      { path: "item_id", message: "is required" },
    ]);
    expect(
      validateOperation(getItem, { path: { item_id: "../x" }, query: { expand: "all" } }, undefined, defs),
    ).toEqual([
      { path: "item_id", message: "must be a UUID" },
      { path: "expand", message: 'must be one of "owner", "tags"' },
    ]);
    expect(validateOperation(upload, { path: { item_id: ".." } }, "text", defs)).toEqual([
      { path: "item_id", message: 'must not be ".."' },
    ]);
  });

  it("the body: required, its schema via $ref, reported beside the params when merged", () => {
    expect(validateOperation(createItem, {}, undefined, defs, "")).toEqual([{ path: "", message: "is required" }]);
    expect(validateOperation(createItem, {}, { name: "n", kind: "a" }, defs, "")).toEqual([]);
    expect(
      validateOperation(
        createItem,
        {},
        { name: "", kind: "c", count: -1, due: "soon", owner: null, tags: [1] },
        defs,
        "",
      ),
    ).toEqual([
      { path: "name", message: "must not be empty" },
      { path: "kind", message: 'must be one of "a", "b"' },
      { path: "count", message: "must be >= 0" },
      { path: "due", message: "must be an RFC 3339 date-time (2025-03-23T18:30:00Z)" },
      { path: "tags[0]", message: "must be a string" },
    ]);
    expect(validateOperation(createItem, {}, { kind: "a" }, defs)).toEqual([
      { path: "body.name", message: "is required" },
    ]);
  });

  it("a non-JSON body is not checked against a schema", () => {
    expect(validateOperation(upload, { path: { item_id: "i" } }, 42, defs)).toEqual([]);
  });
});

describe("checkPathParams", () => {
  it("refuses empty, '.' and '..'; allows the rest (it is percent-encoded)", () => {
    expect(checkPathParams({ a: "", b: ".", c: "..", d: "../x", e: "...", f: 0 })).toEqual([
      { path: "a", message: "must not be empty" },
      { path: "b", message: 'must not be "."' },
      { path: "c", message: 'must not be ".."' },
    ]);
    expect(checkPathParams(undefined)).toEqual([]);
  });
});

describe("the checks generated code calls", () => {
  it("checkPathParams adds to the list it is given", () => {
    const found: ValidationIssue[] = [{ path: "x", message: "is required" }];
    expect(checkPathParams({ a: "." }, found)).toBe(found);
    expect(found).toEqual([
      { path: "x", message: "is required" },
      { path: "a", message: 'must not be "."' },
    ]);
  });

  it("param: null is missing, then the type, then the check (a function, called with value, path, issues)", () => {
    const found: ValidationIssue[] = [];
    param({ a: null }, "a", found, true, "string", uuidFormat);
    param({}, "b", found, false, "string", uuidFormat);
    param({ c: 1 }, "c", found, true, "string", uuidFormat);
    param({ d: "nope" }, "d", found, true, "string", uuidFormat);
    param({ e: UUID }, "e", found, true, "string", uuidFormat);
    param(undefined, "f", found, true);
    expect(found).toEqual([
      { path: "a", message: "is required" },
      { path: "c", message: "must be a string" },
      { path: "d", message: "must be a UUID" },
      { path: "f", message: "is required" },
    ]);
  });

  it("ofType: null refused, allowed, or left to the type; several types", () => {
    const found: ValidationIssue[] = [];
    expect(ofType(null, "a", found, "string")).toBe(false);
    expect(ofType(null, "b", found, "string", 1)).toBe(false);
    expect(ofType(null, "c", found, "string", 2)).toBe(false);
    expect(ofType(null, "d", found, ["string", "null"], 2)).toBe(true);
    expect(ofType(1.5, "e", found, ["array", "integer"])).toBe(false);
    expect(ofType(2, "f", found)).toBe(true);
    expect(found).toEqual([
      { path: "a", message: "must not be null" },
      { path: "c", message: "must be a string" },
      { path: "e", message: "must be an array or an integer" },
    ]);
  });

  it("checkProps and checkItems: a check may be the type(s) alone; only own names are known", () => {
    const found: ValidationIssue[] = [];
    const value = { a: 1, b: "x", c: [1, "2"], toString: "s", constructor: 1, u: undefined };
    checkProps(
      value,
      "o",
      found,
      ["a", "z"],
      { a: "string", b: 0, c: (v, p) => checkItems(v, p, found, "integer", 3) },
      false,
    );
    expect(found).toEqual([
      { path: "o.z", message: "is required" },
      { path: "o.a", message: "must be a string" },
      { path: "o.c", message: "must have at least 3 items" },
      { path: "o.c[1]", message: "must be an integer" },
      { path: "o.toString", message: "is not a known property" },
      { path: "o.constructor", message: "is not a known property" },
    ]);
    // The interpreter agrees (a name of Object.prototype is no property of the schema).
    const interpreted: ValidationIssue[] = [];
    validateSchema(
      {
        required: ["a", "z"],
        additionalProperties: false,
        properties: { a: { type: "string" }, b: {}, c: { minItems: 3, items: { type: "integer" } } },
      },
      value,
      "o",
      {},
      interpreted,
    );
    expect(interpreted).toEqual(found);
  });
});
