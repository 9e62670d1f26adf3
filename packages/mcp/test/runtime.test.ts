import { AuthenticationError, ConnectionError, ValidationError } from "@captain-sdk/core";
import { describe, expect, it } from "vitest";
import { parseServerArgs, selectTools, UsageError } from "../src/args.js";
import { callTool } from "../src/call.js";
import { errorResult, redactor, vendorMessage } from "../src/results.js";
import type { ToolDefinition } from "../src/types.js";

const tool = (namespace: string, method: string, httpMethod: string, extra: Partial<ToolDefinition> = {}) =>
  ({
    name: `${namespace}_${method}`,
    description: method,
    namespace,
    method,
    httpMethod,
    path: `/${method}`,
    inputSchema: { type: "object", properties: {} },
    ...extra,
  }) as ToolDefinition;

const TOOLS = [
  tool("inboxMessages", "sendMessage", "post"),
  tool("inboxMessages", "listMessages", "get", { paginated: true }),
  tool("contacts", "getContact", "get"),
];

describe("command line", () => {
  it("reads --tools (dynamic and namespaces, in any spelling) and --read-only", () => {
    expect(parseServerArgs([], TOOLS)).toEqual({ mode: "static", readOnly: false });
    expect(parseServerArgs(["--tools=dynamic"], TOOLS)).toEqual({ mode: "dynamic", readOnly: false });
    expect(parseServerArgs(["--tools", "inbox_messages,contacts", "--read-only"], TOOLS)).toEqual({
      mode: "static",
      readOnly: true,
      namespaces: ["inboxMessages", "contacts"],
    });
    expect(parseServerArgs(["--tools=dynamic,inbox-messages"], TOOLS)).toEqual({
      mode: "dynamic",
      readOnly: false,
      namespaces: ["inboxMessages"],
    });
  });

  it("refuses unknown options and namespaces, naming the known ones", () => {
    expect(() => parseServerArgs(["--verbose"], TOOLS)).toThrow(UsageError);
    expect(() => parseServerArgs(["--tools=billing"], TOOLS)).toThrow(/known: inbox_messages, contacts, or dynamic/);
    expect(() => parseServerArgs(["--tools"], TOOLS)).toThrow(/needs a value/);
  });

  it("selects by namespace and by read-only", () => {
    const names = (o: Parameters<typeof selectTools>[1]) => selectTools(TOOLS, o).map((t) => t.name);
    expect(names({ mode: "static", readOnly: true })).toEqual(["inboxMessages_listMessages", "contacts_getContact"]);
    expect(names({ mode: "static", readOnly: false, namespaces: ["contacts"] })).toEqual(["contacts_getContact"]);
  });
});

describe("results", () => {
  it("scrub every form of the key", () => {
    const scrub = redactor(["k3y/with space"]);
    expect(scrub('a k3y/with space b k3y%2Fwith%20space c "k3y/with space"')).toBe('a *** b *** c "***"');
    expect(redactor([""])("nothing to do")).toBe("nothing to do");
  });

  it("find the vendor's message in the usual places", () => {
    expect(vendorMessage({ message: "Invalid key" })).toBe("Invalid key");
    expect(vendorMessage({ error: { message: "Nested" } })).toBe("Nested");
    expect(vendorMessage({ errors: [{ detail: "a" }, "b"] })).toBe("a; b");
    expect(vendorMessage({ code: 7 })).toBeUndefined();
    expect(vendorMessage("  plain text ")).toBe("plain text");
  });

  it("say whether a failed send may have gone out, only for POST and PATCH", () => {
    const lost = new ConnectionError("socket hang up", { method: "POST", path: "/x", mayHaveBeenSent: true });
    expect(JSON.stringify(errorResult(lost, "post"))).toMatch(/do not call this tool again/);
    expect(JSON.stringify(errorResult(lost, "get"))).not.toMatch(/do not call this tool again/);
    const auth = new AuthenticationError({
      status: 401,
      headers: { "x-request-id": "req_1" },
      body: { error: "Unauthorized" },
      method: "POST",
      path: "/x",
    });
    const result = errorResult(auth, "post");
    expect(result.isError).toBe(true);
    expect(JSON.parse((result.content[0] as { text: string }).text.split("\n")[1] as string)).toMatchObject({
      error: "AuthenticationError",
      status: 401,
      message: "Unauthorized",
      requestId: "req_1",
    });
  });
});

describe("a tool call", () => {
  /** A client stub whose list method returns what the SDK returns: a thenable that is async-iterable. */
  const pages = [[1, 2, 3], [4, 5, 6], [7]];
  let fetched = 0;
  const client = {
    inboxMessages: {
      listMessages: (args: Record<string, unknown>) => {
        expect(args).not.toHaveProperty("max_items");
        return {
          // biome-ignore lint/suspicious/noThenProperty: the SDK's PageCall is awaitable too
          then: (resolve: (v: unknown) => unknown) => resolve({ items: pages[0] }),
          async *[Symbol.asyncIterator]() {
            for (const page of pages) {
              fetched++;
              yield* page;
            }
          },
        };
      },
      sendMessage: (args: Record<string, unknown>) => {
        if (!args.text)
          throw new ValidationError("inboxMessages.sendMessage", [{ path: "text", message: "is required" }]);
        return Promise.resolve({ ok: true });
      },
    },
  };

  it("walks a list up to max_items, one item past it to know more remain, and no further", async () => {
    fetched = 0;
    const r = await callTool(TOOLS[1] as ToolDefinition, () => client, { max_items: 4 }, undefined);
    expect(r.structuredContent).toEqual({ items: [1, 2, 3, 4], count: 4, more: true });
    expect(fetched).toBe(2);
    const all = await callTool(TOOLS[1] as ToolDefinition, () => client, { max_items: 7 }, undefined);
    expect(all.structuredContent).toEqual({ items: [1, 2, 3, 4, 5, 6, 7], count: 7, more: false });
  });

  it("turns an SDK error into an isError result, and a client that cannot be made into one too", async () => {
    const invalid = await callTool(TOOLS[0] as ToolDefinition, () => client, {}, undefined);
    expect(invalid.isError).toBe(true);
    expect(JSON.stringify(invalid.content)).toContain("text: is required");
    const unconfigured = await callTool(
      TOOLS[0] as ToolDefinition,
      () => {
        throw new Error("no key");
      },
      { text: "hi" },
      undefined,
    );
    expect(unconfigured.isError).toBe(true);
  });
});
