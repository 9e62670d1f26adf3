import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiDefinition, createCaptainClient, type OperationDefinition } from "../../packages/core/src/index.js";
import { splitArgs } from "../../packages/core/src/operation.js";
import { validateOperation } from "../../packages/core/src/validate.js";
import { buildTable } from "../../scripts/lib/build-table.js";
import { ROOT } from "../../scripts/lib/repo.js";
import { sampleCall } from "../contract/spec.js";
import type { OpenApiDoc } from "../contract/vendors.js";
import { startLoopback } from "../helpers/loopback.js";
import { type DocsServer, serveDocs } from "./docs-server.js";
import { type ListApi, startListApi } from "./list-api.js";

/**
 * The whole of both vendor APIs, without the network: the reconstruction of their published docs
 * (tests/whole-api/fixtures, served on 127.0.0.1) is synced with the real `pnpm sync-specs` into a
 * copy of the repository; then every operation must be generated, typed and callable, each
 * pagination style must walk a 250-item list with exactly the expected requests, and the changeset
 * must say what changed. The checkout's specs/ is never written.
 */

const run = promisify(execFile);
const FIXTURES = join(ROOT, "tests", "whole-api", "fixtures");
const manifest = JSON.parse(readFileSync(join(FIXTURES, "manifest.json"), "utf8")) as Record<
  "chatcaptain" | "salescaptain",
  { operations: { method: string; path: string; operationId: string }[]; paginated: Record<string, string[]> }
>;
const VENDORS = ["chatcaptain", "salescaptain"] as const;
type VendorName = (typeof VENDORS)[number];

let copy: string;
let chatDocs: DocsServer;
let salesDocs: DocsServer;
let specsBefore: Map<string, string>;
let syncOutput = "";
const definitions = {} as Record<VendorName, ApiDefinition>;
const docs = {} as Record<VendorName, OpenApiDoc>;

function readTree(dir: string, base = dir, out = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) readTree(path, base, out);
    else out.set(path.slice(base.length + 1), readFileSync(path, "utf8"));
  }
  return out;
}

function pnpm(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run("pnpm", args, { cwd: ROOT, timeout: 240_000, maxBuffer: 64 << 20 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof e.code === "number" ? e.code : 1,
      stdout: e.stdout ?? "",
      stderr: e.stderr ?? "",
    }),
  );
}

async function loadDefinition(vendor: VendorName): Promise<ApiDefinition> {
  const mod = (await import(join(copy, "packages", vendor, "src", "generated", "definition.ts"))) as {
    definition: ApiDefinition;
  };
  return mod.definition;
}

const syncArgs = (report: string) => [
  "sync-specs",
  "--root",
  copy,
  "--from",
  `chatcaptain=${chatDocs.url}/llms.txt`,
  "--from",
  `salescaptain=${salesDocs.url}/api-reference/openapi.json`,
  "--report",
  report,
];

beforeAll(async () => {
  specsBefore = readTree(join(ROOT, "specs"));
  mkdirSync(join(ROOT, ".tmp"), { recursive: true });
  // Under the repo, so the copy's generated code finds @captain-sdk/core the way the checkout's does.
  copy = mkdtempSync(join(ROOT, ".tmp", "whole-api-"));
  cpSync(join(ROOT, "specs"), join(copy, "specs"), { recursive: true });
  mkdirSync(join(copy, ".changeset"));
  for (const vendor of VENDORS) {
    const pkg = join(ROOT, "packages", vendor);
    for (const file of ["package.json", "README.md"]) cpSync(join(pkg, file), join(copy, "packages", vendor, file));
    cpSync(join(pkg, "src", "generated"), join(copy, "packages", vendor, "src", "generated"), { recursive: true });
  }
  let failPage = true;
  chatDocs = await serveDocs(join(FIXTURES, "chatcaptain"), {
    fail: (path) => (failPage && path.endsWith("/inbox-tags.md") ? 503 : undefined),
  });
  salesDocs = await serveDocs(join(FIXTURES, "salescaptain"));

  // A page that cannot be fetched fails that vendor's sync and changes nothing for it.
  const before = readTree(join(copy, "specs"));
  const failed = await pnpm([...syncArgs(join(copy, "failed.md")), "--vendor", "chatcaptain"]);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/chatcaptain: .*inbox-tags\.md: HTTP 503.*nothing was changed for chatcaptain/);
  expect(readTree(join(copy, "specs"))).toEqual(before);
  expect(readdirSync(join(copy, ".changeset"))).toEqual([]);
  failPage = false;

  const result = await pnpm(syncArgs(join(copy, "report.md")));
  syncOutput = `${result.stdout}\n${result.stderr}`;
  expect(result.code, syncOutput).toBe(0);
  for (const vendor of VENDORS) {
    definitions[vendor] = await loadDefinition(vendor);
    docs[vendor] = JSON.parse(
      readFileSync(join(copy, "packages", vendor, "src", "generated", "openapi.json"), "utf8"),
    ) as OpenApiDoc;
  }
}, 300_000);

afterAll(async () => {
  await chatDocs?.stop();
  await salesDocs?.stop();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("sync of the reconstructed vendor docs", () => {
  it("generates every operation the vendors publish", () => {
    for (const vendor of VENDORS) {
      const generated = new Set(definitions[vendor].operations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
      const expected = manifest[vendor].operations.map((op) => `${op.method.toUpperCase()} ${op.path}`);
      expect(expected.filter((route) => !generated.has(route))).toEqual([]);
      expect(definitions[vendor].operations).toHaveLength(expected.length);
    }
    expect(definitions.salescaptain.operations).toHaveLength(26);
    expect(definitions.chatcaptain.operations.length).toBeGreaterThanOrEqual(140);
  });

  it("names namespaces and methods as a user would guess, resolving the one clash by the rule", () => {
    const names = new Set(definitions.chatcaptain.operations.map((op) => `${op.namespace}.${op.name}`));
    for (const name of [
      "chatbotApiKeys.getApiKey",
      "aiKnowledgeGroups.listKnowledgeGroups",
      "inboxAiChatFunctions.createChatSummary",
      "inboxMessages.sendMessage",
      "inboxWidgets.getWidget",
      "inboxWidgets.getWidgetValue",
    ])
      expect(names).toContain(name);
    expect(syncOutput).toMatch(
      /inboxWidgets\.getWidget \(InboxWidgetValueController_getWidget\[1\]_v1\) is named inboxWidgets\.getWidgetValue by the controller clash rule/,
    );
  });

  it("keeps each block's security: public apps send no key, inbox widgets do", () => {
    const byId = new Map(definitions.chatcaptain.operations.map((op) => [`${op.namespace}.${op.name}`, op]));
    expect(byId.get("appPublic.listApprovedPublicApps")?.auth).toEqual([]);
    expect(byId.get("inboxWidgets.listInboxWidgets")?.auth).toEqual([{ in: "header", name: "x-chatcaptain-key" }]);
    expect(byId.get("inboxMessages.sendMessage")?.auth).toEqual([{ in: "header", name: "x-chatcaptain-key" }]);
  });

  it("names differing copies of a schema apart and points each operation at its own", () => {
    const schemas = (docs.chatcaptain.components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(["ContentDto", "ContentDto_InboxNotes"]));
    // inbox-notes answers with its own copy of MessageDto (whose ContentDto differs); the other pages with theirs.
    const ref = (schema: unknown) => JSON.stringify(schema).match(/#\/components\/schemas\/(\w+)/)?.[1] as string;
    const response = (path: string, method: string) => {
      const op = (docs.chatcaptain.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[
        path
      ]?.[method];
      return schemas[ref(Object.values(op?.responses ?? {})[0])];
    };
    expect(JSON.stringify(response("/v1/inbox/{chatbotId}/notes", "post"))).toContain("MessageDto_InboxNotes");
    expect(JSON.stringify(response("/v1/inbox/{chatbotId}/messages", "post"))).toContain('schemas/MessageDto"');
    expect(JSON.stringify(schemas.MessageDto_InboxNotes)).toContain("ContentDto_InboxNotes");
    expect(syncOutput).toMatch(
      /schema ContentDto differs between pages: ContentDto \(.*\); ContentDto_InboxNotes \(inbox-notes\)/,
    );
  });

  it("lists the pages synced where a reviewer sees them", () => {
    const pages = readFileSync(join(copy, "specs", "chatcaptain.pages.txt"), "utf8")
      .trim()
      .split("\n");
    expect(pages).toHaveLength(42);
    expect(pages.every((p) => p.includes("/api/api-dokumentation/") && p.endsWith(".md"))).toBe(true);
    const report = readFileSync(join(copy, "report.md"), "utf8");
    expect(report).toContain("Pages synced");
    expect(report).toContain(`${chatDocs.url}/api/api-dokumentation/inbox-notes.md`);
  });

  it("writes a changeset per vendor that says what changed", () => {
    const files = readdirSync(join(copy, ".changeset")).filter((f) => f.endsWith(".md"));
    expect(files).toHaveLength(2);
    const sales = readFileSync(
      join(copy, ".changeset", files.find((f) => f.includes("salescaptain")) as string),
      "utf8",
    );
    expect(sales).toMatch(/^---\n"@captain-sdk\/salescaptain": patch\n---/);
    expect(sales).toContain("additive API change (semver minor)");
    expect(sales).toContain("Added operation GET /v1/list-contacts/{company_id}");
    const chat = readFileSync(join(copy, ".changeset", files.find((f) => f.includes("chatcaptain")) as string), "utf8");
    expect(chat).toMatch(/In all: \d+ changes, 0 breaking; \d+ operation\(s\) added/);
    expect(chat).toContain("42 pages from the docs index");
    expect(chat).toContain("ContentDto_InboxNotes");
  });

  it("a second sync of the same docs changes nothing", async () => {
    const before = readTree(copy);
    const again = await pnpm(syncArgs(join(copy, "report.md")));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 vendor\(s\) changed, 2 up to date/);
    const after = readTree(copy);
    after.delete("report.md");
    before.delete("report.md");
    expect(after).toEqual(before);
  });

  it("never writes the checkout's specs/", () => {
    expect(readTree(join(ROOT, "specs"))).toEqual(specsBefore);
  });
});

describe("every synced operation is callable", () => {
  it.each(VENDORS)("%s: each operation method sends one request to its route", async (vendor) => {
    const seen: { method: string; path: string }[] = [];
    const server = await startLoopback((received, res) => {
      seen.push({ method: received.method, path: received.url.split("?")[0] as string });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    try {
      const client = createCaptainClient(
        definitions[vendor],
        { name: vendor, envPrefix: vendor.toUpperCase() },
        { apiKey: "test-key-123", baseUrl: server.url, maxRetries: 0 },
      ) as unknown as Record<string, Record<string, (a: unknown) => PromiseLike<unknown>>>;
      for (const op of definitions[vendor].operations) {
        const call = sampleCall(docs[vendor], op as OperationDefinition, "all");
        // The vendor's tag examples ("blue") break its own hex pattern; the SDK holds to the pattern.
        if (typeof call.args.color === "string") call.args.color = "#1a2b3c";
        // A parameter whose schema is `{}` (the vendor's quirk) samples to nothing: any value will do.
        for (const p of op.params) if (p.required && (call.args[p.name] ?? null) === null) call.args[p.name] = "x1";
        const before = seen.length;
        await client[op.namespace]?.[op.name]?.(call.args);
        expect(seen.length - before, `${op.namespace}.${op.name}`).toBe(1);
        const last = seen[seen.length - 1] as { method: string; path: string };
        expect(last.method).toBe(op.method.toUpperCase());
        const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
        expect(last.path).toMatch(pattern);
      }
    } finally {
      await server.close();
    }
  });
});

describe("generated validators", () => {
  it.each(VENDORS)(
    "%s: give exactly the issues of core's schema interpreter, on valid and broken arguments",
    (vendor) => {
      const table = buildTable(docs[vendor] as unknown as Record<string, unknown>);
      const compiled = new Map(definitions[vendor].operations.map((op) => [`${op.method} ${op.path}`, op]));
      let compared = 0;
      for (const tableOp of table.operations) {
        const op = compiled.get(`${tableOp.method} ${tableOp.path}`) as OperationDefinition;
        expect(op.validate, `${op.namespace}.${op.name}`).toBeTypeOf("function");
        const valid = sampleCall(docs[vendor], tableOp, "all").args;
        const variants: Record<string, unknown>[] = [valid, {}];
        for (const key of Object.keys(valid)) {
          const { [key]: _dropped, ...without } = valid;
          variants.push(without);
          for (const bad of [null, 42, "x", true, [], {}, [1, "a"], { nested: { deep: [null] } }])
            variants.push({ ...valid, [key]: bad });
        }
        variants.push({ ...valid, unknownField: 1 });
        const bodyPath = tableOp.body?.mode === "merge" ? "" : "body";
        for (const args of variants) {
          const { params, body } = splitArgs(tableOp, args);
          const expected = validateOperation(tableOp, params, body, table.schemas, bodyPath);
          expect(op.validate?.(params, body, bodyPath), `${op.namespace}.${op.name} ${JSON.stringify(args)}`).toEqual(
            expected,
          );
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(table.operations.length * 3);
    },
  );
});

describe("what the vendors do that the spec does not say, where users meet it", () => {
  it("DELETE with a JSON body, company_id in body or path, plain-string ids, numeric enums", async () => {
    const server = await startLoopback((_received, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const uuid = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
    try {
      const make = (vendor: VendorName) =>
        createCaptainClient(
          definitions[vendor],
          { name: vendor, envPrefix: vendor.toUpperCase() },
          { apiKey: "test-key-123", baseUrl: server.url, maxRetries: 0 },
        ) as unknown as Record<string, Record<string, (a: unknown) => Promise<unknown>>>;
      const sales = make("salescaptain");
      const chat = make("chatcaptain");
      const last = () => server.requests[server.requests.length - 1] as (typeof server.requests)[number];

      await sales.tags?.removeTagFromContact?.({ company_id: uuid, contact_id: uuid, tag_id: uuid });
      expect(last().method).toBe("DELETE");
      expect(last().url).toBe(`/v1/remove-tag-from-contact/${uuid}`);
      expect(last().headers["content-type"]).toBe("application/json");
      expect(JSON.parse(last().body)).toEqual({ contact_id: uuid, tag_id: uuid });

      await chat.conversationNotes?.removeConversationNotes?.({ chatbotId: "b1", conversationId: "c1", notes: ["n1"] });
      expect(last().method).toBe("DELETE");
      expect(JSON.parse(last().body)).toEqual({ notes: ["n1"] });

      await sales.contacts?.createContact?.({
        company_id: uuid,
        contact_name: "Ada",
        contact_email: "ada@example.com",
      });
      expect(last().url).toBe("/v1/create-contact");
      expect(JSON.parse(last().body)).toMatchObject({ company_id: uuid, contact_name: "Ada" });
      await sales.contacts?.deleteContact?.({ company_id: uuid, contact_id: uuid });
      expect(last().url).toBe(`/v1/delete-contact/${uuid}/${uuid}`);
      expect(last().body).toBe("");

      // account_id is a plain string; every other id is a uuid, checked before sending.
      await sales.accounts?.fetchAccountById?.({ account_id: "acc-1234-5678-90ab-cdef12345678" });
      expect(last().url).toBe("/v1/fetch-account/acc-1234-5678-90ab-cdef12345678");
      const count = server.requests.length;
      await expect(sales.contacts?.fetchContact?.({ contact_id: "acc-1234" })).rejects.toMatchObject({
        name: "ValidationError",
        issues: [{ path: "contact_id", message: "must be a UUID" }],
      });
      expect(server.requests.length).toBe(count);

      // Numeric enums stay numbers: sent as the number, and a string is refused.
      await chat.channelManagement?.generateToken?.({ chatbotId: "b1", channelType: 6 });
      expect(last().url).toBe("/v1/chatbots/b1/channels/generate-token?channelType=6");
      await expect(
        chat.channelManagement?.generateToken?.({ chatbotId: "b1", channelType: "6" }),
      ).rejects.toMatchObject({
        name: "ValidationError",
      });
      await expect(chat.channelManagement?.generateToken?.({ chatbotId: "b1", channelType: 3 })).rejects.toMatchObject({
        name: "ValidationError",
      });
    } finally {
      await server.close();
    }
  });
});

describe("a consumer of the synced SDKs type-checks", () => {
  it("ten varied operations, named types and items typed", async () => {
    const dir = join(copy, "consumer");
    mkdirSync(dir, { recursive: true });
    const gen = (v: VendorName) => `../packages/${v}/src/generated/index.js`;
    writeFileSync(
      join(dir, "consumer.ts"),
      `import { createCaptainClient, type CaptainClient, type PageCall } from "@captain-sdk/core";
import { definition as salesDef, type Operations as SalesOps, type paths as SalesPaths, type Contact, type ListContactsParams, type ListContactsItem } from "${gen("salescaptain")}";
import { definition as chatDef, type Operations as ChatOps, type paths as ChatPaths, type MessageDto } from "${gen("chatcaptain")}";

const sales = createCaptainClient<SalesPaths, SalesOps>(salesDef, { name: "SalesCaptain", envPrefix: "SALESCAPTAIN" }, { apiKey: "k" }) as CaptainClient<SalesPaths, SalesOps>;
const chat = createCaptainClient<ChatPaths, ChatOps>(chatDef, { name: "ChatCaptain", envPrefix: "CHATCAPTAIN" }, { apiKey: "k" });
const company_id = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";

export function greet(contact: Contact): string { return \`Hi \${contact.name ?? ""}\`; }
export async function all(): Promise<void> {
  const params: ListContactsParams = { company_id };
  for await (const contact of sales.contacts.listContacts(params)) greet(contact);
  const page = await sales.contacts.listContacts({ company_id, items_per_page: 50 });
  const first: ListContactsItem | undefined = page.contacts?.data?.[0];
  const walk: PageCall<unknown, Contact> = sales.contacts.listContacts({ company_id });
  for await (const p of walk.pages()) void p;
  await sales.conversations.sendMessage({ company_id, conversation_id: company_id, message_body: "Hi" });
  await sales.contacts.createContact({ company_id, contact_name: "Ada" });
  await sales.tags.removeTagFromContact({ company_id, contact_id: company_id, tag_id: company_id });
  await sales.accounts.fetchAccountById({ account_id: "acc-1234" });
  const sent = await chat.inboxMessages.sendMessage({ chatbotId: "b", conversationId: "c", text: "Hi" });
  const message: MessageDto | null | undefined = sent.message;
  for await (const group of chat.aiKnowledgeGroups.listKnowledgeGroups({ chatbotId: "b" }, { maxPages: 3 })) void group;
  for await (const org of chat.conversationOrganizations.listOrganizations({ chatbotId: "b" })) void org.created;
  await chat.conversationNotes.removeConversationNotes({ chatbotId: "b", conversationId: "c", notes: ["n"] });
  await chat.chatbotApiKeys.getApiKey({ workspaceId: "w", chatbotId: "b", index: 1 });
  void first; void message;
}

// @ts-expect-error: an unknown operation
await sales.contacts.listEverything({ company_id });
// @ts-expect-error: a numeric enum takes numbers only
await chat.channelManagement.generateToken({ chatbotId: "b", channelType: "6" });
// @ts-expect-error: a required argument missing
await sales.conversations.sendMessage({ company_id, conversation_id: company_id });
`,
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "es2022",
          module: "nodenext",
          moduleResolution: "nodenext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          lib: ["es2022", "dom", "dom.iterable", "esnext.asynciterable"],
        },
        files: ["consumer.ts"],
      }),
    );
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const started = performance.now();
    const tsc = await run(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", dir], { cwd: dir }).then(
      () => ({ code: 0, out: "" }),
      (e: { stdout?: string }) => ({ code: 1, out: e.stdout ?? "" }),
    );
    console.log(`consumer type-check of the synced SDKs: ${Math.round(performance.now() - started)} ms`);
    expect(tsc.out).toBe("");
    expect(tsc.code).toBe(0);
  });
});

describe("bundle size of the synced SDKs", () => {
  /** min+gzip of a browser bundle of `source` (written into the copy so its imports resolve there). */
  async function bundled(name: string, source: string): Promise<number> {
    const entry = join(copy, `${name}.ts`);
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
      alias: { "@captain-sdk/core": join(ROOT, "packages", "core", "src", "index.ts") },
    });
    return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array()).length;
  }
  const seed = (vendor: VendorName) => join(ROOT, "packages", vendor, "src", "generated");
  const synced = (vendor: VendorName) => join(copy, "packages", vendor, "src", "generated");
  const oneMessage = (dir: string) =>
    `import { createCore } from "@captain-sdk/core";
import { api, conversationsSendMessage } from "${dir}/ops.js";
const core = createCore(api, { name: "SalesCaptain", envPrefix: "SALESCAPTAIN" }, { apiKey: "k", dangerouslyAllowBrowser: true });
export const send = () => conversationsSendMessage(core, { company_id: "a", conversation_id: "b", message_body: "Hi" });
`;
  const fullClient = (dir: string) =>
    `import { createGeneratedClient } from "@captain-sdk/core";
import { definition } from "${dir}/definition.js";
export const client = createGeneratedClient(definition, { name: "V", envPrefix: "V" }, { apiKey: "k", dangerouslyAllowBrowser: true });
`;

  it("a one-message app through the modular entry does not grow with the API; the full client does, per operation", async () => {
    const modularSeed = await bundled("size-modular-seed", oneMessage(seed("salescaptain")));
    const modularWhole = await bundled("size-modular-whole", oneMessage(synced("salescaptain")));
    const rows: string[] = [`modular one-message app: seed spec ${modularSeed} B gz, whole API ${modularWhole} B gz`];
    for (const vendor of VENDORS) {
      const atSeed = await bundled(`size-client-seed-${vendor}`, fullClient(seed(vendor)));
      const whole = await bundled(`size-client-whole-${vendor}`, fullClient(synced(vendor)));
      const ops = definitions[vendor].operations.length;
      rows.push(
        `${vendor} full client: seed ${atSeed} B gz, whole API (${ops} operations) ${whole} B gz, ${Math.round((whole - atSeed) / (ops - 1))} B gz per extra operation`,
      );
    }
    console.log(rows.join("\n"));
    // The same app over 26 operations instead of 1: only the operation it imports is bundled.
    expect(modularWhole).toBeLessThan(modularSeed * 1.1);
  });
});

describe("pagination walks a 250-item list in each style", () => {
  let api: ListApi;
  beforeAll(async () => {
    api = await startListApi({ total: 250 });
  });
  afterAll(async () => {
    await api?.stop();
  });
  const client = (vendor: VendorName) =>
    createCaptainClient(
      definitions[vendor],
      { name: vendor, envPrefix: vendor.toUpperCase() },
      { apiKey: "test-key-123", baseUrl: api.url },
    ) as unknown as Record<string, Record<string, (a: unknown, o?: unknown) => AsyncIterable<Record<string, unknown>>>>;

  async function walk(vendor: VendorName, namespace: string, method: string, args: unknown) {
    api.requests.length = 0;
    const items: Record<string, unknown>[] = [];
    const call = client(vendor)[namespace]?.[method];
    expect(call, `${vendor} ${namespace}.${method}`).toBeTypeOf("function");
    for await (const item of (call as NonNullable<typeof call>)(args)) items.push(item);
    return { items, requests: api.requests.map((r) => r.query) };
  }
  const ids = (items: Record<string, unknown>[], key: string) => new Set(items.map((i) => i[key])).size;

  it("page number with totals (SalesCaptain contacts): 3 pages of the largest size, stops at total_pages", async () => {
    const company_id = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
    const { items, requests } = await walk("salescaptain", "contacts", "listContacts", { company_id });
    expect(items).toHaveLength(250);
    expect(ids(items, "contact_id")).toBe(250);
    expect(requests).toEqual([1, 2, 3].map((n) => ({ page_number: String(n), items_per_page: "100" })));
  });

  it("page number without totals (ChatCaptain contact search): stops on a short or empty page", async () => {
    const { items, requests } = await walk("chatcaptain", "conversationContacts", "searchContacts", {
      chatbotId: "b1",
      query: "a",
      pageSize: 100,
    });
    expect(items).toHaveLength(250);
    expect(requests.map((q) => [q.page, q.pageSize])).toEqual([
      ["1", "100"],
      ["2", "100"],
      ["3", "100"],
    ]);
  });

  it("a cursor the response returns (ChatCaptain knowledge groups): until an empty page echoes the cursor", async () => {
    const { items, requests } = await walk("chatcaptain", "aiKnowledgeGroups", "listKnowledgeGroups", {
      chatbotId: "b1",
    });
    expect(items).toHaveLength(250);
    expect(ids(items, "id")).toBe(250);
    expect(requests).toHaveLength(4);
    expect(requests[0]).toEqual({ limit: "100" });
    expect(requests[1]?.pageToken).toBe(items[99]?.created);
    expect(requests[3]?.pageToken).toBe(items[249]?.created);
  });

  it("a cursor from the last item (ChatCaptain organizations): its date is the next pageToken", async () => {
    const { items, requests } = await walk("chatcaptain", "conversationOrganizations", "listOrganizations", {
      chatbotId: "b1",
    });
    expect(items).toHaveLength(250);
    expect(ids(items, "id")).toBe(250);
    expect(requests).toEqual([
      { limit: "100" },
      { limit: "100", pageToken: items[99]?.created },
      { limit: "100", pageToken: items[199]?.created },
    ]);
  });

  it("awaiting gives the first page's body; maxPages caps a walk", async () => {
    api.requests.length = 0;
    const sales = client("salescaptain");
    const call = sales.contacts?.listContacts?.(
      { company_id: "a1b2c3d4-e5f6-7890-abcd-ef1234567890" },
      { maxPages: 2 },
    );
    const first = (await (call as unknown as Promise<{ contacts: { data: unknown[] } }>)) ?? { contacts: { data: [] } };
    expect(first.contacts.data).toHaveLength(100);
    let n = 0;
    for await (const _ of call as AsyncIterable<unknown>) n++;
    expect(n).toBe(200);
    expect(api.requests).toHaveLength(2); // page 1 was fetched once, for both
    expect(existsSync(join(copy, "specs"))).toBe(true);
  });
});
