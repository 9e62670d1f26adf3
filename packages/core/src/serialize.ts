import { serializeArrayParam, serializeObjectParam, serializePrimitiveParam } from "openapi-fetch";
import type { OperationDefinition, ParamDefinition } from "./definition.js";

/** Query parameters -> the query string (without `?`). */
export type QuerySerializer = (query: Record<string, unknown>) => string;
/** A path template and its parameters -> the path. */
export type PathSerializer = (url: string, values: Record<string, unknown>) => string;

/** openapi-fetch's per-request serializers for one operation; none where its defaults already fit. */
export interface OperationSerializers {
  /** Builds the query string, each parameter in its own style. */
  querySerializer?: QuerySerializer;
  /** Fills the path template, each parameter in its own style. */
  pathSerializer?: PathSerializer;
}

const PATH_PARAM = /\{([^{}]+)\}/g;

/**
 * Built once per operation when the client is created. openapi-fetch's `querySerializer` options
 * apply one style to every parameter of a request, so the query serializer is a function that picks
 * each parameter's own style (OpenAPI defaults: form + explode for query, simple for path) and hands
 * the value to openapi-fetch's own serializers. Query keys the table does not know (the key, when it
 * goes in the query) are sent as form.
 */
export function operationSerializers(op: Pick<OperationDefinition, "params">, everyPath = false): OperationSerializers {
  const out: OperationSerializers = {};
  const query = new Map<string, ParamDefinition>();
  const path = new Map<string, ParamDefinition>();
  for (const p of op.params) {
    if (p.in === "query") query.set(p.name, p);
    else if (p.in === "path" && (everyPath || p.style !== undefined || p.explode !== undefined)) path.set(p.name, p);
  }
  if (query.size) out.querySerializer = (values) => serializeQuery(values, query);
  if (path.size) out.pathSerializer = (url, values) => serializePath(url, values, path);
  return out;
}

function serializeQuery(values: Record<string, unknown>, params: Map<string, ParamDefinition>): string {
  const parts: string[] = [];
  for (const name in values) {
    const value = values[name];
    if (value === undefined || value === null) continue;
    const p = params.get(name);
    const style = p?.style ?? "form";
    const explode = p?.explode ?? true;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      const arrayStyle = style === "spaceDelimited" || style === "pipeDelimited" ? style : "form";
      parts.push(serializeArrayParam(name, value, { style: arrayStyle, explode }));
    } else if (typeof value === "object") {
      // openapi-fetch has form and deepObject for objects; space- and pipe-delimited objects go as form.
      const objectStyle = style === "deepObject" ? "deepObject" : "form";
      parts.push(serializeObjectParam(name, value as Record<string, unknown>, { style: objectStyle, explode }));
    } else parts.push(serializePrimitiveParam(name, String(value)));
  }
  return parts.filter(Boolean).join("&");
}

function serializePath(url: string, values: Record<string, unknown>, params: Map<string, ParamDefinition>): string {
  return url.replace(PATH_PARAM, (match, name: string) => {
    const value = values[name];
    if (value === undefined || value === null) return match;
    const p = params.get(name);
    const style = p?.style === "label" || p?.style === "matrix" ? p.style : "simple";
    const explode = p?.explode ?? false;
    if (Array.isArray(value)) return serializeArrayParam(name, value, { style, explode });
    if (typeof value === "object")
      return serializeObjectParam(name, value as Record<string, unknown>, { style, explode });
    const text = String(value);
    if (style === "matrix") return `;${serializePrimitiveParam(name, text)}`;
    return style === "label" ? `.${encodeURIComponent(text)}` : encodeURIComponent(text);
  });
}
