// Node, Bun and Deno run this file in the throwaway app: `<runtime> cli.mjs`, with MATRIX_API_URL and
// MATRIX_RUN in the environment. Prints one JSON line.

import { inspect } from "node:util";
import * as chatcaptain from "@captain-sdk/chatcaptain";
import * as salescaptain from "@captain-sdk/salescaptain";
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
  refusal: refusal({ chatcaptain, salescaptain, apiUrl }),
  ...(await check({ chatcaptain, salescaptain, apiUrl, run, inspect })),
};
console.log(JSON.stringify(result));
