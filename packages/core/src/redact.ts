/** What stands in for a secret wherever one would be shown. */
export const REDACTED = "***";

const SENSITIVE_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|key|token|secret|password|signature/i;

/** True for a header whose value is a credential whatever it holds. */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

/**
 * Replaces every occurrence of a secret in `text`. Secrets shorter than 4 characters are not
 * searched for (they would match ordinary text); options refuse such keys anyway.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** A deep copy of `value` with secrets removed from every string in it. */
export function redactDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (!value || typeof value !== "object" || depth > 32 || secrets.length === 0) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, secrets, depth + 1);
  return out;
}

/** Headers as a plain object (lower-case names), with credentials shown as `***`. */
export function redactHeaders(
  headers: Headers | Record<string, string> | undefined,
  secrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    out[key] = isSensitiveHeader(key) ? REDACTED : redactText(String(value), secrets);
  }
  return out;
}

/**
 * An error to keep as a `cause`: always a plain copy (name, message, stack, primitive fields such as
 * `code`, and its causes), secrets taken out. The original is never kept: a fetch's error may carry
 * the request, its headers or a Map of them, which `util.inspect` would print, key included.
 */
export function redactError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (error === null || error === undefined || depth > 8) return undefined;
  if (typeof error === "string") return redactText(error, secrets);
  if (typeof error !== "object") return error;
  const source = error as Record<string, unknown> & {
    message?: unknown;
    stack?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  const message = typeof source.message === "string" ? redactText(source.message, secrets) : "";
  const cause = source.cause === undefined ? undefined : { cause: redactError(source.cause, secrets, depth + 1) };
  const copy = new Error(message, cause) as Error & Record<string, unknown>;
  copy.name = error instanceof Error ? error.name : "Error";
  copy.stack = typeof source.stack === "string" ? redactText(source.stack, secrets) : undefined;
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === "string") copy[key] = redactText(value, secrets);
    else if (typeof value === "number" || typeof value === "boolean") copy[key] = value;
  }
  if (Array.isArray(source.errors))
    copy.errors = source.errors.slice(0, 8).map((e) => redactError(e, secrets, depth + 1));
  return copy;
}
