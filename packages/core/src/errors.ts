import { parseRetryAfter } from "./retry.js";

/** Where an error records the names of its classes, shared by every copy of this package. */
const BRAND = Symbol.for("@captain-sdk/core/error-classes");

/** Every error this SDK throws is a CaptainError. */
export class CaptainError extends Error {
  /** The class's name (`"RateLimitError"`), kept through minification; shown by `toString()` and `toJSON()`. */
  override name = "CaptainError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const chain: string[] = [];
    for (let c: { name: string } = new.target; c !== Error; c = Object.getPrototypeOf(c)) chain.push(c.name);
    Object.defineProperty(this, BRAND, { value: chain });
  }

  /**
   * `instanceof` that also holds across copies of this package: an app that loads both the ESM and
   * the CJS build (or two versions) still gets `err instanceof RateLimitError` right.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof` (a subclass too), which is the point here.
    // biome-ignore lint/complexity/noThisInStatic: see above
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // biome-ignore lint/complexity/noThisInStatic: the class being asked about
    return !!(value as { [BRAND]?: string[] } | null)?.[BRAND]?.includes(this.name);
  }

  /**
   * What `JSON.stringify` shows: the name, the message and the error's own fields (`status`,
   * `issues`, …; never `cause` or `stack`); never a key.
   */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this as object) };
  }
}

/** A bad client option or per-call option, or a missing API key. Thrown before any request. */
export class ConfigurationError extends CaptainError {
  override name = "ConfigurationError";
}

/** One problem with a call's arguments. */
export interface ValidationIssue {
  /** Where the problem is: `company_id`, `body.items[0].name`, or "" for the arguments as a whole. */
  path: string;
  /** What is wrong: "is required", "must be a UUID". */
  message: string;
}

/** The arguments do not match the spec. Thrown before any request is made. */
export class ValidationError extends CaptainError {
  override name = "ValidationError";
  /** Every problem found, not only the first. */
  readonly issues: readonly ValidationIssue[];
  constructor(operation: string, issues: readonly ValidationIssue[]) {
    const list = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    super(`Invalid arguments for ${operation}: ${list}`);
    this.issues = issues;
  }
}

/**
 * A list walk that would never end: the server sent a cursor or a page it had already sent. Thrown
 * instead of looping; the items yielded before it were real.
 */
export class PaginationError extends CaptainError {
  override name = "PaginationError";
  /** The operation (`contacts.listContacts`) and the page (1-based) at which the walk stopped. */
  readonly operation: string;
  /** The 1-based page at which the walk stopped. */
  readonly page: number;
  constructor(operation: string, page: number, message: string) {
    super(`${operation}: ${message} (page ${page}); stopped instead of looping`);
    this.operation = operation;
    this.page = page;
  }
}

/** No HTTP answer: the connection was refused, reset, or failed. `cause` holds the underlying error. */
export class ConnectionError extends CaptainError {
  override name = "ConnectionError";
  /** The request method, as sent. */
  readonly method: string;
  /** The request path, as sent (no query string). */
  readonly path: string;
  /**
   * False only when the request certainly never left (refused, unknown host). When true, a send
   * may have been carried out: check before sending it again.
   */
  readonly mayHaveBeenSent: boolean;
  constructor(message: string, init: { method: string; path: string; cause?: unknown; mayHaveBeenSent?: boolean }) {
    super(message, { cause: init.cause });
    this.method = init.method;
    this.path = init.path;
    this.mayHaveBeenSent = init.mayHaveBeenSent ?? true;
  }
}

/** An attempt took longer than `timeoutMs` (headers and body). */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}

/** What an `ApiError` is made from (the runtime builds these; exported for tests and custom fetches). */
export interface ApiErrorInit {
  /** The HTTP status. */
  status: number;
  /** Response headers, lower-case, credentials already redacted. */
  headers: Record<string, string>;
  /** The parsed body (JSON, else text), secrets already redacted. */
  body: unknown;
  /** The request method. */
  method: string;
  /** The request path. */
  path: string;
  /** Replaces the message built from the status and the body. */
  message?: string;
}

const REQUEST_ID_HEADERS = [
  "x-request-id",
  "request-id",
  "x-requestid",
  "x-correlation-id",
  "x-amzn-requestid",
  "x-amz-request-id",
  "x-trace-id",
  "cf-ray",
];

/** The server answered with an error status. */
export class ApiError extends CaptainError {
  override name = "ApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The response headers, lower-case names, credentials shown as `***`. */
  readonly headers: Record<string, string>;
  /** The response body: parsed JSON, else the text; any key the server echoed is `***`. */
  readonly body: unknown;
  /** The server's request id (`x-request-id` and the like), for the vendor's support. */
  readonly requestId: string | undefined;
  /** The request method. */
  readonly method: string;
  /** The request path, as sent (no query string). */
  readonly path: string;

  constructor(init: ApiErrorInit) {
    super(init.message ?? describe(init));
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body;
    this.method = init.method;
    this.path = init.path;
    this.requestId = REQUEST_ID_HEADERS.map((h) => init.headers[h]).find(Boolean);
  }

  /** The right subclass for a status. */
  static from(init: ApiErrorInit): ApiError {
    const Class = BY_STATUS[init.status] ?? (init.status >= 500 ? InternalServerError : ApiError);
    return new Class(init);
  }
}

/** 400: the server rejected the request as malformed. */
export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
/** 401: the key is missing, wrong or revoked. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
/** 403: the key is valid but may not do this. */
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
/** 404: no such resource (or route). */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
/** 409: the request conflicts with the resource's current state. */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}
/** 422: well-formed, but the server refused its content. */
export class UnprocessableEntityError extends ApiError {
  override name = "UnprocessableEntityError";
}
/** 500 and above: the server failed. Retried for idempotent methods only. */
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

/** 429. Carries what the server said about its limit. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  /** How long the server asked to wait, from `retry-after-ms`, `Retry-After` or `X-RateLimit-Reset`. */
  readonly retryAfterMs: number | undefined;
  /** `X-RateLimit-Limit`: requests allowed per window. */
  readonly limit: number | undefined;
  /** `X-RateLimit-Remaining`: requests left in this window. */
  readonly remaining: number | undefined;
  /** `X-RateLimit-Reset` as a date: when the window resets. */
  readonly resetAt: Date | undefined;
  constructor(init: ApiErrorInit) {
    super(init);
    const h = init.headers;
    this.retryAfterMs = parseRetryAfter(h);
    this.limit = numberOrUndefined(h["x-ratelimit-limit"]);
    this.remaining = numberOrUndefined(h["x-ratelimit-remaining"]);
    const reset = numberOrUndefined(h["x-ratelimit-reset"]);
    this.resetAt = reset === undefined ? undefined : new Date(reset > 1e9 ? reset * 1000 : Date.now() + reset * 1000);
  }
}

/**
 * A success status whose body is not what the API declares (not JSON, an HTML page, empty).
 * The request may well have been carried out: do not blindly resend. `body` keeps the raw text.
 */
export class UnexpectedResponseError extends ApiError {
  override name = "UnexpectedResponseError";
}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function numberOrUndefined(value: string | undefined): number | undefined {
  const n = value?.trim() ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

function describe(init: ApiErrorInit): string {
  let detail = "";
  const body = init.body;
  if (typeof body === "string") detail = body.trim();
  else if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    const found = [b.message, b.error, b.detail, b.title, b.error_description].find((v) => typeof v === "string");
    const nested = b.error && typeof b.error === "object" ? (b.error as Record<string, unknown>).message : undefined;
    detail = String(found ?? nested ?? JSON.stringify(body));
  }
  if (detail.length > 300) detail = `${detail.slice(0, 300)}…`;
  return `${init.status} ${init.method} ${init.path}${detail ? `: ${detail}` : ""}`;
}
