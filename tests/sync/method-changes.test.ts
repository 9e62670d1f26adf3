import { describe, expect, it } from "vitest";
import { buildTable } from "../../scripts/lib/build-table.js";
import { changesetMarkdown } from "../../scripts/lib/sync/changeset.js";
import { levelOf, type SpecChange } from "../../scripts/lib/sync/classify.js";
import { methodChanges } from "../../scripts/lib/sync/method-changes.js";

type Obj = Record<string, unknown>;

const ok = { "200": { description: "OK" } };
const listOk = {
  "200": {
    description: "OK",
    content: {
      "application/json": {
        schema: { type: "object", properties: { data: { type: "array", items: { type: "string" } } } },
      },
    },
  },
};
const doc = (paths: Obj): Obj => ({ openapi: "3.0.3", info: { title: "T", version: "1" }, paths });
const q = (name: string) => ({ name, in: "query", schema: { type: "integer" } });

describe("methodChanges: the SDK surface a spec diff does not see", () => {
  it("a method renamed by the clash rule when a new operation takes its name is breaking", () => {
    const before = doc({ "/pets": { get: { tags: ["Pets"], operationId: "PetController_list[0]", responses: ok } } });
    const after = doc({
      "/pets": { get: { tags: ["Pets"], operationId: "PetController_list[0]", responses: ok } },
      "/pets/all": { get: { tags: ["Pets"], operationId: "PetController_list[1]", responses: ok } },
    });
    const changes = methodChanges(before, buildTable(after));
    expect(changes).toEqual([
      { kind: "breaking", text: "Renamed method pets.list to pets.getPets (GET /pets)", path: "GET /pets" },
    ]);
    expect(levelOf(changes)).toBe("major");
  });

  it("a method renamed by the overlay (x-captain-method) is breaking; the same name is no change", () => {
    const op = (extra: Obj = {}) => ({ tags: ["Pets"], operationId: "listPets", responses: ok, ...extra });
    const before = doc({ "/pets": { get: op() } });
    expect(methodChanges(before, buildTable(doc({ "/pets": { get: op({ "x-captain-method": "all" }) } })))).toEqual([
      { kind: "breaking", text: "Renamed method pets.listPets to pets.all (GET /pets)", path: "GET /pets" },
    ]);
    expect(methodChanges(before, buildTable(before))).toEqual([]);
  });

  it("a removed method is breaking", () => {
    const before = doc({
      "/pets": { get: { tags: ["Pets"], operationId: "listPets", responses: ok } },
      "/pets/{id}": { delete: { tags: ["Pets"], operationId: "deletePet", responses: ok } },
    });
    const after = doc({ "/pets": { get: { tags: ["Pets"], operationId: "listPets", responses: ok } } });
    expect(methodChanges(before, buildTable(after))).toEqual([
      { kind: "breaking", text: "Removed method pets.deletePet (DELETE /pets/{id})", path: "DELETE /pets/{id}" },
    ]);
  });

  it("a method whose operation moved to another route is not reported removed (the spec diff reports the move)", () => {
    const at = (route: string) =>
      doc({ [route]: { post: { tags: ["Conversations"], operationId: "sendMessage", responses: ok } } });
    expect(methodChanges(at("/v1/send-message"), buildTable(at("/v2/messages")))).toEqual([]);
  });

  it("a list that stops paginating is breaking; one that starts is an addition", () => {
    const paged = doc({
      "/things": {
        get: { tags: ["Things"], operationId: "list", parameters: [q("page"), q("limit")], responses: listOk },
      },
    });
    const plain = doc({
      "/things": { get: { tags: ["Things"], operationId: "list", parameters: [q("limit")], responses: listOk } },
    });
    expect(buildTable(paged).operations[0]?.pagination).toBeDefined();
    const stops = methodChanges(paged, buildTable(plain));
    expect(stops).toEqual([
      { kind: "breaking", text: "Method things.list no longer walks pages (GET /things)", path: "GET /things" },
    ]);
    expect(levelOf(stops)).toBe("major");
    const starts = methodChanges(plain, buildTable(paged));
    expect(starts).toEqual([
      { kind: "non-breaking", text: "Method things.list now walks every page (GET /things)", path: "GET /things" },
    ]);
    expect(levelOf(starts)).toBe("minor");
  });

  it("an old spec that no longer builds leaves it to the spec diff", () => {
    const broken = doc({ "/a": { get: { operationId: "x", "x-captain-method": "not-ok", responses: ok } } });
    expect(methodChanges(broken, buildTable(doc({})))).toEqual([]);
  });
});

describe("the changeset's summary and notes", () => {
  const input = (changes: SpecChange[], notes?: string[]) =>
    changesetMarkdown({
      packageName: "@captain-sdk/chatcaptain",
      version: "0.1.0",
      vendor: "chatcaptain",
      source: "https://docs.example.test/llms.txt",
      level: "major",
      release: "minor",
      changes,
      ...(notes ? { notes } : {}),
    });
  const changes: SpecChange[] = [
    { kind: "non-breaking", text: "Added operation GET /v1/tags", path: "paths" },
    { kind: "breaking", text: "Removed operation DELETE /v1/notes/{id}", path: "paths" },
    { kind: "breaking", text: "Renamed method notes.list to notes.getNotes (GET /v1/notes)", path: "GET /v1/notes" },
    { kind: "annotation", text: "Changed the description of GET /v1/tags", path: "paths" },
  ];

  it("counts the changes: how many, how many breaking, operations added and removed", () => {
    expect(input(changes)).toContain("\n\nIn all: 4 changes, 2 breaking; 1 operation(s) added, 1 removed.\n");
    // One change needs no summary.
    expect(input(changes.slice(0, 1))).not.toContain("In all:");
  });

  it("lists the sync's own decisions after the changes, one line each", () => {
    const text = input(changes, [
      "42 pages from the docs index: 1 added, 0 removed",
      "schema ContentDto differs between pages: ContentDto (inbox-messages); ContentDto_InboxNotes (inbox-notes)",
      "inboxWidgets.getWidget (InboxWidgetValueController_getWidget) is named inboxWidgets.getWidgetValue by the\ncontroller clash rule",
    ]);
    expect(
      text.endsWith(
        [
          "Notes from the sync:",
          "",
          "- 42 pages from the docs index: 1 added, 0 removed",
          "- schema ContentDto differs between pages: ContentDto (inbox-messages); ContentDto_InboxNotes (inbox-notes)",
          "- inboxWidgets.getWidget (InboxWidgetValueController_getWidget) is named inboxWidgets.getWidgetValue by the controller clash rule",
          "",
        ].join("\n"),
      ),
    ).toBe(true);
    expect(text.indexOf("In all:")).toBeLessThan(text.indexOf("Notes from the sync:"));
    expect(input(changes, [])).not.toContain("Notes from the sync");
  });
});
