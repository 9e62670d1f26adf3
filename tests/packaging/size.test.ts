import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../helpers/prism.js";
import { run } from "./pack.js";

/** The size budgets of .size-limit.json (gzip of each built entry with what it pulls in): a regression fails here. */

interface Measured {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

it("every bundle stays within its size budget", async () => {
  const budgets = JSON.parse(readFileSync(join(ROOT, ".size-limit.json"), "utf8")) as { name: string }[];
  const result = await run("node_modules/.bin/size-limit", ["--json"], { timeoutMs: 120_000 });
  const measured = JSON.parse(result.stdout) as Measured[];
  console.log(
    measured
      .map((m) => `${m.name.padEnd(70)} ${(m.size / 1000).toFixed(2)} kB of ${(m.sizeLimit / 1000).toFixed(1)} kB`)
      .join("\n"),
  );
  expect(measured.map((m) => m.name)).toEqual(budgets.map((b) => b.name));
  for (const m of measured) expect(m.size).toBeGreaterThan(1000);
  expect(measured.filter((m) => !m.passed).map((m) => `${m.name}: ${m.size} B > ${m.sizeLimit} B`)).toEqual([]);
  expect(result.code).toBe(0);
});
