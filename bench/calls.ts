import { createSalesCaptainClient, type paths, type SalesCaptainClient } from "@captain-sdk/salescaptain";
import axios from "axios";
import ky from "ky";
import OpenAI from "openai";
import createClient from "openapi-fetch";
import { SENT_BODY } from "./server.js";

/**
 * The same SalesCaptain call (send one message in a conversation) made by every contender: raw
 * fetch, bare openapi-fetch, our path API, operation method and modular operation function,
 * openai-node's generic `post`, ky and axios. Each one is given the same `fetch`.
 */

export const company_id = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
export const conversation_id = "b2c3d4e5-f6a7-8901-bcde-f12345678901";
/** An obviously fake key: nothing here talks to the real API. */
export const KEY = "test-key-123";
export const PATH = `/v1/send-message/${company_id}/${conversation_id}`;
export const TEMPLATE = "/v1/send-message/{company_id}/{conversation_id}" as const;
export const MESSAGE = { message_body: "Hello" };

export type Call = () => Promise<unknown>;
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A fetch that never leaves the process, so what is left is the client's own cost. It does what
 * Node's fetch does first (`new Request(input, init)`, for every caller alike), reads the request
 * body as a socket would, and answers with a fresh `Response` holding SalesCaptain's documented 200 body.
 */
export async function inProcessFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  if (request.body) await request.arrayBuffer();
  return new Response(SENT_BODY, { status: 200, headers: { "content-type": "application/json" } });
}

function check(sent: unknown): unknown {
  const id = (sent as { data?: { message_id?: unknown } } | undefined)?.data?.message_id;
  if (typeof id !== "string") throw new Error(`unexpected answer: ${JSON.stringify(sent)}`);
  return sent;
}

export function rawFetch(baseUrl: string, fetchImpl: Fetch = fetch): Call {
  return async () => {
    const response = await fetchImpl(`${baseUrl}${PATH}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify(MESSAGE),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return check(await response.json());
  };
}

/**
 * Raw fetch that, like any client with a per-attempt timeout, passes an AbortSignal and arms a timer
 * (60 s, never reached) for each request: what a timeout costs by itself, before any other policy.
 */
export function rawFetchWithTimeout(baseUrl: string, fetchImpl: Fetch = fetch): Call {
  return rawFetch(baseUrl, (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    return fetchImpl(input, { ...init, signal: controller.signal }).finally(() => clearTimeout(timer));
  });
}

/** `createClient` from openapi-fetch with the same generated `paths` and the same fetch. */
export function bareOpenapiFetch(baseUrl: string, fetchImpl: Fetch = fetch): Call {
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl, headers: { Authorization: `Bearer ${KEY}` } });
  return async () => {
    const { data, error, response } = await client.POST(TEMPLATE, {
      params: { path: { company_id, conversation_id } },
      body: MESSAGE,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${JSON.stringify(error)}`);
    return check(data);
  };
}

export function sdkClient(baseUrl: string, fetchImpl?: Fetch): SalesCaptainClient {
  return createSalesCaptainClient({ apiKey: KEY, baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

export function sdkMethod(client: SalesCaptainClient): Call {
  return async () => check(await client.conversations.sendMessage({ company_id, conversation_id, ...MESSAGE }));
}

export function sdkPath(client: SalesCaptainClient): Call {
  return async () => {
    const { data, response } = await client.POST(TEMPLATE, {
      params: { path: { company_id, conversation_id } },
      body: MESSAGE,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return check(data);
  };
}

/** The modular entry, `@captain-sdk/salescaptain/ops`: a core and one imported function per operation. */
export async function sdkOpFunction(baseUrl: string, fetchImpl?: Fetch): Promise<Call> {
  const { createSalesCaptainCore, conversationsSendMessage } = await import("@captain-sdk/salescaptain/ops");
  const core = createSalesCaptainCore({ apiKey: KEY, baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return async () => check(await conversationsSendMessage(core, { company_id, conversation_id, ...MESSAGE }));
}

/** openai-node's generic `post`, with its defaults (2 retries, its own timeout). */
export function openaiPost(baseUrl: string, fetchImpl: Fetch = fetch): Call {
  const client = new OpenAI({ apiKey: KEY, baseURL: baseUrl, fetch: fetchImpl });
  return async () => check(await client.post(PATH, { body: MESSAGE }));
}

export function kyPost(baseUrl: string, fetchImpl: Fetch = fetch): Call {
  const api = ky.create({ prefixUrl: baseUrl, headers: { Authorization: `Bearer ${KEY}` }, fetch: fetchImpl });
  return async () => check(await api.post(PATH.slice(1), { json: MESSAGE }).json());
}

/** axios with its fetch adapter, given our fetch through `env.fetch`. */
export function axiosPost(baseUrl: string, fetchImpl: Fetch = fetch): Call {
  const api = axios.create({
    adapter: "fetch",
    env: { fetch: fetchImpl },
    baseURL: baseUrl,
    headers: { Authorization: `Bearer ${KEY}` },
  });
  return async () => check((await api.post(PATH, MESSAGE)).data);
}
