import type { ServerResponse } from "node:http";
import {
  type ApiError,
  AuthenticationError,
  type ClientOptions,
  ConnectionError,
  InternalServerError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
} from "@captain-sdk/core";
import { expect } from "vitest";
import { type Handler, sendJson } from "../helpers/loopback.js";

/** The key every fault case sends; no error or log line may ever show it. */
export const KEY = "test-key-1234";

type ErrorClass = abstract new (...args: never[]) => Error;

/** What a case must come to. Operation methods throw HTTP errors; the path API returns them. */
export type Expectation =
  | { ok: true }
  | { status: number; cls: ErrorClass; body?: unknown; check?: (error: ApiError) => void }
  | { throws: ErrorClass; notA?: ErrorClass; body?: unknown }
  | { aborted: true }
  | { op: Expectation; path: Expectation };

export interface FaultCase {
  name: string;
  method: "POST" | "GET";
  /** What the server does; none means nobody listens (connection refused). */
  server?: Handler;
  client?: Partial<ClientOptions>;
  call?: Record<string, unknown>;
  /** Abort the call with the caller's own signal: before it starts, or after some ms. */
  abort?: "before" | number;
  /** Requests the server must have received. */
  requests: number;
  /** Attempts the debug log must show (one line each); default `requests`. */
  attempts?: number;
  expect: Expectation;
  /** The call must take at least / at most this long (a server-requested wait; "at once"). */
  minMs?: number;
  maxMs?: number;
  /** For the report table. */
  outcome: string;
}

const OK_BODY = { id: "msg_1", status: "sent" };

function raw(res: ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Answers the n-th request with `statuses[n-1]` (with `headers`), then 200. */
function statusesThenOk(statuses: number[], headers: () => Record<string, string> = () => ({})): Handler {
  return (r, res) => {
    const status = statuses[r.n - 1];
    if (status === undefined) sendJson(res, 200, { ...OK_BODY, n: r.n });
    else sendJson(res, status, { error: { message: `failure ${status}` } }, headers());
  };
}

function always(status: number, headers: () => Record<string, string> = () => ({})): Handler {
  return (_r, res) => sendJson(res, status, { message: `failure ${status}` }, headers());
}

const resetAfterBody: Handler = (_r, _res, req) => req.socket.destroy();
const hang: Handler = () => {};
const stallBody: Handler = (_r, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"id": "msg_1", ');
};
const MALFORMED = '{"id": "msg_1", "status": ';
const HTML = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";

const fiveHundreds = [500, 502, 503, 504];

export const CASES: FaultCase[] = [
  // 408 and 429: retried for every method, waiting as the server asks.
  {
    name: "408 then 200",
    method: "POST",
    server: statusesThenOk([408]),
    requests: 2,
    expect: { ok: true },
    outcome: "retried once, data",
  },
  {
    name: "429 Retry-After: 1 (seconds) then 200",
    method: "POST",
    server: statusesThenOk([429], () => ({ "retry-after": "1" })),
    requests: 2,
    expect: { ok: true },
    minMs: 950,
    outcome: "waited 1 s, data",
  },
  {
    name: "429 Retry-After: <HTTP date 2 s ahead> then 200",
    method: "POST",
    server: statusesThenOk([429], () => ({ "retry-after": new Date(Date.now() + 2000).toUTCString() })),
    requests: 2,
    expect: { ok: true },
    minMs: 900,
    outcome: "waited until the date, data",
  },
  {
    name: "429 retry-after-ms: 30 then 200",
    method: "POST",
    server: statusesThenOk([429], () => ({ "retry-after-ms": "30" })),
    requests: 2,
    expect: { ok: true },
    minMs: 25,
    outcome: "waited 30 ms, data",
  },
  {
    name: "429 X-RateLimit-Reset: <epoch s, 1-2 s ahead> then 200",
    method: "POST",
    server: statusesThenOk([429], () => ({ "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 1) })),
    requests: 2,
    expect: { ok: true },
    minMs: 900,
    outcome: "waited until the reset, data",
  },
  {
    name: "429 Retry-After: 120 (above maxRetryDelayMs 60 s)",
    method: "POST",
    server: always(429, () => ({
      "retry-after": "120",
      "x-ratelimit-limit": "100",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 120),
    })),
    requests: 1,
    maxMs: 10_000,
    expect: {
      status: 429,
      cls: RateLimitError,
      check: (e) => {
        const err = e as RateLimitError;
        expect(err.retryAfterMs).toBe(120_000);
        expect(err.limit).toBe(100);
        expect(err.remaining).toBe(0);
        expect(err.resetAt).toBeInstanceOf(Date);
        expect(Math.abs((err.resetAt as Date).getTime() - (Date.now() + 120_000))).toBeLessThan(5_000);
      },
    },
    outcome: "RateLimitError at once (retryAfterMs 120000, limit 100, remaining 0, resetAt)",
  },
  {
    name: "429 retry-after-ms: 2000 with client maxRetryDelayMs 500",
    method: "GET",
    server: always(429, () => ({ "retry-after-ms": "2000" })),
    client: { maxRetryDelayMs: 500 },
    requests: 1,
    maxMs: 1900,
    expect: { status: 429, cls: RateLimitError, check: (e) => expect((e as RateLimitError).retryAfterMs).toBe(2000) },
    outcome: "RateLimitError at once (retryAfterMs 2000)",
  },
  {
    name: "429 always (retry-after-ms: 1), maxRetries 2",
    method: "POST",
    server: always(429, () => ({ "retry-after-ms": "1" })),
    requests: 3,
    expect: { status: 429, cls: RateLimitError },
    outcome: "3 attempts, then RateLimitError",
  },
  // 5xx: never resent for POST unless the caller opts in; retried for GET.
  ...fiveHundreds.map(
    (status): FaultCase => ({
      name: `${status} on POST`,
      method: "POST",
      server: always(status),
      requests: 1,
      expect: { status, cls: InternalServerError },
      outcome: `InternalServerError ${status}, not resent`,
    }),
  ),
  ...fiveHundreds.map(
    (status): FaultCase => ({
      name: `${status} ${status} then 200 on GET`,
      method: "GET",
      server: statusesThenOk([status, status]),
      requests: 3,
      expect: { ok: true },
      outcome: "retried twice, data",
    }),
  ),
  {
    name: "500 always on GET, maxRetries 2",
    method: "GET",
    server: always(500),
    requests: 3,
    expect: { status: 500, cls: InternalServerError },
    outcome: "3 attempts, then InternalServerError",
  },
  {
    name: "503 then 200 on POST, client retryNonIdempotent: true",
    method: "POST",
    server: statusesThenOk([503]),
    client: { retryNonIdempotent: true },
    requests: 2,
    expect: { ok: true },
    outcome: "retried (opted in), data",
  },
  {
    name: "503 then 200 on POST, per-call retryNonIdempotent: true",
    method: "POST",
    server: statusesThenOk([503]),
    call: { retryNonIdempotent: true },
    requests: 2,
    expect: { ok: true },
    outcome: "retried (opted in), data",
  },
  {
    name: "503 on POST, client true but per-call retryNonIdempotent: false",
    method: "POST",
    server: statusesThenOk([503]),
    client: { retryNonIdempotent: true },
    call: { retryNonIdempotent: false },
    requests: 1,
    expect: { status: 503, cls: InternalServerError },
    outcome: "InternalServerError, not resent (call wins)",
  },
  {
    name: "503 always on GET, client maxRetries 0",
    method: "GET",
    server: always(503),
    client: { maxRetries: 0 },
    requests: 1,
    expect: { status: 503, cls: InternalServerError },
    outcome: "1 attempt, InternalServerError",
  },
  {
    name: "503 always on GET, per-call maxRetries 1",
    method: "GET",
    server: always(503),
    call: { maxRetries: 1 },
    requests: 2,
    expect: { status: 503, cls: InternalServerError },
    outcome: "2 attempts, InternalServerError",
  },
  {
    name: "429 always on POST, client maxRetries 5, per-call maxRetries 0",
    method: "POST",
    server: always(429, () => ({ "retry-after-ms": "1" })),
    client: { maxRetries: 5 },
    call: { maxRetries: 0 },
    requests: 1,
    expect: { status: 429, cls: RateLimitError },
    outcome: "1 attempt, RateLimitError",
  },
  // Connection failures.
  {
    name: "connection reset after the server read the body, POST",
    method: "POST",
    server: resetAfterBody,
    requests: 1,
    expect: { throws: ConnectionError, notA: TimeoutError },
    outcome: "ConnectionError, not resent",
  },
  {
    name: "connection reset after the server read the body, GET",
    method: "GET",
    server: resetAfterBody,
    requests: 3,
    expect: { throws: ConnectionError, notA: TimeoutError },
    outcome: "3 attempts, ConnectionError",
  },
  {
    name: "reset then 200, GET",
    method: "GET",
    server: (r, res, req) => (r.n === 1 ? req.socket.destroy() : sendJson(res, 200, OK_BODY)),
    requests: 2,
    expect: { ok: true },
    outcome: "retried once, data",
  },
  {
    name: "connection refused, POST",
    method: "POST",
    requests: 0,
    attempts: 3,
    expect: { throws: ConnectionError, notA: TimeoutError },
    outcome: "3 attempts (nothing was sent), ConnectionError",
  },
  {
    name: "hung server, POST, per-call timeoutMs 200",
    method: "POST",
    server: hang,
    call: { timeoutMs: 200 },
    requests: 1,
    minMs: 190,
    expect: { throws: TimeoutError },
    outcome: "TimeoutError (a ConnectionError), not resent",
  },
  {
    name: "hung server, GET, client timeoutMs 200",
    method: "GET",
    server: hang,
    client: { timeoutMs: 200 },
    requests: 3,
    minMs: 590,
    expect: { throws: TimeoutError },
    outcome: "3 attempts, TimeoutError",
  },
  {
    name: "stalled body (headers sent), POST, timeoutMs 200",
    method: "POST",
    server: stallBody,
    client: { timeoutMs: 200 },
    requests: 1,
    expect: { throws: TimeoutError },
    outcome: "TimeoutError, not resent",
  },
  {
    name: "stalled body (headers sent), GET, timeoutMs 200",
    method: "GET",
    server: stallBody,
    client: { timeoutMs: 200 },
    requests: 3,
    expect: { throws: TimeoutError },
    outcome: "3 attempts, TimeoutError",
  },
  // The caller's abort: its reason, at once, never retried, never a timeout.
  {
    name: "caller aborts while the server hangs (timeoutMs 30 s)",
    method: "POST",
    server: hang,
    client: { timeoutMs: 30_000 },
    abort: 100,
    requests: 1,
    maxMs: 5000,
    expect: { aborted: true },
    outcome: "rejects with the abort reason at once",
  },
  {
    name: "caller aborts during a backoff wait (503, GET, retryBaseDelayMs 10 s)",
    method: "GET",
    server: always(503),
    client: { retryBaseDelayMs: 10_000 },
    abort: 150,
    requests: 1,
    maxMs: 5000,
    expect: { aborted: true },
    outcome: "rejects with the abort reason at once",
  },
  {
    name: "caller aborts during a Retry-After wait (429, POST, Retry-After 30)",
    method: "POST",
    server: always(429, () => ({ "retry-after": "30" })),
    abort: 150,
    requests: 1,
    maxMs: 5000,
    expect: { aborted: true },
    outcome: "rejects with the abort reason at once",
  },
  {
    name: "signal already aborted",
    method: "POST",
    server: always(200),
    abort: "before",
    requests: 0,
    expect: { aborted: true },
    outcome: "rejects with the abort reason, nothing sent",
  },
  // Bodies that are not what the spec declares.
  {
    name: "200 with malformed JSON",
    method: "POST",
    server: (_r, res) => raw(res, 200, "application/json", MALFORMED),
    requests: 1,
    expect: { throws: UnexpectedResponseError, body: MALFORMED },
    outcome: "UnexpectedResponseError keeping the raw text, not resent",
  },
  {
    name: "200 with an HTML page",
    method: "POST",
    server: (_r, res) => raw(res, 200, "text/html", HTML),
    requests: 1,
    expect: { throws: UnexpectedResponseError, body: HTML },
    outcome: "UnexpectedResponseError keeping the raw text",
  },
  {
    name: "200 with an HTML page, GET",
    method: "GET",
    server: (_r, res) => raw(res, 200, "text/html", HTML),
    requests: 1,
    expect: { throws: UnexpectedResponseError, body: HTML },
    outcome: "UnexpectedResponseError keeping the raw text",
  },
  {
    name: "200 with an empty body where JSON is declared",
    method: "POST",
    server: (_r, res) => raw(res, 200, "application/json", ""),
    requests: 1,
    expect: { op: { throws: UnexpectedResponseError }, path: { ok: true } },
    outcome: "op: UnexpectedResponseError; path API: data undefined",
  },
  {
    name: "502 with an HTML page from a proxy",
    method: "POST",
    server: (_r, res) => raw(res, 502, "text/html", HTML),
    requests: 1,
    expect: { status: 502, cls: InternalServerError, body: HTML },
    outcome: "InternalServerError, body = the raw HTML",
  },
  {
    name: "500 with malformed JSON",
    method: "POST",
    server: (_r, res) => raw(res, 500, "application/json", MALFORMED),
    requests: 1,
    expect: { status: 500, cls: InternalServerError, body: MALFORMED },
    outcome: "InternalServerError, body = the raw text",
  },
  // A server that echoes the credential back: the key must still never show.
  {
    name: "401 echoing the key in body and headers",
    method: "POST",
    server: (r, res) => {
      const sent = String(r.headers.authorization ?? r.headers["x-chatcaptain-key"] ?? "");
      sendJson(
        res,
        401,
        { message: `invalid key ${sent}`, detail: { received: sent, key: KEY } },
        { "www-authenticate": `Bearer realm="${sent}"`, "x-echo": sent, "x-request-id": `req_${KEY}` },
      );
    },
    requests: 1,
    expect: { status: 401, cls: AuthenticationError },
    outcome: "AuthenticationError, key shown as ***",
  },
  {
    name: "500 echoing the key in an HTML body, GET",
    method: "GET",
    server: (r, res) => raw(res, 500, "text/html", `<pre>${String(r.headers.authorization)}</pre>`),
    client: { maxRetries: 0 },
    requests: 1,
    expect: { status: 500, cls: InternalServerError },
    outcome: "InternalServerError, key shown as ***",
  },
];
