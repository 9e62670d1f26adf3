import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import ts from "typescript";
import { company_id, conversation_id, KEY, PATH, TEMPLATE } from "./calls.js";
import type { SyntheticPackage, SyntheticPackages } from "./synthetic.js";

/**
 * Bundle sizes: a tiny browser app per contender that sends the same message when a button is
 * clicked, bundled by esbuild for the browser (minified, tree-shaken, ESM), then gzipped (level 9).
 * The seed apps import the built packages (`dist/`, as published); the synthetic ones import the
 * source of a vendor package generated into a temp folder (template + pipeline).
 */

export interface SizeRow {
  app: string;
  /** Minified bytes. */
  min: number;
  /** min+gzip bytes. */
  gzip: number;
  /** Budget in bytes of min+gzip, when the issue sets one. */
  budget?: number;
  note?: string;
}

export interface SizeRun {
  rows: SizeRow[];
  /** Full client: gzip bytes at `n` and `2n` operations, and the cost of one more operation. */
  perOperation?: { n: number; atN: number; at2N: number; bytes: number };
  /**
   * For each of our seed apps over its budget: its bundle rebuilt from the packages' source (core,
   * vendor), minified bytes by source file, and that bundle's total.
   */
  breakdowns: {
    app: string;
    total: number;
    files: [string, number][];
    /** min+gzip bytes of that bundle, and of the same with every string literal of 16+ characters emptied (the messages). */
    gzip?: number;
    gzipWithoutText?: number;
  }[];
  /** Modular entry: the same, between the seed (1 operation) and 1,000 operations. */
  perOperationModular?: { atSeed: number; at1000: number; bytes: number };
}

const BASE = "https://api.salescaptain.com";
const ARGS = `{ company_id: "${company_id}", conversation_id: "${conversation_id}", message_body: "Hello" }`;

/** The app around one call expression (`await` is allowed in it): click, send, show the id. */
function app(imports: string, setup: string, send: string): string {
  return `${imports}
${setup}
document.querySelector("button")?.addEventListener("click", async () => {
  const sent = ${send};
  document.body.append(String(sent.data?.message_id));
});
`;
}

async function bundle(
  dir: string,
  name: string,
  source: string,
  nodePaths: string[],
  alias?: Record<string, string>,
): Promise<SizeRow & { inputs: Record<string, number>; text: string }> {
  const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}${alias ? "-from-source" : ""}.js`);
  writeFileSync(file, source);
  const result = await build({
    ...(alias ? { alias } : {}),
    metafile: true,
    entryPoints: [file],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    treeShaking: true,
    write: false,
    logLevel: "silent",
    nodePaths,
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const out = result.outputFiles[0]?.contents;
  if (!out) throw new Error(`${name}: esbuild wrote nothing`);
  const inputs: Record<string, number> = {};
  for (const output of Object.values(result.metafile.outputs))
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) inputs[path] = bytesInOutput;
  return {
    app: name,
    min: out.length,
    gzip: gzipSync(out, { level: 9 }).length,
    inputs,
    text: Buffer.from(out).toString("utf8"),
  };
}

/** Minified bytes of a bundle by source file (a package's files as `package/file`), most first. */
function bySource(inputs: Record<string, number>, root: string, dir: string): [string, number][] {
  const named = Object.entries(inputs).map(([path, bytes]): [string, number] => {
    const abs = isAbsolute(path) ? path : join(process.cwd(), path);
    const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+\/.*)$/.exec(abs)?.[1];
    const where = pkg ?? (abs.startsWith(dir) ? `(app) ${relative(dir, abs)}` : relative(root, abs));
    return [where, bytes];
  });
  return named.filter(([, b]) => b > 0).sort((a, b) => b[1] - a[1]);
}

/**
 * A bundle with the text of its messages taken out: every string or template literal whose text is
 * 16 characters or more is emptied (found by TypeScript's parser, so nested templates and regular
 * expressions are read right). What is left is the code.
 */
function withoutMessages(code: string): string {
  const file = ts.createSourceFile("bundle.js", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const cuts: [number, number][] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text.length >= 16) {
      cuts.push([node.getStart(file) + 1, node.end - 1]);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head, ...node.templateSpans.map((span) => span.literal)];
      if (parts.reduce((n, part) => n + part.text.length, 0) >= 16)
        for (const part of parts) cuts.push([part.getStart(file) + 1, part.end - (ts.isTemplateTail(part) ? 1 : 2)]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = code;
  for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + out.slice(end);
  return out;
}

/** esbuild's first error, else the message's first line. */
function buildError(error: unknown): string {
  const first = (error as { errors?: { text: string }[] }).errors?.[0]?.text;
  return first ?? (error as Error).message.split("\n")[0] ?? String(error);
}

/** The names a generated modular entry exports: its core factory, and the function of `op`. */
function opsNames(file: string, op: { namespace: string; name: string }): { core: string; fn: string } {
  // The entry itself, and what it re-exports from the generated folder.
  const generated = join(dirname(file), "generated", "ops.ts");
  const text = [file, generated]
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  const exported = [...text.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Za-z_$][\w$]*)/g)].map(
    (m) => m[1] as string,
  );
  const core = exported.find((n) => /^create\w*Core$/.test(n));
  const wanted = `${op.namespace}${op.name[0]?.toUpperCase()}${op.name.slice(1)}`;
  const fn =
    exported.find((n) => n === wanted) ??
    exported.find((n) => n.endsWith(`${op.name[0]?.toUpperCase()}${op.name.slice(1)}`));
  if (!core || !fn) throw new Error(`${file}: no create…Core or no function for ${op.namespace}.${op.name}`);
  return { core, fn };
}

const clientOptions = `{ apiKey: "${KEY}", baseUrl: "${BASE}", dangerouslyAllowBrowser: true }`;

function modularApp(from: string, names: { core: string; fn: string }): string {
  return app(
    `import { ${names.core}, ${names.fn} } from ${JSON.stringify(from)};`,
    `const core = ${names.core}(${clientOptions});`,
    `await ${names.fn}(core, ${ARGS})`,
  );
}

function fullClientApp(from: string, factory: string, namespace: string, method: string): string {
  return app(
    `import { ${factory} } from ${JSON.stringify(from)};`,
    `const client = ${factory}(${clientOptions});`,
    `await client.${namespace}.${method}(${ARGS})`,
  );
}

export async function benchSize(
  root: string,
  packages: SyntheticPackages,
  { n = 500, modularBudget = 4600, modular1000Budget = 5000, fullBudget = 7000 } = {},
): Promise<SizeRun> {
  const nodePaths = [join(root, "node_modules")];
  const dir = mkdtempSync(join(tmpdir(), "captain-size-bench-"));
  const run: SizeRun = { rows: [], breakdowns: [] };
  const rows = run.rows;
  const add = async (name: string, source: string, budget?: number, note?: string) => {
    try {
      const { inputs: _, ...row } = await bundle(dir, name, source, nodePaths);
      rows.push({ ...row, ...(budget ? { budget } : {}), ...(note ? { note } : {}) });
      return row;
    } catch (error) {
      rows.push({
        app: name,
        min: Number.NaN,
        gzip: Number.NaN,
        ...(budget ? { budget } : {}),
        note: buildError(error),
      });
      return undefined;
    }
  };
  try {
    // Generate the synthetic packages first, so that a failure shows before anything is bundled.
    const synthetic = new Map<number, SyntheticPackage>();
    for (const size of [n, 2 * n, 1000]) {
      synthetic.set(size, await packages.get(size));
    }
    const seedModular = await add(
      "ours: modular entry, one op function (seed spec)",
      modularApp("@captain-sdk/salescaptain/ops", { core: "createSalesCaptainCore", fn: "conversationsSendMessage" }),
      modularBudget,
    );
    const big = synthetic.get(1000) as SyntheticPackage;
    let big1000: SizeRow | undefined;
    if (big.ops) {
      big1000 = await add(
        "ours: modular entry, one op function (1,000-operation synthetic spec)",
        modularApp(big.ops, opsNames(big.ops, big.first)),
        modular1000Budget,
      );
    } else {
      rows.push({
        app: "ours: modular entry, one op function (1,000-operation synthetic spec)",
        min: Number.NaN,
        gzip: Number.NaN,
        budget: modular1000Budget,
        note: "the vendor template has no modular entry (src/ops.ts) yet",
      });
    }
    if (seedModular && big1000)
      run.perOperationModular = {
        atSeed: seedModular.gzip,
        at1000: big1000.gzip,
        bytes: (big1000.gzip - seedModular.gzip) / 999,
      };
    await add(
      "ours: full client `createSalesCaptainClient` (seed spec)",
      fullClientApp("@captain-sdk/salescaptain", "createSalesCaptainClient", "conversations", "sendMessage"),
      fullBudget,
    );
    // Where the bytes of our seed apps over budget come from: the same apps bundled from source.
    const src = (pkg: string, file: string) => join(root, "packages", pkg, "src", file);
    const fromSource: [string, string][] = [
      [
        "ours: modular entry, one op function (seed spec)",
        modularApp(src("salescaptain", "ops.ts"), { core: "createSalesCaptainCore", fn: "conversationsSendMessage" }),
      ],
      [
        "ours: full client `createSalesCaptainClient` (seed spec)",
        fullClientApp(src("salescaptain", "index.ts"), "createSalesCaptainClient", "conversations", "sendMessage"),
      ],
    ];
    for (const [name, source] of fromSource) {
      const row = rows.find((r) => r.app === name);
      if (!row?.budget || row.gzip <= row.budget) continue;
      try {
        const b = await bundle(dir, name, source, nodePaths, { "@captain-sdk/core": src("core", "index.ts") });
        // The same bundle with the text of its messages taken out: what the words cost, and what the code does.
        const withoutText = withoutMessages(b.text);
        run.breakdowns.push({
          app: name,
          total: b.min,
          files: bySource(b.inputs, root, dir),
          gzip: b.gzip,
          gzipWithoutText: gzipSync(withoutText, { level: 9 }).length,
        });
      } catch (error) {
        run.breakdowns.push({ app: name, total: Number.NaN, files: [[`failed: ${buildError(error)}`, 0]] });
      }
    }
    const sizes: SizeRow[] = [];
    for (const size of [n, 2 * n]) {
      const pkg = synthetic.get(size) as SyntheticPackage;
      const row = await add(
        `ours: full client, ${size.toLocaleString("en-US")}-operation synthetic spec`,
        fullClientApp(pkg.index, "createSyntheticClient", pkg.first.namespace, pkg.first.name),
      );
      if (row) sizes.push(row);
    }
    if (sizes.length === 2) {
      const [a, b] = sizes as [SizeRow, SizeRow];
      run.perOperation = { n, atN: a.gzip, at2N: b.gzip, bytes: (b.gzip - a.gzip) / n };
    }
    await add(
      "bare openapi-fetch `createClient(...).POST`",
      app(
        `import createClient from "openapi-fetch";`,
        `const client = createClient({ baseUrl: "${BASE}", headers: { Authorization: "Bearer ${KEY}" } });`,
        `(await client.POST("${TEMPLATE}", { params: { path: { company_id: "${company_id}", conversation_id: "${conversation_id}" } }, body: { message_body: "Hello" } })).data`,
      ),
    );
    await add(
      "ky `ky.post(...).json()`",
      app(
        `import ky from "ky";`,
        "",
        `await ky.post("${BASE}${PATH}", { json: { message_body: "Hello" }, headers: { Authorization: "Bearer ${KEY}" } }).json()`,
      ),
    );
    await add(
      "axios `axios.post`",
      app(
        `import axios from "axios";`,
        "",
        `(await axios.post("${BASE}${PATH}", { message_body: "Hello" }, { headers: { Authorization: "Bearer ${KEY}" } })).data`,
      ),
    );
    await add(
      "openai-node `new OpenAI(...).post`",
      app(
        `import OpenAI from "openai";`,
        `const client = new OpenAI({ apiKey: "${KEY}", baseURL: "${BASE}", dangerouslyAllowBrowser: true });`,
        `await client.post("${PATH}", { body: { message_body: "Hello" } })`,
      ),
    );
    await add(
      "raw `fetch` (the floor)",
      app(
        "",
        "",
        `await (await fetch("${BASE}${PATH}", { method: "POST", headers: { Authorization: "Bearer ${KEY}", "Content-Type": "application/json" }, body: JSON.stringify({ message_body: "Hello" }) })).json()`,
      ),
    );
    return run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
