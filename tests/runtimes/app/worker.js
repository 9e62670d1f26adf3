// A Cloudflare Worker (run by workerd through miniflare), bundled as wrangler would bundle it.
// `GET /?api=<url>&run=<id>` runs check.js against that API and answers with the result as JSON.
// workerd is a server runtime: a client is created without `dangerouslyAllowBrowser`.
import * as chatcaptain from "@captain-sdk/chatcaptain";
import * as chatOps from "@captain-sdk/chatcaptain/ops";
import * as core from "@captain-sdk/core";
import * as salescaptain from "@captain-sdk/salescaptain";
import * as salesOps from "@captain-sdk/salescaptain/ops";
import { check, refusal } from "./check.js";

export default {
  async fetch(request) {
    const params = new URL(request.url).searchParams;
    const apiUrl = params.get("api");
    const run = params.get("run");
    try {
      const result = {
        runtime: navigator.userAgent,
        refusal: refusal({ chatcaptain, salescaptain, chatOps, salesOps, apiUrl }),
        ...(await check({ core, chatcaptain, salescaptain, chatOps, salesOps, apiUrl, run })),
      };
      return Response.json(result);
    } catch (error) {
      return Response.json({ failed: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
