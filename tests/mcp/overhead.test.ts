import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Loopback } from "../helpers/loopback.js";
import { COMPANY, CONVERSATION, type Connected, connect, fakeVendors, SALES_KEY } from "./harness.js";

/**
 * What a tool call adds over a direct SDK call: the same send, against the same loopback server,
 * once through the packed SDK in this process and once through the packed MCP server (JSON-RPC over
 * stdio to a child process, which makes the same SDK call). Medians of sequential calls.
 */

const N = 200;
const WARMUP = 20;
const ARGS = { company_id: COMPANY, conversation_id: CONVERSATION, message_body: "Hello" };

let api: Loopback;
let staticServer: Connected;
let dynamicServer: Connected;
beforeAll(async () => {
  api = await fakeVendors();
  const env = { SALESCAPTAIN_API_KEY: SALES_KEY, SALESCAPTAIN_BASE_URL: api.url };
  staticServer = await connect("salescaptain-mcp", [], env);
  dynamicServer = await connect("salescaptain-mcp", ["--tools=dynamic"], env);
});
afterAll(async () => {
  await staticServer?.close();
  await dynamicServer?.close();
  await api?.close();
});

/** Median time of each call, measured in turns (a, b, c, a, b, c, ...) so that no call gets a warmer machine. */
async function medians(calls: (() => Promise<unknown>)[]): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) for (const call of calls) await call();
  const times: number[][] = calls.map(() => []);
  for (let i = 0; i < N; i++) {
    for (const [k, call] of calls.entries()) {
      const started = performance.now();
      await call();
      times[k]?.push(performance.now() - started);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(N / 2)] as number);
}

it("a tool call costs about a millisecond or two more than the SDK call it makes", async () => {
  const entry = join(inject("mcpProject"), "node_modules", "@captain-sdk", "salescaptain", "dist", "index.js");
  const sdk = (await import(pathToFileURL(entry).href)) as {
    createSalesCaptainClient(options: object): { conversations: { sendMessage(args: object): Promise<unknown> } };
  };
  const client = sdk.createSalesCaptainClient({ apiKey: SALES_KEY, baseUrl: api.url });
  const before = api.count;
  const [direct, viaStatic, viaDynamic] = (await medians([
    () => client.conversations.sendMessage(ARGS),
    async () => {
      const r = await staticServer.client.callTool({ name: "conversations_send_message", arguments: ARGS });
      if (r.isError) throw new Error(JSON.stringify(r.content));
    },
    async () => {
      const r = await dynamicServer.client.callTool({
        name: "invoke_api_endpoint",
        arguments: { name: "conversations_send_message", args: ARGS },
      });
      if (r.isError) throw new Error(JSON.stringify(r.content));
    },
  ])) as [number, number, number];
  // Every call reached the server once: nothing failed, nothing was resent.
  expect(api.count - before).toBe(3 * (N + WARMUP));
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  console.log(
    [
      `median of ${N} sequential sends each, taken in turns (loopback, after ${WARMUP} warm-up rounds):`,
      `  SDK call               ${ms(direct)}`,
      `  MCP tool call (static)  ${ms(viaStatic)}  (+${ms(viaStatic - direct)})`,
      `  MCP tool call (dynamic) ${ms(viaDynamic)}  (+${ms(viaDynamic - direct)})`,
    ].join("\n"),
  );
  // Generous bound for a shared 2-core machine: the protocol hop must stay small next to a real API's latency.
  expect(viaStatic - direct).toBeLessThan(20);
  expect(viaDynamic - direct).toBeLessThan(20);
});
