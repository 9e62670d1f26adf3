import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { parseServerArgs, selectTools, USAGE, UsageError } from "./args.js";
import { createMcpServer } from "./server.js";
import type { VendorMcpConfig } from "./types.js";

/**
 * The vendor MCP server's command: parses the options, serves on stdio until the client closes
 * it. Only protocol messages go to stdout; a usage problem or a missing key is said on stderr.
 */
export async function runStdioServer(
  config: VendorMcpConfig,
  argv: readonly string[] = process.argv.slice(2),
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.error(
      `${config.name} ${config.version}: an MCP server for the ${config.vendor} API, on stdio.\nenvironment: ${config.envPrefix}_API_KEY (required), ${config.envPrefix}_BASE_URL, ${config.envPrefix}_LOG\n${USAGE}`,
    );
    return;
  }
  let options: ReturnType<typeof parseServerArgs>;
  try {
    options = parseServerArgs(argv, config.tools);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${config.name}: ${error.message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (!env[`${config.envPrefix}_API_KEY`]?.trim()) {
    console.error(`${config.name}: ${config.envPrefix}_API_KEY is not set: every tool call will fail until it is.`);
  }
  const server = createMcpServer(config, options, env);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  const count = selectTools(config.tools, options).length;
  console.error(
    `${config.name} ${config.version} on stdio: ${options.mode === "dynamic" ? `3 dynamic tools over ${count} operations` : `${count} tools`}${options.readOnly ? " (read-only)" : ""}`,
  );
}
