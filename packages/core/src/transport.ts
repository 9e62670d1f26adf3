import { type Answer, exchange, type TransportContext } from "./exchange.js";
import type { CallPolicy } from "./options.js";
import { redactText } from "./redact.js";

export type { TransportContext } from "./exchange.js";

/**
 * The fetch that openapi-fetch calls for one path-API call: the same exchange as the operation
 * methods (exchange.ts), with the caller's RequestInit fields passed on. openapi-fetch reads the body
 * itself, so it gets the body already read under the attempt's timer, in a response that shows no
 * echoed key (in a header or in the URL).
 */
export function createCallFetch(
  ctx: TransportContext,
  policy: CallPolicy,
  signal: AbortSignal | undefined,
  init: RequestInit | undefined,
  sent: { body?: RequestInit["body"] },
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (signal?.aborted) throw signal.reason;
    const body = "body" in sent ? sent.body : request.body ? await request.arrayBuffer() : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const answer = await exchange(
      ctx,
      policy,
      { method: request.method, url: request.url, headers, body, init, read: "bytes" },
      signal,
    );
    return handedBack(answer, request.url, ctx.secrets);
  };
}

function handedBack({ response, body }: Answer, url: string, secrets: readonly string[]): Response {
  const headers = withoutSecrets(response.headers, secrets);
  const copy = new Response(body ?? null, { status: response.status, statusText: response.statusText, headers });
  Object.defineProperty(copy, "url", { value: redactText(response.url || url, secrets) });
  return copy;
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
