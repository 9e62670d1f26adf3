import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";
import { emitTools, MAX_TOOL_NAME, snakeCase, toolNames, toolTable } from "../../scripts/lib/emit-mcp.js";
import { mcpPackageFiles } from "../../scripts/lib/mcp-template.js";
import { generateVendor } from "../../scripts/lib/pipeline.js";
import { formatted } from "../../scripts/lib/vendor-template.js";
import { discoverVendors, vendorFor } from "../../scripts/lib/vendors.js";
import { ROOT } from "../helpers/prism.js";

/** The generator's MCP step: names, input schemas as the SDK takes them, the committed output and template. */

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("tool names", () => {
  it("are <namespace>_<method> in snake case", () => {
    expect(snakeCase("inboxMessages")).toBe("inbox_messages");
    expect(snakeCase("getHTTPStatus")).toBe("get_http_status");
    expect(toolNames([{ namespace: "inboxMessages", name: "sendMessage" }])).toEqual(["inbox_messages_send_message"]);
  });

  it("stay within 64 characters and unique, with a stable hash where they would not", () => {
    const ops = [
      { namespace: "fooBar", name: "list" },
      { namespace: "foo_bar", name: "list" },
      { namespace: "chatbotKnowledgeSourceManagement", name: "updateKnowledgeSourceCrawlerConfigurationForChatbot" },
    ];
    const names = toolNames(ops);
    expect(new Set(names).size).toBe(3);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(MAX_TOOL_NAME);
      expect(n).toMatch(/^[a-z0-9_]+$/);
    }
    expect(names[0]).toMatch(/^foo_bar_list_[0-9a-f]{8}$/);
    expect(toolNames(ops)).toEqual(names);
  });
});

describe("input schemas", () => {
  it("put parameters and a merged body's properties side by side, and a non-object body under `body`", async () => {
    const dir = mkdtempSync(join(tmpdir(), "captain-mcp-gen-"));
    temps.push(dir);
    const spec = {
      openapi: "3.0.3",
      info: { title: "Acme", version: "1" },
      servers: [{ url: "https://api.acme.test" }],
      paths: {
        "/tickets/{ticketId}/notes": {
          post: {
            operationId: "addNote",
            tags: ["notes"],
            summary: "Add a note",
            parameters: [
              { name: "ticketId", in: "path", required: true, description: "The ticket", schema: { type: "string" } },
              { name: "X-Trace", in: "header", schema: { type: "string", nullable: true } },
            ],
            requestBody: {
              required: true,
              content: { "application/json": { schema: { $ref: "#/components/schemas/Note" } } },
            },
            responses: {
              "201": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Note" } } },
              },
            },
          },
        },
        "/tickets/{ticketId}/tags": {
          put: {
            operationId: "replaceTags",
            tags: ["notes"],
            parameters: [{ name: "ticketId", in: "path", required: true, schema: { type: "string" } }],
            requestBody: {
              required: true,
              content: { "application/json": { schema: { type: "array", items: { type: "string" } } } },
            },
            responses: { "204": { description: "done" } },
          },
        },
      },
      components: {
        schemas: {
          Note: {
            type: "object",
            required: ["text", "id"],
            properties: {
              id: { type: "string", readOnly: true },
              text: { type: "string", description: "What to say", minLength: 1 },
              level: { type: "integer", minimum: 0, exclusiveMinimum: true },
              author: { $ref: "#/components/schemas/Person" },
            },
          },
          Person: { type: "object", properties: { name: { type: "string" } } },
        },
      },
    };
    const file = join(dir, "acme.json");
    writeFileSync(file, JSON.stringify(spec));
    const { doc, table } = await generateVendor(vendorFor("acme", file, dir));
    const rows = toolTable(doc, table) as { name: string; method: string; inputSchema: Record<string, unknown> }[];
    const add = rows.find((r) => r.method === "addNote");
    const replace = rows.find((r) => r.method === "replaceTags");
    expect(add?.name).toBe("notes_add_note");
    expect(add?.inputSchema).toMatchObject({
      type: "object",
      properties: {
        ticketId: { type: "string", description: "The ticket" },
        "X-Trace": { type: ["string", "null"], description: "(sent as a header)" },
        text: { type: "string", description: "What to say", minLength: 1 },
        level: { type: "integer", exclusiveMinimum: 0 },
        author: { $ref: "#/$defs/Person" },
      },
      required: ["ticketId", "text"],
      $defs: { Person: { type: "object", properties: { name: { type: "string" } } } },
    });
    // The read-only `id` is the server's to set: not an argument.
    expect(Object.keys(add?.inputSchema.properties as object)).not.toContain("id");
    expect(replace?.inputSchema).toMatchObject({
      properties: { ticketId: { type: "string" }, body: { type: "array", items: { type: "string" } } },
      required: ["ticketId", "body"],
    });
    expect(emitTools(doc, table)).toMatch(/^import type \{ ToolDefinition \} from "@captain-sdk\/mcp";/);
  });
});

describe("the vendors' MCP packages", () => {
  it.each(discoverVendors().map((v) => v.name))(
    "%s-mcp is exactly what the template writes (no hand edits)",
    (name) => {
      const vendor = discoverVendors().find((v) => v.name === name);
      const index = readFileSync(join(ROOT, "packages", name, "src", "index.ts"), "utf8");
      const displayName = /export function create(\w+)Client\(/.exec(index)?.[1] as string;
      const files = mcpPackageFiles({ name, displayName, specFileName: vendor?.specFile.split("/").pop() as string });
      for (const [file, text] of files) {
        expect(readFileSync(join(ROOT, "packages", `${name}-mcp`, file), "utf8"), file).toBe(
          formatted(`packages/${name}-mcp/${file}`, text),
        );
      }
    },
  );

  it("generate --check covers src/generated/ of an -mcp package, and generate rewrites it", async () => {
    const root = mkdtempSync(join(tmpdir(), "captain-mcp-check-"));
    temps.push(root);
    mkdirSync(join(root, "specs"));
    cpSync(join(ROOT, "specs", "salescaptain.yaml"), join(root, "specs", "salescaptain.yaml"));
    cpSync(join(ROOT, "packages", "salescaptain"), join(root, "packages", "salescaptain"), {
      recursive: true,
      filter: (src) => !/node_modules|dist/.test(src),
    });
    const noMcp = await generate({ root });
    expect(noMcp.errors).toEqual([]);
    cpSync(join(ROOT, "packages", "salescaptain-mcp"), join(root, "packages", "salescaptain-mcp"), {
      recursive: true,
      filter: (src) => !/node_modules|dist/.test(src),
    });
    const tools = join(root, "packages", "salescaptain-mcp", "src", "generated", "tools.ts");
    expect((await generate({ root, check: true })).stale).toEqual([]);
    writeFileSync(tools, readFileSync(tools, "utf8").replace("conversations_send_message", "hand_edited"));
    const check = await generate({ root, check: true });
    expect(check.stale).toEqual([tools]);
    await generate({ root });
    expect(readFileSync(tools, "utf8")).toContain('"name": "conversations_send_message"');
    // A vendor is a spec in specs/: an -mcp package is never taken for one.
    expect(discoverVendors(root).map((v) => v.name)).toEqual(["salescaptain"]);
  });
});
