import { type components, createSalesCaptainClient, type paths } from "@captain-sdk/salescaptain";
import { describe, expectTypeOf, test } from "vitest";

/** SalesCaptain, both ways of calling, as a user of the published package sees the types. */

type Send = paths["/v1/send-message/{company_id}/{conversation_id}"]["post"];
type Sent = Send["responses"][200]["content"]["application/json"];

const sales = createSalesCaptainClient({ apiKey: "test-key-1234" });
const company_id = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const conversation_id = "b2c3d4e5-f6a7-8901-bcde-f12345678901";
const path = { company_id, conversation_id };

describe("operation method", () => {
  test("returns the 200 body the spec declares", async () => {
    const sent = await sales.conversations.sendMessage({ ...path, message_body: "Hello" });
    expectTypeOf(sent).toEqualTypeOf<Sent>();
    expectTypeOf(sent.message).toEqualTypeOf<string | undefined>();
    expectTypeOf(sent.data).toEqualTypeOf<components["schemas"]["SentMessage"] | undefined>();
    expectTypeOf<NonNullable<typeof sent.data>["is_me"]>().toEqualTypeOf<boolean>();
  });

  test("takes path parameters and body properties side by side", () => {
    type Args = Parameters<typeof sales.conversations.sendMessage>[0];
    expectTypeOf<Args>().toEqualTypeOf<{ company_id: string; conversation_id: string } & { message_body: string }>();
  });

  test("rejects a missing path parameter, a missing body field, a wrong type, an unknown field", () => {
    // @ts-expect-error conversation_id is required
    sales.conversations.sendMessage({ company_id, message_body: "Hello" });
    // @ts-expect-error message_body is required
    sales.conversations.sendMessage({ ...path });
    // @ts-expect-error message_body must be a string
    sales.conversations.sendMessage({ ...path, message_body: 42 });
    // @ts-expect-error no such field
    sales.conversations.sendMessage({ ...path, message_body: "Hello", messageBody: "Hello" });
    // @ts-expect-error the arguments are required
    sales.conversations.sendMessage();
  });

  test("has no operation the spec does not declare", () => {
    // @ts-expect-error unknown namespace
    sales.contacts;
    // @ts-expect-error unknown method
    sales.conversations.deleteMessage;
  });

  test("accepts the per-call options, and nothing else", () => {
    const args = { ...path, message_body: "Hello" };
    const signal = AbortSignal.timeout(1000);
    sales.conversations.sendMessage(args, { signal, timeoutMs: 5000, maxRetries: 0, retryNonIdempotent: true });
    sales.conversations.sendMessage(args, { headers: { "x-trace": "1", Authorization: null } });
    // @ts-expect-error `timeout` is not an option (timeoutMs is)
    sales.conversations.sendMessage(args, { timeout: 5000 });
    // @ts-expect-error header values are strings (or null to remove one)
    sales.conversations.sendMessage(args, { headers: { "x-trace": 1 } });
  });
});

describe("path API", () => {
  test("returns data, error and response typed from the spec", async () => {
    const { data, error, response } = await sales.POST("/v1/send-message/{company_id}/{conversation_id}", {
      params: { path },
      body: { message_body: "Hello" },
    });
    expectTypeOf(data).toEqualTypeOf<Sent | undefined>();
    expectTypeOf(response).toEqualTypeOf<Response>();
    if (error) expectTypeOf(error).not.toBeAny();
  });

  test("rejects an unknown path, a wrong method, a missing path parameter, a wrong body", () => {
    // @ts-expect-error unknown path
    sales.POST("/v1/send-messages/{company_id}/{conversation_id}", { params: { path }, body: { message_body: "x" } });
    // @ts-expect-error the path has no GET
    sales.GET("/v1/send-message/{company_id}/{conversation_id}", { params: { path } });
    const url = "/v1/send-message/{company_id}/{conversation_id}" as const;
    // @ts-expect-error conversation_id is required
    sales.POST(url, { params: { path: { company_id } }, body: { message_body: "Hello" } });
    // @ts-expect-error message_body must be a string
    sales.POST(url, { params: { path }, body: { message_body: 42 } });
    // @ts-expect-error the body is required
    sales.POST(url, { params: { path } });
  });
});
