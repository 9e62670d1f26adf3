import { describe, expect, it } from "vitest";
import { loadDocument } from "../../scripts/lib/load-spec.js";

/** JSON specs are read with JSON.parse (fast); positions and the duplicate-key check still hold. */
describe("loadDocument (JSON)", () => {
  it("refuses a key given twice in one object, naming the line and column", () => {
    expect(() =>
      loadDocument(
        "spec.json",
        '{\n  "openapi": "3.0.0",\n  "info": { "title": "a", "title": "b" },\n  "paths": {}\n}',
      ),
    ).toThrow(/spec\.json:3:\d+: not valid JSON: Map keys must be unique/);
  });

  it("the same key in two objects, and key-like text inside strings, are fine", () => {
    const doc = loadDocument(
      "spec.json",
      '{"openapi":"3.0.0","info":{"title":"t"},"paths":{"/a":{"get":{"summary":"\\"title\\": {x}"}},"/b":{"get":{}}}}',
    );
    expect(Object.keys(doc.value.paths as object)).toEqual(["/a", "/b"]);
  });

  it("places a path in the file when asked", () => {
    const doc = loadDocument("spec.json", '{\n  "openapi": "3.0.0",\n  "paths": {\n    "/a": { "get": {} }\n  }\n}');
    expect(doc.locate(["paths", "/a", "get"])).toBe("4:20");
    expect(doc.locate(["paths", "/missing"])).toBe("3:12");
  });

  it("names the place of a syntax error", () => {
    expect(() => loadDocument("spec.json", '{\n  "openapi": "3.0.0",\n  "paths": {\n}')).toThrow(
      /spec\.json:\d+:\d+: not valid JSON/,
    );
  });
});
