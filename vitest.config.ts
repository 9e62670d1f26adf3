import { defineConfig } from "vitest/config";

/**
 * One project per kind of test, so each can be run alone: `pnpm vitest run --project faults`.
 * Everything that talks to a server binds 127.0.0.1 and stops the server itself.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["packages/*/test/**/*.test.ts"] } },
      {
        test: {
          name: "types",
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ["tests/types/**/*.test-d.ts"],
            tsconfig: "tests/types/tsconfig.json",
          },
        },
      },
      {
        test: {
          name: "generator",
          include: ["tests/generator/**/*.test.ts", "tests/add-vendor/**/*.test.ts"],
          testTimeout: 120_000,
        },
      },
      {
        test: { name: "contract", include: ["tests/contract/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      { test: { name: "faults", include: ["tests/faults/**/*.test.ts"], testTimeout: 60_000 } },
      {
        test: {
          name: "sync",
          include: ["tests/sync/**/*.test.ts", "tests/workflows/**/*.test.ts"],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: "whole-api",
          include: ["tests/whole-api/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: "mcp",
          include: ["tests/mcp/**/*.test.ts"],
          globalSetup: ["tests/mcp/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "packaging",
          include: ["tests/packaging/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: "runtimes",
          include: ["tests/runtimes/**/*.test.ts"],
          globalSetup: ["tests/runtimes/setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
