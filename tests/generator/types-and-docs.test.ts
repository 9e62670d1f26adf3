import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";
import { buildTable } from "../../scripts/lib/build-table.js";
import { emitFiles } from "../../scripts/lib/emit.js";
import { README_END, README_START } from "../../scripts/lib/emit-docs.js";
import { typeNames } from "../../scripts/lib/emit-types.js";
import { ROOT } from "../../scripts/lib/repo.js";
import { vendorFor } from "../../scripts/lib/vendors.js";
import { fixtureVendor, tempRoot } from "./helpers.js";

type Obj = Record<string, unknown>;

const json = (schema: Obj) => ({ "200": { description: "OK", content: { "application/json": { schema } } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const get = (tag: string, operationId: string, schema: Obj, extra: Obj = {}) => ({
  get: { tags: [tag], operationId, responses: json(schema), ...extra },
});
const doc = (paths: Obj, schemas: Obj = {}): Obj => ({
  openapi: "3.0.3",
  info: { title: "T", version: "1" },
  paths,
  components: { schemas },
});
const files = async (d: Obj) => emitFiles({ inputs: ["x.yaml"], inputTexts: ["x"], doc: d, table: buildTable(d) });

describe("types.ts: named types", () => {
  it("every component schema by its name; a name that would shadow a global or an SDK export gets `Schema`", () => {
    const d = doc(
      { "/contacts": get("Contacts", "listContacts", ref("Contact")) },
      {
        Contact: { type: "object", description: "A person.", properties: { name: { type: "string" } } },
        Error: { type: "object" },
        Response: { type: "object" },
        ValidationError: { type: "object" },
        // Names types.ts imports itself (a local type of the same name would not compile).
        RequestBody: { type: "object" },
        paths: { type: "object" },
        "contact-list": { type: "array", items: ref("Contact") },
      },
    );
    const t = typeNames(buildTable(d), d);
    expect(Object.fromEntries(t.schemas)).toEqual({
      Contact: "Contact",
      Error: "ErrorSchema",
      Response: "ResponseSchema",
      ValidationError: "ValidationErrorSchema",
      RequestBody: "RequestBodySchema",
      paths: "pathsSchema",
      "contact-list": "ContactList",
    });
  });

  it("per operation <Method>Params and <Method>Response; <Namespace><Method>… when two share a method name or a schema has the name", () => {
    const d = doc(
      {
        "/pets": get("Pets", "PetController_list", { type: "object" }),
        "/stores": get("Stores", "StoreController_list", { type: "object" }),
        "/messages": {
          post: { tags: ["Conversations"], operationId: "sendMessage", responses: json(ref("SendMessageResponse")) },
        },
        "/ping": get("Health", "ping", { type: "object" }),
      },
      { SendMessageResponse: { type: "object" } },
    );
    const t = typeNames(buildTable(d), d);
    expect(Object.fromEntries(t.operations)).toEqual({
      "pets.list": { params: "PetsListParams", response: "PetsListResponse" },
      "stores.list": { params: "StoresListParams", response: "StoresListResponse" },
      "conversations.sendMessage": {
        params: "ConversationsSendMessageParams",
        response: "ConversationsSendMessageResponse",
      },
      "health.ping": { params: "PingParams", response: "PingResponse" },
    });
    expect(t.schemas.get("SendMessageResponse")).toBe("SendMessageResponse");
  });

  it("writes the types with their docs, and definition.ts's methods refer to them", async () => {
    const d = doc(
      {
        "/contacts/{company_id}": get("Contacts", "ContactController_listContacts", ref("ContactPage"), {
          summary: "List contacts",
          parameters: [
            { name: "company_id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
            { name: "page_number", in: "query", required: true, schema: { type: "integer", minimum: 1 } },
            { name: "items_per_page", in: "query", schema: { type: "integer", maximum: 100 } },
          ],
        }),
      },
      {
        Contact: { type: "object", title: "A contact", properties: { name: { type: "string" } }, deprecated: true },
        ContactPage: {
          type: "object",
          properties: {
            contacts: {
              type: "object",
              properties: {
                data: { type: "array", items: ref("Contact") },
                pagination: { type: "object", properties: { total_pages: { type: "integer" } } },
              },
            },
          },
        },
        Error: { type: "object", properties: { message: { type: "string" } } },
      },
    );
    const out = await files(d);
    const types = out.get("types.ts") ?? "";
    expect(types).toContain(
      [
        "/**",
        " * A contact",
        " *",
        " * The `Contact` schema of the spec.",
        " * @deprecated",
        " */",
        'export type Contact = components["schemas"]["Contact"];',
      ].join("\n"),
    );
    expect(types).toContain('export type ErrorSchema = components["schemas"]["Error"];');
    expect(types).toMatch(
      /export type ListContactsParams = PathParams<.*> & OptionalKeys<QueryParams<.*>, "page_number" \| "items_per_page">;/,
    );
    expect(types).toContain(" * - `company_id` (path; required; string, uuid)");
    expect(types).toContain(" * - `page_number` (query; optional; integer, >= 1)");
    expect(types).toMatch(
      /export type ListContactsResponse = ResponseBody<paths\["\/contacts\/\{company_id\}"\]\["get"\], 200, "application\/json">;/,
    );
    expect(types).toMatch(/export type ListContactsItem = NonNullable<.*\["contacts"\]>\["data"\]>\[number\];/);
    expect(types).toMatch(
      /^import type \{ OptionalKeys, PathParams, QueryParams, ResponseBody \} from "@captain-sdk\/core";$/m,
    );
    expect(types).toMatch(/^import type \{ components, paths \} from "\.\/schema\.js";$/m);

    const definition = out.get("definition.ts") ?? "";
    expect(definition).toMatch(
      /^import type \{ ListContactsItem, ListContactsParams, ListContactsResponse \} from "\.\/types\.js";$/m,
    );
    expect(definition).toContain(
      "listContacts(args: ListContactsParams, options?: PageRequestOptions): PageCall<ListContactsResponse, ListContactsItem>;",
    );
    // The method's JSDoc: summary, route and operationId, arguments, errors, a usage example.
    const jsdoc = definition.slice(definition.indexOf("    /**"), definition.indexOf("    listContacts("));
    expect(jsdoc).toContain("     * List contacts\n");
    expect(jsdoc).toContain("`GET /contacts/{company_id}` (operationId `ContactController_listContacts`)");
    expect(jsdoc).toContain("- `items_per_page` (query; optional; integer, <= 100)");
    expect(jsdoc).toContain("@throws {ValidationError}");
    expect(jsdoc).toContain(
      'for await (const item of client.contacts.listContacts({ company_id: "a1b2c3d4-e5f6-7890-abcd-ef1234567890" })) console.log(item);',
    );
  });

  it("a spec without component schemas imports no `components` (noUnusedLocals would refuse it)", async () => {
    const types = (await files(doc({ "/ping": get("Health", "ping", { type: "object" }) }))).get("types.ts") ?? "";
    expect(types).toMatch(/^import type \{ paths \} from "\.\/schema\.js";$/m);
    expect(types).not.toMatch(/\bcomponents\b/);
  });
});

const run = promisify(execFile);
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

describe("pnpm generate: the clash rule's names, the README's operations table, optional overlay actions", () => {
  it("names the colliding operations of method-collision.yaml by route and reports them as notes", async () => {
    const root = tempRoot();
    const vendor = fixtureVendor(root, "clash", "method-collision.yaml");
    const result = await generate({ all: [vendor] });
    expect(result.errors).toEqual([]);
    expect(result.notes).toEqual([
      "clash: conversations.sendMessage (ConversationController_sendMessage[0]_v1) is named postConversationsMessagesByConversationId by the route clash rule",
      "clash: conversations.sendMessage (ConversationController_sendMessage[1]_v1) is named postConversationsMessagesBulkByConversationId by the route clash rule",
    ]);
    const definition = readFileSync(join(vendor.generatedDir, "definition.ts"), "utf8");
    expect(definition).toContain(
      "postConversationsMessagesByConversationId(args: PostConversationsMessagesByConversationIdParams",
    );
    expect(definition).toContain("postConversationsMessagesBulkByConversationId(args:");
    expect(definition).not.toMatch(/\bsendMessage\(/);

    // The CLI prints them as `note:` lines.
    const { stdout } = await run(TSX, ["scripts/generate.ts", "--check", "--root", root], { cwd: ROOT });
    expect(stdout).toContain(
      "note: clash: conversations.sendMessage (ConversationController_sendMessage[1]_v1) is named postConversationsMessagesBulkByConversationId by the route clash rule\n",
    );
    expect(stdout).toContain("up to date clash");
  });

  it("writes the package README's operations table between the markers; --check reports a stale README", async () => {
    const root = tempRoot();
    const vendor = fixtureVendor(root, "docs", "good.yaml");
    const readme = join(vendor.packageDir, "README.md");
    const stale = `# docs\n\nIntro.\n\n${README_START}\nold table\n${README_END}\n\n## License\n\nMIT\n`;
    writeFileSync(readme, stale);
    expect(await generate({ all: [vendor] })).toMatchObject({ errors: [], written: ["docs"] });
    const text = readFileSync(readme, "utf8");
    expect(text.startsWith("# docs\n\nIntro.\n\n<!-- operations:start -->\n")).toBe(true);
    expect(text.endsWith("<!-- operations:end -->\n\n## License\n\nMIT\n")).toBe(true);
    expect(text).toContain("1 operation, as `client.<namespace>.<method>(args, options?)`:");
    expect(text).toContain("| `conversations.sendMessage` | `POST /conversations/{conversation_id}/messages` |  |");
    expect(text).not.toContain("old table");
    expect(await generate({ all: [vendor], check: true })).toMatchObject({ stale: [], errors: [] });

    writeFileSync(readme, stale);
    const check = await generate({ all: [vendor], check: true });
    expect(check.stale).toEqual([expect.stringMatching(/docs\/README\.md$/)]);
    expect(readFileSync(readme, "utf8")).toBe(stale); // --check writes nothing

    // A README without the markers gets an Operations section at the end; no README, none is made.
    writeFileSync(readme, "# docs\n");
    await generate({ all: [vendor] });
    expect(readFileSync(readme, "utf8")).toMatch(
      /^# docs\n\n## Operations\n\n<!-- operations:start -->\n[\s\S]*<!-- operations:end -->\n$/,
    );
    const bare = fixtureVendor(root, "bare", "good.yaml");
    await generate({ all: [bare] });
    expect(existsSync(join(bare.packageDir, "README.md"))).toBe(false);
  });

  it("an overlay action marked x-captain-optional may match nothing; an unmarked one may not", async () => {
    const root = tempRoot();
    const vendor = fixtureVendor(root, "opt", "good.yaml");
    const overlay = (optional: boolean) =>
      [
        "overlay: 1.0.0",
        "info: { title: Fixture corrections, version: 1.0.0 }",
        "actions:",
        "  - target: $.components.schemas.Message",
        "    update: { description: A message from the overlay. }",
        "  - target: $.paths['/conversations/{conversation_id}/replies'].post",
        ...(optional ? ["    x-captain-optional: true"] : []),
        "    update: { x-captain-method: reply }",
        "",
      ].join("\n");
    const overlayFile = join(root, "specs", "overlays", "opt.yaml");
    writeFileSync(overlayFile, overlay(true));
    const withOptional = vendorFor("opt", vendor.specFile, root);
    expect(withOptional.overlayFile).toBe(overlayFile);
    const result = await generate({ all: [withOptional] });
    expect(result.errors).toEqual([]);
    // The other actions still apply.
    expect(readFileSync(join(vendor.generatedDir, "types.ts"), "utf8")).toContain("A message from the overlay.");

    writeFileSync(overlayFile, overlay(false));
    const strict = await generate({ all: [withOptional] });
    expect(strict.errors).toHaveLength(1);
    expect(strict.errors[0]).toMatch(
      /target `\$\.paths\['\/conversations\/\{conversation_id\}\/replies'\]\.post` matches nothing/,
    );
  });
});
