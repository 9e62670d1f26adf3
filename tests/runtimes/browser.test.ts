import { expect, inject, it } from "vitest";
import { bundleForBrowser, launchChromium, servePage } from "./browser.js";
import { BASE_VIEWS, expectChecked, expectSeen } from "./expectations.js";

/**
 * A real headless Chromium (Debian's package, driven by playwright-core) loads a page whose script
 * is the packed SDKs bundled with esbuild, served from one loopback port while the API answers on
 * another, with CORS. The page, a Web Worker and a service worker are each refused without
 * `dangerouslyAllowBrowser`; with it, the page sends through both SDKs.
 */

const appDir = inject("appDir");
const apiUrl = inject("apiUrl");
it("refuses the page, a Web Worker and a service worker without dangerouslyAllowBrowser; with it, sends, types the 401, validates", async () => {
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
    expect(out.refusal).toEqual({ chat: refused, sales: refused });
    expect(out.worker).toEqual({ refusal: { chat: refused, sales: refused }, allowed: "created" });
    expect(out.serviceWorker).toEqual({ refusal: { chat: refused, sales: refused }, allowed: "created" });
    expectChecked(out, "chromium", BASE_VIEWS);
    await expectSeen(apiUrl, "chromium");
    expect(await tab.evaluate(() => navigator.userAgent)).toMatch(/HeadlessChrome\//);
  } finally {
    await chromium.close();
    await page.close();
  }
});
