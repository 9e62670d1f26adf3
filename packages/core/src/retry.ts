/**
 * The retry policy, safe by default: a repeated send is a duplicate message to a customer.
 *
 * - Any method: 408 and 429, and connection failures before the request could be sent.
 * - Idempotent methods also: 5xx, timeouts, resets.
 * - POST and PATCH are not retried once the server may have received them, unless
 *   `retryNonIdempotent` is set.
 */

/** The retry settings of a client (or one call). */
export interface RetryPolicy {
  /** Retries after the first attempt, where the policy allows one. */
  maxRetries: number;
  /** Also retry POST and PATCH after the server may have received them (may duplicate a send). */
  retryNonIdempotent: boolean;
  /** A server-requested wait longer than this is not slept: the response is returned at once. */
  maxRetryDelayMs: number;
  /** First backoff step; it doubles each attempt up to 8 s, with jitter. */
  retryBaseDelayMs: number;
}

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);
const MAX_BACKOFF_MS = 8_000;
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? [\w :-]+$/i;

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/** May this status be retried for this method? */
export function retryableStatus(status: number, method: string, policy: RetryPolicy): boolean {
  if (status === 408 || status === 429) return true;
  if (status >= 500 && status <= 599) return isIdempotent(method) || policy.retryNonIdempotent;
  return false;
}

/**
 * May this failure be retried? `sent` says whether the request may have reached the server
 * (anything but a refused connection or a failed DNS look-up).
 */
export function retryableFailure(sent: boolean, method: string, policy: RetryPolicy): boolean {
  return !sent || isIdempotent(method) || policy.retryNonIdempotent;
}

const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Error codes found on an error, its causes and aggregated errors (Node's fetch nests them). */
export function errorCodes(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== "object" || depth > 5) return [];
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const codes = typeof e.code === "string" ? [e.code] : [];
  codes.push(...errorCodes(e.cause, depth + 1));
  if (Array.isArray(e.errors)) for (const inner of e.errors) codes.push(...errorCodes(inner, depth + 1));
  return codes;
}

/** True when the failure shows the request never left: the connection was refused or the host unknown. */
export function failedBeforeSending(error: unknown): boolean {
  const codes = errorCodes(error);
  return codes.length > 0 && codes.every((c) => NOT_SENT_CODES.has(c));
}

/**
 * How long the server asked us to wait, in ms: `retry-after-ms`, then `Retry-After` (seconds or an
 * HTTP date), then `X-RateLimit-Reset` (epoch seconds; small values are read as seconds from now).
 */
export function parseRetryAfter(headers: Headers | Record<string, string>, now = Date.now()): number | undefined {
  const get = (name: string): string | undefined =>
    (headers instanceof Headers ? headers.get(name) : headers[name]) ?? undefined;
  const ms = get("retry-after-ms")?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const after = get("retry-after")?.trim();
  if (after) {
    if (/^\d+(\.\d+)?$/.test(after)) return Math.ceil(Number(after) * 1000);
    // An HTTP date starts with the weekday in all three of its formats (RFC 9110 5.6.7) and is
    // in GMT (asctime's says so implicitly); other text is not handed to Date.parse, which reads
    // "-5" or "1 2" as dates.
    const date = HTTP_DATE.test(after) ? Date.parse(/GMT$/i.test(after) ? after : `${after} GMT`) : Number.NaN;
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = get("x-ratelimit-reset")?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const n = Number(reset);
    return Math.max(0, Math.ceil(n > 1e9 ? n * 1000 - now : n * 1000));
  }
  return undefined;
}

/**
 * Exponential backoff with jitter: base * 2^attempt, capped at 8 s, minus up to 25% at random, so
 * that clients that failed together do not retry together. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const step = Math.min(baseMs * 2 ** attempt, MAX_BACKOFF_MS);
  return Math.round(step * (1 - 0.25 * random()));
}
