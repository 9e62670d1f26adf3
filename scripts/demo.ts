/**
 * `pnpm demo`: build the packages, start a Prism mock of each vendor's (overlaid) spec on a free
 * loopback port, send one message through each SDK's operation method, walk a paginated list (the
 * first the spec has, three pages at most), print what happened, and stop the mocks: on success,
 * on failure and on Ctrl-C.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ApiDefinition, OperationDefinition, Schema } from "../packages/core/src/definition.js";
import { type PrismMock, ROOT, startPrism, vendorSpecFile } from "../tests/helpers/prism.js";

const DEMO_KEY = "test-key-1234"; // Prism checks that a key is sent, not which one
const mocks: PrismMock[] = [];
const startedAt = performance.now();

const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;
const line = (text = "") => process.stdout.write(`${text}\n`);

async function stopMocks(): Promise<void> {
  await Promise.all(mocks.splice(0).map((m) => m.stop()));
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    line(`\n${signal}: stopping the mocks`);
    void stopMocks().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("pnpm", ["build", "--output-logs=errors-only"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`pnpm build failed (${code}):\n${output}`))));
  });
}

interface Exchange {
  request: string;
  auth: string;
  status: string;
  ms: number;
}

/** A fetch that remembers what went over the wire, for the transcript (the auth header shown redacted). */
function recordingFetch(exchanges: Exchange[]): (url: string, init: RequestInit) => Promise<Response> {
  return async (url, init) => {
    const request = new Request(url, init);
    const started = performance.now();
    const auth = [...request.headers.keys()].filter((h) => h === "authorization" || h.endsWith("-key"));
    const response = await globalThis.fetch(request);
    exchanges.push({
      request: `${request.method} ${request.url}`,
      auth: auth.map((h) => `${h}: ***`).join(", "),
      status: `${response.status} ${response.statusText}`,
      ms: Math.round(performance.now() - started),
    });
    return response;
  };
}

async function send(
  label: string,
  call: string,
  run: (fetch: (url: string, init: RequestInit) => Promise<Response>) => Promise<Record<string, unknown>>,
): Promise<void> {
  const exchanges: Exchange[] = [];
  const started = performance.now();
  const fields = await run(recordingFetch(exchanges));
  line(`\n${label}`);
  line(`  ${call}`);
  for (const x of exchanges) {
    line(`  -> ${x.request}  (${x.auth})`);
    line(`  <- ${x.status} in ${x.ms} ms`);
  }
  for (const [key, value] of Object.entries(fields)) line(`     ${key.padEnd(22)} ${JSON.stringify(value)}`);
  line(`  done in ${ms(started)} (SDK call, including validation and parsing)`);
}

async function main(): Promise<void> {
  line("Captain SDKs demo: each SDK against a Prism mock of its vendor's spec (overlay applied)\n");

  let step = performance.now();
  await build();
  line(`build      ok in ${ms(step)} (pnpm build: generate + tsup, turbo-cached)`);

  step = performance.now();
  const [chatMock, salesMock] = await Promise.all(
    ["chatcaptain", "salescaptain"].map(async (vendor) => {
      const mock = await startPrism(vendorSpecFile(vendor));
      mocks.push(mock);
      return mock;
    }),
  );
  if (!chatMock || !salesMock) throw new Error("a mock did not start");
  line(`mocks      chatcaptain ${chatMock.url}, salescaptain ${salesMock.url} (up in ${ms(step)})`);

  // The built packages, as a user imports them (loaded after the build, so a fresh clone works).
  const { createChatCaptainClient } = await import("@captain-sdk/chatcaptain");
  const { createSalesCaptainClient } = await import("@captain-sdk/salescaptain");

  await send(
    "ChatCaptain",
    'chat.inboxMessages.sendMessage({ chatbotId: "bot_1", conversationId: "c_1", text: "Hello from the demo" })',
    async (fetch) => {
      const chat = createChatCaptainClient({ apiKey: DEMO_KEY, baseUrl: chatMock.url, fetch });
      const reply = await chat.inboxMessages.sendMessage({
        chatbotId: "bot_1",
        conversationId: "c_1",
        text: "Hello from the demo",
      });
      return {
        "message.id": reply.message?.id,
        "message.status": reply.message?.status,
        "message.outgoing": reply.message?.outgoing,
        "message.content.text": reply.message?.content.text,
      };
    },
  );

  const company_id = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
  const conversation_id = "b2c3d4e5-f6a7-8901-bcde-f12345678901";
  await send(
    "SalesCaptain",
    `sales.conversations.sendMessage({ company_id: "${company_id.slice(0, 8)}…", conversation_id: "${conversation_id.slice(0, 8)}…", message_body: "Hello from the demo" })`,
    async (fetch) => {
      const sales = createSalesCaptainClient({ apiKey: DEMO_KEY, baseUrl: salesMock.url, fetch });
      const sent = await sales.conversations.sendMessage({
        company_id,
        conversation_id,
        message_body: "Hello from the demo",
      });
      return {
        message: sent.message,
        "data.message_id": sent.data?.message_id,
        "data.author": sent.data?.author,
        "data.date_created": sent.data?.date_created,
      };
    },
  );

  // The generated tables, loaded after the build like the packages (they import @captain-sdk/core's dist).
  const { definition: chatDefinition } = await import("../packages/chatcaptain/src/generated/definition.js");
  const { definition: salesDefinition } = await import("../packages/salescaptain/src/generated/definition.js");
  await walkList(
    "ChatCaptain list",
    chatDefinition,
    specOf("chatcaptain"),
    (fetch) => createChatCaptainClient({ apiKey: DEMO_KEY, baseUrl: chatMock.url, fetch }) as unknown as Walkable,
  );
  await walkList(
    "SalesCaptain list",
    salesDefinition,
    specOf("salescaptain"),
    (fetch) => createSalesCaptainClient({ apiKey: DEMO_KEY, baseUrl: salesMock.url, fetch }) as unknown as Walkable,
  );
}

type Spec = { paths: Record<string, Record<string, { parameters?: unknown[] }>>; [key: string]: unknown };

/** A vendor package's generated spec (openapi.json, the overlaid spec the package was generated from). */
function specOf(vendor: string): Spec {
  return JSON.parse(readFileSync(join(ROOT, "packages", vendor, "src/generated/openapi.json"), "utf8")) as Spec;
}

/** The schema the spec gives a parameter of an operation (path-level parameters too, `$ref`s followed). */
function paramSchema(spec: Spec, op: OperationDefinition, name: string): Schema {
  const resolve = (v: unknown): Record<string, unknown> => {
    let node = v as Record<string, unknown> | undefined;
    for (let hops = 0; typeof node?.$ref === "string" && hops < 20; hops++) {
      node = (node.$ref as string)
        .slice(2)
        .split("/")
        .reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], spec) as
        | Record<string, unknown>
        | undefined;
    }
    return node ?? {};
  };
  const item = spec.paths[op.path] ?? {};
  const declared = [...((item.parameters as unknown[]) ?? []), ...(item[op.method]?.parameters ?? [])].map(resolve);
  return resolve(declared.reverse().find((p) => p.name === name)?.schema) as Schema;
}

/** Arguments a mock accepts for an operation: each required parameter from its schema (page and size left to the SDK). */
function demoArgs(op: OperationDefinition, spec: Spec): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const p of op.params) {
    if (!p.required || p.name === op.pagination?.param || p.name === op.pagination?.sizeParam) continue;
    const schema = paramSchema(spec, op, p.name);
    args[p.name] =
      schema.format === "uuid"
        ? "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
        : schema.enum?.length
          ? schema.enum[0]
          : schema.type === "integer" || schema.type === "number"
            ? (schema.minimum ?? 1)
            : "demo";
  }
  return args;
}

type Walkable = Record<string, Record<string, (a: unknown, o: unknown) => AsyncIterable<unknown>>>;

/** Walks the first paginated list of a vendor's spec through its SDK, three pages at most. */
async function walkList(
  label: string,
  definition: ApiDefinition,
  spec: Spec,
  client: (fetch: (url: string, init: RequestInit) => Promise<Response>) => Walkable,
): Promise<void> {
  const op = definition.operations.find((o) => o.pagination);
  if (!op) {
    line(`\n${label}\n  no paginated list in this spec yet: the walk runs once a sync brings one`);
    return;
  }
  const args = demoArgs(op, spec);
  const shown = `for await (const item of ${label.split(" ")[0]?.toLowerCase()}.${op.namespace}.${op.name}(${JSON.stringify(args)}, { maxPages: 3 }))`;
  await send(label, shown, async (fetch) => {
    let items = 0;
    let pages = 0;
    const method = client(fetch)[op.namespace]?.[op.name] as (
      a: unknown,
      o: unknown,
    ) => AsyncIterable<unknown> & {
      pages(): AsyncIterable<unknown>;
    };
    // Prism's dynamic answers (fresh data on every page): its static examples repeat, which the
    // walk's guards rightly refuse as a loop.
    const options = { maxPages: 3, headers: { prefer: "dynamic=true" } };
    for await (const _ of method(args, options).pages()) pages++;
    for await (const _ of method(args, options)) items++;
    return { style: op.pagination?.style, pages, items };
  });
}

try {
  await main();
  await stopMocks();
  line(`\nmocks stopped; demo finished in ${ms(startedAt)}`);
} catch (error) {
  await stopMocks();
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
