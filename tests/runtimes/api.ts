import type { ServerResponse } from "node:http";
import { type Loopback, type Received, sendJson, startLoopback } from "../helpers/loopback.js";

/**
 * The loopback stand-in for both vendor APIs that every runtime talks to. It checks the key, answers
 * in the shape each spec declares, allows cross-origin calls (the browser page is served from
 * another port) and, on a 401, echoes the key it was sent in the body and a header, so a test sees
 * whether the SDK keeps it out of the error. `GET /__requests?run=<id>` lists the requests one
 * runtime made (those carrying `x-matrix-run: <id>`), so a test can see what reached the server.
 * `GET /v1/items?page=<n>&per_page=<size>` is the list of app/check.js's hand-written operation
 * table: LIST_ITEMS items, numbered pages from 1, `total_pages` in each body.
 */

export const CHAT_KEY = "test-key-chat-1234";
export const SALES_KEY = "test-key-sales-5678";
export const LIST_KEY = "test-key-list-4321";

/** The list's length: 3 pages at `per_page` 10. */
export const LIST_ITEMS = 25;

/** The id of the list's item `n` (1-based): item_01 ... item_25. */
export const listItemId = (n: number): string => `item_${String(n).padStart(2, "0")}`;

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-expose-headers": "*",
  "access-control-max-age": "600",
};

export interface SeenRequest {
  method: string;
  url: string;
  authOk: boolean;
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, { ...CORS, ...headers });
}

function handle(r: Received, res: ServerResponse): void {
  const url = new URL(r.url, "http://127.0.0.1");
  if (r.method === "OPTIONS") {
    res.writeHead(204, { ...CORS, "access-control-allow-headers": r.headers["access-control-request-headers"] ?? "*" });
    res.end();
    return;
  }
  if (r.method === "GET" && url.pathname === "/v1/items") {
    listPage(r, url, res);
    return;
  }
  const chat = /^\/v1\/inbox\/([^/]+)\/messages$/.exec(url.pathname);
  const sales = /^\/v1\/send-message\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (r.method !== "POST" || !(chat || sales)) {
    answer(res, 404, { error: "not found" });
    return;
  }
  const presented = chat ? r.headers["x-chatcaptain-key"] : r.headers.authorization?.replace(/^Bearer /, "");
  if (presented !== (chat ? CHAT_KEY : SALES_KEY)) {
    answer(
      res,
      401,
      { error: "Unauthorized access", code: "UNAUTHORIZED", received: presented ?? null },
      { "x-echo-credential": String(presented), "x-request-id": "req_401" },
    );
    return;
  }
  const body = r.body ? (JSON.parse(r.body) as Record<string, unknown>) : {};
  if (chat) {
    const message = { id: "m_1", sender: "agent", type: "text", status: "sent", created: "2026-01-01T00:00:00Z" };
    answer(res, 201, { message: { ...message, outgoing: true, content: { text: body.text }, tags: [] } });
    return;
  }
  answer(res, 200, {
    message: "Message sent successfully!",
    data: { conversation_id: decodeURIComponent(sales?.[2] ?? ""), body: body.message_body, is_me: true },
  });
}

/** One page of the list: 401 without LIST_KEY, 400 for a page or size that is not a positive integer. */
function listPage(r: Received, url: URL, res: ServerResponse): void {
  const presented = r.headers["x-matrix-key"];
  if (presented !== LIST_KEY) {
    answer(res, 401, { error: "Unauthorized access", code: "UNAUTHORIZED" });
    return;
  }
  const page = Number(url.searchParams.get("page") ?? "1");
  const size = Number(url.searchParams.get("per_page") ?? "10");
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1) {
    answer(res, 400, { error: "bad page or per_page" });
    return;
  }
  const from = (page - 1) * size;
  const data = [];
  for (let n = from + 1; n <= Math.min(from + size, LIST_ITEMS); n++) data.push({ id: listItemId(n), n });
  answer(res, 200, { page, per_page: size, total_pages: Math.ceil(LIST_ITEMS / size), data });
}

export async function startApi(): Promise<Loopback> {
  let server: Loopback | undefined;
  server = await startLoopback((r, res) => {
    const url = new URL(r.url, "http://127.0.0.1");
    if (r.method === "GET" && url.pathname === "/__requests") {
      const run = url.searchParams.get("run");
      const seen: SeenRequest[] = (server?.requests ?? [])
        .filter((q) => q.headers["x-matrix-run"] === run)
        .map((q) => ({
          method: q.method,
          url: q.url,
          authOk:
            q.headers["x-chatcaptain-key"] === CHAT_KEY ||
            q.headers.authorization === `Bearer ${SALES_KEY}` ||
            q.headers["x-matrix-key"] === LIST_KEY,
        }));
      answer(res, 200, seen);
      return;
    }
    handle(r, res);
  });
  return server;
}

/** What the server saw from one runtime's run. */
export async function seenBy(apiUrl: string, run: string): Promise<SeenRequest[]> {
  const res = await fetch(`${apiUrl}/__requests?run=${encodeURIComponent(run)}`);
  return (await res.json()) as SeenRequest[];
}
