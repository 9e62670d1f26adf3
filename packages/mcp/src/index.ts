export { isReadOnly, parseServerArgs, selectTools, snake, USAGE, UsageError } from "./args.js";
export { callTool, DEFAULT_MAX_ITEMS, MAX_ITEMS, MAX_MAX_ITEMS, toolInputSchema } from "./call.js";
export { DESCRIBE, dynamicTools, INVOKE, LIST } from "./dynamic.js";
export { errorResult, redactor, successResult, vendorMessage } from "./results.js";
export { createMcpServer, stderrLogger } from "./server.js";
export { runStdioServer } from "./stdio.js";
export { listedTool, toolDescription, toolOutputSchema } from "./tool-list.js";
export type { JsonSchema, ServerOptions, ToolDefinition, VendorMcpConfig } from "./types.js";
