import { expect } from "vitest";
import { LIST_ITEMS, listItemId, type SeenRequest, seenBy } from "./api.js";

/**
 * What every runtime must report from app/check.js, and what the server must have seen from it:
 * two sends through the operation methods, one through the path API, one 401 (a POST is not
 * retried), one send through each modular entry, nothing for the four calls that failed
 * validation; and for the list, 3 page requests for a full walk, 1 for an awaited call, 2 for a
 * walk capped at 2 pages.
 */

const SALES_URL = "/v1/send-message/a1b2c3d4-e5f6-7890-abcd-ef1234567890/b2c3d4e5-f6a7-8901-bcde-f12345678901";

export function expectChecked(result: Record<string, unknown>, run: string, views: string[]): void {
  expect(result.run).toBe(run);
  expect(result.chat).toBe(`Hi ${run}`);
  expect(result.sales).toBe(`Hello ${run}`);
  expect(result.salesPath).toEqual({ status: 200, body: "via path" });
  expect(result.auth).toEqual({
    name: "AuthenticationError",
    status: 401,
    requestId: "req_401",
    fromSales: true,
    fromChat: true,
    apiError: true,
    captainError: true,
    echoedBody: "***",
    views,
    viewsWithKey: [],
  });
  expect(result.validation).toEqual({
    name: "ValidationError",
    fromSales: true,
    fromChat: true,
    issues: ["company_id"],
    chatName: "ValidationError",
    chatIsValidation: true,
  });
  expect(result.ops).toEqual({
    chat: `Ops hi ${run}`,
    sales: `Ops hello ${run}`,
    invalid: {
      name: "ValidationError",
      fromOps: true,
      fromSales: true,
      issues: ["company_id"],
      chatName: "ValidationError",
      chatFromOps: true,
    },
  });
  const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => listItemId(from + i));
  expect(result.list).toEqual({
    items: ids(1, LIST_ITEMS),
    first: { page: 1, totalPages: 3, items: ids(1, 10) },
    pages: [
      { page: 1, count: 10 },
      { page: 2, count: 10 },
      { page: 3, count: 5 },
    ],
    capped: ids(1, 20),
  });
}

export const BASE_VIEWS = ["message", "string", "stack", "json", "ownFields", "headers", "body", "cause"];

export async function expectSeen(apiUrl: string, run: string): Promise<void> {
  const seen: SeenRequest[] = await seenBy(apiUrl, run);
  expect(seen).toEqual([
    { method: "POST", url: "/v1/inbox/bot_1/messages", authOk: true },
    { method: "POST", url: SALES_URL, authOk: true },
    { method: "POST", url: SALES_URL, authOk: true },
    { method: "POST", url: SALES_URL, authOk: false },
    { method: "POST", url: "/v1/inbox/bot_ops/messages", authOk: true },
    { method: "POST", url: SALES_URL, authOk: true },
  ]);
  // The list legs each carry their own run id (listRun in app/check.js).
  const listRun = (leg: string) => `${run}:list:${leg}`;
  const page = (n: number): SeenRequest => ({ method: "GET", url: `/v1/items?page=${n}&per_page=10`, authOk: true });
  expect(await seenBy(apiUrl, listRun("items"))).toEqual([page(1), page(2), page(3)]);
  expect(await seenBy(apiUrl, listRun("first"))).toEqual([page(1)]);
  expect(await seenBy(apiUrl, listRun("pages"))).toEqual([page(1), page(2), page(3)]);
  expect(await seenBy(apiUrl, listRun("capped"))).toEqual([page(1), page(2)]);
}
