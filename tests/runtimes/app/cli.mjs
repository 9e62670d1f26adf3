// Node, Bun and Deno run this file in the throwaway app: `<runtime> cli.mjs`, with MATRIX_API_URL and
// MATRIX_RUN in the environment. The SDKs, their `/ops` entries and core all come from the app's
// node_modules (the packed tarballs). Prints one JSON line.

import { inspect } from "node:util";
import * as chatcaptain from "@captain-sdk/chatcaptain";
import * as chatOps from "@captain-sdk/chatcaptain/ops";
import * as core from "@captain-sdk/core";
import * as salescaptain from "@captain-sdk/salescaptain";
import * as salesOps from "@captain-sdk/salescaptain/ops";
import { check, refusal } from "./check.js";

const apiUrl = process.env.MATRIX_API_URL;
const run = process.env.MATRIX_RUN;
const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.versions.node}`;
const result = {
  runtime,
  refusal: refusal({ chatcaptain, salescaptain, chatOps, salesOps, apiUrl }),
  ...(await check({ core, chatcaptain, salescaptain, chatOps, salesOps, apiUrl, run, inspect })),
};
console.log(JSON.stringify(result));
