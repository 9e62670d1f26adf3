import { describe, expect, it } from "vitest";
import { buildTable, operationNames } from "../../scripts/lib/build-table.js";
import {
  camelCase,
  methodNameFromOperationId,
  methodNameFromRoute,
  namespaceFromRoute,
} from "../../scripts/lib/naming.js";

const ok = { "200": { description: "OK" } };

function table(paths: Record<string, unknown>) {
  return buildTable({ openapi: "3.0.3", info: { title: "T", version: "1" }, paths });
}

describe("method names", () => {
  it.each([
    ["InboxMessageController_sendMessage[1]_v1", "sendMessage"],
    ["InboxMessageController_sendMessage", "sendMessage"],
    ["ConversationsController_list(2)", "list"],
    ["send_message", "sendMessage"],
    ["send-message", "sendMessage"],
    ["messages.send", "messagesSend"],
    ["GetPetByID", "getPetById"],
    ["listPets_v2", "listPets"],
    ["2fa-verify", "_2faVerify"],
  ])("operationId %s -> %s", (id, name) => {
    expect(methodNameFromOperationId(id)).toBe(name);
  });

  it("comes from the route when there is no operationId", () => {
    expect(methodNameFromRoute("get", "/v1/pets")).toBe("getPets");
    expect(methodNameFromRoute("post", "/v1/pets/{petId}/photos")).toBe("postPetsPhotosByPetId");
    expect(methodNameFromRoute("delete", "/stores/{storeId}/orders/{order_id}")).toBe(
      "deleteStoresOrdersByStoreIdAndOrderId",
    );
  });
});

describe("namespaces", () => {
  it.each([
    ["Inbox messages", "inboxMessages"],
    ["Conversations", "conversations"],
    ["user-accounts", "userAccounts"],
    ["SMS", "sms"],
    ["API Keys", "apiKeys"],
  ])("tag %s -> %s", (tag, ns) => {
    expect(camelCase(tag)).toBe(ns);
    expect(operationNames({ tags: [tag, "Other"], operationId: "x" }, "get", "/x").namespace).toBe(ns);
  });

  it("comes from the first fixed path segment (past a version) when untagged", () => {
    expect(namespaceFromRoute("/v1/pets/{id}")).toBe("pets");
    expect(namespaceFromRoute("/store-orders")).toBe("storeOrders");
    expect(namespaceFromRoute("/{tenant}/invoices")).toBe("invoices");
    expect(namespaceFromRoute("/")).toBe("default");
    const t = table({ "/v2/pets/{petId}": { get: { responses: ok } }, "/v2/pets": { post: { responses: ok } } });
    expect(t.operations.map((o) => `${o.namespace}.${o.name}`)).toEqual(["pets.getPetsByPetId", "pets.postPets"]);
    expect(t.operations.map((o) => o.id)).toEqual(["GET /v2/pets/{petId}", "POST /v2/pets"]);
  });
});

describe("overrides and checks", () => {
  it("x-captain-namespace and x-captain-method win over tags and operationIds", () => {
    const t = table({
      "/a": {
        get: {
          tags: ["Things"],
          operationId: "ThingController_list",
          "x-captain-namespace": "widgets",
          "x-captain-method": "listAll",
          responses: ok,
        },
      },
    });
    expect(t.operations[0]).toMatchObject({ namespace: "widgets", name: "listAll", id: "ThingController_list" });
  });

  it("refuses a name the client object already uses, or one that is not an identifier", () => {
    expect(() => table({ "/a": { get: { tags: ["request"], operationId: "go", responses: ok } } })).toThrow(
      /namespace "request" is not usable; set x-captain-namespace/,
    );
    expect(() => table({ "/a": { get: { operationId: "x", "x-captain-method": "not-ok", responses: ok } } })).toThrow(
      /method name "not-ok" is not usable; set x-captain-method/,
    );
  });

  it("refuses two operations with the same namespace.method, naming both", () => {
    expect(() =>
      table({
        "/pets": { get: { tags: ["Pets"], operationId: "PetController_list[0]", responses: ok } },
        "/pets/all": { get: { tags: ["Pets"], operationId: "PetController_list[1]", responses: ok } },
      }),
    ).toThrow(/operation name collision: pets\.list is also the name of the operation at paths\["\/pets"\]\.get/);
  });
});
