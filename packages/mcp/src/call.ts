import { ValidationError } from "@captain-sdk/core";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { errorResult, successResult } from "./results.js";
import type { ToolDefinition } from "./types.js";

/** The argument of a paginated tool that caps the walk; it never reaches the SDK. */
export const MAX_ITEMS = "max_items";
/** Items a paginated tool returns when the agent gives no `max_items`. */
export const DEFAULT_MAX_ITEMS = 50;
/** The largest `max_items` a paginated tool accepts. */
export const MAX_MAX_ITEMS = 1_000;

export const MAX_ITEMS_SCHEMA = {
  type: "integer",
  minimum: 1,
  maximum: MAX_MAX_ITEMS,
  description: `How many items to return at most, walking as many pages as that takes (default ${DEFAULT_MAX_ITEMS}). The result says whether more remain.`,
};

/** The result shape of a paginated tool. */
export const PAGE_WALK_OUTPUT_SCHEMA = {
  type: "object" as const,
  properties: {
    items: { type: "array", description: "The items, in the order the API listed them." },
    count: { type: "integer" },
    more: { type: "boolean", description: "True when the list goes on after these items." },
  },
  required: ["items", "count", "more"],
};

type Method = (args: Record<string, unknown>, options: { signal?: AbortSignal }) => unknown;

/** A paginated tool takes `max_items`, unless the operation has an argument of that name itself. */
function capsWalk(tool: ToolDefinition): boolean {
  return tool.paginated === true && !Object.hasOwn((tool.inputSchema.properties ?? {}) as object, MAX_ITEMS);
}

/** The input schema the tool shows: the table's, plus `max_items` for a list the SDK pages. */
export function toolInputSchema(tool: ToolDefinition): ToolDefinition["inputSchema"] {
  if (!capsWalk(tool)) return tool.inputSchema;
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, unknown>;
  return { ...tool.inputSchema, properties: { ...properties, [MAX_ITEMS]: MAX_ITEMS_SCHEMA } };
}

/**
 * Calls the tool's SDK method with the agent's arguments: the SDK validates them (a
 * ValidationError before any request), sends with its auth, timeouts and safe retries (a POST is
 * never resent once the server may have seen it), and throws typed errors, which become
 * `isError` results here. A paginated list is walked up to `max_items`.
 */
export async function callTool(
  tool: ToolDefinition,
  getClient: () => unknown,
  rawArgs: unknown,
  signal: AbortSignal | undefined,
): Promise<CallToolResult> {
  const label = `${tool.namespace}.${tool.method}`;
  try {
    if (rawArgs !== undefined && (rawArgs === null || typeof rawArgs !== "object" || Array.isArray(rawArgs))) {
      throw new ValidationError(label, [{ path: "", message: "arguments must be an object" }]);
    }
    const args: Record<string, unknown> = { ...(rawArgs as Record<string, unknown> | undefined) };
    let maxItems = DEFAULT_MAX_ITEMS;
    if (capsWalk(tool) && MAX_ITEMS in args) {
      const value = args[MAX_ITEMS];
      delete args[MAX_ITEMS];
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_MAX_ITEMS) {
        throw new ValidationError(label, [
          { path: MAX_ITEMS, message: `must be an integer from 1 to ${MAX_MAX_ITEMS}` },
        ]);
      }
      maxItems = value;
    }
    const client = getClient();
    const namespace = (client as Record<string, Record<string, unknown> | undefined>)[tool.namespace];
    const method = namespace?.[tool.method];
    if (typeof method !== "function") throw new Error(`the SDK has no method ${label}`);
    const call = (method as Method).call(namespace, args, signal ? { signal } : {});
    if (tool.paginated && isAsyncIterable(call)) return await walk(call, maxItems, tool.httpMethod);
    return successResult(await call, tool.outputSchema !== undefined);
  } catch (error) {
    return errorResult(error, tool.httpMethod);
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value !== null && typeof value === "object" && Symbol.asyncIterator in value;
}

/**
 * Every item of every page, through the SDK's walk (its page guards included), until `maxItems`;
 * one item past the cap says whether more remain. Leaving the loop ends the walk cleanly. A walk
 * that fails part way reports the items it had.
 */
async function walk(call: AsyncIterable<unknown>, maxItems: number, httpMethod: string): Promise<CallToolResult> {
  const items: unknown[] = [];
  let more = false;
  try {
    for await (const item of call) {
      if (items.length === maxItems) {
        more = true;
        break;
      }
      items.push(item);
    }
  } catch (error) {
    if (items.length === 0) throw error;
    return errorResult(error, httpMethod, { itemsBeforeTheError: items, count: items.length });
  }
  const result = { items, count: items.length, more };
  return successResult(result, true);
}
