import { type components, createChatCaptainClient, type paths } from "@captain-sdk/chatcaptain";
import { describe, expectTypeOf, test } from "vitest";

/** ChatCaptain, both ways of calling; the overlay's "text or attachmentRef" rule is in the types. */

type Send = paths["/v1/inbox/{chatbotId}/messages"]["post"];
type Reply = Send["responses"][201]["content"]["application/json"];

const chat = createChatCaptainClient({ apiKey: "test-key-1234" });
const target = { chatbotId: "bot_1", conversationId: "c_1" };

describe("operation method", () => {
  test("returns the 201 body the spec declares", async () => {
    const reply = await chat.inboxMessages.sendMessage({ ...target, text: "Hi" });
    expectTypeOf(reply).toEqualTypeOf<Reply>();
    expectTypeOf(reply).toEqualTypeOf<components["schemas"]["SendMessageResponseDto"]>();
    expectTypeOf(reply.message).toEqualTypeOf<components["schemas"]["MessageDto"] | null>();
    expectTypeOf<NonNullable<typeof reply.message>["outgoing"]>().toEqualTypeOf<boolean>();
  });

  test("takes text, attachmentRef, or both", () => {
    chat.inboxMessages.sendMessage({ ...target, text: "Hi" });
    chat.inboxMessages.sendMessage({ ...target, attachmentRef: "att_1" });
    chat.inboxMessages.sendMessage({ ...target, text: "Hi", attachmentRef: "att_1" });
  });

  test("rejects neither text nor attachmentRef, missing ids, wrong types", () => {
    // @ts-expect-error text or attachmentRef must be present
    chat.inboxMessages.sendMessage({ ...target });
    // @ts-expect-error chatbotId is required
    chat.inboxMessages.sendMessage({ conversationId: "c_1", text: "Hi" });
    // @ts-expect-error conversationId is required
    chat.inboxMessages.sendMessage({ chatbotId: "bot_1", text: "Hi" });
    // @ts-expect-error text must be a string
    chat.inboxMessages.sendMessage({ ...target, text: 42 });
  });

  test("has no operation the spec does not declare", () => {
    // @ts-expect-error unknown method
    chat.inboxMessages.listMessages;
  });
});

describe("path API", () => {
  const url = "/v1/inbox/{chatbotId}/messages" as const;
  const params = { path: { chatbotId: "bot_1" } };

  test("returns data typed from the spec", async () => {
    const { data, response } = await chat.POST(url, { params, body: { conversationId: "c_1", text: "Hi" } });
    expectTypeOf(data).toEqualTypeOf<Reply | undefined>();
    expectTypeOf(response).toEqualTypeOf<Response>();
  });

  test("takes text or attachmentRef in the body", () => {
    chat.POST(url, { params, body: { conversationId: "c_1", text: "Hi" } });
    chat.POST(url, { params, body: { conversationId: "c_1", attachmentRef: "att_1" } });
  });

  test("rejects neither text nor attachmentRef, an unknown path, a missing path parameter", () => {
    // @ts-expect-error text or attachmentRef must be present
    chat.POST(url, { params, body: { conversationId: "c_1" } });
    // @ts-expect-error unknown path
    chat.POST("/v1/inbox/{chatbotId}/message", { params, body: { conversationId: "c_1", text: "Hi" } });
    // @ts-expect-error chatbotId is required
    chat.POST(url, { params: { path: {} }, body: { conversationId: "c_1", text: "Hi" } });
    // @ts-expect-error conversationId must be a string
    chat.POST(url, { params, body: { conversationId: 1, text: "Hi" } });
  });
});
