// A Cloudflare Worker (run by workerd through miniflare), bundled as wrangler would bundle it.
// `GET /?api=<url>&run=<id>` runs check.js against that API and answers with the result as JSON.
// workerd is a server runtime: a client is created without `dangerouslyAllowBrowser`.
import * as chatcaptain from "@captain-sdk/chatcaptain";
import * as salescaptain from "@captain-sdk/salescaptain";
import { check, refusal } from "./check.js";

export default {
  async fetch(request) {
    const params = new URL(request.url).searchParams;
    const apiUrl = params.get("api");
    const run = params.get("run");
    try {
      const result = {
        runtime: navigator.userAgent,
        refusal: refusal({ chatcaptain, salescaptain, apiUrl }),
        ...(await check({ chatcaptain, salescaptain, apiUrl, run })),
      };
      return Response.json(result);
    } catch (error) {
      return Response.json({ failed: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
