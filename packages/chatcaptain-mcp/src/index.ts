import { createChatCaptainClient } from "@captain-sdk/chatcaptain";
import { createMcpServer, runStdioServer, type ServerOptions, type VendorMcpConfig } from "@captain-sdk/mcp";
import pkg from "../package.json" with { type: "json" };
import { tools } from "./generated/tools.js";

/** The ChatCaptain MCP server: the generated tool table, called through the ChatCaptain SDK. */
export const config: VendorMcpConfig = {
  name: "chatcaptain-mcp",
  version: pkg.version,
  vendor: "ChatCaptain",
  envPrefix: "CHATCAPTAIN",
  tools,
  createClient: ({ logger }) => createChatCaptainClient({ logger }),
};

/** The server, not yet connected (to embed it, or to connect another transport). */
export function createChatCaptainMcpServer(options: Partial<ServerOptions> = {}) {
  return createMcpServer(config, { mode: "static", readOnly: false, ...options });
}

/** What the bin runs: `chatcaptain-mcp [--tools=dynamic|<namespace>,...] [--read-only]` on stdio. */
export function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  return runStdioServer(config, argv);
}

export { tools };
