import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { patchYaml } from "../../scripts/lib/sync/yaml-patch.js";

const text = [
  "# a comment that stays",
  "openapi: 3.0.3",
  "info:",
  "  title: 'Quoted title'",
  "  description: |",
  "    A literal description",
  "    over two lines.",
  "paths:",
  "  /a:",
  "    get:",
  "      responses:",
  "        200:",
  "          description: OK",
  "        '404':",
  "          description: Missing",
  "tags: [one, two]",
  "",
  "",
].join("\n");

describe("patchYaml", () => {
  // Untouched nodes keep their style, quotes, comments and key order; flow collections get the
  // library's spacing ("[ one, two ]") and folded (>) text is re-folded
  // at the yaml library's 80 columns, which is how the committed spec is already folded (the
  // additive sync test checks that file loses no line).
  it("changes only the nodes that differ and keeps the rest as it was", () => {
    const value = parse(text);
    value.info.title = "New title";
    value.paths["/a"].get.responses["200"].description = "Fine";
    delete value.paths["/a"].get.responses["404"];
    value.paths["/b"] = { post: { responses: { "201": { description: "Created" } } } };
    const out = patchYaml(text, value);
    expect(out).toBe(
      [
        "# a comment that stays",
        "openapi: 3.0.3",
        "info:",
        "  title: 'New title'",
        "  description: |",
        "    A literal description",
        "    over two lines.",
        "paths:",
        "  /a:",
        "    get:",
        "      responses:",
        "        200:",
        "          description: Fine",
        "  /b:",
        "    post:",
        "      responses:",
        '        "201":',
        "          description: Created",
        "tags: [ one, two ]",
        "",
        "",
      ].join("\n"),
    );
    expect(parse(out ?? "")).toEqual(value);
  });

  it("a value that is unchanged leaves the text as the yaml library prints it", () => {
    const out = patchYaml(text, parse(text));
    expect(parse(out ?? "")).toEqual(parse(text));
    expect(out?.startsWith("# a comment that stays\nopenapi: 3.0.3\n")).toBe(true);
  });

  it("arrays of another length are replaced whole; invalid YAML gives undefined", () => {
    const value = parse(text);
    value.tags = ["one", "two", "three"];
    expect(parse(patchYaml(text, value) ?? "")).toEqual(value);
    expect(patchYaml("a: [unclosed\n", { a: 1 })).toBeUndefined();
  });
});
