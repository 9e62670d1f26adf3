/**
 * The shape of a vendor's generated `definition`: everything the runtime needs to know about an
 * API, produced by the generator from the (overlaid) spec. Nothing here is vendor-specific.
 */

/** A request-side JSON schema reduced to the keywords validation uses; `$ref` names a shared schema. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: readonly unknown[];
  const?: unknown;
  nullable?: boolean;
  required?: readonly string[];
  properties?: Readonly<Record<string, Schema>>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: readonly Schema[];
  anyOf?: readonly Schema[];
  oneOf?: readonly Schema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export type ParamLocation = "path" | "query" | "header" | "cookie";

/** OpenAPI parameter styles: form, spaceDelimited, pipeDelimited, deepObject (query); simple, label, matrix (path). */
export type ParamStyle = "form" | "spaceDelimited" | "pipeDelimited" | "deepObject" | "simple" | "label" | "matrix";

export interface ParamDefinition {
  name: string;
  in: ParamLocation;
  required: boolean;
  /** Only when not the default: "form" for query, "simple" for path parameters. */
  style?: ParamStyle;
  /** Only when not the default: true for query (form), false for path parameters. */
  explode?: boolean;
  schema?: Schema;
}

/** How the key is sent: a header (optionally with a scheme word), a query parameter or a cookie. */
export type AuthDefinition =
  | { in: "header"; name: string; scheme?: "Bearer" | "Basic" }
  | { in: "query"; name: string }
  | { in: "cookie"; name: string };

export interface BodyDefinition {
  /** "merge": the body's top-level properties sit beside the parameters; "body": under `body`. */
  mode: "merge" | "body";
  required: boolean;
  contentType: string;
  schema?: Schema;
}

export interface OperationDefinition {
  /** The spec's operationId, or the route when there is none. */
  id: string;
  namespace: string;
  name: string;
  method: HttpMethod;
  path: string;
  /**
   * The operation's own base URL (operation- or path-level `servers`), absolute, when it differs
   * from the API's default; used unless the caller set a base URL.
   */
  server?: string;
  params: readonly ParamDefinition[];
  body?: BodyDefinition;
  /** The security requirement used (every entry applied); empty when the operation needs none. */
  auth: readonly AuthDefinition[];
  /** True when the spec also allows calling the operation without credentials. */
  authOptional?: boolean;
  /** How a success body is read. */
  response: "json" | "text" | "blob" | "none";
  /** Set when the operation returns one page of a list: the method then walks every page on demand. */
  pagination?: PaginationDefinition;
}

/**
 * How a list operation pages (see pagination.ts):
 * - `page`: a page number in `param` (from `first`, default 1); the walk stops at `totalPages` when
 *   the body carries it, else on a short or empty page;
 * - `cursor`: the body's `nextCursor` is sent back as `param`; it stops when the body has none
 *   (or an empty page echoes the cursor it was given);
 * - `itemCursor`: the last item's `itemField` is sent as `param`; it stops on a short or empty page.
 */
export interface PaginationDefinition {
  style: "page" | "cursor" | "itemCursor";
  /** The query parameter carrying the page number or the cursor. */
  param: string;
  /** The query parameter of the page size, if any. */
  sizeParam?: string;
  /** The page size sent when the caller gives none: the largest the spec allows. */
  size?: number;
  /** Property names leading from the page body to its list of items: ["contacts", "data"]. */
  items: readonly string[];
  /** page: property names leading to the total number of pages. */
  totalPages?: readonly string[];
  /** cursor: property names leading to the next cursor. */
  nextCursor?: readonly string[];
  /** itemCursor: the item property that is the next cursor. */
  itemField?: string;
  /** page: the number of the first page (default 1). */
  first?: number;
}

export interface ApiDefinition {
  title: string;
  /** Absolute server URLs from the spec, the first being the default base URL. */
  servers: readonly string[];
  operations: readonly OperationDefinition[];
  schemas: Readonly<Record<string, Schema>>;
}
