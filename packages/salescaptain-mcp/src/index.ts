import { createMcpServer, runStdioServer, type ServerOptions, type VendorMcpConfig } from "@captain-sdk/mcp";
import { createSalesCaptainClient } from "@captain-sdk/salescaptain";
import pkg from "../package.json" with { type: "json" };
import { tools } from "./generated/tools.js";

/** The SalesCaptain MCP server: the generated tool table, called through the SalesCaptain SDK. */
export const config: VendorMcpConfig = {
  name: "salescaptain-mcp",
  version: pkg.version,
  vendor: "SalesCaptain",
  envPrefix: "SALESCAPTAIN",
  tools,
  createClient: ({ logger }) => createSalesCaptainClient({ logger }),
};

/** The server, not yet connected (to embed it, or to connect another transport). */
export function createSalesCaptainMcpServer(options: Partial<ServerOptions> = {}) {
  return createMcpServer(config, { mode: "static", readOnly: false, ...options });
}

/** What the bin runs: `salescaptain-mcp [--tools=dynamic|<namespace>,...] [--read-only]` on stdio. */
export function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  return runStdioServer(config, argv);
}

export { tools };
