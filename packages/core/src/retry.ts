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

const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? [\w :-]+$/i;
const NUMBER = /^\d+(\.\d+)?$/;

export function isIdempotent(method: string): boolean {
  return /^(GET|HEAD|OPTIONS|PUT|DELETE|TRACE)$/i.test(method);
}

/** May this status be retried for this method? */
export function retryableStatus(status: number, method: string, policy: RetryPolicy): boolean {
  return status === 408 || status === 429 || (status >= 500 && status < 600 && retryableFailure(true, method, policy));
}

/**
 * May this failure be retried? `sent` says whether the request may have reached the server
 * (anything but a refused connection or a failed DNS look-up).
 */
export function retryableFailure(sent: boolean, method: string, policy: RetryPolicy): boolean {
  return !sent || isIdempotent(method) || policy.retryNonIdempotent;
}

/** Error codes found on an error, its causes and aggregated errors (Node's fetch nests them). */
export function errorCodes(error: unknown, depth = 0): string[] {
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown } | null | undefined;
  if (!e || typeof e !== "object" || depth > 5) return [];
  return [
    ...(typeof e.code === "string" ? [e.code] : []),
    ...[e.cause, ...(Array.isArray(e.errors) ? e.errors : [])].flatMap((inner) => errorCodes(inner, depth + 1)),
  ];
}

/** True when the failure shows the request never left: the connection was refused or the host unknown. */
export function failedBeforeSending(error: unknown): boolean {
  const codes = errorCodes(error);
  return (
    codes.length > 0 &&
    codes.every((c) =>
      /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT)$/.test(c),
    )
  );
}

/**
 * How long the server asked us to wait, in ms: `retry-after-ms`, then `Retry-After` (seconds or an
 * HTTP date), then `X-RateLimit-Reset` (epoch seconds; small values are read as seconds from now).
 */
export function parseRetryAfter(headers: Headers | Record<string, string>, now = Date.now()): number | undefined {
  const get = (name: string): string => ((headers instanceof Headers ? headers.get(name) : headers[name]) ?? "").trim();
  const ms = get("retry-after-ms");
  if (NUMBER.test(ms)) return Math.ceil(+ms);
  const after = get("retry-after");
  if (NUMBER.test(after)) return Math.ceil(+after * 1000);
  // An HTTP date starts with the weekday in all three of its formats (RFC 9110 5.6.7) and is in GMT
  // (asctime's says so implicitly); other text is not handed to Date.parse, which reads "-5" or
  // "1 2" as dates.
  const date = HTTP_DATE.test(after) ? Date.parse(/GMT$/i.test(after) ? after : `${after} GMT`) : Number.NaN;
  if (!Number.isNaN(date)) return Math.max(0, date - now);
  const reset = get("x-ratelimit-reset");
  return NUMBER.test(reset) ? Math.max(0, Math.ceil(+reset > 1e9 ? +reset * 1000 - now : +reset * 1000)) : undefined;
}

/**
 * Exponential backoff with jitter: base * 2^attempt, capped at 8 s, minus up to 25% at random, so
 * that clients that failed together do not retry together. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return Math.round(Math.min(baseMs * 2 ** attempt, 8_000) * (1 - 0.25 * random()));
}
