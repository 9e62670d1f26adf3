import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { inject } from "vitest";
import { type Loopback, type Received, sendJson, startLoopback } from "../helpers/loopback.js";

/** Obviously fake keys: the tests look for them in everything the server hands back. */
export const SALES_KEY = "test-key-sales-5678";
export const CHAT_KEY = "test-key-chat-1234";
export const COMPANY = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
export const CONVERSATION = "b2c3d4e5-f6a7-8901-bcde-f12345678901";

export interface Connected {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Protocol errors the client saw (a stray line on stdout is one). */
  errors: Error[];
  close(): Promise<void>;
}

/**
 * Starts an installed bin of the temp project as an MCP client does: a child process on stdio,
 * through the MCP SDK's StdioClientTransport, with the key and base URL passed in `env` (the
 * transport passes only a handful of variables on by itself).
 */
export async function connect(bin: string, args: string[], env: Record<string, string>): Promise<Connected> {
  const project = inject("mcpProject");
  return connectCommand(join(project, "node_modules", ".bin", bin), args, env, project);
}

export async function connectCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<Connected> {
  const transport = new StdioClientTransport({ command, args, env, stderr: "pipe", cwd });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const errors: Error[] = [];
  const client = new Client({ name: "captain-mcp-test", version: "0.0.0" });
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    errors,
    close: () => client.close(),
  };
}

/** A tool call's text content, joined. */
export function text(result: unknown): string {
  const r = result as CallToolResult;
  return r.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

/** The JSON line of an error result (the line after the summary). */
export function errorDetail(result: unknown): Record<string, unknown> {
  const lines = text(result).split("\n");
  return JSON.parse(lines[lines.length - 1] as string) as Record<string, unknown>;
}

/**
 * Both vendors' send endpoints on loopback, checking the key as the real APIs do. A wrong key gets
 * a 401 that echoes the key it was sent (so a leak would show) with a request id; a message text
 * `drop` is read in full and then the connection is cut (the send may have happened).
 */
export async function fakeVendors(): Promise<Loopback> {
  return startLoopback((r: Received, res: ServerResponse) => {
    const chat = /^\/v1\/inbox\/([^/]+)\/messages$/.exec(r.url);
    const sales = /^\/v1\/send-message\/([^/]+)\/([^/]+)$/.exec(r.url);
    if (r.method !== "POST" || !(chat || sales)) return sendJson(res, 404, { message: "not found" });
    const presented = chat ? String(r.headers["x-chatcaptain-key"] ?? "") : String(r.headers.authorization ?? "");
    const ok = chat ? presented === CHAT_KEY : presented === `Bearer ${SALES_KEY}`;
    if (!ok) {
      return sendJson(
        res,
        401,
        { error: "Unauthorized", message: `Invalid API key: ${presented}` },
        { "x-request-id": `req_${r.n}` },
      );
    }
    const body = JSON.parse(r.body || "{}") as Record<string, unknown>;
    if (body.text === "drop" || body.message_body === "drop") {
      res.socket?.destroy();
      return;
    }
    if (chat) {
      return sendJson(res, 201, {
        message: {
          id: `m_${r.n}`,
          sender: "agent",
          type: "text",
          status: "sent",
          outgoing: true,
          content: { text: body.text },
          tags: [],
        },
      });
    }
    return sendJson(res, 200, {
      message: "Message sent successfully!",
      data: { conversation_id: decodeURIComponent(sales?.[2] ?? ""), body: body.message_body, is_me: true },
    });
  });
}
