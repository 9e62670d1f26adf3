import { expect } from "vitest";
import { type SeenRequest, seenBy } from "./api.js";

/**
 * What every runtime must report from app/check.js, and what the server must have seen from it:
 * two sends through the operation methods, one through the path API, one 401 (a POST is not
 * retried), and nothing for the two calls that failed validation.
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
}

export const BASE_VIEWS = ["message", "string", "stack", "json", "ownFields", "headers", "body", "cause"];

export async function expectSeen(apiUrl: string, run: string): Promise<void> {
  const seen: SeenRequest[] = await seenBy(apiUrl, run);
  expect(seen).toEqual([
    { method: "POST", url: "/v1/inbox/bot_1/messages", authOk: true },
    { method: "POST", url: SALES_URL, authOk: true },
    { method: "POST", url: SALES_URL, authOk: true },
    { method: "POST", url: SALES_URL, authOk: false },
  ]);
}
