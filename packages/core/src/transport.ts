import { ConnectionError, TimeoutError } from "./errors.js";
import type { Log } from "./logger.js";
import type { CallPolicy } from "./options.js";
import { redactError, redactHeaders, redactText } from "./redact.js";
import {
  backoffDelay,
  failedBeforeSending,
  isIdempotent,
  parseRetryAfter,
  retryableFailure,
  retryableStatus,
} from "./retry.js";

export interface TransportContext {
  fetch: (request: Request) => Promise<Response>;
  log: Log;
  secrets: readonly string[];
  vendor: string;
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/**
 * The fetch that openapi-fetch calls, for one call: attempts, per-attempt timeouts that cover the
 * body, retries as the policy allows, and the caller's abort. Every attempt's body is read in full
 * before the timer stops, so a stalled body times out and no timer outlives the call. HTTP error
 * statuses are returned, never thrown: deciding what is an error is the caller's job.
 */
export function createCallFetch(
  ctx: TransportContext,
  policy: CallPolicy,
  signal: AbortSignal | undefined,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const method = request.method;
    const url = new URL(request.url);
    const path = url.pathname;
    if (signal?.aborted) throw signal.reason;
    // Read once, sent as is on every attempt.
    const body = request.body ? await request.arrayBuffer() : undefined;
    const total = policy.maxRetries + 1;
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      let response: Response;
      try {
        response = await attemptOnce(ctx, request, body, policy.timeoutMs, signal, path);
      } catch (error) {
        if (signal?.aborted) {
          logAttempt(ctx, request, path, "aborted by the caller", attempt, total, Date.now() - started, undefined);
          throw signal.reason;
        }
        const sent = error instanceof TimeoutError || !failedBeforeSending(error);
        const failure =
          error instanceof TimeoutError
            ? error
            : new ConnectionError(
                `${method} ${path}: connection failed (${describe(error, ctx.secrets)})${sent && !isIdempotent(method) ? "; the request may have reached the server, check before sending it again" : ""}`,
                { method, path, cause: redactError(error, ctx.secrets), mayHaveBeenSent: sent },
              );
        const retry = attempt + 1 < total && retryableFailure(sent, method, policy);
        const wait = retry ? backoffDelay(attempt, policy.retryBaseDelayMs) : undefined;
        logAttempt(ctx, request, path, failure.name, attempt, total, Date.now() - started, wait);
        if (!retry) throw failure;
        await sleep(wait as number, signal);
        continue;
      }
      let wait: number | undefined;
      if (attempt + 1 < total && retryableStatus(response.status, method, policy)) {
        const asked = parseRetryAfter(response.headers);
        if (asked === undefined) wait = backoffDelay(attempt, policy.retryBaseDelayMs);
        else if (asked <= policy.maxRetryDelayMs) wait = asked;
      }
      logAttempt(ctx, request, path, response.status, attempt, total, Date.now() - started, wait);
      if (wait === undefined) return response;
      await sleep(wait, signal);
    }
  };
}

async function attemptOnce(
  ctx: TransportContext,
  request: Request,
  body: ArrayBuffer | undefined,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  path: string,
): Promise<Response> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  // The TimeoutError is only built when it happens: an error's stack costs on every attempt.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  let res: Response | undefined;
  try {
    // Raced against the abort too: a fetch (or a body) that ignores its signal still times out.
    res = await untilAborted(
      ctx.fetch(
        new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body,
          signal: controller.signal,
          // A redirect must not carry the key to another host: 3xx comes back as it is.
          redirect: "manual",
        }),
      ),
      controller.signal,
    );
    const data = NULL_BODY_STATUS.has(res.status) ? null : await readBody(res, controller.signal);
    const headers = withoutSecrets(res.headers, ctx.secrets);
    const copy = new Response(data, { status: res.status, statusText: res.statusText, headers });
    // The key can sit in the URL (query auth) or come back in a header: the caller's `response` shows neither.
    Object.defineProperty(copy, "url", { value: redactText(res.url || request.url, ctx.secrets) });
    return copy;
  } catch (error) {
    if (timedOut && !signal?.aborted) {
      const message = `${request.method} ${path}: timed out after ${timeoutMs} ms`;
      throw new TimeoutError(message, { method: request.method, path });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** The same headers, or a copy with every secret replaced when a server echoed one. */
function withoutSecrets(headers: Headers, secrets: readonly string[]): Headers {
  if (secrets.length === 0) return headers;
  let copy: Headers | undefined;
  for (const [name, value] of headers) {
    const safe = redactText(value, secrets);
    if (safe !== value) (copy ??= new Headers(headers)).set(name, safe);
  }
  return copy ?? headers;
}

/**
 * The whole body, read under the attempt's signal: an abort cancels the stream (a body that never
 * ends, from a fetch that ignores its signal, included) and rejects with the signal's reason.
 */
async function readBody(res: Response, signal: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const onAbort = () => {
    reader.cancel(signal.reason).catch(() => {});
  };
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), signal);
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
    if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
    const out = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts, whichever comes first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function describe(error: unknown, secrets: readonly string[]): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let i = 0; i < 4 && e; i++) {
    const err = e as { message?: string; code?: string; cause?: unknown };
    const text = [err.code, err.message].filter(Boolean).join(" ");
    if (text && !parts.includes(text)) parts.push(text);
    e = err.cause;
  }
  return redactText(parts.join(": ") || String(error), secrets);
}

function logAttempt(
  ctx: TransportContext,
  request: Request,
  path: string,
  outcome: number | string,
  attempt: number,
  total: number,
  durationMs: number,
  waitMs: number | undefined,
): void {
  if (!ctx.log.enabled("debug")) return;
  const retry = waitMs === undefined ? "" : `, retrying in ${waitMs} ms`;
  const safePath = redactText(path, ctx.secrets);
  ctx.log.debug(
    `[${ctx.vendor}] ${request.method} ${safePath} -> ${outcome} (attempt ${attempt + 1}/${total}, ${durationMs} ms${retry})`,
    {
      method: request.method,
      path: safePath,
      status: typeof outcome === "number" ? outcome : undefined,
      error: typeof outcome === "string" ? outcome : undefined,
      attempt: attempt + 1,
      durationMs,
      waitMs,
      headers: redactHeaders(request.headers, ctx.secrets),
    },
  );
}
