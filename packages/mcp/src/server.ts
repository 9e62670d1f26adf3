import type { Logger } from "@captain-sdk/core";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { selectTools } from "./args.js";
import { callTool } from "./call.js";
import {
  DESCRIBE,
  describeOperation,
  dynamicTools,
  INVOKE,
  LIST,
  listOperations,
  unknownOperation,
} from "./dynamic.js";
import { redactor } from "./results.js";
import { listedTool } from "./tool-list.js";
import type { ServerOptions, ToolDefinition, VendorMcpConfig } from "./types.js";

type Env = Record<string, string | undefined>;

/** A logger for the SDK that writes to stderr: stdout carries protocol messages only. */
export const stderrLogger: Logger = {
  debug: (message, ...data) => console.error(message, ...data),
  info: (message, ...data) => console.error(message, ...data),
  warn: (message, ...data) => console.error(message, ...data),
  error: (message, ...data) => console.error(message, ...data),
};

/**
 * The vendor's MCP server (not yet connected): the tools the options select, served from the
 * operation table's JSON Schemas through the SDK's low-level handlers, each call going through the
 * vendor SDK. The key is read from the environment by the SDK; it is never a tool argument, and
 * every result is scrubbed of it.
 */
export function createMcpServer(
  config: VendorMcpConfig,
  options: ServerOptions = { mode: "static", readOnly: false },
  env: Env = process.env,
): Server {
  const tools = selectTools(config.tools, options);
  const byName = new Map(tools.map((t) => [t.name, t]));
  const scrub = redactor([env[`${config.envPrefix}_API_KEY`]?.trim() ?? ""]);

  let client: unknown;
  const getClient = (): unknown => {
    client ??= config.createClient({ logger: stderrLogger });
    return client;
  };

  const listed: Tool[] = options.mode === "dynamic" ? dynamicTools(config.vendor, tools) : tools.map(listedTool);

  const server = new Server(
    { name: config.name, version: config.version, title: `${config.vendor} API` },
    {
      capabilities: { tools: {} },
      instructions:
        options.mode === "dynamic"
          ? `Calls the ${config.vendor} API. Find an operation with ${LIST}, read its arguments with ${DESCRIBE}, call it with ${INVOKE}.`
          : `Calls the ${config.vendor} API: one tool per operation. Arguments are checked before anything is sent; sends are never repeated automatically.`,
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args } = request.params;
    const result = await dispatch(name, args ?? {}, extra.signal);
    return scrubResult(result, scrub);
  });

  async function dispatch(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    if (options.mode === "dynamic") {
      if (name === LIST) return listOperations(tools, args);
      if (name === DESCRIBE || name === INVOKE) {
        const tool = byName.get(String(args.name));
        if (!tool) return unknownOperation(args.name, tools);
        if (name === DESCRIBE) return describeOperation(tool);
        return invoke(tool, args.args, signal);
      }
    } else {
      const tool = byName.get(name);
      if (tool) return invoke(tool, args, signal);
    }
    return { isError: true, content: [{ type: "text", text: `Unknown tool ${JSON.stringify(name)}.` }] };
  }

  async function invoke(tool: ToolDefinition, args: unknown, signal: AbortSignal): Promise<CallToolResult> {
    return callTool(tool, getClient, args, signal);
  }

  return server;
}

/** The result as the client will see it, with every form of the key replaced by `***`. */
function scrubResult(result: CallToolResult, scrub: (text: string) => string): CallToolResult {
  const text = JSON.stringify(result);
  const clean = scrub(text);
  if (clean === text) return result;
  try {
    return JSON.parse(clean) as CallToolResult;
  } catch {
    // A key with JSON-special characters cut an escape apart: say nothing rather than risk a leak.
    return { isError: true, content: [{ type: "text", text: "The result held the API key and was withheld." }] };
  }
}
