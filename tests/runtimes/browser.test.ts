import { expect, inject, it } from "vitest";
import { bundleForBrowser, launchChromium, servePage } from "./browser.js";
import { BASE_VIEWS, expectChecked, expectSeen } from "./expectations.js";

/**
 * A real headless Chromium (Debian's package, driven by playwright-core) loads a page whose script
 * is the packed SDKs bundled with esbuild, served from one loopback port while the API answers on
 * another, with CORS. The page, a Web Worker and a service worker are each refused without
 * `dangerouslyAllowBrowser`, for a client and for a modular entry's core alike; with it, the page runs
 * app/check.js as every other runtime does.
 */

const appDir = inject("appDir");
const apiUrl = inject("apiUrl");
it("refuses the page, a Web Worker and a service worker without dangerouslyAllowBrowser (clients and modular cores); with it, sends, types the 401, validates, walks a list's pages", async () => {
  // Bundled and launched here, not in a hook: a bundle that does not build, or a missing Chromium,
  // fails this test (with a message that says how to install it), never skips it.
  const files = await bundleForBrowser(appDir, {
    "browser.js": "browser.js",
    "browser-worker.js": "browser-worker.js",
    "service-worker.js": "service-worker.js",
  });
  const chromium = await launchChromium();
  const page = await servePage(
    '<!doctype html><title>matrix</title><script type="module" src="/browser.js"></script>',
    files,
  );
  try {
    const tab = await chromium.context.newPage();
    const errors: string[] = [];
    tab.on("pageerror", (error) => errors.push(String(error)));
    await tab.goto(`${page.url}/?api=${encodeURIComponent(apiUrl)}&run=chromium`);
    await tab.waitForFunction(() => (window as { matrixResult?: unknown }).matrixResult !== undefined, null, {
      timeout: 30_000,
    });
    const out = (await tab.evaluate(() => (window as { matrixResult?: unknown }).matrixResult)) as Record<
      string,
      unknown
    >;
    expect(errors).toEqual([]);
    expect(out.failed).toBeUndefined();

    const refused = { name: "ConfigurationError", configurationError: true, namesOption: true, keyShown: false };
    const refusals = { chat: refused, sales: refused, chatCore: refused, salesCore: refused };
    expect(out.refusal).toEqual(refusals);
    expect(out.worker).toEqual({ refusal: refusals, allowed: "created" });
    expect(out.serviceWorker).toEqual({ refusal: refusals, allowed: "created" });
    expectChecked(out, "chromium", BASE_VIEWS);
    await expectSeen(apiUrl, "chromium");
    expect(await tab.evaluate(() => navigator.userAgent)).toMatch(/HeadlessChrome\//);
  } finally {
    await chromium.close();
    await page.close();
  }
});
