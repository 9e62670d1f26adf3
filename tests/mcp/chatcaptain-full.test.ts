import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Table } from "../../scripts/lib/build-table.js";
import { type ListApi, startListApi } from "../whole-api/list-api.js";
import { writeFullApiServer } from "./full-api.js";
import { CHAT_KEY, type Connected, connectCommand, text } from "./harness.js";

/**
 * ChatCaptain's whole API (~150 operations from 42 docs pages): the case dynamic mode is for. The
 * server is built from the generator's output and the packed runtimes (see full-api.ts), started on
 * stdio, and walks the three pagination styles of ChatCaptain's lists against a loopback fake.
 */

const TOTAL = 250;
let table: Table;
let server: string;
let lists: ListApi;
const started: Connected[] = [];

beforeAll(async () => {
  ({ table, server } = await writeFullApiServer("chatcaptain", inject("mcpProject")));
  lists = await startListApi({ total: TOTAL });
});
afterAll(async () => {
  for (const s of started) await s.close();
  await lists?.stop();
});

async function start(args: string[]): Promise<Connected> {
  const s = await connectCommand(
    process.execPath,
    [server, ...args],
    { CHATCAPTAIN_API_KEY: CHAT_KEY, CHATCAPTAIN_BASE_URL: lists.url },
    inject("mcpProject"),
  );
  started.push(s);
  return s;
}

const requestsTo = (path: string) => lists.requests.filter((r) => r.path === path);

describe("tool counts per mode", () => {
  it("static: one tool per operation, names unique and at most 64 characters; dynamic: three", async () => {
    const all = (await (await start([])).client.listTools()).tools;
    expect(all.length).toBe(table.operations.length);
    expect(all.length).toBeGreaterThan(140);
    expect(new Set(all.map((t) => t.name)).size).toBe(all.length);
    for (const t of all) expect(t.name).toMatch(/^[a-z0-9_]{1,64}$/);

    const reads = (await (await start(["--read-only"])).client.listTools()).tools;
    expect(reads.length).toBe(table.operations.filter((o) => o.method === "get" || o.method === "head").length);
    const inbox = (await (await start(["--tools=inbox_messages,inbox_notes"])).client.listTools()).tools;
    expect(inbox.length).toBe(
      table.operations.filter((o) => o.namespace === "inboxMessages" || o.namespace === "inboxNotes").length,
    );
    const dynamic = (await (await start(["--tools=dynamic"])).client.listTools()).tools;
    expect(dynamic).toHaveLength(3);

    // What a client hands the model: the static list is tens of thousands of tokens, dynamic mode a few hundred.
    const words = (tools: typeof all) =>
      JSON.stringify(tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema })))
        .length;
    console.log(
      `ChatCaptain, whole API: ${all.length} tools static (${words(all)} characters of names, descriptions and input schemas), ` +
        `${reads.length} read-only, ${dynamic.length} dynamic (${words(dynamic)} characters)`,
    );
    expect(words(dynamic)).toBeLessThan(words(all) / 20);
  });
});

describe("page walks over ChatCaptain's three list styles", () => {
  let chat: Connected;
  beforeAll(async () => {
    chat = await start([]);
  });

  it("cursor from the body (knowledge groups): two pages of 100 for 120 items", async () => {
    const path = "/v1/chatbots/bot_1/ai/knowledge/groups";
    const result = await chat.client.callTool({
      name: "ai_knowledge_groups_list_knowledge_groups",
      arguments: { chatbotId: "bot_1", max_items: 120 },
    });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as { items: { name: string }[]; count: number; more: boolean };
    expect(out).toMatchObject({ count: 120, more: true });
    expect(out.items[119]?.name).toBe("Group 120");
    const pages = requestsTo(path);
    expect(pages).toHaveLength(2);
    expect(pages[0]?.query.pageToken).toBeUndefined();
    expect(pages[1]?.query.pageToken).toBe(String((out.items[99] as { created?: string }).created));
  });

  it("cursor from the last item (contacts): the whole list, then no more", async () => {
    const path = "/v1/chatbots/bot_1/contacts";
    const before = requestsTo(path).length;
    const result = await chat.client.callTool({
      name: "conversation_contacts_list_contacts",
      arguments: { chatbotId: "bot_1", max_items: 1000 },
    });
    expect(result.structuredContent).toMatchObject({ count: TOTAL, more: false });
    expect(requestsTo(path).length - before).toBe(3); // 100 + 100 + a short page of 50
  });

  it("page numbers without totals (contact search), through dynamic mode", async () => {
    const dynamic = await start(["--tools=dynamic"]);
    const path = "/v1/chatbots/bot_1/contacts/search";
    const result = await dynamic.client.callTool({
      name: "invoke_api_endpoint",
      arguments: { name: "conversation_contacts_search_contacts", args: { chatbotId: "bot_1", query: "Contact" } },
    });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(text(result))).toMatchObject({ count: 50, more: true }); // the default max_items
    expect(requestsTo(path).map((r) => [r.query.page, r.query.pageSize])).toEqual([["1", "250"]]);
  });
});
