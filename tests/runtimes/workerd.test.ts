import { expect, inject, it } from "vitest";
import { BASE_VIEWS, expectChecked, expectSeen } from "./expectations.js";
import { bundleWorker, startWorker } from "./workerd.js";

/**
 * workerd, Cloudflare's Workers runtime, through miniflare: the packed SDKs bundled into a Worker
 * the way wrangler bundles one. If the Worker does not build, or does not run, this test fails.
 */

const appDir = inject("appDir");
const apiUrl = inject("apiUrl");

it("builds as a Worker; sends through both SDKs and their modular entries, throws a typed 401 that never shows the key, validates before sending, walks a list's pages; no browser refusal", async () => {
  const worker = startWorker(await bundleWorker(appDir, "worker.js"));
  try {
    const res = await worker.dispatchFetch(`http://worker.test/?api=${encodeURIComponent(apiUrl)}&run=workerd`);
    const out = (await res.json()) as Record<string, unknown>;
    expect(out.failed).toBeUndefined();
    expect(res.status).toBe(200);
    expect(out.runtime).toBe("Cloudflare-Workers");
    expect(out.refusal).toEqual({ chat: "created", sales: "created", chatCore: "created", salesCore: "created" });
    expectChecked(out, "workerd", BASE_VIEWS);
    await expectSeen(apiUrl, "workerd");
  } finally {
    await worker.dispose();
  }
});
