import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { run } from "../packaging/pack.js";
import { BASE_VIEWS, expectChecked, expectSeen } from "./expectations.js";
import { SERVER_RUNTIMES, type ServerRuntime, scriptArgs, serverRuntimeBinary } from "./runtimes.js";

/**
 * The packed SDKs, installed with npm into a throwaway app, run by Node 20, 22 and 24, Bun and Deno 2
 * against the loopback API: the same app/check.js everywhere (with the packed core, for a paginated
 * list through `createCaptainClient`, and each vendor's `/ops` modular entry). None of them is a browser, so a
 * client is created without `dangerouslyAllowBrowser`.
 */

const appDir = inject("appDir");
const apiUrl = inject("apiUrl");

describe.each(Object.keys(SERVER_RUNTIMES) as ServerRuntime[])("%s", (name) => {
  it("sends through both SDKs and their modular entries, throws a typed 401 that never shows the key, validates before sending, walks a list's pages", async () => {
    const bin = serverRuntimeBinary(name);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MATRIX_API_URL: apiUrl,
      MATRIX_RUN: name,
      NO_COLOR: "1",
      DENO_DIR: join(appDir, ".deno"),
      DENO_NO_UPDATE_CHECK: "1",
    };
    const result = await run(bin, scriptArgs(name, "cli.mjs"), { cwd: appDir, env, timeoutMs: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out.runtime).toMatch(SERVER_RUNTIMES[name].version);
    expect(out.refusal).toEqual({ chat: "created", sales: "created", chatCore: "created", salesCore: "created" });
    expectChecked(out, name, [...BASE_VIEWS, "inspect"]);
    await expectSeen(apiUrl, name);
  });
});
