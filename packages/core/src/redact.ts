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

/** True when a secret shows anywhere in `value`: strings, an error's message, stack and causes. */
function containsSecret(value: unknown, secrets: readonly string[], depth = 0): boolean {
  if (typeof value === "string") return secrets.some((s) => s.length >= 4 && value.includes(s));
  if (!value || typeof value !== "object" || depth > 8) return false;
  const parts: unknown[] = Object.values(value);
  if (value instanceof Error) parts.push(value.message, value.stack, value.cause);
  return parts.some((part) => containsSecret(part, secrets, depth + 1));
}

/**
 * An error to keep as a `cause`: the very error when no secret shows in it, else a copy (name,
 * message, stack, own properties such as `code`, and its causes) with the secrets taken out.
 */
export function redactError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0 || depth > 8 || !containsSecret(error, secrets)) return error;
  if (!(error instanceof Error)) return redactDeep(error, secrets);
  const cause = error.cause === undefined ? undefined : { cause: redactError(error.cause, secrets, depth + 1) };
  const copy = new Error(redactText(error.message, secrets), cause) as Error & Record<string, unknown>;
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redactText(error.stack, secrets);
  for (const [key, value] of Object.entries(error)) {
    copy[key] = value instanceof Error ? redactError(value, secrets, depth + 1) : redactDeep(value, secrets);
  }
  return copy;
}
