import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGES_DIR, ROOT } from "./repo.js";
import { smokeTestFile } from "./smoke-test-template.js";

export interface VendorPackageSpec {
  /** Lower-case id: "chatcaptain". */
  name: string;
  /** Display name, used in `create<Display>Client`: "ChatCaptain". */
  displayName: string;
  /** Spec file name inside specs/: "chatcaptain.json". */
  specFileName: string;
  /** Version of @captain-sdk/core to depend on. */
  description?: string;
}

/** The files of a vendor package, everything but `src/generated/` (which the generator writes). */
export function vendorPackageFiles(spec: VendorPackageSpec): Map<string, string> {
  const { name, displayName } = spec;
  const env = name.toUpperCase().replace(/[^A-Z0-9]/g, "_");
  const files = new Map<string, string>();
  const pkg = {
    name: `@captain-sdk/${name}`,
    version: "0.1.0",
    description:
      spec.description ?? `Typed TypeScript SDK for the ${displayName} API, generated from its OpenAPI spec.`,
    keywords: [name, "sdk", "openapi", "typescript", "api-client"],
    license: "MIT",
    repository: {
      type: "git",
      url: "git+https://github.com/captain-sdk/captain-sdks.git",
      directory: `packages/${name}`,
    },
    type: "module",
    sideEffects: false,
    engines: { node: ">=20" },
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.cts",
    exports: {
      ".": {
        import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
        require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
      },
      "./ops": {
        import: { types: "./dist/ops.d.ts", default: "./dist/ops.js" },
        require: { types: "./dist/ops.d.cts", default: "./dist/ops.cjs" },
      },
      "./package.json": "./package.json",
    },
    // Resolvers without `exports` (TypeScript's node10) find the modular entry's types here.
    typesVersions: { "*": { ops: ["./dist/ops.d.cts"] } },
    files: ["dist", "README.md"],
    scripts: {
      generate: `tsx ../../scripts/generate.ts --vendor ${name}`,
      build: "tsup",
      typecheck: "tsc --noEmit",
    },
    tsup: {
      entry: ["src/index.ts", "src/ops.ts"],
      format: ["esm", "cjs"],
      dts: true,
      clean: true,
      sourcemap: true,
      target: "es2022",
    },
    dependencies: { "@captain-sdk/core": "workspace:^" },
    publishConfig: { access: "public", provenance: true },
  };
  files.set("package.json", `${JSON.stringify(pkg, null, 2)}\n`);
  files.set("tsconfig.json", `${JSON.stringify({ extends: "../../tsconfig.base.json", include: ["src"] }, null, 2)}\n`);
  const overlay = `$TURBO_ROOT$/specs/overlays/${name}.yaml`;
  files.set(
    "turbo.json",
    `${JSON.stringify(
      {
        $schema: "https://turbo.build/schema.json",
        extends: ["//"],
        tasks: {
          generate: {
            inputs: [
              `$TURBO_ROOT$/specs/${spec.specFileName}`,
              overlay,
              "$TURBO_ROOT$/scripts/generate.ts",
              "$TURBO_ROOT$/scripts/lib/**",
            ],
            outputs: ["src/generated/**"],
          },
        },
      },
      null,
      2,
    )}\n`,
  );
  files.set("src/index.ts", indexFile(displayName, env));
  files.set("src/ops.ts", opsFile(name, displayName, env));
  files.set("README.md", vendorReadme(spec, env));
  return files;
}

const ERROR_CLASSES = `  ApiError,
  AuthenticationError,
  BadRequestError,
  CaptainError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
  UnprocessableEntityError,
  ValidationError,`;

/** The package's main entry: the full client (every operation as a method, and the path API). */
function indexFile(displayName: string, env: string): string {
  return `import { type CaptainClient, type ClientOptions, createGeneratedClient } from "@captain-sdk/core";
import { definition, type Operations, type paths } from "./generated/index.js";

/** A ${displayName} client: \`client.<namespace>.<method>(args, options?)\` for every operation, and the openapi-fetch path API (\`GET\`, \`POST\`, ...). */
export type ${displayName}Client = CaptainClient<paths, Operations>;
/** Options of \`create${displayName}Client\`: see \`ClientOptions\` in \`@captain-sdk/core\` for each one and its default. */
export type ${displayName}ClientOptions = ClientOptions;

/**
 * A ${displayName} API client. The key comes from \`apiKey\` or the ${env}_API_KEY environment
 * variable; the base URL from \`baseUrl\`, ${env}_BASE_URL, or the spec's first server.
 */
export function create${displayName}Client(options?: ${displayName}ClientOptions): ${displayName}Client {
  return createGeneratedClient<paths, Operations>(definition, { name: "${displayName}", envPrefix: "${env}" }, options);
}

export type {
  Logger,
  LogLevel,
  PageCall,
  PageRequestOptions,
  RequestOptions,
  ValidationIssue,
} from "@captain-sdk/core";
export {
${ERROR_CLASSES}
} from "@captain-sdk/core";
export type { components, Operations, operations, paths } from "./generated/index.js";
export type * from "./generated/types.js";
`;
}

/**
 * The modular entry (\`@captain-sdk/<vendor>/ops\`): a core and one function per operation, so an
 * app bundles only the operations it calls. The client's methods are these same functions.
 */
function opsFile(name: string, displayName: string, env: string): string {
  return `/**
 * The modular entry of @captain-sdk/${name}: \`create${displayName}Core(options)\` and one function per
 * operation, \`<namespace><Method>(core, args, options?)\`, with the client's types, validation,
 * errors, retries and pagination. A bundler keeps only the operations an app imports.
 *
 * @example
 * \`\`\`ts
 * import { create${displayName}Core } from "@captain-sdk/${name}/ops";
 * const core = create${displayName}Core(); // key from ${env}_API_KEY, or pass { apiKey }
 * \`\`\`
 * @module
 */
import { type ClientOptions, type Core, createCore } from "@captain-sdk/core";
import { api } from "./generated/ops.js";

/**
 * A ${displayName} core for the operation functions: the client's options (key from \`apiKey\` or
 * ${env}_API_KEY, base URL from \`baseUrl\`, ${env}_BASE_URL or the spec's first server).
 */
export function create${displayName}Core(options?: ClientOptions): Core {
  return createCore(api, { name: "${displayName}", envPrefix: "${env}" }, options);
}

export * from "./generated/ops.js";
export type * from "./generated/types.js";
export type { ClientOptions, Core, PageCall, PageRequestOptions, RequestOptions, ValidationIssue } from "@captain-sdk/core";
export {
${ERROR_CLASSES}
} from "@captain-sdk/core";
`;
}

const REPO = "https://github.com/captain-sdk/captain-sdks";

function vendorReadme(spec: VendorPackageSpec, env: string): string {
  const { name, displayName } = spec;
  return `# @captain-sdk/${name}

Typed TypeScript SDK for the ${displayName} API, generated from its OpenAPI spec by
[Captain SDKs](${REPO}#readme). ESM and CommonJS, types for both, Node >= 20 (and anywhere
\`fetch\` exists). Its only runtime dependencies are \`@captain-sdk/core\` and \`openapi-fetch\`.

\`\`\`sh
npm install @captain-sdk/${name}
\`\`\`

\`\`\`ts
import { create${displayName}Client, ApiError, ValidationError } from "@captain-sdk/${name}";

const client = create${displayName}Client(); // key from ${env}_API_KEY, or pass { apiKey }
\`\`\`

Every operation of the spec is a method, \`client.<tag>.<operation>(args, options?)\`: one object
of parameters and body fields in, the parsed success body out; an error status throws an
\`ApiError\` subclass, bad arguments a \`ValidationError\` before anything is sent. Your editor
lists the methods with each operation's documentation. The same operations are reachable through
the [openapi-fetch](https://openapi-ts.dev/openapi-fetch/) path API, \`client.GET/POST(...)\`,
which returns \`{ data, error, response }\`.

Environment: \`${env}_API_KEY\`, \`${env}_BASE_URL\`, \`${env}_LOG\` (a log level).

Options, errors, the retry policy (a POST is never sent twice unless you opt in) and security:
see the [Captain SDKs README](${REPO}#readme). This package is generated from
\`specs/${spec.specFileName}\` in that repository; its generated code is never edited by hand.
`;
}

/** Writes the package (with a smoke test); refuses to overwrite an existing one. */
export function writeVendorPackage(spec: VendorPackageSpec, packagesDir = PACKAGES_DIR): string {
  const dir = join(packagesDir, spec.name);
  if (existsSync(dir)) throw new Error(`packages/${spec.name} already exists`);
  const files = vendorPackageFiles(spec);
  files.set("test/smoke.test.ts", smokeTestFile(spec));
  for (const [file, text] of files) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), formatted(`packages/${spec.name}/${file}`, text));
  }
  return dir;
}

/**
 * `text` as the repository's Biome config formats and fixes it (line width, sorted exports), so a
 * new package passes `biome check` as written. Biome reads the text on stdin: nothing is touched.
 */
export function formatted(repoPath: string, text: string): string {
  if (!/\.(ts|json)$/.test(repoPath)) return text;
  try {
    return execFileSync(
      join(ROOT, "node_modules", ".bin", "biome"),
      ["check", "--write", `--stdin-file-path=${repoPath}`],
      {
        cwd: ROOT,
        input: text,
        encoding: "utf8",
        stdio: ["pipe", "pipe", "ignore"],
      },
    );
  } catch {
    return text;
  }
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}
