// A service worker of the browser run: refused without `dangerouslyAllowBrowser`, like the page.
import * as chatcaptain from "@captain-sdk/chatcaptain";
import * as chatOps from "@captain-sdk/chatcaptain/ops";
import * as salescaptain from "@captain-sdk/salescaptain";
import * as salesOps from "@captain-sdk/salescaptain/ops";
import { CHAT_KEY, refusal, SALES_KEY } from "./check.js";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("message", (event) => {
  const { apiUrl } = event.data;
  let allowed;
  try {
    chatcaptain.createChatCaptainClient({ apiKey: CHAT_KEY, baseUrl: apiUrl, dangerouslyAllowBrowser: true });
    salesOps.createSalesCaptainCore({ apiKey: SALES_KEY, baseUrl: apiUrl, dangerouslyAllowBrowser: true });
    allowed = "created";
  } catch (error) {
    allowed = String(error);
  }
  event.ports[0].postMessage({ refusal: refusal({ chatcaptain, salescaptain, chatOps, salesOps, apiUrl }), allowed });
});
