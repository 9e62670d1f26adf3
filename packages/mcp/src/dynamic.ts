import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { toolInputSchema } from "./call.js";
import { toolDescription, toolOutputSchema } from "./tool-list.js";
import type { ToolDefinition } from "./types.js";

/**
 * Dynamic mode: three tools instead of one per operation, for APIs too large to list in a model's
 * context. The agent searches the operations, reads one's input schema, then calls it.
 */
export const LIST = "list_api_endpoints";
/** Dynamic mode: the tool that gives one operation's input schema. */
export const DESCRIBE = "get_api_endpoint_schema";
/** Dynamic mode: the tool that calls one operation. */
export const INVOKE = "invoke_api_endpoint";

/** The three tools of dynamic mode (list, describe, invoke) for a vendor's tool table. */
export function dynamicTools(vendor: string, tools: readonly ToolDefinition[]): Tool[] {
  const namespaces = [...new Set(tools.map((t) => t.namespace))];
  return [
    {
      name: LIST,
      title: `List ${vendor} API operations`,
      description: `Lists the ${vendor} API operations (${tools.length}) this server can call, with a one-line summary each. Filter by words in the name, summary or route, and by namespace. Then call ${DESCRIBE} for an operation's arguments and ${INVOKE} to call it.`,
      inputSchema: {
        type: "object",
        properties: {
          search: {
            type: "string",
            description:
              "Words that must all appear in the operation's name, summary, description or route (any case).",
          },
          namespace: { type: "string", enum: namespaces, description: "Only the operations of this namespace." },
        },
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    {
      name: DESCRIBE,
      title: `Describe a ${vendor} API operation`,
      description: `The description and the input schema of one ${vendor} API operation (a name from ${LIST}): what ${INVOKE} takes as \`args\`.`,
      inputSchema: {
        type: "object",
        properties: { name: { type: "string", description: `The operation's name, as ${LIST} gives it.` } },
        required: ["name"],
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    {
      name: INVOKE,
      title: `Call a ${vendor} API operation`,
      description: `Calls one ${vendor} API operation with its arguments (see ${DESCRIBE} for their schema). The arguments are checked before anything is sent; a POST is sent at most once.`,
      inputSchema: {
        type: "object",
        properties: {
          name: { type: "string", description: `The operation's name, as ${LIST} gives it.` },
          args: { type: "object", description: `The operation's arguments, as its ${DESCRIBE} input schema says.` },
        },
        required: ["name"],
      },
      annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
    },
  ];
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .find((l) => l.trim())
      ?.trim() ?? ""
  );
}

/** list_api_endpoints */
export function listOperations(tools: readonly ToolDefinition[], args: Record<string, unknown>): CallToolResult {
  const words =
    typeof args.search === "string"
      ? args.search
          .toLowerCase()
          .split(/\s+/)
          .filter((w) => w)
      : [];
  const namespace = typeof args.namespace === "string" ? args.namespace : undefined;
  const found = tools.filter((t) => {
    if (namespace && t.namespace !== namespace && t.name.split("_")[0] !== namespace) return false;
    const hay = `${t.name} ${t.namespace} ${t.method} ${t.title ?? ""} ${t.description} ${t.path}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const operations = found.map((t) => ({
    name: t.name,
    summary: t.title ?? firstLine(t.description),
    route: `${t.httpMethod.toUpperCase()} ${t.path}`,
    ...(t.paginated ? { paginated: true } : {}),
  }));
  return { content: [{ type: "text", text: JSON.stringify({ count: operations.length, operations }) }] };
}

/** get_api_endpoint_schema */
export function describeOperation(tool: ToolDefinition): CallToolResult {
  const output = toolOutputSchema(tool);
  const text = JSON.stringify({
    name: tool.name,
    route: `${tool.httpMethod.toUpperCase()} ${tool.path}`,
    description: toolDescription(tool),
    inputSchema: toolInputSchema(tool),
    ...(output ? { outputSchema: output } : {}),
  });
  return { content: [{ type: "text", text }] };
}

/** An unknown operation name: the closest names, so the agent can correct itself. */
export function unknownOperation(name: unknown, tools: readonly ToolDefinition[]): CallToolResult {
  const wanted = typeof name === "string" ? name.toLowerCase() : "";
  const parts = wanted.split(/[_\s.]+/).filter(Boolean);
  const close = tools
    .map((t) => ({ t, score: parts.filter((p) => t.name.includes(p)).length }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5)
    .map((x) => x.t.name);
  return {
    isError: true,
    content: [
      {
        type: "text",
        text: `Unknown operation ${JSON.stringify(name)}.${close.length ? ` Did you mean: ${close.join(", ")}?` : ""} Call ${LIST} for the names.`,
      },
    ],
  };
}
