import { describe, expect, it } from "vitest";
import { releaseTypeFor } from "../../scripts/lib/sync/bump.js";
import { changesetMarkdown, MAX_BULLETS } from "../../scripts/lib/sync/changeset.js";
import { classifyChange } from "../../scripts/lib/sync/classify.js";

const base = () => ({
  openapi: "3.0.3",
  info: { title: "T", version: "1.0.0", description: "Old words." },
  servers: [{ url: "https://api.example.test", description: "Production" }],
  security: [{ BearerAuth: [] }],
  paths: {
    "/v1/items/{id}": {
      get: {
        operationId: "getItem",
        summary: "Get an item",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  },
  components: { securitySchemes: { BearerAuth: { type: "http", scheme: "bearer" } } },
});

describe("classifyChange", () => {
  it("no change is none", () => {
    expect(classifyChange(base(), base())).toEqual({ level: "none", changes: [] });
  });

  it("wording is a patch; a new optional parameter is minor; a removed operation is major", () => {
    const words = base();
    words.info.description = "New words.";
    expect(classifyChange(base(), words).level).toBe("patch");

    const param = base();
    param.paths["/v1/items/{id}"].get.parameters.push({
      name: "expand",
      in: "query",
      required: false,
      schema: { type: "string" },
    });
    expect(classifyChange(base(), param).level).toBe("minor");

    const removed = { ...base(), paths: { "/v1/other": base().paths["/v1/items/{id}"] } };
    const result = classifyChange(base(), removed);
    expect(result.level).toBe("major");
    expect(result.changes[0]).toMatchObject({ kind: "breaking", text: "Removed operation GET /v1/items/{id}" });
  });

  it("a new server URL or a new auth scheme changes what the client does: minor, not docs", () => {
    const moved = base();
    moved.servers[0] = { url: "https://api2.example.test", description: "Production" };
    expect(classifyChange(base(), moved)).toMatchObject({ level: "minor" });

    const described = base();
    described.servers[0] = { url: "https://api.example.test", description: "Prod" };
    expect(classifyChange(base(), described)).toMatchObject({ level: "patch" });

    const auth = { ...base(), security: [{ ApiKey: [] }] };
    expect(classifyChange(base(), auth).level).toBe("minor");
  });
});

describe("releaseTypeFor", () => {
  it("below 1.0 every level moves one step down; from 1.0 on it is the level", () => {
    expect(["major", "minor", "patch"].map((l) => releaseTypeFor(l as "major", "0.4.2"))).toEqual([
      "minor",
      "patch",
      "patch",
    ]);
    expect(["major", "minor", "patch"].map((l) => releaseTypeFor(l as "major", "1.0.0"))).toEqual([
      "major",
      "minor",
      "patch",
    ]);
  });
});

describe("changesetMarkdown", () => {
  const input = {
    packageName: "@captain-sdk/x",
    version: "1.2.0",
    vendor: "x",
    source: "https://x.test/openapi.json",
    level: "minor" as const,
    release: "minor" as const,
  };

  it("caps the list and points to spec-diff for the rest", () => {
    const changes = Array.from({ length: MAX_BULLETS + 5 }, (_, i) => ({
      kind: "non-breaking" as const,
      text: `Added operation GET /v1/op${i}`,
      path: "",
    }));
    const text = changesetMarkdown({ ...input, changes });
    expect(
      text.startsWith(
        '---\n"@captain-sdk/x": minor\n---\n\nSpec update from upstream (https://x.test/openapi.json): additive API change (semver minor).\n',
      ),
    ).toBe(true);
    expect(text.match(/^- Added operation/gm)).toHaveLength(MAX_BULLETS);
    expect(text).toContain("- …and 5 more (`pnpm spec-diff x <old> <new>`)\n");
  });

  it("a content change the diff cannot name still says so; multi-line texts stay one bullet", () => {
    expect(changesetMarkdown({ ...input, level: "patch", release: "patch", changes: [] })).toContain(
      "- The spec changed without an API-visible difference.",
    );
    const text = changesetMarkdown({ ...input, changes: [{ kind: "annotation", text: "a\n  b", path: "" }] });
    expect(text).toContain("- Docs: a b\n");
  });
});
