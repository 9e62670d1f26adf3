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

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

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
  if (signal?.aborted) throw signal.reason;
  const { method } = out;
  const total = policy.maxRetries + 1;
  for (let attempt = 0; ; attempt++) {
    const started = Date.now();
    let answer: Answer;
    try {
      answer = await attemptOnce(ctx, out, policy.timeoutMs, signal);
    } catch (error) {
      const path = pathOf(out.url);
      if (signal?.aborted) {
        logAttempt(ctx, out, path, "aborted by the caller", attempt, total, Date.now() - started, undefined);
        throw signal.reason;
      }
      const sent = error instanceof TimeoutError || !failedBeforeSending(error);
      const failure =
        error instanceof TimeoutError
          ? error
          : new ConnectionError(
              `${method} ${redactText(path, ctx.secrets)}: connection failed (${describe(error, ctx.secrets)})${sent && !isIdempotent(method) ? "; the request may have reached the server, check before sending it again" : ""}`,
              {
                method,
                path: redactText(path, ctx.secrets),
                cause: redactError(error, ctx.secrets),
                mayHaveBeenSent: sent,
              },
            );
      const retry = attempt + 1 < total && retryableFailure(sent, method, policy);
      const wait = retry ? backoffDelay(attempt, policy.retryBaseDelayMs) : undefined;
      logAttempt(ctx, out, path, failure.name, attempt, total, Date.now() - started, wait);
      if (!retry) throw failure;
      await sleep(wait as number, signal);
      continue;
    }
    const { status, headers } = answer.response;
    let wait: number | undefined;
    if (attempt + 1 < total && retryableStatus(status, method, policy)) {
      const asked = parseRetryAfter(headers);
      if (asked === undefined) wait = backoffDelay(attempt, policy.retryBaseDelayMs);
      else if (asked <= policy.maxRetryDelayMs) wait = asked;
    }
    if (ctx.log.enabled("debug"))
      logAttempt(ctx, out, pathOf(out.url), status, attempt, total, Date.now() - started, wait);
    if (wait === undefined) return answer;
    await sleep(wait, signal);
  }
}

async function attemptOnce(
  ctx: TransportContext,
  out: Outgoing,
  timeoutMs: number,
  signal: AbortSignal | undefined,
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
  const end = (reason: unknown) => {
    controller.abort(reason);
    stop(reason);
    reader?.cancel(reason).catch(() => {});
  };
  const onAbort = () => end(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    end(undefined);
  }, timeoutMs);
  try {
    const response = await Promise.race([
      ctx.fetch(out.url, {
        ...out.init,
        method: out.method,
        headers: out.headers,
        ...(out.body !== undefined && out.body !== null ? { body: out.body } : {}),
        signal: controller.signal,
        // A redirect must not carry the key to another host: 3xx comes back as it is.
        redirect: "manual",
      }),
      stopped,
    ]);
    if (NULL_BODY_STATUS.has(response.status)) {
      response.body?.cancel().catch(() => {});
      return { response, body: undefined };
    }
    if (!response.body)
      return { response, body: out.read === "blob" ? new Blob([]) : out.read === "bytes" ? new Uint8Array(0) : "" };
    reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), stopped]);
      if (done) break;
      chunks.push(value);
    }
    if (out.read === "blob") {
      const type = response.headers.get("content-type");
      return { response, body: new Blob(chunks as BlobPart[], type ? { type } : {}) };
    }
    if (out.read === "bytes") return { response, body: concat(chunks) };
    return { response, body: decode(chunks) };
  } catch (error) {
    if (timedOut && !signal?.aborted) {
      const path = redactText(pathOf(out.url), ctx.secrets);
      throw new TimeoutError(`${out.method} ${path}: timed out after ${timeoutMs} ms`, { method: out.method, path });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

const decoder = new TextDecoder();

function decode(chunks: Uint8Array[]): string {
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  let text = "";
  const streaming = new TextDecoder();
  for (const chunk of chunks) text += streaming.decode(chunk, { stream: true });
  return text + streaming.decode();
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const end = url.search(/[?#]/);
  return end > start ? url.slice(start, end) : url.slice(start);
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
  out: Outgoing,
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
    `[${ctx.vendor}] ${out.method} ${safePath} -> ${outcome} (attempt ${attempt + 1}/${total}, ${durationMs} ms${retry})`,
    {
      method: out.method,
      path: safePath,
      status: typeof outcome === "number" ? outcome : undefined,
      error: typeof outcome === "string" ? outcome : undefined,
      attempt: attempt + 1,
      durationMs,
      waitMs,
      headers: redactHeaders(out.headers, ctx.secrets),
    },
  );
}
