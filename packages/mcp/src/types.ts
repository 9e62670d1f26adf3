import type { Logger } from "@captain-sdk/core";

/** A JSON Schema object (2020-12 keywords), self-contained: shared schemas sit under its `$defs`. */
export type JsonSchema = { [key: string]: unknown };

/** One operation of the spec as an MCP tool: a row of a vendor MCP package's generated `tools.ts`. */
export interface ToolDefinition {
  /** `<namespace>_<method>` in snake case, at most 64 characters, unique in the table. */
  name: string;
  /** The operation's summary, when the spec gives one. */
  title?: string;
  /** Summary, description and route of the operation. */
  description: string;
  /** The SDK method: `client[namespace][method](args)`. */
  namespace: string;
  /** The SDK method's name within its namespace. */
  method: string;
  /** The HTTP method, lower case (`get`, `post`, ...): read-only and retry hints come from it. */
  httpMethod: string;
  /** The path template, as in the spec. */
  path: string;
  /** The arguments as the SDK method takes them: one object, parameters and body fields side by side. */
  inputSchema: JsonSchema & {
    /** Always an object. */
    type: "object";
  };
  /** The success body's shape, when the spec gives an object schema: the result's structured content. */
  outputSchema?: JsonSchema & {
    /** Always an object. */
    type: "object";
  };
  /** A list operation the SDK pages: the tool takes `max_items` and walks the pages. */
  paginated?: boolean;
  /** The spec marks the operation deprecated. */
  deprecated?: boolean;
}

/** What a vendor MCP package hands the runtime. */
export interface VendorMcpConfig {
  /** The server's name in the MCP handshake: `salescaptain-mcp`. */
  name: string;
  /** The server's version in the MCP handshake (the package's version). */
  version: string;
  /** The vendor's display name: `SalesCaptain`. */
  vendor: string;
  /** Prefix of the vendor's environment variables: `SALESCAPTAIN` (`SALESCAPTAIN_API_KEY`, ...). */
  envPrefix: string;
  /** Every operation as a tool. */
  tools: readonly ToolDefinition[];
  /**
   * Creates the SDK client (the key and base URL come from the environment). Called on the first
   * tool call, so that a missing key is a tool error the agent can report, not a dead server.
   */
  createClient(options: { logger: Logger }): unknown;
}

/** How the server exposes the tools. */
export interface ServerOptions {
  /** "static": one tool per operation; "dynamic": three tools that list, describe and call operations. */
  mode: "static" | "dynamic";
  /** Only the operations of these namespaces (as in the tool names' first part or the SDK's namespace). */
  namespaces?: readonly string[];
  /** Only operations that read (GET and HEAD). */
  readOnly: boolean;
}
