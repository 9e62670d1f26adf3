import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { isReadOnly } from "./args.js";
import { DEFAULT_MAX_ITEMS, PAGE_WALK_OUTPUT_SCHEMA, toolInputSchema } from "./call.js";
import type { ToolDefinition } from "./types.js";

/** What the agent reads about a tool: the spec's words, then what the server adds to them. */
export function toolDescription(tool: ToolDefinition): string {
  const notes: string[] = [];
  if (tool.deprecated) notes.push("Deprecated by the API.");
  if (tool.paginated) {
    notes.push(
      `Walks the pages for you: returns up to \`max_items\` items (default ${DEFAULT_MAX_ITEMS}) and whether more remain.`,
    );
  }
  if (tool.httpMethod === "post" || tool.httpMethod === "patch") {
    notes.push("Sent at most once: not retried once the request may have reached the API.");
  }
  return notes.length ? `${tool.description}\n\n${notes.join(" ")}` : tool.description;
}

/** The result schema a client validates structured content against, if the tool has one. */
export function toolOutputSchema(tool: ToolDefinition): Tool["outputSchema"] {
  return tool.paginated ? PAGE_WALK_OUTPUT_SCHEMA : tool.outputSchema;
}

/** A tool definition as `tools/list` serves it, with MCP's behaviour hints from the HTTP method. */
export function listedTool(tool: ToolDefinition): Tool {
  const output = toolOutputSchema(tool);
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: toolDescription(tool),
    inputSchema: toolInputSchema(tool),
    ...(output ? { outputSchema: output } : {}),
    annotations: {
      ...(tool.title ? { title: tool.title } : {}),
      readOnlyHint: isReadOnly(tool.httpMethod),
      destructiveHint: tool.httpMethod === "delete",
      idempotentHint: ["get", "head", "put", "delete", "options"].includes(tool.httpMethod),
      openWorldHint: true,
    },
  };
}
