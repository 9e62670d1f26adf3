import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { TableOperation } from "../../scripts/lib/build-table.js";
import { type Loopback, sendJson, startLoopback } from "../helpers/loopback.js";
import { type ListApi, startListApi } from "../whole-api/list-api.js";
import { writeFullApiServer } from "./full-api.js";
import { type Connected, connectCommand, errorDetail, SALES_KEY, text } from "./harness.js";

/**
 * Page walks, as an agent gets them: SalesCaptain's whole API (the 26-operation spec of the
 * whole-api fixture, three of them paginated lists) goes through the generator's own steps (table,
 * emit-mcp's tool table) into a server made of the packed runtimes (`@captain-sdk/core`,
 * `@captain-sdk/mcp`) exactly as a generated package binds them, started on stdio against a
 * loopback fake of the lists.
 */

const COMPANY = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const TOTAL = 250;

let operations: TableOperation[];
let serverFile: string;
let lists: ListApi;

beforeAll(async () => {
  const full = await writeFullApiServer("salescaptain", inject("mcpProject"));
  operations = full.table.operations;
  serverFile = full.server;
  lists = await startListApi({ total: TOTAL });
});
afterAll(async () => {
  await lists?.stop();
});

const start = (args: string[], baseUrl: string): Promise<Connected> =>
  connectCommand(
    process.execPath,
    [serverFile, ...args],
    { SALESCAPTAIN_API_KEY: SALES_KEY, SALESCAPTAIN_BASE_URL: baseUrl },
    inject("mcpProject"),
  );

const contactRequests = () => lists.requests.filter((r) => r.path === `/v1/list-contacts/${COMPANY}`);

describe("static mode", () => {
  let server: Connected;
  beforeAll(async () => {
    server = await start([], lists.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("lists a tool per operation; the paginated lists take max_items and no longer require a page number", async () => {
    const { tools } = await server.client.listTools();
    expect(tools).toHaveLength(operations.length);
    const paged = operations.filter((o) => o.pagination).map((o) => `${o.namespace}.${o.name}`);
    expect(paged).toContain("contacts.listContacts");
    const withMaxItems = tools.filter((t) => t.inputSchema.properties?.max_items);
    expect(withMaxItems).toHaveLength(paged.length);
    const contacts = tools.find((t) => t.name === "contacts_list_contacts");
    expect(contacts?.inputSchema.required).toEqual(["company_id"]);
    expect(contacts?.outputSchema?.required).toEqual(["items", "count", "more"]);
    expect(contacts?.annotations?.readOnlyHint).toBe(true);
  });

  it("walks pages until max_items and says more remain", async () => {
    const before = contactRequests().length;
    const result = await server.client.callTool({
      name: "contacts_list_contacts",
      arguments: { company_id: COMPANY, items_per_page: 10, max_items: 25 },
    });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as { items: { name: string }[]; count: number; more: boolean };
    expect(out.count).toBe(25);
    expect(out.more).toBe(true);
    expect(out.items.map((c) => c.name)).toEqual(Array.from({ length: 25 }, (_v, i) => `Contact ${i + 1}`));
    expect(JSON.parse(text(result))).toEqual(out);
    // Pages 1, 2 and 3 of 10: the 26th item (on page 3) says that more remain; page 4 is never asked for.
    expect(
      contactRequests()
        .slice(before)
        .map((r) => r.query.page_number),
    ).toEqual(["1", "2", "3"]);
  });

  it("walks to the end of the list when max_items allows, and says nothing remains", async () => {
    const before = contactRequests().length;
    const result = await server.client.callTool({
      name: "contacts_list_contacts",
      arguments: { company_id: COMPANY, max_items: 1000 },
    });
    const out = result.structuredContent as { items: unknown[]; count: number; more: boolean };
    expect(out).toMatchObject({ count: TOTAL, more: false });
    expect(out.items).toHaveLength(TOTAL);
    // The SDK asks for the largest page the spec allows (100) and stops at total_pages.
    const pages = contactRequests().slice(before);
    expect(pages.map((r) => [r.query.page_number, r.query.items_per_page])).toEqual([
      ["1", "100"],
      ["2", "100"],
      ["3", "100"],
    ]);
  });

  it("a bad max_items is a validation error; nothing is sent", async () => {
    const before = lists.requests.length;
    const result = await server.client.callTool({
      name: "contacts_list_contacts",
      arguments: { company_id: COMPANY, max_items: 0 },
    });
    expect(result.isError).toBe(true);
    expect(errorDetail(result)).toMatchObject({ error: "ValidationError", issues: [{ path: "max_items" }] });
    expect(lists.requests.length).toBe(before);
  });
});

it("dynamic mode: the walk through invoke_api_endpoint", async () => {
  const server = await start(["--tools=dynamic"], lists.url);
  try {
    const listed = await server.client.callTool({ name: "list_api_endpoints", arguments: { search: "contacts list" } });
    expect(JSON.parse(text(listed)).operations).toContainEqual(
      expect.objectContaining({ name: "contacts_list_contacts", paginated: true }),
    );
    const described = await server.client.callTool({
      name: "get_api_endpoint_schema",
      arguments: { name: "contacts_list_contacts" },
    });
    expect(JSON.parse(text(described)).inputSchema.properties.max_items).toMatchObject({ type: "integer" });
    const result = await server.client.callTool({
      name: "invoke_api_endpoint",
      arguments: { name: "contacts_list_contacts", args: { company_id: COMPANY, max_items: 120 } },
    });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(text(result))).toMatchObject({ count: 120, more: true });
  } finally {
    await server.close();
  }
});

it("a server that sends the same page again is stopped by the SDK's guard: an isError result with the items so far", async () => {
  const stuck: Loopback = await startLoopback((_r, res) =>
    sendJson(res, 200, {
      message: "ok",
      contacts: {
        data: Array.from({ length: 100 }, (_v, i) => ({ name: `Contact ${i + 1}` })),
        pagination: { page_number: 1, items_per_page: 100, total_count: 10_000, total_pages: 100 },
      },
    }),
  );
  const server = await start([], stuck.url);
  try {
    const result = await server.client.callTool({
      name: "contacts_list_contacts",
      arguments: { company_id: COMPANY, max_items: 1000 },
    });
    expect(result.isError).toBe(true);
    // The SDK refuses the repeated page (page 2) before handing out its items again: the 100 items
    // of page 1 reach the agent with the error, and no third request is made.
    expect(errorDetail(result)).toMatchObject({ error: "PaginationError", count: 100 });
    expect(text(result)).toMatch(/repeat/);
    expect(stuck.count).toBe(2);
  } finally {
    await server.close();
    await stuck.close();
  }
});
