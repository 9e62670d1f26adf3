import { readFileSync } from "node:fs";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedTarballs } from "../helpers/tarballs.js";
import { formatSizes, type Packed, run } from "./pack.js";

/** The packed tarballs, as npm would publish them: publint and "Are the types wrong?" find nothing. */

let packed: Packed[] = [];

beforeAll(async () => {
  packed = await sharedTarballs();
  console.log(`packed sizes:\n${formatSizes(packed)}`);
});

it("packs every published package", () => {
  expect(packed.map((p) => p.name).sort()).toEqual(
    expect.arrayContaining(["@captain-sdk/chatcaptain", "@captain-sdk/core", "@captain-sdk/salescaptain"]),
  );
});

describe.each(["@captain-sdk/core", "@captain-sdk/chatcaptain", "@captain-sdk/salescaptain"])("%s", (name) => {
  const tarball = () => {
    const found = packed.find((p) => p.name === name);
    if (!found) throw new Error(`${name} was not packed`);
    return found.tarball;
  };

  it("publint: no errors, warnings or suggestions", async () => {
    const buffer = readFileSync(tarball());
    const { messages, pkg } = await publint({
      pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer },
      level: "suggestion",
      strict: true,
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`)).toEqual([]);
  });

  it("attw: the types resolve in every module mode (node10, node16 CJS/ESM, bundler)", async () => {
    const result = await run("node_modules/.bin/attw", ["--format", "json", tarball()]);
    const report = JSON.parse(result.stdout) as { analysis: { problems?: unknown[]; types?: { kind: string } } };
    expect(report.analysis.problems ?? []).toEqual([]);
    expect(report.analysis.types?.kind).toBe("included");
    expect(result.code).toBe(0);
  });

  it("holds dist (ESM, CJS, d.ts, d.cts) and no sources or tests", async () => {
    const list = await run("tar", ["-tzf", tarball()]);
    const files = list.stdout.trim().split("\n");
    for (const file of ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", "package.json"]) {
      expect(files).toContain(`package/${file}`);
    }
    expect(files.filter((f) => /\/(src|test|tests)\//.test(f))).toEqual([]);
  });

  it("depends on openapi-fetch and core only, with no workspace: ranges left", async () => {
    const manifest = JSON.parse((await run("tar", ["-xzOf", tarball(), "package/package.json"])).stdout) as {
      dependencies?: Record<string, string>;
    };
    const deps = manifest.dependencies ?? {};
    for (const [dep, range] of Object.entries(deps)) {
      expect(["openapi-fetch", "@captain-sdk/core"]).toContain(dep);
      expect(range).not.toMatch(/^workspace:|^catalog:/);
    }
  });
});
