import { readFileSync } from "node:fs";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, inject, it } from "vitest";
import { run } from "../packaging/pack.js";

/** The MCP packages as npm would publish them: publint and attw clean, a bin, the right dependencies. */

describe.each(["mcp", "salescaptain-mcp", "chatcaptain-mcp"])("@captain-sdk/%s", (name) => {
  const tarball = () => inject("mcpTarballs")[name] as string;
  const manifest = async () =>
    JSON.parse((await run("tar", ["-xzOf", tarball(), "package/package.json"])).stdout) as {
      bin?: Record<string, string>;
      dependencies?: Record<string, string>;
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

  it("attw: the types resolve in every module mode", async () => {
    const result = await run("node_modules/.bin/attw", ["--format", "json", tarball()]);
    const report = JSON.parse(result.stdout) as { analysis: { problems?: unknown[]; types?: { kind: string } } };
    expect(report.analysis.problems ?? []).toEqual([]);
    expect(report.analysis.types?.kind).toBe("included");
  });

  it("depends on the published packages only (no workspace: ranges); only the runtime depends on the MCP SDK", async () => {
    const deps = (await manifest()).dependencies ?? {};
    for (const range of Object.values(deps)) expect(range).not.toMatch(/^workspace:|^catalog:/);
    if (name === "mcp") expect(Object.keys(deps).sort()).toEqual(["@captain-sdk/core", "@modelcontextprotocol/sdk"]);
    else
      expect(Object.keys(deps).sort()).toEqual(
        ["@captain-sdk/mcp", `@captain-sdk/${name.replace(/-mcp$/, "")}`].sort(),
      );
  });

  if (name !== "mcp") {
    it("has a bin for npx, an executable ESM file with a node shebang", async () => {
      const bin = (await manifest()).bin ?? {};
      expect(Object.keys(bin)).toEqual([name]);
      const installed = join(inject("mcpProject"), "node_modules", "@captain-sdk", name, bin[name] as string);
      expect(readFileSync(installed, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
      const help = await run(join(inject("mcpProject"), "node_modules", ".bin", name), ["--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toBe(""); // stdout is for protocol messages only
      expect(help.stderr).toMatch(/--tools=dynamic/);
    });
  }
});

it("the SDK packages do not gain the MCP dependency", () => {
  for (const name of ["core", "salescaptain", "chatcaptain"]) {
    const pkg = JSON.parse(
      readFileSync(join(inject("mcpProject"), "node_modules", "@captain-sdk", name, "package.json"), "utf8"),
    ) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain("@modelcontextprotocol/sdk");
  }
});
