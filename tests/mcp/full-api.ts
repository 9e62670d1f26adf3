import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Table } from "../../scripts/lib/build-table.js";
import { toolTable } from "../../scripts/lib/emit-mcp.js";
import { generateVendor } from "../../scripts/lib/pipeline.js";
import { extractSpecs } from "../../scripts/lib/sync/extract-spec.js";
import { mergeSpecs } from "../../scripts/lib/sync/merge-specs.js";
import { vendorFor } from "../../scripts/lib/vendors.js";
import { ROOT } from "../helpers/prism.js";

/**
 * The vendors' whole APIs (the whole-api fixture: SalesCaptain's openapi.json, ChatCaptain's 42 docs
 * pages merged as `pnpm sync-specs` merges them, with the vendor's overlay) turned into an MCP
 * server the way a generated package is: the generator's table and emit-mcp's tool rows, bound to
 * the packed `@captain-sdk/core` and `@captain-sdk/mcp` by the same few lines as the template's
 * `src/index.ts`.
 */

const FIXTURES = join(ROOT, "tests", "whole-api", "fixtures");
const DISPLAY = { salescaptain: "SalesCaptain", chatcaptain: "ChatCaptain" } as const;
export type FullVendor = keyof typeof DISPLAY;

/** The vendor's whole spec as a file in `dir`. */
function fullSpec(vendor: FullVendor, dir: string): string {
  if (vendor === "salescaptain") return join(FIXTURES, "salescaptain", "api-reference", "openapi.json");
  const manifest = JSON.parse(readFileSync(join(FIXTURES, "manifest.json"), "utf8")) as {
    chatcaptain: { pages: string[] };
  };
  const blocks = manifest.chatcaptain.pages.flatMap((page) =>
    extractSpecs(
      readFileSync(join(FIXTURES, "chatcaptain", "api", "api-dokumentation", `${page}.md`), "utf8"),
      "markdown",
    ).map((spec) => ({ location: page, label: page, spec })),
  );
  const file = join(dir, "chatcaptain.json");
  writeFileSync(file, JSON.stringify(mergeSpecs(blocks).value));
  return file;
}

const serverScript = (vendor: FullVendor) => `import { readFileSync } from "node:fs";
import { createCaptainClient } from "@captain-sdk/core";
import { runStdioServer } from "@captain-sdk/mcp";
const read = (file) => JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8"));
const definition = read("./definition.json");
const envPrefix = "${vendor.toUpperCase()}";
runStdioServer({
  name: "${vendor}-full-mcp",
  version: "0.0.0",
  vendor: "${DISPLAY[vendor]}",
  envPrefix,
  tools: read("./tools.json"),
  createClient: ({ logger }) => createCaptainClient(definition, { name: "${DISPLAY[vendor]}", envPrefix }, { logger }),
});
`;

/** Writes `<project>/<vendor>-full/server.mjs` (with its definition and tools); returns it and the table. */
export async function writeFullApiServer(
  vendor: FullVendor,
  project: string,
): Promise<{ server: string; table: Table; tools: Record<string, unknown>[] }> {
  const dir = join(project, `${vendor}-full`);
  mkdirSync(dir, { recursive: true });
  const v = vendorFor(vendor, fullSpec(vendor, dir), dir);
  const overlay = join(ROOT, "specs", "overlays", `${vendor}.yaml`);
  if (vendor === "chatcaptain") v.overlayFile = overlay;
  const { doc, table } = await generateVendor(v);
  const tools = toolTable(doc, table);
  writeFileSync(join(dir, "definition.json"), JSON.stringify(table));
  writeFileSync(join(dir, "tools.json"), JSON.stringify(tools));
  const server = join(dir, "server.mjs");
  writeFileSync(server, serverScript(vendor));
  return { server, table, tools };
}
