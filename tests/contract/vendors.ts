import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ApiDefinition, ClientOptions, OperationDefinition, RequestOptions } from "@captain-sdk/core";
import { discoverVendors } from "../../scripts/lib/vendors.js";

/**
 * Every vendor of the repository as the contract tests see it: the built SDK (dist, what users
 * get), the generated operation table, and the overlaid spec Prism is started from. Nothing here
 * names a vendor or an operation: a new vendor or operation is covered by the same tests.
 */

export type PathResult = { data?: unknown; error?: unknown; response: Response };
export type OperationMethod = (args: Record<string, unknown>, options?: RequestOptions) => Promise<unknown>;
export type PathMethod = (path: string, init?: Record<string, unknown>) => Promise<PathResult>;
export type LooseClient = Record<string, unknown>;
export type ErrorClass = abstract new (...args: never[]) => Error;

export interface ContractVendor {
  name: string;
  specFile: string;
  doc: OpenApiDoc;
  definition: ApiDefinition;
  /** The package's `create<Vendor>Client`, from its built dist. */
  createClient: (options?: ClientOptions) => LooseClient;
  /** The package's exports (error classes and all). */
  sdk: Record<string, unknown>;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

export async function loadVendors(): Promise<ContractVendor[]> {
  const vendors: ContractVendor[] = [];
  for (const vendor of discoverVendors()) {
    const dist = join(vendor.packageDir, "dist", "index.js");
    if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`pnpm build\` first`);
    const sdk = (await import(pathToFileURL(dist).href)) as Record<string, unknown>;
    const factoryName = Object.keys(sdk).find((k) => /^create\w+Client$/.test(k) && k !== "createCaptainClient");
    if (!factoryName) throw new Error(`${dist} exports no create<Vendor>Client`);
    const generated = (await import(pathToFileURL(join(vendor.generatedDir, "definition.ts")).href)) as {
      definition: ApiDefinition;
    };
    const specFile = join(vendor.generatedDir, "openapi.json");
    vendors.push({
      name: vendor.name,
      specFile,
      doc: JSON.parse(readFileSync(specFile, "utf8")) as OpenApiDoc,
      definition: generated.definition,
      createClient: sdk[factoryName] as ContractVendor["createClient"],
      sdk,
    });
  }
  return vendors;
}

export function operationMethod(client: LooseClient, op: OperationDefinition): OperationMethod {
  const namespace = client[op.namespace] as Record<string, OperationMethod> | undefined;
  const method = namespace?.[op.name];
  if (typeof method !== "function") throw new Error(`client.${op.namespace}.${op.name} is not a function`);
  return method;
}

export function pathMethod(client: LooseClient, op: OperationDefinition): PathMethod {
  const method = client[op.method.toUpperCase()];
  if (typeof method !== "function") throw new Error(`client.${op.method.toUpperCase()} is not a function`);
  return method as PathMethod;
}

export function errorClass(vendor: ContractVendor, name: string): ErrorClass {
  const found = vendor.sdk[name];
  if (typeof found !== "function") throw new Error(`@captain-sdk/${vendor.name} does not export ${name}`);
  return found as ErrorClass;
}

/** A client whose requests (and the answers) are recorded, optionally rewritten on their way to the real server. */
export function countingFetch(rewrite?: (request: Request) => Request | Promise<Request>): {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  requests: Request[];
  responses: Response[];
} {
  const requests: Request[] = [];
  const responses: Response[] = [];
  return {
    requests,
    responses,
    // Called as the global fetch is, (url, init); kept as a Request to look at what was sent.
    fetch: async (input: string, init: RequestInit) => {
      const request = new Request(input, init);
      const sent = rewrite ? await rewrite(request) : request;
      requests.push(sent);
      const response = await globalThis.fetch(sent);
      responses.push(response);
      return response;
    },
  };
}

export const TEST_KEY = "test-key-1234";

/** `[label, op]` rows for describe.each: "conversations.sendMessage (POST /v1/...)". */
export function labelled(ops: readonly OperationDefinition[]): [string, OperationDefinition][] {
  return ops.map((op) => [`${op.namespace}.${op.name} (${op.method.toUpperCase()} ${op.path})`, op]);
}
