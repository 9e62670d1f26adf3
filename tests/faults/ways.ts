import { createChatCaptainClient } from "@captain-sdk/chatcaptain";
import type { ClientOptions } from "@captain-sdk/core";
import { createSalesCaptainClient } from "@captain-sdk/salescaptain";
import { createFaultClient } from "./fault-api.js";

/** The ways of calling the matrix goes through: each vendor's operation method, and the path API. */
export const POST_WAYS = ["salescaptain op", "chatcaptain op", "salescaptain path API"] as const;
export const GET_WAYS = ["core op GET", "core path API GET"] as const;
export type Way = (typeof POST_WAYS)[number] | (typeof GET_WAYS)[number];

/** What a call came to, the same shape for every way. */
export type Outcome =
  | { kind: "data"; data: unknown }
  /** The path API's answer to an HTTP error: returned, not thrown. */
  | { kind: "http"; status: number; error: unknown }
  | { kind: "threw"; error: unknown };

export const COMPANY_ID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
export const CONVERSATION_ID = "b2c3d4e5-f6a7-8901-bcde-f12345678901";

type PathResult = { data?: unknown; error?: unknown; response: Response };
type PathApi = {
  GET(path: string, init?: Record<string, unknown>): Promise<PathResult>;
  POST(path: string, init?: Record<string, unknown>): Promise<PathResult>;
};

export function isPathApi(way: Way): boolean {
  return way.includes("path API");
}

/** Makes one call the given way and reports its outcome; never throws. */
export async function invoke(
  way: Way,
  options: ClientOptions,
  callOptions: Record<string, unknown> = {},
): Promise<Outcome> {
  try {
    switch (way) {
      case "salescaptain op": {
        const sales = createSalesCaptainClient(options);
        const args = { company_id: COMPANY_ID, conversation_id: CONVERSATION_ID, message_body: "Hello" };
        return { kind: "data", data: await sales.conversations.sendMessage(args, callOptions) };
      }
      case "chatcaptain op": {
        const chat = createChatCaptainClient(options);
        const args = { chatbotId: "bot_1", conversationId: "c_1", text: "Hi" };
        return { kind: "data", data: await chat.inboxMessages.sendMessage(args, callOptions) };
      }
      case "salescaptain path API": {
        const sales = createSalesCaptainClient(options) as unknown as PathApi;
        return fromPath(
          await sales.POST("/v1/send-message/{company_id}/{conversation_id}", {
            params: { path: { company_id: COMPANY_ID, conversation_id: CONVERSATION_ID } },
            body: { message_body: "Hello" },
            ...callOptions,
          }),
        );
      }
      case "core op GET":
        return { kind: "data", data: await createFaultClient(options).items.get({ item_id: "item_1" }, callOptions) };
      case "core path API GET": {
        const core = createFaultClient(options) as unknown as PathApi;
        return fromPath(
          await core.GET("/v1/items/{item_id}", { params: { path: { item_id: "item_1" } }, ...callOptions }),
        );
      }
    }
  } catch (error) {
    return { kind: "threw", error };
  }
}

function fromPath(result: PathResult): Outcome {
  if (result.response.ok) return { kind: "data", data: result.data };
  return { kind: "http", status: result.response.status, error: result.error };
}
