import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { definition as chatDefinition } from "../../packages/chatcaptain/src/generated/definition.js";
import { definition as salesDefinition } from "../../packages/salescaptain/src/generated/definition.js";
import type { Loopback } from "../helpers/loopback.js";
import {
  CHAT_KEY,
  COMPANY,
  CONVERSATION,
  type Connected,
  connect,
  errorDetail,
  fakeVendors,
  SALES_KEY,
  text,
} from "./harness.js";

/**
 * Each vendor's MCP server as a client uses it: the packed package installed with npm, its bin
 * started over stdio, tools listed and called against a loopback stand-in for the API, in both
 * modes. What reached the wire is checked, and the key is looked for in everything handed back.
 */

const VENDORS = [
  {
    vendor: "salescaptain",
    env: "SALESCAPTAIN",
    key: SALES_KEY,
    operations: salesDefinition.operations.length,
    namespace: "conversations",
    tool: "conversations_send_message",
    args: { company_id: COMPANY, conversation_id: CONVERSATION, message_body: "Hello from an agent" },
    path: `/v1/send-message/${COMPANY}/${CONVERSATION}`,
    sent: { message_body: "Hello from an agent" },
    authHeader: "authorization",
    authValue: `Bearer ${SALES_KEY}`,
    answer: { data: { body: "Hello from an agent", conversation_id: CONVERSATION, is_me: true } },
    invalid: { company_id: "not-a-uuid", conversation_id: CONVERSATION, message_body: "Hi" },
    invalidArg: "company_id",
    dropped: { company_id: COMPANY, conversation_id: CONVERSATION, message_body: "drop" },
  },
  {
    vendor: "chatcaptain",
    env: "CHATCAPTAIN",
    key: CHAT_KEY,
    operations: chatDefinition.operations.length,
    namespace: "inboxMessages",
    tool: "inbox_messages_send_message",
    args: { chatbotId: "bot_1", conversationId: "c_1", text: "Hi from an agent" },
    path: "/v1/inbox/bot_1/messages",
    sent: { conversationId: "c_1", text: "Hi from an agent" },
    authHeader: "x-chatcaptain-key",
    authValue: CHAT_KEY,
    answer: { message: { status: "sent", content: { text: "Hi from an agent" } } },
    invalid: { chatbotId: "bot_1", text: "Hi" },
    invalidArg: "conversationId",
    dropped: { chatbotId: "bot_1", conversationId: "c_1", text: "drop" },
  },
] as const;

let api: Loopback;
beforeAll(async () => {
  api = await fakeVendors();
});
afterAll(async () => {
  await api?.close();
});

describe.each(VENDORS)("$vendor-mcp", (v) => {
  const bin = `${v.vendor}-mcp`;
  const env = (key: string = v.key) => ({
    [`${v.env}_API_KEY`]: key,
    [`${v.env}_BASE_URL`]: api.url,
    // Debug logging on: every attempt is logged, and all of it must stay on stderr, key masked.
    [`${v.env}_LOG`]: "debug",
  });

  describe("static mode (one tool per operation)", () => {
    let server: Connected;
    beforeAll(async () => {
      server = await connect(bin, [], env());
    });
    afterAll(async () => {
      await server?.close();
    });

    it("lists one tool per operation of the spec, named <namespace>_<method>, with the SDK's argument object as input", async () => {
      const { tools } = await server.client.listTools();
      expect(tools).toHaveLength(v.operations);
      const tool = tools.find((t) => t.name === v.tool);
      expect(tool?.description).toMatch(/\S/);
      expect(tool?.description).toContain("Sent at most once");
      expect(tool?.inputSchema.type).toBe("object");
      expect(Object.keys(tool?.inputSchema.properties ?? {}).sort()).toEqual(
        expect.arrayContaining(Object.keys(v.args).sort()),
      );
      expect(tool?.inputSchema.required).toEqual(expect.arrayContaining(Object.keys(v.sent).slice(0, 1)));
      expect(tool?.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });
      for (const t of tools) {
        expect(t.name).toMatch(/^[a-z0-9_]{1,64}$/);
        // The key is never an argument.
        expect(JSON.stringify(t.inputSchema)).not.toMatch(/api_?key|authorization|x-chatcaptain-key/i);
      }
      expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
    });

    it("sends through the SDK: the request on the wire is what the spec says, with the key from env", async () => {
      const before = api.count;
      const result = await server.client.callTool({ name: v.tool, arguments: v.args });
      expect(result.isError).toBeFalsy();
      expect(api.count).toBe(before + 1);
      const wire = api.requests[before];
      expect(wire?.method).toBe("POST");
      expect(wire?.url).toBe(v.path);
      expect(wire?.headers[v.authHeader]).toBe(v.authValue);
      expect(JSON.parse(wire?.body ?? "")).toEqual(v.sent);
      expect(JSON.parse(text(result))).toMatchObject(v.answer);
      expect(result.structuredContent).toMatchObject(v.answer);
      expect(JSON.stringify(result)).not.toContain(v.key);
    });

    it("a wrong argument is a ValidationError result naming it, and nothing is sent", async () => {
      const before = api.count;
      const result = await server.client.callTool({ name: v.tool, arguments: v.invalid });
      expect(result.isError).toBe(true);
      const detail = errorDetail(result);
      expect(detail).toMatchObject({ error: "ValidationError", sent: false });
      expect((detail.issues as { path: string }[]).map((i) => i.path)).toContain(v.invalidArg);
      expect(text(result)).toContain(v.invalidArg);
      expect(api.count).toBe(before);
    });

    it("a POST whose connection drops after the server read it is not resent, and the agent is told to check", async () => {
      const before = api.count;
      const result = await server.client.callTool({ name: v.tool, arguments: v.dropped });
      expect(api.count).toBe(before + 1);
      expect(result.isError).toBe(true);
      expect(errorDetail(result)).toMatchObject({ error: "ConnectionError", mayHaveBeenSent: true });
      expect(text(result)).toMatch(/do not call this tool again/);
    });

    it("writes nothing but protocol messages to stdout, and its logs (stderr) never show the key", async () => {
      expect(server.errors).toEqual([]);
      expect(server.stderr()).toMatch(/POST/); // the SDK's debug lines went to stderr
      expect(server.stderr()).not.toContain(v.key);
    });
  });

  it("a 401 is an isError result with the status, the vendor's message and the request id, and no key", async () => {
    const wrongKey = `${v.key}-revoked`;
    const server = await connect(bin, [], env(wrongKey));
    try {
      const before = api.count;
      const result = await server.client.callTool({ name: v.tool, arguments: v.args });
      expect(api.count).toBe(before + 1); // a 401 is not retried
      expect(result.isError).toBe(true);
      const detail = errorDetail(result);
      expect(detail).toMatchObject({ error: "AuthenticationError", status: 401, requestId: `req_${before + 1}` });
      expect(String(detail.message)).toMatch(/^Invalid API key/);
      // The fake API echoed the key it got: the result shows it masked, never in clear.
      expect(JSON.stringify(result)).not.toContain(wrongKey);
      expect(JSON.stringify(result)).toContain("***");
      expect(server.stderr()).not.toContain(wrongKey);
    } finally {
      await server.close();
    }
  });

  it("without a key it still starts and lists tools; a call says which variable to set", async () => {
    const server = await connect(bin, [], { [`${v.env}_BASE_URL`]: api.url });
    try {
      expect((await server.client.listTools()).tools).toHaveLength(v.operations);
      const before = api.count;
      const result = await server.client.callTool({ name: v.tool, arguments: v.args });
      expect(result.isError).toBe(true);
      expect(text(result)).toContain(`${v.env}_API_KEY`);
      expect(api.count).toBe(before);
    } finally {
      await server.close();
    }
  });

  describe("dynamic mode (--tools=dynamic)", () => {
    let server: Connected;
    beforeAll(async () => {
      server = await connect(bin, ["--tools=dynamic"], env());
    });
    afterAll(async () => {
      await server?.close();
    });

    it("lists three tools: list, describe and invoke an operation", async () => {
      const { tools } = await server.client.listTools();
      expect(tools.map((t) => t.name)).toEqual([
        "list_api_endpoints",
        "get_api_endpoint_schema",
        "invoke_api_endpoint",
      ]);
    });

    it("finds the operation by a word, describes it with its input schema, and calls it", async () => {
      const listed = await server.client.callTool({ name: "list_api_endpoints", arguments: { search: "message" } });
      const { operations } = JSON.parse(text(listed)) as { operations: { name: string; route: string }[] };
      expect(operations.map((o) => o.name)).toContain(v.tool);
      const none = await server.client.callTool({ name: "list_api_endpoints", arguments: { search: "zzz-no-such" } });
      expect(JSON.parse(text(none))).toEqual({ count: 0, operations: [] });

      const described = await server.client.callTool({ name: "get_api_endpoint_schema", arguments: { name: v.tool } });
      const schema = JSON.parse(text(described)) as { inputSchema: { properties: Record<string, unknown> } };
      expect(Object.keys(schema.inputSchema.properties)).toEqual(expect.arrayContaining(Object.keys(v.args)));

      const before = api.count;
      const result = await server.client.callTool({
        name: "invoke_api_endpoint",
        arguments: { name: v.tool, args: v.args },
      });
      expect(result.isError).toBeFalsy();
      expect(api.count).toBe(before + 1);
      expect(api.requests[before]?.url).toBe(v.path);
      expect(JSON.parse(api.requests[before]?.body ?? "")).toEqual(v.sent);
      expect(JSON.parse(text(result))).toMatchObject(v.answer);
    });

    it("an unknown operation and a wrong argument are isError results; nothing is sent", async () => {
      const before = api.count;
      const unknown = await server.client.callTool({
        name: "invoke_api_endpoint",
        arguments: { name: `${v.tool}s`, args: v.args },
      });
      expect(unknown.isError).toBe(true);
      expect(text(unknown)).toContain(v.tool); // "Did you mean ..."
      const invalid = await server.client.callTool({
        name: "invoke_api_endpoint",
        arguments: { name: v.tool, args: v.invalid },
      });
      expect(invalid.isError).toBe(true);
      expect(text(invalid)).toContain(v.invalidArg);
      expect(api.count).toBe(before);
    });

    it("a 401 is an isError result without the key", async () => {
      const wrongKey = `${v.key}-old`;
      const other = await connect(bin, ["--tools=dynamic"], env(wrongKey));
      try {
        const result = await other.client.callTool({
          name: "invoke_api_endpoint",
          arguments: { name: v.tool, args: v.args },
        });
        expect(result.isError).toBe(true);
        expect(errorDetail(result)).toMatchObject({ error: "AuthenticationError", status: 401 });
        expect(JSON.stringify(result)).not.toContain(wrongKey);
      } finally {
        await other.close();
      }
    });
  });

  it("--read-only and --tools=<namespace> filter the tools; an unknown namespace stops the server with a message", async () => {
    const readOnly = await connect(bin, ["--read-only"], env());
    const byNamespace = await connect(bin, [`--tools=${v.namespace}`], env());
    try {
      const reads = (await readOnly.client.listTools()).tools;
      const gets = (v.vendor === "salescaptain" ? salesDefinition : chatDefinition).operations.filter(
        (o) => o.method === "get" || o.method === "head",
      );
      expect(reads).toHaveLength(gets.length);
      expect(reads.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      const mine = (await byNamespace.client.listTools()).tools;
      expect(mine.map((t) => t.name)).toContain(v.tool);
      expect(mine.every((t) => t.name.startsWith(v.tool.split("_send")[0] as string))).toBe(true);
    } finally {
      await readOnly.close();
      await byNamespace.close();
    }
    await expect(connect(bin, ["--tools=nosuchthing"], env())).rejects.toThrow();
  });
});
