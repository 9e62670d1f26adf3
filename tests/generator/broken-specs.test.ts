import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";
import { FIXTURES, fixtureVendor, snapshot, tempRoot } from "./helpers.js";

/**
 * A broken spec fails with its file and the place named, and the vendor's last good output stays
 * byte for byte as it was. Each case first generates from a good spec, then swaps in the broken one.
 */
const cases: {
  name: string;
  spec: string;
  overlay?: string;
  /** File the error names: the spec, or the overlay. */
  in?: "overlay";
  place: string;
  message: RegExp;
}[] = [
  { name: "bad JSON", spec: "bad-json.json", place: "7:3", message: /not valid JSON: Expected ',' or '}'/ },
  { name: "bad YAML", spec: "bad-yaml.yaml", place: "4:1", message: /not valid YAML: All mapping items must start/ },
  {
    name: "an unresolved $ref",
    spec: "unresolved-ref.yaml",
    place: "23:29",
    message: /\$ref "#\/components\/schemas\/Mesage" does not resolve/,
  },
  {
    name: "an external $ref",
    spec: "external-ref.yaml",
    place: "23:29",
    message: /\$ref "\.\/common\.yaml#\/components\/schemas\/Message" points outside this document/,
  },
  {
    name: "a duplicate operationId",
    spec: "duplicate-operationid.json",
    place: "63:24",
    message:
      /duplicate operationId "ConversationController_sendMessage\[0\]_v1" \(first used at paths\["\/conversations\/\{conversation_id\}\/messages"\]\.post\.operationId\)/,
  },
  {
    name: "Swagger 2.0",
    spec: "swagger2.json",
    place: "2:14",
    message: /not an OpenAPI 3\.0 or 3\.1 document \(Swagger 2\.0\)/,
  },
  {
    name: "no openapi field",
    spec: "no-openapi.yaml",
    place: "1:1",
    message: /not an OpenAPI 3\.0 or 3\.1 document \(no `openapi` field\)/,
  },
  {
    name: "an overlay action whose target matches nothing",
    spec: "good.yaml",
    overlay: "overlay-target-miss.overlay.yaml",
    in: "overlay",
    place: "9:13",
    message: /target `\$\.paths\['\/conversations\/\{conversation_id\}\/replies'\]\.post` matches nothing in the spec/,
  },
  {
    // Two explicit equal names: the clash rule never renames an x-captain-method, so nothing resolves it.
    name: "two operations named conversations.sendMessage by x-captain-method",
    spec: "method-collision-explicit.yaml",
    place: "33:7",
    message:
      /operation name collision: conversations\.sendMessage is also the name of the operation at paths\["\/conversations\/\{conversation_id\}\/messages"\]\.post, and the clash rule cannot tell them apart; set x-captain-method/,
  },
  {
    name: "only unsupported security schemes",
    spec: "unsupported-security.yaml",
    place: "8:3",
    message: /no supported security scheme: ApiKey \(mutualTLS\), Digest \(http digest\)/,
  },
];

describe("a broken spec", () => {
  const root = tempRoot();

  it.each(cases)("$name: names the file and place, keeps the last good output", async (c) => {
    const name = `v${cases.indexOf(c)}`;
    const good = fixtureVendor(root, name, c.spec.endsWith(".json") ? "good.json" : "good.yaml");
    const first = await generate({ all: [good] });
    expect(first.errors).toEqual([]);
    expect(first.written).toEqual([name]);
    const before = snapshot(good.generatedDir);
    expect([...before.keys()].sort()).toEqual([
      "definition.ts",
      "index.ts",
      "openapi.json",
      "ops.ts",
      "schema.ts",
      "types.ts",
    ]);

    const broken = fixtureVendor(root, name, c.spec, c.overlay);
    const result = await generate({ all: [broken] });
    const file = c.in === "overlay" ? (broken.overlayFile as string) : broken.specFile;
    expect(result.written).toEqual([]);
    expect(result.errors).toHaveLength(1);
    const error = result.errors[0] as string;
    expect(error.startsWith(`${file}:${c.place}: `), error).toBe(true);
    expect(error).toMatch(c.message);
    expect(snapshot(good.generatedDir)).toEqual(before);
    // --check on a broken spec is an error too, never "up to date".
    const check = await generate({ all: [broken], check: true });
    expect(check.errors).toEqual(result.errors);
    expect(check.unchanged).toEqual([]);
  });

  it("names a place that is really there: line:col is where the bad value starts", () => {
    const text = readFileSync(join(FIXTURES, "unresolved-ref.yaml"), "utf8").split("\n");
    expect(text[22]?.slice(28)).toMatch(/^"#\/components\/schemas\/Mesage" \}/);
    const json = readFileSync(join(FIXTURES, "duplicate-operationid.json"), "utf8").split("\n");
    expect(json[62]?.slice(23)).toMatch(/^"ConversationController_sendMessage\[0\]_v1"/);
  });
});
