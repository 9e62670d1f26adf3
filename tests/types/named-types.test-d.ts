import type * as chat from "@captain-sdk/chatcaptain";
import { createChatCaptainClient } from "@captain-sdk/chatcaptain";
import type { PageCall, PageRequestOptions } from "@captain-sdk/core";
import type * as sales from "@captain-sdk/salescaptain";
import { createSalesCaptainClient } from "@captain-sdk/salescaptain";
import { describe, expectTypeOf, test } from "vitest";

/** The named types each vendor package exports (generated types.ts), and the type of a list call. */

const salesClient = createSalesCaptainClient({ apiKey: "test-key-1234" });
const chatClient = createChatCaptainClient({ apiKey: "test-key-1234" });

describe("schemas by name", () => {
  test("each component schema is exported under its name", () => {
    expectTypeOf<sales.SentMessage>().toEqualTypeOf<sales.components["schemas"]["SentMessage"]>();
    expectTypeOf<chat.MessageDto>().toEqualTypeOf<chat.components["schemas"]["MessageDto"]>();
    expectTypeOf<chat.OperatorDto>().toEqualTypeOf<chat.components["schemas"]["OperatorDto"]>();
  });

  test("a schema named like a global or an SDK export gets `Schema` appended", () => {
    expectTypeOf<sales.ErrorSchema>().toEqualTypeOf<sales.components["schemas"]["Error"]>();
    // The package's `Error` is not the spec's schema: it has no such type export.
    // @ts-expect-error no type named Error is exported (ErrorSchema is)
    type _Shadow = sales.Error;
  });
});

describe("per operation: <Method>Params and <Method>Response", () => {
  test("Params is the method's argument object", () => {
    expectTypeOf<sales.SendMessageParams>().toEqualTypeOf<
      Parameters<typeof salesClient.conversations.sendMessage>[0]
    >();
    expectTypeOf<chat.SendMessageParams>().toEqualTypeOf<Parameters<typeof chatClient.inboxMessages.sendMessage>[0]>();
    expectTypeOf<sales.SendMessageParams>().toEqualTypeOf<
      { company_id: string; conversation_id: string } & { message_body: string }
    >();
  });

  test("Response is what the method resolves to: the success body", () => {
    expectTypeOf<sales.SendMessageResponse>().toEqualTypeOf<
      Awaited<ReturnType<typeof salesClient.conversations.sendMessage>>
    >();
    expectTypeOf<sales.SendMessageResponse>().toEqualTypeOf<
      sales.paths["/v1/send-message/{company_id}/{conversation_id}"]["post"]["responses"][200]["content"]["application/json"]
    >();
    expectTypeOf<chat.SendMessageResponse>().toEqualTypeOf<chat.components["schemas"]["SendMessageResponseDto"]>();
  });
});

describe("a list call: PageCall", () => {
  type Page = { contacts?: { data?: { name: string }[] } };
  type Item = { name: string };
  const call = {} as PageCall<Page, Item>;

  test("awaited, the first page's body; iterated, every item; .pages(), every page's body", async () => {
    expectTypeOf(await call).toEqualTypeOf<Page>();
    for await (const item of call) expectTypeOf(item).toEqualTypeOf<Item>();
    for await (const page of call.pages()) expectTypeOf(page).toEqualTypeOf<Page>();
    expectTypeOf(call).toExtend<Promise<Page>>();
  });

  test("per-call options: the usual ones and maxPages", () => {
    expectTypeOf<{ maxPages: 3; timeoutMs: 1000; signal: AbortSignal }>().toExtend<PageRequestOptions>();
    expectTypeOf<{ maxPages: "3" }>().not.toExtend<PageRequestOptions>();
  });
});
