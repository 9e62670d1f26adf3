/**
 * `pnpm add-vendor <name> <spec-path-or-url> [--display-name Name] [--root dir] [--no-install] [--no-verify]`
 *
 * A new vendor from one spec, with no hand-written code: the spec copied verbatim to
 * specs/<name>.<json|yaml>, a correction overlay when the spec needs one (repeated operationIds,
 * colliding or unusable method names, servers relative to the URL the spec came from),
 * packages/<name>/ from the vendor template, its generated code, then `pnpm install`, the
 * package's build and its generated smoke test. A spec fetched from a URL is declared in
 * specs/<name>.source.json for `pnpm sync-specs`. Refuses to touch an existing vendor; on any
 * failure removes everything it created.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generate } from "./generate.js";
import { correctionActions, overlayText, serverActions } from "./lib/corrections.js";
import { loadDocument } from "./lib/load-spec.js";
import { writeMcpPackage } from "./lib/mcp-template.js";
import { pascalCase } from "./lib/naming.js";
import { ROOT } from "./lib/repo.js";
import { readSpecSource } from "./lib/spec-source.js";
import { writeVendorPackage } from "./lib/vendor-template.js";
import { SPEC_FILE, vendorFor } from "./lib/vendors.js";

export interface AddVendorOptions {
  name: string;
  /** A file path or an http(s) URL. */
  spec: string;
  displayName?: string;
  /** The repository to add the vendor to (default: this one). */
  root?: string;
  /** Run `pnpm install` so the workspace links the package (default true). */
  install?: boolean;
  /** Build the package and run its smoke test (default true; needs `install`). */
  verify?: boolean;
  log?: (line: string) => void;
}

export interface AddVendorResult {
  specFile: string;
  overlayFile?: string;
  packageDir: string;
  corrections: string[];
  operations: number;
}

export class AddVendorError extends Error {
  override name = "AddVendorError";
}

export async function addVendor(options: AddVendorOptions): Promise<AddVendorResult> {
  const root = resolve(options.root ?? ROOT);
  const log = options.log ?? (() => {});
  const { name } = options;
  if (!SPEC_FILE.test(`${name}.json`)) {
    throw new AddVendorError(
      `vendor name "${name}" must be lower case letters, digits and dashes, starting with a letter`,
    );
  }
  const displayName = options.displayName ?? pascalCase(name);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(displayName)) {
    throw new AddVendorError(
      `display name "${displayName}" must be PascalCase letters and digits (it names create${displayName}Client)`,
    );
  }
  const existing = [
    ...["json", "yaml", "yml"].map((ext) => join(root, "specs", `${name}.${ext}`)),
    ...["yaml", "yml", "json"].map((ext) => join(root, "specs", "overlays", `${name}.${ext}`)),
    join(root, "specs", `${name}.source.json`),
    join(root, "packages", name),
  ].filter((p) => existsSync(p));
  if (existing.length) {
    throw new AddVendorError(`vendor "${name}" already exists (${existing.join(", ")}); remove it first to re-add it`);
  }

  const source = await readSpecSource(options.spec);
  const specFileName = `${name}.${source.format}`;
  const specFile = join(root, "specs", specFileName);
  const created: string[] = [];
  const lockFile = join(root, "pnpm-lock.yaml");
  const lockBefore = existsSync(lockFile) ? readFileSync(lockFile, "utf8") : undefined;
  let installed = false;
  try {
    mkdirSync(join(root, "specs"), { recursive: true });
    writeFileSync(specFile, source.text);
    created.push(specFile);
    const from = source.kind === "markdown" ? `the fenced block of ${options.spec}` : options.spec;
    log(`wrote ${specFile} (${source.text.length} bytes, verbatim from ${from})`);

    if (/^https?:\/\//i.test(options.spec)) {
      // Declare where the spec came from, so that `pnpm sync-specs` keeps it up to date.
      const sourceFile = join(root, "specs", `${name}.source.json`);
      const decl = {
        $comment: "Where `pnpm sync-specs` fetches this vendor's spec (written by `pnpm add-vendor`).",
        url: options.spec,
        kind: source.kind,
      };
      writeFileSync(sourceFile, `${JSON.stringify(decl, null, 2)}\n`);
      created.push(sourceFile);
      log(`wrote ${sourceFile} (${source.kind} source for pnpm sync-specs)`);
    }

    const spec = loadDocument(specFile, source.text);
    const actions = [
      ...correctionActions(spec.value),
      ...(/^https?:\/\//i.test(options.spec) ? serverActions(spec.value, options.spec) : []),
    ];
    let overlayFile: string | undefined;
    if (actions.length) {
      overlayFile = join(root, "specs", "overlays", `${name}.yaml`);
      mkdirSync(join(root, "specs", "overlays"), { recursive: true });
      writeFileSync(overlayFile, overlayText(displayName, specFileName, actions));
      created.push(overlayFile);
      log(`wrote ${overlayFile} (${actions.length} correction${actions.length === 1 ? "" : "s"})`);
      for (const a of actions) log(`  ${a.description}`);
    }

    const info = (spec.value.info as { title?: unknown } | undefined)?.title;
    const title = typeof info === "string" ? info.trim().replace(/\s+API$/i, "") : undefined;
    const packageDir = writeVendorPackage(
      {
        name,
        displayName,
        specFileName,
        ...(title
          ? { description: `Typed TypeScript SDK for the ${title} API, generated from its OpenAPI spec.` }
          : {}),
      },
      join(root, "packages"),
    );
    created.push(packageDir);
    log(`wrote ${packageDir} (@captain-sdk/${name}, create${displayName}Client)`);
    const mcpDir = writeMcpPackage({ name, displayName, specFileName }, join(root, "packages"));
    created.push(mcpDir);
    log(`wrote ${mcpDir} (@captain-sdk/${name}-mcp, its MCP server)`);

    const vendor = vendorFor(name, specFile, root);
    const result = await generate({ all: [vendor] });
    if (result.errors.length) throw new AddVendorError(result.errors.join("\n"));
    const operations = result.operations[name] ?? 0;
    log(`generated ${vendor.generatedDir} (${operations} operations)`);

    if (options.install !== false) {
      log("pnpm install");
      installed = true;
      run(root, ["install", "--prefer-offline"]);
      if (options.verify !== false) {
        // turbo builds @captain-sdk/core first when its dist is missing or stale.
        log(`turbo run build --filter @captain-sdk/${name}`);
        run(root, [
          "exec",
          "turbo",
          "run",
          "build",
          "--filter",
          `@captain-sdk/${name}`,
          "--filter",
          `@captain-sdk/${name}-mcp`,
        ]);
        log(`pnpm vitest run --project unit packages/${name}`);
        run(root, ["vitest", "run", "--project", "unit", `packages/${name}/`]);
      }
    }
    return { specFile, overlayFile, packageDir, corrections: actions.map((a) => a.description), operations };
  } catch (error) {
    for (const path of created.reverse()) rmSync(path, { recursive: true, force: true });
    if (installed) {
      if (lockBefore !== undefined) writeFileSync(lockFile, lockBefore);
      // Unlink the removed package from node_modules again (best effort: the error below is the news).
      try {
        run(root, ["install", "--prefer-offline"]);
        log("restored pnpm-lock.yaml and node_modules");
      } catch {
        log("restored pnpm-lock.yaml; run `pnpm install` to unlink the removed package");
      }
    }
    throw error;
  }
}

function run(cwd: string, args: string[]): void {
  try {
    execFileSync("pnpm", args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    const output = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim().split("\n").slice(-30).join("\n");
    throw new AddVendorError(`\`pnpm ${args.join(" ")}\` failed:\n${output}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      "display-name": { type: "string" },
      root: { type: "string" },
      "no-install": { type: "boolean", default: false },
      "no-verify": { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  const [name, spec] = positionals;
  if (!name || !spec || positionals.length > 2) {
    console.error(
      "usage: pnpm add-vendor <name> <spec-path-or-url> [--display-name Name] [--root dir] [--no-install] [--no-verify]",
    );
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  // Ctrl-C stops the running pnpm step; addVendor then removes what it created before we exit.
  process.on("SIGINT", () => {
    process.exitCode = 130;
  });
  try {
    const result = await addVendor({
      name,
      spec,
      displayName: values["display-name"],
      root: values.root,
      install: !values["no-install"],
      verify: !values["no-verify"],
      log: (line) => console.log(line),
    });
    console.log(
      `added vendor ${name}: ${result.operations} operations, ${result.corrections.length} corrections (${Math.round(performance.now() - started)} ms)`,
    );
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    console.error(`error: ${error.message}`);
    console.error("nothing was added");
    process.exitCode ||= 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
