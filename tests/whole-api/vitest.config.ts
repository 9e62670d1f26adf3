import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Runs this folder alone until the root config has a `whole-api` project:
 * `pnpm vitest run -c tests/whole-api/vitest.config.ts`.
 */
export default defineConfig({
  test: {
    name: "whole-api",
    root: resolve(import.meta.dirname, "../.."),
    include: ["tests/whole-api/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
