import type { ServerResponse } from "node:http";
import { sendJson, startLoopback } from "../helpers/loopback.js";

/** One request as the fake API saw it. */
export interface ListApiRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
}

export interface ListApi {
  /** `http://127.0.0.1:<port>`: the base URL for both vendors' SDKs. */
  url: string;
  requests: ListApiRequest[];
  stop(): Promise<void>;
}

export interface ListApiOptions {
  /** Items in every list (default 250). */
  total?: number;
}

type Item = Record<string, unknown>;

/** First list item's `created` time; each next item is one minute later. */
const EPOCH = Date.parse("2025-01-01T00:00:00.000Z");
const createdAt = (i: number): string => new Date(EPOCH + i * 60_000).toISOString();

/** A deterministic uuid-shaped id: `<kind>-0000-4000-8000-<n>`. */
const uuid = (kind: string, i: number): string => `${kind}-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
const KINDS = { contact: "c0000001", conversation: "c0000002", message: "c0000003", company: "c0000004" };

const salesItems = {
  contacts: (i: number): Item => ({
    contact_id: uuid(KINDS.contact, i),
    name: `Contact ${i}`,
    phone: `+1555${String(i).padStart(7, "0")}`,
    email: `contact${i}@example.com`,
    created_at: createdAt(i),
    updated_at: null,
    tags: [],
    custom_fields: [],
  }),
  conversations: (i: number): Item => ({
    contact_id: uuid(KINDS.contact, i),
    contact_name: `Contact ${i}`,
    contact_number: `+1555${String(i).padStart(7, "0")}`,
    contact_email: `contact${i}@example.com`,
    conversation_id: uuid(KINDS.conversation, i),
    conversation_profile_id: uuid(KINDS.company, 1),
    conversation_profile_number: "+15557654321",
    conversation_profile_email: "support@example.com",
    last_message: `Last message ${i}`,
    assigned_to: null,
    updated_at: createdAt(i),
    created_at: createdAt(i),
    seen_by: null,
    is_chat_opened: true,
  }),
  messages: (i: number): Item => ({
    conversation_id: uuid(KINDS.conversation, 1),
    message_id: uuid(KINDS.message, i),
    contact_id: uuid(KINDS.contact, 1),
    conversation_profile_id: uuid(KINDS.company, 1),
    conversation_profile_email: "support@example.com",
    conversation_profile_number: "+15557654321",
    type_of_message: "sms_message",
    direction: i % 2 === 0 ? "outbound" : "inbound",
    assigned_account_id: "acc-1234-5678-90ab-cdef12345678",
    created_at: createdAt(i),
  }),
};

const chatItems = {
  contacts: (i: number): Item => ({
    id: `contact_${i}`,
    name: `Contact ${i}`,
    email: `contact${i}@example.com`,
    phoneNumber: `+4915${String(i).padStart(8, "0")}`,
    language: "de",
    created: createdAt(i),
  }),
  organizations: (i: number): Item => ({
    id: `org_${i}`,
    name: `Organization ${i}`,
    website: `https://org${i}.example.com`,
    size: 10 + (i % 50),
    created: createdAt(i),
  }),
  groups: (i: number): Item => ({ id: `group_${i}`, name: `Group ${i}`, created: createdAt(i) }),
  sources: (i: number): Item => ({
    id: `source_${i}`,
    name: `Source ${i}`,
    type: "url",
    status: "indexed",
    created: createdAt(i),
  }),
  examples: (i: number): Item => ({
    id: `example_${i}`,
    text: `Training example ${i}`,
    intentId: "intent_1",
    entityIds: [],
    language: "de",
    created: createdAt(i),
  }),
};

const badRequest = (res: ServerResponse, error: string): void =>
  sendJson(res, 400, { error, code: "INVALID_PARAMS", timestamp: new Date(EPOCH).toISOString() });

/** A positive integer from a query value, or undefined. */
function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/**
 * A fake of both vendors' paginated lists on 127.0.0.1, for pagination walks (every list has `total` items):
 *
 * - SalesCaptain `GET /v1/list-contacts/{company_id}`, `/v1/list-conversations/{company_id}`,
 *   `/v1/fetch-messages/{company_id}/{conversation_id}`: `page_number` (1-based; required except on
 *   conversations), `items_per_page` (default 10; 400 if < 10 or > 100); `{message, <key>: {data, pagination}}`.
 * - ChatCaptain `GET /v1/chatbots/{chatbotId}/contacts/search` and `/organizations/search`: `query`, `page`
 *   (1-based) and `pageSize`, all required; `{results: {hits, facetCounts: [], found}}`; past the end `hits: []`.
 * - ChatCaptain `GET /v1/chatbots/{chatbotId}/ai/knowledge/groups`, `/ai/knowledge/sources`, `/examples`: items in
 *   ascending `created` order, those created strictly after `pageToken` (all when absent), at most `limit`
 *   (default 25, 400 above 100); the response `pageToken` is the last item's `created`, or the token sent when
 *   the page is empty.
 * - ChatCaptain `GET /v1/chatbots/{chatbotId}/organizations` and `/contacts`: newest first, those created strictly
 *   before `pageToken` (all when absent), at most `limit`; no cursor in the response.
 *
 * Every request is recorded; anything else is a 404 with a JSON body.
 */
export async function startListApi(opts: ListApiOptions = {}): Promise<ListApi> {
  const total = opts.total ?? 250;
  const requests: ListApiRequest[] = [];
  const all = (make: (i: number) => Item): Item[] => Array.from({ length: total }, (_v, k) => make(k + 1));

  const server = await startLoopback((received, res) => {
    const url = new URL(received.url, "http://list-api.invalid");
    const query = Object.fromEntries(url.searchParams);
    const path = url.pathname;
    requests.push({ method: received.method, path, query });
    if (received.method !== "GET") return sendJson(res, 404, { error: `no ${received.method} ${path}` });

    let m: RegExpMatchArray | null;
    // SalesCaptain: page number with totals
    if (
      (m = path.match(/^\/v1\/(list-contacts|list-conversations)\/[^/]+$/)) ||
      (m = path.match(/^\/v1\/(fetch-messages)\/[^/]+\/[^/]+$/))
    ) {
      const key = (
        { "list-contacts": "contacts", "list-conversations": "conversations", "fetch-messages": "messages" } as const
      )[m[1] as "list-contacts" | "list-conversations" | "fetch-messages"];
      const pageRequired = key !== "conversations";
      if (query.page_number === undefined && pageRequired) return badRequest(res, "page_number is required");
      const page = query.page_number === undefined ? 1 : positiveInt(query.page_number);
      if (page === undefined) return badRequest(res, "page_number must be a positive integer");
      const perPage = query.items_per_page === undefined ? 10 : positiveInt(query.items_per_page);
      if (perPage === undefined || perPage < 10 || perPage > 100) {
        return badRequest(res, "items_per_page must be an integer from 10 to 100");
      }
      const items = all(salesItems[key]);
      const data = items.slice((page - 1) * perPage, page * perPage);
      return sendJson(res, 200, {
        message: `${key[0]!.toUpperCase()}${key.slice(1)} fetched successfully!`,
        [key]: {
          data,
          pagination: {
            page_number: page,
            items_per_page: perPage,
            total_count: total,
            total_pages: Math.ceil(total / perPage),
          },
        },
      });
    }

    // ChatCaptain: search pages
    if ((m = path.match(/^\/v1\/chatbots\/[^/]+\/(contacts|organizations)\/search$/))) {
      if (query.query === undefined) return badRequest(res, "query is required");
      const page = positiveInt(query.page);
      const pageSize = positiveInt(query.pageSize);
      if (page === undefined || pageSize === undefined) return badRequest(res, "page and pageSize are required");
      const hidden = new Set((query.hiddenHits ?? "").split(",").filter(Boolean));
      const items = all(chatItems[m[1] as "contacts" | "organizations"]).filter(
        (item) => !hidden.has(item.id as string),
      );
      const hits = items.slice((page - 1) * pageSize, page * pageSize);
      return sendJson(res, 200, { results: { hits, facetCounts: [], found: items.length } });
    }

    // ChatCaptain: date cursor lists
    const after = path.match(/^\/v1\/chatbots\/[^/]+\/(?:ai\/knowledge\/(groups|sources)|(examples))$/);
    const before = path.match(/^\/v1\/chatbots\/[^/]+\/(organizations|contacts)$/);
    if (after || before) {
      const token = query.pageToken;
      const tokenTime = token === undefined ? undefined : Date.parse(token);
      if (tokenTime !== undefined && Number.isNaN(tokenTime)) return badRequest(res, "pageToken must be a date");
      const limit = query.limit === undefined ? 25 : positiveInt(query.limit);
      if (limit === undefined || limit > 100) return badRequest(res, "limit must be an integer from 1 to 100");
      if (after) {
        const key = (after[1] ?? after[2]) as "groups" | "sources" | "examples";
        const items = all(chatItems[key])
          .filter((item) => tokenTime === undefined || Date.parse(item.created as string) > tokenTime)
          .slice(0, limit);
        const last = items.at(-1);
        return sendJson(res, 200, { [key]: items, pageToken: last ? (last.created as string) : (token ?? "") });
      }
      const key = before![1] as "organizations" | "contacts";
      const items = all(chatItems[key])
        .reverse()
        .filter((item) => tokenTime === undefined || Date.parse(item.created as string) < tokenTime)
        .slice(0, limit);
      return sendJson(res, 200, { [key]: items });
    }

    return sendJson(res, 404, { error: `no GET ${path}` });
  });

  return { url: server.url, requests, stop: () => server.close() };
}
