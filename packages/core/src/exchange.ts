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

/** What fetch looks like to the SDK: the global one's signature, so a custom fetch gets what it would. */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportContext {
  fetch: Fetch;
  log: Log;
  secrets: readonly string[];
  vendor: string;
}

/** One request to send: serialized once, sent as is on every attempt. */
export interface Outgoing {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: RequestInit["body"] | null | undefined;
  /** The caller's other RequestInit fields (credentials, cache, keepalive, …), passed to fetch untouched. */
  init?: RequestInit | undefined;
  /** How the success or error body is read: as text, as a Blob, or as bytes. */
  read: "text" | "blob" | "bytes";
}

/** The answer: the server's response (its body already read, under the attempt's timer) and that body. */
export interface Answer {
  response: Response;
  body: string | Blob | Uint8Array<ArrayBuffer> | undefined;
}

const NULL_BODY_STATUS = [101, 103, 204, 205, 304];

/**
 * The exchange with the server for one call: attempts, per-attempt timeouts that cover the body,
 * retries as the policy allows, the caller's abort. Per attempt one `fetch(url, init)` and one read
 * of the body; the timer and the caller's signal (when there is one) are the only things watched,
 * and nothing outlives the call. HTTP error statuses are returned, never thrown: deciding what is
 * an error is the caller's job.
 */
export async function exchange(
  ctx: TransportContext,
  policy: CallPolicy,
  out: Outgoing,
  signal: AbortSignal | undefined,
): Promise<Answer> {
  const { method } = out;
  const { secrets } = ctx;
  const total = policy.maxRetries + 1;
  // The path as shown in errors and logs, worked out only when one is made.
  const path = () => redactText(pathOf(out.url), secrets);
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw signal.reason;
    const started = Date.now();
    const last = attempt + 1 >= total;
    let outcome: number | string;
    let wait: number | undefined;
    let failure: Error | undefined;
    let answer: Answer | undefined;
    try {
      answer = await attemptOnce(ctx, out, policy.timeoutMs, signal, path);
      const { status, headers } = answer.response;
      outcome = status;
      if (!last && retryableStatus(status, method, policy)) {
        const asked = parseRetryAfter(headers);
        wait =
          asked === undefined
            ? backoffDelay(attempt, policy.retryBaseDelayMs)
            : asked > policy.maxRetryDelayMs
              ? undefined
              : asked;
      }
    } catch (error) {
      if (signal?.aborted) {
        logAttempt(ctx, out, path, "aborted by the caller", attempt, total, started, undefined);
        throw signal.reason;
      }
      const sent = error instanceof TimeoutError || !failedBeforeSending(error);
      failure =
        error instanceof TimeoutError
          ? error
          : new ConnectionError(
              `${method} ${path()}: connection failed (${describe(error, secrets)})${sent && !isIdempotent(method) ? "; the request may have reached the server, check before sending it again" : ""}`,
              { method, path: path(), cause: redactError(error, secrets), mayHaveBeenSent: sent },
            );
      outcome = failure.name;
      if (!last && retryableFailure(sent, method, policy)) wait = backoffDelay(attempt, policy.retryBaseDelayMs);
    }
    logAttempt(ctx, out, path, outcome, attempt, total, started, wait);
    if (wait === undefined) {
      if (failure) throw failure;
      return answer as Answer;
    }
    await sleep(wait, signal);
  }
}

async function attemptOnce(
  ctx: TransportContext,
  out: Outgoing,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  path: () => string,
): Promise<Answer> {
  const controller = new AbortController();
  // One promise per attempt that rejects when the attempt must end (timeout or the caller's abort):
  // the fetch and the body are raced against it, so a fetch or a body that ignores its signal still
  // ends in time. No listener is added per await.
  let stop!: (reason: unknown) => void;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  stopped.catch(() => {});
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let timedOut = false;
  const end = (reason?: unknown) => {
    controller.abort(reason);
    stop(reason);
    reader?.cancel(reason).catch(() => {});
  };
  const onAbort = () => end(signal?.reason);
  signal?.addEventListener("abort", onAbort);
  const timer = setTimeout(() => {
    timedOut = true;
    end();
  }, timeoutMs);
  try {
    const response = await Promise.race([
      ctx.fetch(out.url, {
        ...out.init,
        method: out.method,
        headers: out.headers,
        body: out.body,
        signal: controller.signal,
        // A redirect must not carry the key to another host: 3xx comes back as it is.
        redirect: "manual",
      }),
      stopped,
    ]);
    const { read } = out;
    if (NULL_BODY_STATUS.includes(response.status)) {
      response.body?.cancel().catch(() => {});
      return { response, body: undefined };
    }
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    reader = response.body?.getReader();
    for (;;) {
      const next = await Promise.race([reader?.read() ?? { done: true as const }, stopped]);
      if (next.done) break;
      chunks.push(next.value as Uint8Array<ArrayBuffer>);
    }
    if (read === "text") {
      let text = "";
      for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
      return { response, body: text + decoder.decode() };
    }
    if (read === "blob")
      return { response, body: new Blob(chunks, { type: response.headers.get("content-type") ?? "" }) };
    // Bytes (the path API): one chunk as it came, else joined.
    let bytes = chunks[0] ?? new Uint8Array(0);
    if (chunks[1]) {
      bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
    }
    return { response, body: bytes };
  } catch (error) {
    if (timedOut && !signal?.aborted) {
      throw new TimeoutError(`${out.method} ${path()}: timed out after ${timeoutMs} ms`, {
        method: out.method,
        path: path(),
      });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

const decoder = new TextDecoder();

/** The path of a URL, without query or fragment (as sent: not normalised). */
export function pathOf(url: string): string {
  return url.replace(/^[a-z][\w+.-]*:\/\/[^/?#]*/i, "").replace(/[?#].*/s, "") || "/";
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
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
  for (let e = error as { message?: string; code?: string; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    const text = [e.code, e.message].filter(Boolean).join(" ");
    if (text && !parts.includes(text)) parts.push(text);
    e = e.cause as typeof e;
  }
  return redactText(parts.join(": ") || String(error), secrets);
}

function logAttempt(
  ctx: TransportContext,
  out: Outgoing,
  safePath: () => string,
  outcome: number | string,
  attempt: number,
  total: number,
  started: number,
  waitMs: number | undefined,
): void {
  if (!ctx.log) return;
  const path = safePath();
  const durationMs = Date.now() - started;
  const number = typeof outcome === "number";
  ctx.log(
    `[${ctx.vendor}] ${out.method} ${path} -> ${outcome} (attempt ${attempt + 1}/${total}, ${durationMs} ms${waitMs === undefined ? "" : `, retrying in ${waitMs} ms`})`,
    {
      method: out.method,
      path,
      status: number ? outcome : undefined,
      error: number ? undefined : outcome,
      attempt: attempt + 1,
      durationMs,
      waitMs,
      headers: redactHeaders(out.headers, ctx.secrets),
    },
  );
}
