import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { addVendor } from "../../scripts/add-vendor.js";
import { ROOT } from "../../scripts/lib/repo.js";
import { snapshot } from "../generator/helpers.js";
import { EXAMPLES, tempRepo } from "./helpers.js";

const repo = tempRepo();
afterAll(() => repo.remove());
const add = (name: string, spec: string, displayName?: string) =>
  addVendor({ name, spec, root: repo.root, install: false, ...(displayName ? { displayName } : {}) });
/** What add-vendor left in the repository: spec files, overlays and package folders. */
const contents = () => ({
  specs: readdirSync(join(repo.root, "specs")).filter((f) => f !== "overlays"),
  packages: readdirSync(join(repo.root, "packages")),
});

describe("add-vendor refuses, clearly, and leaves nothing behind", () => {
  it("a spec whose operation allows only unsupported security schemes", async () => {
    const before = contents();
    await expect(add("secure", join(EXAMPLES, "3.1", "yaml", "security.yaml"))).rejects.toThrow(
      /specs\/secure\.yaml:98:9: no supported security scheme: mutualTLS \(mutualTLS\)/,
    );
    expect(contents()).toEqual(before);
  });

  it("a Swagger 2.0 document", async () => {
    const before = contents();
    await expect(add("legacy", join(EXAMPLES, "2.0", "json", "petstore.json"))).rejects.toThrow(
      /specs\/legacy\.json:2:14: not an OpenAPI 3\.0 or 3\.1 document \(Swagger 2\.0\)/,
    );
    expect(contents()).toEqual(before);
  });

  it("a document without paths (webhooks only)", async () => {
    const before = contents();
    await expect(add("hooks", join(EXAMPLES, "3.1", "yaml", "webhooks.yaml"))).rejects.toThrow(
      /specs\/hooks\.yaml:1:1: no `paths`: nothing to make a client of \(this document only describes webhooks\)/,
    );
    expect(contents()).toEqual(before);
  });

  it("a vendor that already exists, keeping the existing one byte for byte", async () => {
    await add("pets", join(EXAMPLES, "3.1", "yaml", "petstore-simple.yaml"));
    const before = snapshot(repo.root);
    await expect(add("pets", join(EXAMPLES, "3.0", "json", "petstore.json"))).rejects.toThrow(
      /vendor "pets" already exists \(.*specs\/pets\.yaml, .*packages\/pets\); remove it first/,
    );
    expect(snapshot(repo.root)).toEqual(before);
  });

  it("a name that cannot be a package or a factory", async () => {
    const spec = join(EXAMPLES, "3.1", "yaml", "petstore-simple.yaml");
    await expect(add("Pet Store", spec)).rejects.toThrow(/vendor name "Pet Store" must be lower case/);
    await expect(add("pet-store", spec, "pet store")).rejects.toThrow(/display name "pet store" must be PascalCase/);
  });

  it("a source it cannot read", async () => {
    const before = contents();
    await expect(add("missing", join(repo.root, "nope.yaml"))).rejects.toThrow(
      /cannot read .*nope\.yaml: no such file/,
    );
    const server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`;
    await expect(add("gone", url)).rejects.toThrow(`cannot fetch ${url}: HTTP 404`);
    server.close();
    expect(contents()).toEqual(before);
  });

  it("from the command line: exit code 1, the reason, and `nothing was added`", async () => {
    const run = promisify(execFile);
    const cli = join(ROOT, "node_modules", ".bin", "tsx");
    const args = ["scripts/add-vendor.ts", "legacy", join(EXAMPLES, "2.0", "json", "petstore.json")];
    const failure = await run(cli, [...args, "--root", repo.root, "--no-install"], { cwd: ROOT }).catch((e) => e);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/error: .*legacy\.json:2:14: not an OpenAPI 3\.0 or 3\.1 document/);
    expect(failure.stderr).toMatch(/nothing was added/);
    const usage = await run(cli, ["scripts/add-vendor.ts", "only-a-name"], { cwd: ROOT }).catch((e) => e);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: pnpm add-vendor <name> <spec-path-or-url>/);
  });
});

describe("add-vendor from a URL", () => {
  it("fetches the spec, keeps it verbatim, and tells YAML from the content", async () => {
    const text = readFileSync(join(EXAMPLES, "3.1", "yaml", "petstore-simple.yaml"), "utf8");
    const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/yaml" }).end(text));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api-docs`;
      const result = await add("remote-pets", url, "RemotePets");
      expect(result.specFile).toBe(join(repo.root, "specs", "remote-pets.yaml"));
      expect(readFileSync(result.specFile, "utf8")).toBe(text);
      expect(readFileSync(join(result.packageDir, "src", "index.ts"), "utf8")).toMatch(
        /export function createRemotePetsClient\(.*\n.*envPrefix: "REMOTE_PETS"/s,
      );
      expect(result.operations).toBe(2);
      expect(JSON.parse(readFileSync(join(repo.root, "specs", "remote-pets.source.json"), "utf8"))).toMatchObject({
        url,
        kind: "openapi",
      });
    } finally {
      server.close();
    }
  });

  it("resolves relative servers against the URL the spec came from (in the overlay, the spec stays verbatim)", async () => {
    const text = readFileSync(join(EXAMPLES, "3.1", "yaml", "petstore-simple.yaml"), "utf8").replace(
      /^servers:\n(?: {2}.*\n)+/m,
      "servers:\n  - url: /api/v3\n  - url: https://mirror.example.com/v3\n",
    );
    expect(text).toMatch(/url: \/api\/v3/);
    const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/yaml" }).end(text));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await add("relative-pets", `${origin}/specs/openapi.yaml`);
      expect(readFileSync(result.specFile, "utf8")).toBe(text);
      expect(result.corrections).toEqual([
        `servers: relative to ${origin}/specs/openapi.yaml, where the spec is published (replaced below)`,
        `servers: relative to ${origin}/specs/openapi.yaml, where the spec is published: ${origin}/api/v3, https://mirror.example.com/v3`,
      ]);
      const definition = readFileSync(join(result.packageDir, "src", "generated", "definition.ts"), "utf8");
      expect(definition).toContain(`servers: ["${origin}/api/v3","https://mirror.example.com/v3"]`);
    } finally {
      server.close();
    }
  });

  it("takes the spec out of a Markdown docs page's fenced block, and declares the page for sync-specs", async () => {
    const spec = readFileSync(join(EXAMPLES, "3.0", "json", "petstore-simple.json"), "utf8");
    const page = `# Pets API\n\nThe whole API, as OpenAPI:\n\n\`\`\`json\n${spec.trimEnd()}\n\`\`\`\n\nQuestions? Ask us.\n`;
    const server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/markdown" }).end(page));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/docs/pets.md`;
      const result = await add("docs-pets", url);
      expect(result.specFile).toBe(join(repo.root, "specs", "docs-pets.json"));
      expect(readFileSync(result.specFile, "utf8")).toBe(`${spec.trimEnd()}\n`);
      expect(JSON.parse(readFileSync(join(repo.root, "specs", "docs-pets.source.json"), "utf8"))).toMatchObject({
        url,
        kind: "markdown",
      });
      expect(result.operations).toBe(2);
    } finally {
      server.close();
    }
  });
});
