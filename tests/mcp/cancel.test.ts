import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Loopback, sendJson, startLoopback } from "../helpers/loopback.js";
import { COMPANY, CONVERSATION, type Connected, connect, SALES_KEY } from "./harness.js";

/** A tool call the client cancels aborts the SDK's request, and is not sent again. */

let api: Loopback;
let server: Connected;
const closed: number[] = [];

beforeAll(async () => {
  api = await startLoopback((r, res: ServerResponse) => {
    if (JSON.parse(r.body || "{}").message_body === "hang") {
      res.on("close", () => closed.push(r.n)); // never answered: only the client can end it
      return;
    }
    sendJson(res, 200, { message: "Message sent successfully!", data: { body: "ok" } });
  });
  server = await connect("salescaptain-mcp", [], { SALESCAPTAIN_API_KEY: SALES_KEY, SALESCAPTAIN_BASE_URL: api.url });
});
afterAll(async () => {
  await server?.close();
  await api?.close();
});

it("cancelling a tool call aborts its request; the server goes on serving", async () => {
  const controller = new AbortController();
  const call = server.client.callTool(
    {
      name: "conversations_send_message",
      arguments: { company_id: COMPANY, conversation_id: CONVERSATION, message_body: "hang" },
    },
    undefined,
    { signal: controller.signal },
  );
  while (api.count === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  controller.abort("the user changed their mind");
  await expect(call).rejects.toThrow();
  for (let i = 0; i < 200 && closed.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(closed).toEqual([1]);

  const next = await server.client.callTool({
    name: "conversations_send_message",
    arguments: { company_id: COMPANY, conversation_id: CONVERSATION, message_body: "Hello" },
  });
  expect(next.isError).toBeFalsy();
  expect(api.count).toBe(2); // the cancelled send was not retried
});
