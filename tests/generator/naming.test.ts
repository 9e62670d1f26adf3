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

  it("refuses two operations with the same namespace.method that the clash rule cannot tell apart, naming both", () => {
    // Same controller (rule 1 does not apply), and rule 2's route name of the second is already a method.
    const paths = {
      "/pets": { get: { tags: ["Pets"], operationId: "PetController_list[0]", responses: ok } },
      "/pets/all": { get: { tags: ["Pets"], operationId: "PetController_list[1]", responses: ok } },
      "/pets/everything": { get: { tags: ["Pets"], operationId: "getPetsAll", responses: ok } },
    };
    expect(() => table(paths)).toThrow(
      /operation name collision: pets\.list is also the name of the operation at paths\["\/pets"\]\.get, and the clash rule cannot tell them apart; set x-captain-method/,
    );
    // Without the operation holding the route name, rule 2 resolves the same pair.
    const { "/pets/everything": _taken, ...rest } = paths;
    expect(table(rest).operations.map((o) => o.name)).toEqual(["getPets", "getPetsAll"]);
  });
});

describe("the clash rule", () => {
  const names = (t: ReturnType<typeof table>) => t.operations.map((o) => `${o.namespace}.${o.name}`);

  it("rule 1 (controller): appends the words by which the NestJS controller names differ", () => {
    const t = table({
      "/widgets/{id}": { get: { tags: ["Inbox"], operationId: "InboxWidgetController_getWidget", responses: ok } },
      "/widgets/{id}/value": {
        get: { tags: ["Inbox"], operationId: "InboxWidgetValueController_getWidget", responses: ok },
      },
    });
    expect(names(t)).toEqual(["inbox.getWidget", "inbox.getWidgetValue"]);
    expect(t.renames).toEqual([
      {
        id: "InboxWidgetValueController_getWidget",
        namespace: "inbox",
        from: "getWidget",
        to: "getWidgetValue",
        rule: "controller",
      },
    ]);
  });

  it("rule 1 drops the words the controller names share at the end as well as at the start", () => {
    const t = table({
      "/widgets/{id}": { get: { tags: ["Inbox"], operationId: "InboxWidgetController_getWidget", responses: ok } },
      "/notes/{id}/widget": {
        get: { tags: ["Inbox"], operationId: "InboxNoteWidgetController_getWidget", responses: ok },
      },
    });
    expect(names(t)).toEqual(["inbox.getWidget", "inbox.getWidgetNote"]);
  });

  it("rule 2 (route): names each from its route when the controllers do not tell them apart", () => {
    const t = table({
      "/v1/conversations/{conversationId}/messages": {
        post: { tags: ["Conversations"], operationId: "ConversationController_sendMessage[0]_v1", responses: ok },
      },
      "/v1/conversations/{conversationId}/messages/bulk": {
        post: { tags: ["Conversations"], operationId: "ConversationController_sendMessage[1]_v1", responses: ok },
      },
    });
    expect(names(t)).toEqual([
      "conversations.postConversationsMessagesByConversationId",
      "conversations.postConversationsMessagesBulkByConversationId",
    ]);
    expect(t.renames.map((r) => [r.id, r.from, r.to, r.rule])).toEqual([
      ["ConversationController_sendMessage[0]_v1", "sendMessage", "postConversationsMessagesByConversationId", "route"],
      [
        "ConversationController_sendMessage[1]_v1",
        "sendMessage",
        "postConversationsMessagesBulkByConversationId",
        "route",
      ],
    ]);
  });

  it("never renames an x-captain-method name: the other operation moves", () => {
    const t = table({
      "/pets": { get: { tags: ["Pets"], operationId: "PetController_list", responses: ok } },
      "/pets/all": { get: { tags: ["Pets"], operationId: "anything", "x-captain-method": "list", responses: ok } },
    });
    expect(names(t)).toEqual(["pets.getPets", "pets.list"]);
    expect(t.renames).toEqual([
      { id: "PetController_list", namespace: "pets", from: "list", to: "getPets", rule: "route" },
    ]);
  });

  it("two equal x-captain-method names are still an error", () => {
    expect(() =>
      table({
        "/a": { get: { tags: ["Pets"], operationId: "a", "x-captain-method": "same", responses: ok } },
        "/b": { get: { tags: ["Pets"], operationId: "b", "x-captain-method": "same", responses: ok } },
      }),
    ).toThrow(
      /operation name collision: pets\.same is also the name of the operation at paths\["\/a"\]\.get, and the clash rule cannot tell them apart/,
    );
  });

  it("leaves operations that do not clash alone, and the same method name in two namespaces is no clash", () => {
    const t = table({
      "/pets": { get: { tags: ["Pets"], operationId: "PetController_list", responses: ok } },
      "/stores": { get: { tags: ["Stores"], operationId: "StoreController_list", responses: ok } },
    });
    expect(names(t)).toEqual(["pets.list", "stores.list"]);
    expect(t.renames).toEqual([]);
  });
});
