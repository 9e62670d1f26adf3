import { createSalesCaptainClient, type SalesCaptainClient } from "@captain-sdk/salescaptain";
import { SENT_BODY } from "./server.js";

/** The same call made three ways: raw fetch, the SDK's operation method, and its path API. */

export const company_id = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
export const conversation_id = "b2c3d4e5-f6a7-8901-bcde-f12345678901";
const KEY = "test-key-1234";
const PATH = `/v1/send-message/${company_id}/${conversation_id}`;

export type Call = () => Promise<unknown>;

export function rawFetch(baseUrl: string, fetchImpl: typeof fetch = fetch): Call {
  return async () => {
    const response = await fetchImpl(`${baseUrl}${PATH}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ message_body: "Hello" }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  };
}

export function sdkClient(baseUrl: string, fetchImpl?: (url: string, init: RequestInit) => Promise<Response>): SalesCaptainClient {
  return createSalesCaptainClient({ apiKey: KEY, baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

export function sdkMethod(client: SalesCaptainClient): Call {
  return () => client.conversations.sendMessage({ company_id, conversation_id, message_body: "Hello" });
}

export function sdkPath(client: SalesCaptainClient): Call {
  return async () => {
    const { data, error } = await client.POST("/v1/send-message/{company_id}/{conversation_id}", {
      params: { path: { company_id, conversation_id } },
      body: { message_body: "Hello" },
    });
    if (error) throw new Error("HTTP error");
    return data;
  };
}

/** A fetch that never leaves the process: what is left is the client's own cost. */
export async function inMemoryFetch(request: Request | string): Promise<Response> {
  if (request instanceof Request && request.body) await request.arrayBuffer();
  return new Response(SENT_BODY, { status: 200, headers: { "content-type": "application/json" } });
}
