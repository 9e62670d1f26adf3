/** What fetch takes as a body (RequestInit's `body`: present wherever fetch's types are). */
export type FetchBody = NonNullable<RequestInit["body"]>;

/**
 * How a request body goes on the wire, by the operation's content type. JSON is openapi-fetch's
 * default and needs nothing here; forms, files and text do.
 */
export interface BodyEncoding {
  /** The Content-Type header to send, unless the caller set one; none for multipart (fetch adds the boundary). */
  contentType?: string;
  /** The body as sent. */
  serialize(body: unknown): FetchBody;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
const FORM_TYPE = /^(?:multipart\/form-data|application\/x-www-form-urlencoded)\b/i;

/**
 * Whether a body can be checked against the operation's schema before sending: any JSON body, and
 * a form body given as a plain object (a FormData, URLSearchParams, Blob or string is sent as it is).
 */
export function isCheckableBody(contentType: string, body: unknown): boolean {
  if (/json/i.test(contentType)) return true;
  if (!FORM_TYPE.test(contentType) || !body || typeof body !== "object") return false;
  const proto = Object.getPrototypeOf(body);
  return proto === Object.prototype || proto === null;
}

/** The encoding for `contentType`, or undefined for JSON. */
export function bodyEncoding(contentType: string): BodyEncoding | undefined {
  if (JSON_TYPE.test(contentType)) return undefined;
  if (/^multipart\/form-data/i.test(contentType)) return { serialize: toFormData };
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    return { contentType: "application/x-www-form-urlencoded", serialize: (b) => toSearchParams(b).toString() };
  }
  return { ...(contentType.includes("*") ? {} : { contentType }), serialize: toRaw };
}

function isRaw(value: unknown): value is FetchBody {
  return (
    typeof value === "string" ||
    value instanceof Blob ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    value instanceof FormData ||
    value instanceof URLSearchParams ||
    (typeof ReadableStream !== "undefined" && value instanceof ReadableStream)
  );
}

/** A file or text body: bytes, a Blob, a stream or a string as they are; anything else as JSON. */
function toRaw(body: unknown): FetchBody {
  return isRaw(body) ? body : JSON.stringify(body);
}

function entries(body: unknown): [string, unknown][] {
  if (!body || typeof body !== "object") throw new TypeError("a form body must be an object");
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) out.push([key, item]);
  }
  return out;
}

function text(value: unknown): string {
  return value !== null && typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** An object as multipart/form-data: arrays repeat the field, Blobs and bytes become files. */
function toFormData(body: unknown): FormData {
  if (body instanceof FormData) return body;
  const form = new FormData();
  for (const [key, value] of entries(body)) {
    if (value instanceof Blob) form.append(key, value);
    else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      form.append(key, new Blob([value as ArrayBuffer]));
    } else form.append(key, text(value));
  }
  return form;
}

/** An object as application/x-www-form-urlencoded: arrays repeat the field, objects as JSON. */
function toSearchParams(body: unknown): URLSearchParams {
  if (body instanceof URLSearchParams) return body;
  if (typeof body === "string") return new URLSearchParams(body);
  const params = new URLSearchParams();
  for (const [key, value] of entries(body)) params.append(key, text(value));
  return params;
}
