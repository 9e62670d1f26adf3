import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGES_DIR } from "./repo.js";
import { formatted, type VendorPackageSpec } from "./vendor-template.js";

/**
 * The files of a vendor's MCP server package, `packages/<vendor>-mcp` (`@captain-sdk/<vendor>-mcp`),
 * everything but `src/generated/tools.ts` (which the generator writes): a config binding the
 * generated tool table to the vendor's SDK client, a bin, a README. Nothing per operation.
 */
export function mcpPackageFiles(spec: VendorPackageSpec): Map<string, string> {
  const { name, displayName } = spec;
  const env = name.toUpperCase().replace(/[^A-Z0-9]/g, "_");
  const files = new Map<string, string>();
  const pkg = {
    name: `@captain-sdk/${name}-mcp`,
    version: "0.1.0",
    description: `MCP server for the ${displayName} API: one tool per operation (or three dynamic tools), calling through @captain-sdk/${name}.`,
    keywords: [name, "mcp", "model-context-protocol", "mcp-server", "ai-agents"],
    license: "MIT",
    repository: {
      type: "git",
      url: "git+https://github.com/captain-sdk/captain-sdks.git",
      directory: `packages/${name}-mcp`,
    },
    type: "module",
    sideEffects: false,
    engines: { node: ">=20" },
    bin: { [`${name}-mcp`]: "./dist/bin.js" },
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.cts",
    exports: {
      ".": {
        import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
        require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
      },
      "./package.json": "./package.json",
    },
    files: ["dist", "README.md"],
    scripts: { build: "tsup", typecheck: "tsc --noEmit" },
    tsup: {
      entry: ["src/index.ts", "src/bin.ts"],
      format: ["esm", "cjs"],
      dts: { entry: "src/index.ts" },
      clean: true,
      sourcemap: true,
      target: "es2022",
    },
    dependencies: { [`@captain-sdk/${name}`]: "workspace:^", "@captain-sdk/mcp": "workspace:^" },
    publishConfig: { access: "public", provenance: true },
  };
  files.set("package.json", `${JSON.stringify(pkg, null, 2)}\n`);
  files.set(
    "tsconfig.json",
    `${JSON.stringify({ extends: "../../tsconfig.base.json", compilerOptions: { types: ["node"] }, include: ["src"] }, null, 2)}\n`,
  );
  files.set(
    "src/index.ts",
    `import { createMcpServer, runStdioServer, type ServerOptions, type VendorMcpConfig } from "@captain-sdk/mcp";
import { create${displayName}Client } from "@captain-sdk/${name}";
import pkg from "../package.json" with { type: "json" };
import { tools } from "./generated/tools.js";

/** The ${displayName} MCP server: the generated tool table, called through the ${displayName} SDK. */
export const config: VendorMcpConfig = {
  name: "${name}-mcp",
  version: pkg.version,
  vendor: "${displayName}",
  envPrefix: "${env}",
  tools,
  createClient: ({ logger }) => create${displayName}Client({ logger }),
};

/** The server, not yet connected (to embed it, or to connect another transport). */
export function create${displayName}McpServer(options: Partial<ServerOptions> = {}) {
  return createMcpServer(config, { mode: "static", readOnly: false, ...options });
}

/** What the bin runs: \`${name}-mcp [--tools=dynamic|<namespace>,...] [--read-only]\` on stdio. */
export function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  return runStdioServer(config, argv);
}

export { tools };
`,
  );
  files.set(
    "src/bin.ts",
    `#!/usr/bin/env node
import { main } from "./index.js";

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
`,
  );
  files.set("README.md", mcpReadme(spec, env));
  return files;
}

const REPO = "https://github.com/captain-sdk/captain-sdks";

function mcpReadme(spec: VendorPackageSpec, env: string): string {
  const { name, displayName } = spec;
  return `# @captain-sdk/${name}-mcp

An [MCP](https://modelcontextprotocol.io) server for the ${displayName} API, generated from its
OpenAPI spec by [Captain SDKs](${REPO}#readme). Every tool calls through
[\`@captain-sdk/${name}\`](https://www.npmjs.com/package/@captain-sdk/${name}), so an agent gets the
SDK's validation (a wrong argument is named before anything is sent), its safe retries (a POST is
never sent twice) and its redaction (the key is never in a result or a log).

\`\`\`sh
${env}_API_KEY=... npx -y @captain-sdk/${name}-mcp            # one tool per operation, on stdio
npx -y @captain-sdk/${name}-mcp --tools=dynamic               # three tools: list, describe, call an operation
npx -y @captain-sdk/${name}-mcp --tools=<namespace>,... --read-only
\`\`\`

Environment: \`${env}_API_KEY\` (required; never a tool argument), \`${env}_BASE_URL\`,
\`${env}_LOG\`. A list operation's tool takes \`max_items\` and walks the pages for the agent.

Claude Desktop (\`claude_desktop_config.json\`), Cursor (\`.cursor/mcp.json\`):

\`\`\`json
{
  "mcpServers": {
    "${name}": {
      "command": "npx",
      "args": ["-y", "@captain-sdk/${name}-mcp"],
      "env": { "${env}_API_KEY": "<your key>" }
    }
  }
}
\`\`\`

VS Code (\`.vscode/mcp.json\`):

\`\`\`json
{
  "inputs": [{ "type": "promptString", "id": "${name}-key", "description": "${displayName} API key", "password": true }],
  "servers": {
    "${name}": {
      "type": "stdio",
      "command": "npx",
      "args": ["-y", "@captain-sdk/${name}-mcp"],
      "env": { "${env}_API_KEY": "\${input:${name}-key}" }
    }
  }
}
\`\`\`

Which mode fits which client, errors and an example conversation: see the
[Captain SDKs README](${REPO}#mcp-servers). This package is generated; its code is never edited by hand.
`;
}

/** Writes the MCP package of a vendor; refuses to overwrite an existing one. */
export function writeMcpPackage(spec: VendorPackageSpec, packagesDir = PACKAGES_DIR): string {
  const dir = join(packagesDir, `${spec.name}-mcp`);
  if (existsSync(dir)) throw new Error(`packages/${spec.name}-mcp already exists`);
  for (const [file, text] of mcpPackageFiles(spec)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), formatted(`packages/${spec.name}-mcp/${file}`, text));
  }
  return dir;
}
