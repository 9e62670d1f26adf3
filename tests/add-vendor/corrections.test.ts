import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildTable } from "../../scripts/lib/build-table.js";
import { correctionActions, overlayText, serverActions } from "../../scripts/lib/corrections.js";
import { applyOverlay } from "../../scripts/lib/overlay.js";

const ok = { "200": { description: "OK" } };
const spec = (paths: Record<string, unknown>) => ({ openapi: "3.0.3", info: { title: "T", version: "1" }, paths });

/** The spec after the corrections, as the generator sees it. */
async function corrected(doc: Record<string, unknown>) {
  const text = overlayText("T", "t.yaml", correctionActions(doc));
  const overlay = { file: "t-overlay.yaml", value: parse(text) as Record<string, unknown>, locate: () => undefined };
  return applyOverlay(doc, overlay);
}

describe("correction overlay for a new vendor", () => {
  it("is empty for a spec the generator takes as it is", () => {
    expect(correctionActions(spec({ "/a": { get: { operationId: "listA", responses: ok } } }))).toEqual([]);
  });

  it("renames colliding methods by their route, keeping the first name", async () => {
    const doc = spec({
      "/users": { get: { tags: ["Users"], operationId: "UsersController_list[0]", responses: ok } },
      "/users/active": { get: { tags: ["Users"], operationId: "UsersController_list[1]", responses: ok } },
      "/admins": { get: { tags: ["Users"], operationId: "list_users", responses: ok } },
      "/people": { get: { tags: ["Users"], operationId: "listUsers", responses: ok } },
    });
    expect(correctionActions(doc)).toEqual([
      {
        target: "$.paths['/users/active'].get",
        description: "GET /users/active: users.list is already taken",
        update: { "x-captain-method": "getUsersActive" },
      },
      {
        target: "$.paths['/people'].get",
        description: "GET /people: users.listUsers is already taken",
        update: { "x-captain-method": "getPeople" },
      },
    ]);
    const names = buildTable(await corrected(doc)).operations.map((o) => `${o.namespace}.${o.name}`);
    expect(names).toEqual(["users.list", "users.getUsersActive", "users.listUsers", "users.getPeople"]);
  });

  it("gives a repeated operationId a unique one, and fixes unusable names", async () => {
    const doc = spec({
      "/it's/{id}": {
        get: { tags: ["request"], operationId: "fetch", responses: ok },
        put: { tags: ["request"], operationId: "fetch", responses: ok },
      },
      "/then": { post: { operationId: "then", responses: ok } },
    });
    const actions = correctionActions(doc);
    expect(actions.map((a) => a.target)).toEqual([
      `$.paths["/it's/{id}"].get`,
      `$.paths["/it's/{id}"].put`,
      "$.paths['/then'].post",
    ]);
    expect(actions.map((a) => a.update)).toEqual([
      { "x-captain-namespace": "itS" },
      { operationId: "putItSById", "x-captain-namespace": "itS" },
      { "x-captain-namespace": "thenApi", "x-captain-method": "postThen" },
    ]);
    const table = buildTable(await corrected(doc));
    expect(table.operations.map((o) => `${o.namespace}.${o.name} ${o.id}`)).toEqual([
      "itS.fetch fetch",
      "itS.putItSById putItSById",
      "thenApi.postThen then",
    ]);
  });
});

describe("servers of a spec fetched from a URL", () => {
  const url = "https://docs.example.com/reference/openapi.json";

  it("resolves relative servers, keeps absolute ones and ones with variables", async () => {
    const doc = {
      ...spec({}),
      servers: [{ url: "/v2", description: "Production" }, { url: "https://{region}.example.com" }],
    };
    const actions = serverActions(doc, url);
    expect(actions.map((a) => a.target)).toEqual(["$.servers", "$"]);
    const text = overlayText("T", "t.json", actions);
    const overlay = { file: "o.yaml", value: parse(text) as Record<string, unknown>, locate: () => undefined };
    expect((await applyOverlay(doc, overlay)).servers).toEqual([
      { url: "https://docs.example.com/v2", description: "Production" },
      { url: "https://{region}.example.com" },
    ]);
  });

  it("gives a spec without servers the origin it was published at ('/'), and leaves absolute servers alone", () => {
    expect(serverActions(spec({}), url)).toEqual([
      {
        target: "$",
        description: `servers: relative to ${url}, where the spec is published: https://docs.example.com`,
        update: { servers: [{ url: "https://docs.example.com" }] },
      },
    ]);
    expect(serverActions({ ...spec({}), servers: [{ url: "https://api.example.com" }] }, url)).toEqual([]);
  });
});
