// A Web Worker of the browser run: it exposes the key as the page does, so it is refused too.
import * as chatcaptain from "@captain-sdk/chatcaptain";
import * as chatOps from "@captain-sdk/chatcaptain/ops";
import * as salescaptain from "@captain-sdk/salescaptain";
import * as salesOps from "@captain-sdk/salescaptain/ops";
import { CHAT_KEY, refusal, SALES_KEY } from "./check.js";

self.onmessage = (event) => {
  const { apiUrl } = event.data;
  let allowed;
  try {
    chatcaptain.createChatCaptainClient({ apiKey: CHAT_KEY, baseUrl: apiUrl, dangerouslyAllowBrowser: true });
    salesOps.createSalesCaptainCore({ apiKey: SALES_KEY, baseUrl: apiUrl, dangerouslyAllowBrowser: true });
    allowed = "created";
  } catch (error) {
    allowed = String(error);
  }
  self.postMessage({ refusal: refusal({ chatcaptain, salescaptain, chatOps, salesOps, apiUrl }), allowed });
};
