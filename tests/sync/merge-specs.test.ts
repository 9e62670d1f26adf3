import { describe, expect, it } from "vitest";
import { mergeSpecs, type SourceBlock } from "../../scripts/lib/sync/merge-specs.js";

type Obj = Record<string, unknown>;

const info = { title: "ChatCaptain API", version: "1.0" };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A block of page `label`: one complete OpenAPI document. */
function block(label: string, doc: Obj): SourceBlock {
  return {
    location: `https://docs.example.test/api/${label}.md`,
    label,
    spec: { value: doc, text: `${JSON.stringify(doc)}\n`, format: "json", from: "markdown" },
  };
}

/** One operation (GET `route`) returning `schema`, with these document-level fields. */
function opDoc(route: string, schema: Obj | undefined, extra: Obj = {}, schemas?: Obj): Obj {
  return {
    openapi: "3.0.0",
    info,
    paths: {
      [route]: {
        get: {
          operationId: `get${route.replace(/\W/g, "")}`,
          responses: {
            "200": { description: "", ...(schema ? { content: { "application/json": { schema } } } : {}) },
          },
        },
      },
    },
    ...(schemas ? { components: { schemas } } : {}),
    ...extra,
  };
}
const operation = (merged: Obj, route: string) => ((merged.paths as Obj)[route] as Obj).get as Obj;
const responseSchema = (merged: Obj, route: string) =>
  (((operation(merged, route).responses as Obj)["200"] as Obj).content as Obj)["application/json"] as Obj;

describe("mergeSpecs: document-level security and servers keep their meaning per operation", () => {
  const key = [{ ApiKey: [] }];
  const s1 = [{ url: "https://api.example.test" }];
  const s2 = [{ url: "https://widgets.example.test" }];

  it("the value most operations share goes to the document; a block that differs hands its own to its operations", () => {
    const a = opDoc("/a", undefined, { security: key, servers: s1 });
    (a.paths as Obj)["/a2"] = { get: { operationId: "a2", responses: { "200": { description: "" } } } };
    const merged = mergeSpecs([
      block("a", a),
      block("b", opDoc("/b", undefined, { security: key, servers: s1 })),
      block("widgets", opDoc("/w", undefined, { security: [{ Other: [] }], servers: s2 })),
    ]).value;
    expect(merged.security).toEqual(key);
    expect(merged.servers).toEqual(s1);
    for (const route of ["/a", "/a2", "/b"]) {
      expect(operation(merged, route).security).toBeUndefined();
      expect(operation(merged, route).servers).toBeUndefined();
    }
    expect(operation(merged, "/w")).toMatchObject({ security: [{ Other: [] }], servers: s2 });
  });

  it("a block without security gives its operations `security: []` (they stay keyless); an operation's own is kept", () => {
    const own = opDoc("/own", undefined);
    (operation(own, "/own") as Obj).security = [{ Special: [] }];
    const merged = mergeSpecs([
      block("a", opDoc("/a", undefined, { security: key })),
      block("b", opDoc("/b", undefined, { security: key })),
      block("public", opDoc("/public", undefined)),
      block("own", own),
    ]).value;
    expect(merged.security).toEqual(key);
    expect(operation(merged, "/public").security).toEqual([]);
    expect(operation(merged, "/own").security).toEqual([{ Special: [] }]);
    expect(operation(merged, "/a").security).toBeUndefined();
  });

  it("when most operations have no security, the document has none and the others carry theirs", () => {
    const merged = mergeSpecs([
      block("a", opDoc("/a", undefined)),
      block("b", opDoc("/b", undefined)),
      block("c", opDoc("/c", undefined, { security: key })),
    ]).value;
    expect("security" in merged).toBe(false);
    expect(operation(merged, "/a").security).toBeUndefined();
    expect(operation(merged, "/c").security).toEqual(key);
  });

  it("path-level fields are not operations: two pages with the same path and its parameters merge", () => {
    const params = [{ name: "id", in: "path", required: true, schema: { type: "string" } }];
    const page = (method: string, extra: Obj) => ({
      openapi: "3.0.0",
      info,
      paths: { "/x/{id}": { parameters: params, [method]: { responses: { "200": { description: "" } } } } },
      ...extra,
    });
    const merged = mergeSpecs([
      block("a", page("get", { security: key })),
      block("b", page("put", { security: key })),
      block("public", page("delete", { servers: s2 })),
    ]).value;
    const item = (merged.paths as Obj)["/x/{id}"] as Obj;
    expect(item.parameters).toEqual(params);
    expect(Object.keys(item)).toEqual(["parameters", "get", "put", "delete"]);
    // Two operations with security against one without: the document keeps the key.
    expect(merged.security).toEqual(key);
    expect((item.delete as Obj).security).toEqual([]);
    expect((item.delete as Obj).servers).toEqual(s2);
    // Differing path-level parameters are an error like a differing operation.
    const other = page("patch", {});
    (((other.paths as Obj)["/x/{id}"] as Obj).parameters as unknown[]) = [];
    expect(() => mergeSpecs([block("a", page("get", {})), block("o", other)])).toThrow(
      'paths["/x/{id}"].parameters differs between https://docs.example.test/api/a.md and https://docs.example.test/api/o.md',
    );
  });

  it("path-level servers are not overridden by a block's document servers", () => {
    const withPathServers = opDoc("/w", undefined, { servers: s2 });
    ((withPathServers.paths as Obj)["/w"] as Obj).servers = [{ url: "https://path.example.test" }];
    const merged = mergeSpecs([
      block("a", opDoc("/a", undefined, { servers: s1 })),
      block("b", opDoc("/b", undefined, { servers: s1 })),
      block("w", withPathServers),
    ]).value;
    expect(merged.servers).toEqual(s1);
    expect(operation(merged, "/w").servers).toBeUndefined();
    expect(((merged.paths as Obj)["/w"] as Obj).servers).toEqual([{ url: "https://path.example.test" }]);
  });

  it("takes openapi and info from the first block and the union of the tags, by name", () => {
    const merged = mergeSpecs([
      block("a", opDoc("/a", undefined, { tags: [{ name: "Inbox" }] })),
      block("b", {
        ...opDoc("/b", undefined, { tags: [{ name: "Inbox" }, { name: "Contacts" }] }),
        info: { title: "x", version: "2" },
      }),
    ]);
    expect(merged.value.openapi).toBe("3.0.0");
    expect(merged.value.info).toEqual(info);
    expect(merged.value.tags).toEqual([{ name: "Inbox" }, { name: "Contacts" }]);
    expect(merged.from).toBe("merged");
    expect(JSON.parse(merged.text)).toEqual(merged.value);
  });
});

describe("mergeSpecs: component schemas", () => {
  const note = { type: "object", properties: { text: { type: "string" } } };
  const otherNote = { type: "object", properties: { text: { type: "string" }, transcription: { type: "string" } } };

  it("identical copies collapse into one; a schema-only block's schemas are merged in", () => {
    const merged = mergeSpecs([
      block("inbox-messages", opDoc("/a", ref("Note"), {}, { Note: note })),
      block("inbox-notes", opDoc("/b", ref("Note"), {}, { Note: note })),
      block("models", { openapi: "3.0.0", info, components: { schemas: { Extra: { type: "string" } } } }),
    ]);
    expect(merged.variants).toEqual([]);
    expect((merged.value.components as Obj).schemas).toEqual({ Note: note, Extra: { type: "string" } });
    expect(responseSchema(merged.value, "/b").schema).toEqual(ref("Note"));
  });

  it("differing copies are named apart: the most-used keeps the name, the other is <Name>_<Page>, references follow", () => {
    const merged = mergeSpecs([
      block("inbox-messages", opDoc("/a", ref("Note"), {}, { Note: note })),
      block("inbox-notes", opDoc("/b", ref("Note"), {}, { Note: otherNote })),
      block("inbox-messages", opDoc("/c", { type: "array", items: ref("Note") }, {}, { Note: note })),
    ]);
    expect(merged.variants).toEqual([
      {
        schema: "Note",
        copies: [
          { name: "Note", pages: ["inbox-messages"] },
          { name: "Note_InboxNotes", pages: ["inbox-notes"] },
        ],
      },
    ]);
    expect((merged.value.components as Obj).schemas).toEqual({ Note: note, Note_InboxNotes: otherNote });
    expect(responseSchema(merged.value, "/a").schema).toEqual(ref("Note"));
    expect(responseSchema(merged.value, "/b").schema).toEqual(ref("Note_InboxNotes"));
    expect(responseSchema(merged.value, "/c").schema).toEqual({ type: "array", items: ref("Note") });
  });

  it("the most-used copy keeps the name even when it is not the first seen", () => {
    const merged = mergeSpecs([
      block("first", opDoc("/a", ref("Note"), {}, { Note: otherNote })),
      block("second", opDoc("/b", ref("Note"), {}, { Note: note })),
      block("third", opDoc("/c", ref("Note"), {}, { Note: note })),
    ]);
    expect(merged.variants[0]?.copies).toEqual([
      { name: "Note_First", pages: ["first"] },
      { name: "Note", pages: ["second", "third"] },
    ]);
    expect(responseSchema(merged.value, "/a").schema).toEqual(ref("Note_First"));
  });

  it("a schema that references a differing copy differs too, and points at its page's copy", () => {
    const wrapper = { type: "object", properties: { note: ref("Note") } };
    const merged = mergeSpecs([
      block("a", opDoc("/a", ref("Wrapper"), {}, { Wrapper: wrapper, Note: note })),
      block("b", opDoc("/b", ref("Wrapper"), {}, { Wrapper: wrapper, Note: otherNote })),
    ]);
    expect(merged.variants.map((v) => [v.schema, v.copies.map((c) => c.name)])).toEqual([
      ["Wrapper", ["Wrapper", "Wrapper_B"]],
      ["Note", ["Note", "Note_B"]],
    ]);
    const schemas = (merged.value.components as Obj).schemas as Obj;
    expect(schemas.Wrapper).toEqual(wrapper);
    expect(schemas.Wrapper_B).toEqual({ type: "object", properties: { note: ref("Note_B") } });
    expect(responseSchema(merged.value, "/b").schema).toEqual(ref("Wrapper_B"));
  });

  it("a copy's new name never takes an existing schema's name", () => {
    const merged = mergeSpecs([
      block("a", opDoc("/a", ref("Note"), {}, { Note: note, Note_B: { type: "integer" } })),
      block("b", opDoc("/b", ref("Note"), {}, { Note: otherNote })),
    ]);
    expect(merged.variants[0]?.copies.map((c) => c.name)).toEqual(["Note", "Note_B2"]);
    const schemas = (merged.value.components as Obj).schemas as Obj;
    expect(Object.keys(schemas).sort()).toEqual(["Note", "Note_B", "Note_B2"]);
    expect(schemas.Note_B).toEqual({ type: "integer" });
  });
});

describe("mergeSpecs: what must agree between pages", () => {
  it("an operation on two pages must be identical: else an error naming both pages", () => {
    const a = block("a", opDoc("/x", { type: "string" }));
    const b = block("b", opDoc("/x", { type: "integer" }));
    expect(mergeSpecs([a, block("a-again", opDoc("/x", { type: "string" }))]).value.paths).toEqual(a.spec.value.paths);
    expect(() => mergeSpecs([a, b])).toThrow(`GET /x differs between ${a.location} and ${b.location}`);
  });

  it("a non-schema component on two pages must be identical", () => {
    const scheme = (name: string) => ({
      components: { securitySchemes: { Key: { type: "apiKey", in: "header", name } } },
    });
    const a = block("a", opDoc("/a", undefined, scheme("x-key")));
    const b = block("b", opDoc("/b", undefined, scheme("x-other-key")));
    expect(() => mergeSpecs([a, b])).toThrow(
      `components.securitySchemes.Key differs between ${a.location} and ${b.location}`,
    );
  });

  it("one block is returned as it is", () => {
    const only = block("a", opDoc("/a", undefined));
    expect(mergeSpecs([only])).toEqual({ ...only.spec, variants: [] });
    expect(() => mergeSpecs([])).toThrow(/no source pages/);
  });
});
