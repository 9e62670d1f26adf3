// The page of the browser run, bundled with esbuild as a web app would be. The page is served from
// one loopback port and the API is on another (a cross-origin call, answered with CORS). The page
// checks the refusal (clients and the modular entries' cores), runs check.js with
// `dangerouslyAllowBrowser: true` (core bundled too, for the list), then asks a Web Worker and a
// service worker for their refusal; the result lands on `window.matrixResult`.
import * as chatcaptain from "@captain-sdk/chatcaptain";
import * as chatOps from "@captain-sdk/chatcaptain/ops";
import * as core from "@captain-sdk/core";
import * as salescaptain from "@captain-sdk/salescaptain";
import * as salesOps from "@captain-sdk/salescaptain/ops";
import { check, refusal } from "./check.js";

const params = new URL(location.href).searchParams;
const apiUrl = params.get("api");
const run = params.get("run");

function fromWorker() {
  const worker = new Worker("/browser-worker.js", { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(`worker failed: ${event.message}`));
    worker.postMessage({ apiUrl });
  });
}

async function fromServiceWorker() {
  const registration = await navigator.serviceWorker.register("/service-worker.js", { type: "module" });
  await navigator.serviceWorker.ready;
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data);
  });
  registration.active.postMessage({ apiUrl }, [channel.port2]);
  return answer;
}

async function main() {
  const result = { refusal: refusal({ chatcaptain, salescaptain, chatOps, salesOps, apiUrl }) };
  Object.assign(
    result,
    await check({
      core,
      chatcaptain,
      salescaptain,
      chatOps,
      salesOps,
      apiUrl,
      run,
      clientOptions: { dangerouslyAllowBrowser: true },
    }),
  );
  result.worker = await fromWorker();
  result.serviceWorker = await fromServiceWorker();
  return result;
}

main().then(
  (result) => {
    window.matrixResult = result;
  },
  (error) => {
    window.matrixResult = { failed: String(error?.stack ?? error) };
  },
);
