import type { ServerOptions, ToolDefinition } from "./types.js";

/** A bad command line: the message says what is wrong and what is allowed. */
export class UsageError extends Error {
  /** The class's name, as `toString()` shows it. */
  override name = "UsageError";
}

/** The command-line help text. */
export const USAGE = `options:
  --tools=dynamic          three tools (list, describe, call an operation) instead of one per operation
  --tools=<ns>[,<ns>...]   only the operations of these namespaces (combine with dynamic: --tools=dynamic,<ns>)
  --read-only              only operations that read (GET)
  --help                   this text`;

/**
 * The server's command line: `--tools=dynamic`, `--tools=<namespace>,...` (repeatable, or
 * `--tools <list>`), `--read-only`. Unknown options and unknown namespaces are a UsageError.
 */
export function parseServerArgs(argv: readonly string[], tools: readonly ToolDefinition[]): ServerOptions {
  const options: { mode: "static" | "dynamic"; namespaces: string[]; readOnly: boolean } = {
    mode: "static",
    namespaces: [],
    readOnly: false,
  };
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--read-only") options.readOnly = true;
    else if (arg.startsWith("--tools=")) values.push(arg.slice("--tools=".length));
    else if (arg === "--tools") {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new UsageError("--tools needs a value");
      values.push(next);
    } else throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
  }
  const known = new Map<string, string>();
  for (const tool of tools) {
    known.set(normalize(tool.namespace), tool.namespace);
  }
  for (const entry of values.flatMap((v) => v.split(",")).map((v) => v.trim())) {
    if (entry === "" || entry === "all") continue;
    if (entry === "dynamic") {
      options.mode = "dynamic";
      continue;
    }
    const namespace = known.get(normalize(entry));
    if (!namespace) {
      throw new UsageError(
        `unknown namespace ${JSON.stringify(entry)} in --tools; known: ${[...new Set(known.values())].map(snake).join(", ")}, or dynamic`,
      );
    }
    if (!options.namespaces.includes(namespace)) options.namespaces.push(namespace);
  }
  return {
    mode: options.mode,
    readOnly: options.readOnly,
    ...(options.namespaces.length ? { namespaces: options.namespaces } : {}),
  };
}

/** `inboxMessages`, `inbox_messages` and `inbox-messages` name the same namespace. */
function normalize(name: string): string {
  return name.replace(/[-_]/g, "").toLowerCase();
}

/** A name in snake case (`sendMessage` -> `send_message`), as tool names are written. */
export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** The tools the options select: by namespace, and only GET/HEAD when read-only. */
export function selectTools(tools: readonly ToolDefinition[], options: ServerOptions): ToolDefinition[] {
  return tools.filter(
    (t) =>
      (!options.namespaces || options.namespaces.includes(t.namespace)) &&
      (!options.readOnly || isReadOnly(t.httpMethod)),
  );
}

/** True for GET and HEAD: the operations `--read-only` keeps. */
export function isReadOnly(httpMethod: string): boolean {
  return httpMethod === "get" || httpMethod === "head";
}
