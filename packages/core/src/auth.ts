import type { AuthDefinition } from "./definition.js";
import { isSensitiveHeader } from "./redact.js";

export interface AuthParts {
  headers: Record<string, string>;
  query: Record<string, string>;
  cookies: string[];
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Where the key goes for one operation, per its security scheme(s). */
export function authParts(auth: readonly AuthDefinition[], apiKey: string): AuthParts {
  const parts: AuthParts = { headers: {}, query: {}, cookies: [] };
  for (const a of auth) {
    if (a.in === "header") {
      parts.headers[a.name] =
        a.scheme === "Bearer" ? `Bearer ${apiKey}` : a.scheme === "Basic" ? `Basic ${base64(apiKey)}` : apiKey;
    } else if (a.in === "query") parts.query[a.name] = apiKey;
    else parts.cookies.push(`${a.name}=${encodeURIComponent(apiKey)}`);
  }
  return parts;
}

/** Every form in which the key may appear on the wire: all are redacted from errors and logs. */
export function secretForms(apiKey: string | undefined): string[] {
  if (!apiKey) return [];
  return [apiKey, base64(apiKey), encodeURIComponent(apiKey)].filter((v, i, all) => all.indexOf(v) === i);
}

/**
 * The client's secrets plus those of credential headers passed for one call (without their
 * `Bearer `/`Basic ` word). The same array comes back when the call adds none.
 */
export function withCallSecrets(
  base: readonly string[],
  headers: Record<string, unknown> | undefined,
): readonly string[] {
  if (!headers) return base;
  let out: string[] | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string" || !isSensitiveHeader(name)) continue;
    const token = value.replace(/^(Bearer|Basic)\s+/i, "");
    for (const form of [value, ...secretForms(token)]) {
      if (form.length >= 4 && !base.includes(form)) (out ??= [...base]).push(form);
    }
  }
  return out ?? base;
}
