import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";
import { buildTable, TableError } from "../../scripts/lib/build-table.js";
import { emitFiles } from "../../scripts/lib/emit.js";
import { fixtureVendor, tempRoot } from "./helpers.js";

type Obj = Record<string, unknown>;

const query = (name: string, schema: Obj = { type: "integer" }, extra: Obj = {}) => ({
  name,
  in: "query",
  schema,
  ...extra,
});
const ok = (schema: Obj) => ({ "200": { description: "OK", content: { "application/json": { schema } } } });
const list = (items: Obj = { type: "object" }) => ({ type: "array", items });

/** A one-operation spec: GET /things with these parameters and this success schema (or a whole operation). */
function spec(parameters: unknown[], response: Obj, operation: Obj = {}): Obj {
  return {
    openapi: "3.0.3",
    info: { title: "T", version: "1" },
    paths: {
      "/things/{company_id}": {
        get: {
          tags: ["Things"],
          operationId: "listThings",
          parameters: [{ name: "company_id", in: "path", required: true, schema: { type: "string" } }, ...parameters],
          responses: ok(response),
          ...operation,
        },
      },
    },
  };
}
const paginationOf = (doc: Obj) => buildTable(doc).operations[0]?.pagination;

/** SalesCaptain's envelope: `{ message, contacts: { data, pagination: { …, total_pages } } }`. */
const salesEnvelope = {
  type: "object",
  properties: {
    message: { type: "string" },
    contacts: {
      type: "object",
      properties: {
        data: list({ $ref: "#/components/schemas/Contact" }),
        pagination: {
          type: "object",
          properties: {
            page_number: { type: "integer" },
            items_per_page: { type: "integer" },
            total_count: { type: "integer" },
            total_pages: { type: "integer" },
          },
        },
      },
    },
  },
};
const salesParams = [
  query("page_number", { type: "integer", minimum: 1 }, { required: true }),
  query("items_per_page", { type: "integer", minimum: 10, maximum: 100, default: 10 }),
  query("sort_dir", { type: "string", enum: ["asc", "desc"] }),
];
const withComponents = (doc: Obj): Obj => ({
  ...doc,
  components: { schemas: { Contact: { type: "object", properties: { name: { type: "string" } } } } },
});

describe("pagination detected from the spec", () => {
  it("page number with totals: the page parameter, the largest page size, the list beside the totals", () => {
    expect(paginationOf(withComponents(spec(salesParams, salesEnvelope)))).toEqual({
      style: "page",
      param: "page_number",
      sizeParam: "items_per_page",
      size: 100,
      items: ["contacts", "data"],
      totalPages: ["contacts", "pagination", "total_pages"],
    });
  });

  it("page number without totals: needs a page size parameter to tell the last (short) page", () => {
    const response = {
      type: "object",
      properties: { results: list(), facetCounts: list(), total: { type: "string" } },
    };
    expect(
      paginationOf(
        spec([query("page", undefined, { required: true }), query("pageSize", {}, { example: 250 })], response),
      ),
    ).toEqual({ style: "page", param: "page", sizeParam: "pageSize", size: 250, items: ["results"] });
    // No page size: a short page cannot be told from the last one, so it is not walked.
    expect(paginationOf(spec([query("page")], response))).toBeUndefined();
  });

  it("the page size sent by default: the spec's maximum, else its default, else its example", () => {
    const size = (schema: Obj, extra: Obj = {}) =>
      paginationOf(
        spec([query("page"), query("per_page", schema, extra)], { type: "object", properties: { data: list() } }),
      )?.size;
    expect(size({ type: "integer", maximum: 50, default: 20 }, { example: 30 })).toBe(50);
    expect(size({ type: "integer", default: 20 }, { example: 30 })).toBe(20);
    expect(size({ type: "integer" }, { example: 30 })).toBe(30);
    expect(size({ type: "integer", example: 40 })).toBe(40);
    expect(size({ type: "integer" })).toBeUndefined();
  });

  it("a cursor the response returns, under the parameter's name or a next… name", () => {
    const same = { type: "object", properties: { groups: list(), pageToken: { type: "string" } } };
    expect(
      paginationOf(spec([query("pageToken", { type: "string" }), query("limit", { type: "number" })], same)),
    ).toEqual({
      style: "cursor",
      param: "pageToken",
      sizeParam: "limit",
      items: ["groups"],
      nextCursor: ["pageToken"],
    });
    const next = {
      type: "object",
      properties: { items: list(), nextPageToken: { type: "string" }, meta: { type: "object" } },
    };
    expect(paginationOf(spec([query("cursor", { type: "string" })], next))).toEqual({
      style: "cursor",
      param: "cursor",
      items: ["items"],
      nextCursor: ["nextPageToken"],
    });
  });

  it("a cursor nested in the response (meta.next_cursor) is found when there is none at the top", () => {
    const nested = {
      type: "object",
      properties: { data: list(), meta: { type: "object", properties: { next_cursor: { type: "string" } } } },
    };
    expect(paginationOf(spec([query("cursor", { type: "string" })], nested))).toEqual({
      style: "cursor",
      param: "cursor",
      items: ["data"],
      nextCursor: ["meta", "next_cursor"],
    });
  });

  it("is not a list walk: no cursor in the response, no list, two lists neither of which is the list, not a GET", () => {
    const orgs = { type: "object", properties: { organizations: list() } };
    expect(paginationOf(spec([query("pageToken", { type: "string" }), query("limit")], orgs))).toBeUndefined();
    const noList = { type: "object", properties: { total_pages: { type: "integer" } } };
    expect(paginationOf(spec([query("page"), query("limit")], noList))).toBeUndefined();
    const twoLists = { type: "object", properties: { a: list(), b: list() } };
    expect(paginationOf(spec([query("page"), query("limit")], twoLists))).toBeUndefined();
    const plain = { type: "object", properties: { data: list() } };
    expect(paginationOf(spec([query("sort")], plain))).toBeUndefined();
    const post = spec([query("page"), query("limit")], plain);
    const item = (post.paths as Obj)["/things/{company_id}"] as Obj;
    item.post = item.get;
    delete item.get;
    expect(paginationOf(post)).toBeUndefined();
  });

  it("follows $refs and allOf to the list and the totals", () => {
    const doc = {
      ...spec([query("page"), query("size")], { $ref: "#/components/schemas/Page" }),
      components: {
        schemas: {
          Meta: { type: "object", properties: { totalPages: { type: "integer" } } },
          Page: {
            allOf: [
              { type: "object", properties: { data: list() } },
              { type: "object", properties: { meta: { $ref: "#/components/schemas/Meta" } } },
            ],
          },
        },
      },
    };
    expect(paginationOf(doc)).toEqual({
      style: "page",
      param: "page",
      sizeParam: "size",
      items: ["data"],
      totalPages: ["meta", "totalPages"],
    });
  });

  it("x-captain-pagination: false turns detection off", () => {
    expect(
      paginationOf(withComponents(spec(salesParams, salesEnvelope, { "x-captain-pagination": false }))),
    ).toBeUndefined();
  });
});

describe("x-captain-pagination declared on an operation", () => {
  const orgs = {
    type: "object",
    properties: {
      organizations: list({ type: "object", properties: { created: { type: "string" } } }),
      error: { type: "string" },
    },
  };
  const orgParams = [query("pageToken", { type: "string" }), query("limit", { type: "number", example: 25 })];
  const declared = (decl: unknown, params: unknown[] = orgParams, response: Obj = orgs) =>
    paginationOf(spec(params, response, { "x-captain-pagination": decl }));

  it("itemCursor: the last item's field is the next cursor (what the docs say in prose)", () => {
    expect(
      declared({
        style: "itemCursor",
        param: "pageToken",
        sizeParam: "limit",
        items: "organizations",
        itemField: "created",
      }),
    ).toEqual({
      style: "itemCursor",
      param: "pageToken",
      sizeParam: "limit",
      size: 25,
      items: ["organizations"],
      itemField: "created",
    });
  });

  it("overrides detection: a declared size, first page and totals", () => {
    expect(
      paginationOf(
        withComponents(
          spec(salesParams, salesEnvelope, {
            "x-captain-pagination": {
              style: "page",
              param: "page_number",
              sizeParam: "items_per_page",
              size: 10,
              first: 0,
              items: "contacts.data",
              totalPages: "contacts.pagination.total_pages",
            },
          }),
        ),
      ),
    ).toEqual({
      style: "page",
      param: "page_number",
      sizeParam: "items_per_page",
      size: 10,
      first: 0,
      items: ["contacts", "data"],
      totalPages: ["contacts", "pagination", "total_pages"],
    });
  });

  it.each([
    [
      "a bad style",
      { style: "offset", param: "pageToken", items: "organizations" },
      /style must be "page", "cursor" or "itemCursor"/,
    ],
    [
      "a param that is not a query parameter",
      { style: "page", param: "company_id", items: "organizations" },
      /param must name a query parameter of the operation/,
    ],
    [
      "a sizeParam that is not a query parameter",
      { style: "page", param: "pageToken", sizeParam: "per_page", items: "organizations" },
      /sizeParam must name a query parameter of the operation/,
    ],
    [
      "items that are not a list in the response",
      { style: "page", param: "pageToken", items: "error" },
      /items: the success response has no list at `error`/,
    ],
    ["items missing", { style: "page", param: "pageToken" }, /items must be the dotted path of the list/],
    [
      "totals that are not in the response",
      { style: "page", param: "pageToken", items: "organizations", totalPages: "meta.total" },
      /totalPages: the success response has no `meta\.total`/,
    ],
    [
      "a cursor style without nextCursor",
      { style: "cursor", param: "pageToken", items: "organizations" },
      /a cursor style needs nextCursor/,
    ],
    [
      "an itemCursor style without itemField",
      { style: "itemCursor", param: "pageToken", items: "organizations" },
      /an itemCursor style needs itemField/,
    ],
    [
      "a size that is not a positive number",
      { style: "page", param: "pageToken", items: "organizations", size: 0 },
      /size must be a number > 0/,
    ],
    [
      "an unknown key",
      { style: "page", param: "pageToken", items: "organizations", stop: "empty" },
      /unknown key\(s\) stop/,
    ],
    ["not an object", "page", /must be an object or false/],
  ])("%s is a TableError naming the declaration", (_name, decl, message) => {
    let error: unknown;
    try {
      declared(decl);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TableError);
    expect((error as Error).message).toMatch(/^x-captain-pagination: /);
    expect((error as Error).message).toMatch(message);
    expect((error as TableError).path).toEqual(["paths", "/things/{company_id}", "get", "x-captain-pagination"]);
  });

  it("on an operation that is not a GET with a JSON response, is an error", () => {
    const doc = spec(orgParams, orgs, {
      "x-captain-pagination": { style: "page", param: "pageToken", items: "organizations" },
    });
    const item = (doc.paths as Obj)["/things/{company_id}"] as Obj;
    item.post = item.get;
    delete item.get;
    expect(() => buildTable(doc)).toThrow(/x-captain-pagination: only a GET with a JSON response can be walked/);
  });

  it("pnpm generate names the spec file and the line of the bad declaration, and writes nothing", async () => {
    const root = tempRoot();
    const vendor = fixtureVendor(root, "pager", "good.yaml");
    const text = [
      "openapi: 3.0.3",
      "info: { title: Pager, version: 1.0.0 }",
      "paths:",
      "  /things:",
      "    get:",
      "      operationId: listThings",
      "      parameters:",
      "        - { name: page, in: query, schema: { type: integer } }",
      "      x-captain-pagination:",
      "        style: page",
      "        param: cursor",
      "        items: data",
      "      responses:",
      '        "200":',
      "          description: OK",
      "          content:",
      "            application/json:",
      "              schema: { type: object, properties: { data: { type: array, items: { type: string } } } }",
      "",
    ].join("\n");
    writeFileSync(vendor.specFile, text);
    const result = await generate({ all: [vendor] });
    expect(result.written).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/pager\.yaml:10:9: x-captain-pagination: param must name a query parameter/);
  });
});

describe("the generated code of a list", () => {
  it("types the call as a PageCall of its named page and item, with the page and size parameters optional", async () => {
    const doc = withComponents(spec(salesParams, salesEnvelope));
    doc.paths = {
      ...(doc.paths as Obj),
      "/contacts/{id}": {
        get: {
          tags: ["Things"],
          operationId: "getThing",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: ok({ $ref: "#/components/schemas/Contact" }),
        },
      },
    };
    const files = await emitFiles({ inputs: ["x.yaml"], inputTexts: ["x"], doc, table: buildTable(doc) });
    const definition = files.get("definition.ts") ?? "";
    expect(definition).toMatch(
      /listThings\(args: ListThingsParams, options\?: PageRequestOptions\): PageCall<ListThingsResponse, ListThingsItem>;/,
    );
    expect(definition).toMatch(
      /getThing\(args: GetThingParams, options\?: RequestOptions\): Promise<GetThingResponse>;/,
    );
    const types = files.get("types.ts") ?? "";
    expect(types).toContain(
      'export type ListThingsParams = PathParams<paths["/things/{company_id}"]["get"]> & OptionalKeys<QueryParams<paths["/things/{company_id}"]["get"]>, "page_number" | "items_per_page">;',
    );
    expect(types).toContain(
      'export type ListThingsItem = NonNullable<NonNullable<NonNullable<ListThingsResponse>["contacts"]>["data"]>[number];',
    );
    expect(types).not.toMatch(/GetThingItem/);
    // The JSDoc tells how to walk it.
    expect(definition).toMatch(
      /for await \(const item of client\.things\.listThings\(\{ company_id: "company_id" \}\)\)/,
    );
    expect(definition).toMatch(/`maxPages` \(per-call option\) caps a walk/);
  });
});
