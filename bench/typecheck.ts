import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { company_id, conversation_id, KEY, TEMPLATE } from "./calls.js";
import { median, rotated } from "./stats.js";
import type { SyntheticPackages } from "./synthetic.js";

/**
 * Consumer type-check time: `tsc --noEmit` of a small app that sends one message through our SDK,
 * against the same app written with bare openapi-fetch over the same generated `paths`. Both read
 * the vendor package as declarations (`.d.ts` emitted by tsc from its source, skipLibCheck on),
 * as an app gets it from npm. At the seed's size and on synthetic specs; alternating runs, median.
 */

export const TYPECHECK_BUDGET = 1.2;

export interface TypecheckRow {
  spec: string;
  operations: number;
  runs: number;
  /** Median ms of `tsc --noEmit`, our SDK's consumer. */
  ours: number;
  /** The same with bare openapi-fetch. */
  bare: number;
}

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
  files: ["app.ts"],
};

/** Declarations of a vendor package's `src/` into `<out>/`, by tsc. */
function emitDeclarations(root: string, src: string, out: string): void {
  const config = join(out, "..", `tsconfig.${out.split("/").pop()}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        ...CONSUMER_TSCONFIG.compilerOptions,
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        rootDir: src,
        outDir: out,
      },
      include: [join(src, "**/*.ts")],
    }),
  );
  tsc(root, config);
}

function consumers(dir: string, factory: string, namespace: string, method: string, path: string): void {
  const ours = join(dir, "ours");
  const bare = join(dir, "bare");
  for (const d of [ours, bare]) {
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "tsconfig.json"), JSON.stringify(CONSUMER_TSCONFIG));
  }
  writeFileSync(
    join(ours, "app.ts"),
    `import { ApiError, ${factory} } from "../types/index.js";

const client = ${factory}({ apiKey: "${KEY}" });

export async function send(text: string): Promise<string | undefined> {
  try {
    const sent = await client.${namespace}.${method}({
      company_id: "${company_id}",
      conversation_id: "${conversation_id}",
      message_body: text,
    });
    return sent.data?.message_id;
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}
`,
  );
  writeFileSync(
    join(bare, "app.ts"),
    `import createClient from "openapi-fetch";
import type { paths } from "../types/generated/schema.js";

const client = createClient<paths>({
  baseUrl: "https://api.salescaptain.com",
  headers: { Authorization: "Bearer ${KEY}" },
});

export async function send(text: string): Promise<string | undefined> {
  const { data, response } = await client.POST("${path}", {
    params: { path: { company_id: "${company_id}", conversation_id: "${conversation_id}" } },
    body: { message_body: text },
  });
  if (!response.ok) return undefined;
  return data?.data?.message_id;
}
`,
  );
}

/** Runs tsc; a failure throws with tsc's first lines. */
function tsc(root: string, project: string): void {
  try {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", project], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const out = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
    const lines = out.trim().split("\n");
    throw new Error(
      `tsc -p ${project} failed:\n${lines.slice(0, 5).join("\n")}${lines.length > 5 ? `\n… (${lines.length - 5} more lines)` : ""}`,
    );
  }
}

function tscMs(root: string, project: string): number {
  const started = performance.now();
  tsc(root, project);
  return performance.now() - started;
}

export async function benchTypecheck(
  root: string,
  synthetic: SyntheticPackages,
  { sizes = [100, 1000], runs = 3 } = {},
): Promise<TypecheckRow[]> {
  // Under the repository, so that `openapi-fetch` and `@captain-sdk/core` resolve from its node_modules.
  const dir = mkdtempSync(join(synthetic.dir, "typecheck-"));
  try {
    const cases: { spec: string; operations: number; dir: string }[] = [];
    // The seed: the real SalesCaptain package.
    const seed = join(dir, "seed");
    cpSync(join(root, "packages", "salescaptain", "src"), join(seed, "src"), { recursive: true });
    emitDeclarations(root, join(seed, "src"), join(seed, "types"));
    consumers(seed, "createSalesCaptainClient", "conversations", "sendMessage", TEMPLATE);
    cases.push({ spec: "SalesCaptain (seed)", operations: 1, dir: seed });
    for (const size of sizes) {
      const pkg = await synthetic.get(size);
      const d = join(dir, `synthetic-${size}`);
      mkdirSync(d, { recursive: true });
      emitDeclarations(root, join(pkg.dir, "src"), join(d, "types"));
      const op = pkg.first;
      consumers(d, "createSyntheticClient", op.namespace, op.name, op.path);
      cases.push({ spec: `synthetic, ${size.toLocaleString("en-US")} operations`, operations: size, dir: d });
    }
    const rows: TypecheckRow[] = [];
    for (const c of cases) {
      const ours: number[] = [];
      const bare: number[] = [];
      const both: [number[], string][] = [
        [ours, join(c.dir, "ours", "tsconfig.json")],
        [bare, join(c.dir, "bare", "tsconfig.json")],
      ];
      tscMs(root, both[0]?.[1] as string); // a consumer that does not compile fails here; also warms the disk cache
      tscMs(root, both[1]?.[1] as string);
      for (let r = 0; r < runs; r++)
        for (const [samples, project] of rotated(both, r)) samples.push(tscMs(root, project));
      rows.push({ spec: c.spec, operations: c.operations, runs, ours: median(ours), bare: median(bare) });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
