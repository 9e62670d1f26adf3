import {
  ApiError,
  CaptainError,
  ConfigurationError,
  ConnectionError,
  RateLimitError,
  UnexpectedResponseError,
  ValidationError,
} from "@captain-sdk/core";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** What an error body may be long: enough for the vendor's explanation, not a whole HTML page. */
const BODY_LIMIT = 2_000;

/**
 * Removes every form of the key from a tool result's text (belt and braces: the SDK already
 * redacts its errors, but a result is what a model reads and a client may log).
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = [
    ...new Set(secrets.flatMap((s) => (s ? [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)] : []))),
  ]
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const form of forms) out = out.split(form).join("***");
    return out;
  };
}

/** A success: the body as JSON text, and as structured content when the tool declares its shape. */
export function successResult(body: unknown, structured: boolean): CallToolResult {
  const text =
    body === undefined
      ? "Done: the API answered with no content."
      : typeof body === "string"
        ? body
        : isBlob(body)
          ? `The API answered with binary content (${body.size} bytes${body.type ? `, ${body.type}` : ""}), not shown here.`
          : JSON.stringify(body);
  const result: CallToolResult = { content: [{ type: "text", text }] };
  if (structured && body !== null && typeof body === "object" && !Array.isArray(body) && !isBlob(body)) {
    result.structuredContent = body as Record<string, unknown>;
  }
  return result;
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== "undefined" && value instanceof Blob;
}

/** The vendor's own explanation in an error body: `message`, `error`, `error.message`, `detail`, ... */
export function vendorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim().slice(0, 500) || undefined;
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, unknown>;
  for (const key of ["message", "error_description", "detail", "error", "title", "errors"]) {
    const v = b[key];
    if (typeof v === "string" && v.trim()) return v.trim();
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const inner = vendorMessage(v);
      if (inner) return inner;
    }
    if (Array.isArray(v) && v.length) {
      const parts = v.map((x) => (typeof x === "string" ? x : vendorMessage(x))).filter(Boolean);
      if (parts.length) return parts.join("; ");
    }
  }
  return undefined;
}

function clip(body: unknown): unknown {
  if (body === undefined) return undefined;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  if (text.length <= BODY_LIMIT) return body;
  return `${text.slice(0, BODY_LIMIT)}… (${text.length} characters in all)`;
}

/**
 * An error as a tool result the agent can act on (`isError: true`): what failed, the status, the
 * vendor's message and the request id for an API error, which argument is wrong for a validation
 * error (nothing was sent), and whether a send may have happened for a connection failure.
 */
export function errorResult(error: unknown, httpMethod: string, extra: Record<string, unknown> = {}): CallToolResult {
  const unsafe = httpMethod === "post" || httpMethod === "patch";
  let summary: string;
  let detail: Record<string, unknown>;
  if (error instanceof ValidationError) {
    summary = `${error.message}. Nothing was sent: fix the arguments and call again.`;
    detail = { error: error.name, issues: error.issues, sent: false };
  } else if (error instanceof ApiError) {
    const message = vendorMessage(error.body);
    summary = `The API answered ${error.status}${message ? `: ${message}` : ""}.`;
    if (error instanceof UnexpectedResponseError) summary = `${error.message}.`;
    else if (error.status === 401) summary += " The API key (set in the server's environment) was not accepted.";
    else if (error instanceof RateLimitError)
      summary += ` Rate limited${error.retryAfterMs !== undefined ? `: retry after ${Math.ceil(error.retryAfterMs / 1000)} s` : ""}.`;
    detail = {
      error: error.name,
      status: error.status,
      ...(message ? { message } : {}),
      ...(error.requestId ? { requestId: error.requestId } : {}),
      method: error.method,
      path: error.path,
      ...(error instanceof RateLimitError && error.retryAfterMs !== undefined
        ? { retryAfterMs: error.retryAfterMs }
        : {}),
      ...(error.body !== undefined ? { body: clip(error.body) } : {}),
    };
  } else if (error instanceof ConnectionError) {
    const maybeSent = error.mayHaveBeenSent && unsafe;
    summary = `${error.message}.${
      maybeSent
        ? " The request may have reached the API: do not call this tool again with the same arguments before checking whether it was carried out."
        : ""
    }`;
    detail = { error: error.name, mayHaveBeenSent: error.mayHaveBeenSent };
  } else if (error instanceof ConfigurationError) {
    summary = `The server is not configured: ${error.message}`;
    detail = { error: error.name };
  } else if (error instanceof CaptainError) {
    summary = error.message;
    detail = { error: error.name };
  } else if (error instanceof Error && error.name === "AbortError") {
    summary = "The call was cancelled.";
    detail = { error: "AbortError" };
  } else {
    summary = `Internal error: ${error instanceof Error ? error.message : String(error)}`;
    detail = { error: error instanceof Error ? error.name : "Error" };
  }
  return {
    isError: true,
    content: [{ type: "text", text: `${summary}\n${JSON.stringify({ ...detail, ...extra })}` }],
  };
}
