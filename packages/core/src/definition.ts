import type { Core } from "./core.js";
import type { PageCall, PageRequestOptions } from "./pagination.js";
/**
 * The shape of a vendor's generated `definition`: everything the runtime needs to know about an
 * API, produced by the generator from the (overlaid) spec. Nothing here is vendor-specific.
 */

/** A request-side JSON schema reduced to the keywords validation uses; `$ref` names a shared schema. */
export interface Schema {
  /** A shared schema by name (`#/components/schemas/Name`), resolved from `ApiDefinition.schemas`. */
  $ref?: string;
  /** JSON type(s): `string`, `number`, `integer`, `boolean`, `array`, `object`, `null`. */
  type?: string | string[];
  /** A format checked before sending, such as `uuid`, `email`, `date-time`. */
  format?: string;
  /** The only values allowed. */
  enum?: readonly unknown[];
  /** The one value allowed. */
  const?: unknown;
  /** OpenAPI 3.0: `null` is allowed too. */
  nullable?: boolean;
  /** Properties an object must have. */
  required?: readonly string[];
  /** The schema of each known property. */
  properties?: Readonly<Record<string, Schema>>;
  /** Whether (or in which shape) other properties are allowed. */
  additionalProperties?: boolean | Schema;
  /** The schema of every array element. */
  items?: Schema;
  /** The value must match every one of these. */
  allOf?: readonly Schema[];
  /** The value must match at least one of these. */
  anyOf?: readonly Schema[];
  /** The value must match exactly one of these. */
  oneOf?: readonly Schema[];
  /** Shortest string allowed. */
  minLength?: number;
  /** Longest string allowed. */
  maxLength?: number;
  /** A regular expression a string must match. */
  pattern?: string;
  /** Smallest number allowed. */
  minimum?: number;
  /** Largest number allowed. */
  maximum?: number;
  /** A bound the number must be above (3.1), or whether `minimum` is exclusive (3.0). */
  exclusiveMinimum?: number | boolean;
  /** A bound the number must be below (3.1), or whether `maximum` is exclusive (3.0). */
  exclusiveMaximum?: number | boolean;
  /** The number must be a multiple of this. */
  multipleOf?: number;
  /** Fewest array elements allowed. */
  minItems?: number;
  /** Most array elements allowed. */
  maxItems?: number;
  /** Array elements must be distinct. */
  uniqueItems?: boolean;
  /** Fewest object properties allowed. */
  minProperties?: number;
  /** Most object properties allowed. */
  maxProperties?: number;
}

/** An HTTP method, lower-case as in the spec's paths. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
/** Where a parameter goes: the path, the query string, a header or a cookie. */
export type ParamLocation = "path" | "query" | "header" | "cookie";

/** OpenAPI parameter styles: form, spaceDelimited, pipeDelimited, deepObject (query); simple, label, matrix (path). */
export type ParamStyle = "form" | "spaceDelimited" | "pipeDelimited" | "deepObject" | "simple" | "label" | "matrix";

/** One parameter of an operation, as the spec declares it. */
export interface ParamDefinition {
  /** The name in the spec (and in the method's argument object). */
  name: string;
  /** Where it is sent. */
  in: ParamLocation;
  /** The call is refused (ValidationError) without it. */
  required: boolean;
  /** Only when not the default: "form" for query, "simple" for path parameters. */
  style?: ParamStyle;
  /** Only when not the default: true for query (form), false for path parameters. */
  explode?: boolean;
  /** What its value is checked against before sending. */
  schema?: Schema;
}

/** How the key is sent: a header (optionally with a scheme word), a query parameter or a cookie. */
export type AuthDefinition =
  | {
      /** Sent in a header. */
      in: "header";
      /** The header's name: `authorization`, `x-chatcaptain-key`. */
      name: string;
      /** The word before the key, as in `Authorization: Bearer <key>`. */
      scheme?: "Bearer" | "Basic";
    }
  | {
      /** Sent as a query parameter. */
      in: "query";
      /** The query parameter's name. */
      name: string;
    }
  | {
      /** Sent as a cookie. */
      in: "cookie";
      /** The cookie's name. */
      name: string;
    };

/** The request body of an operation. */
export interface BodyDefinition {
  /** "merge": the body's top-level properties sit beside the parameters; "body": under `body`. */
  mode: "merge" | "body";
  /** The call is refused (ValidationError) without a body. */
  required: boolean;
  /** How it is encoded: `application/json`, `application/x-www-form-urlencoded`, `multipart/form-data`, ... */
  contentType: string;
  /** What it is checked against before sending. */
  schema?: Schema;
}

/** One operation of the spec: what its generated method needs at run time. */
export interface OperationDefinition {
  /** The spec's operationId, or the route when there is none. */
  id: string;
  /** The client property it hangs under: the first tag, camelCased (`inboxMessages`). */
  namespace: string;
  /** The method's name: the operationId, camelCased, framework noise removed (`sendMessage`). */
  name: string;
  /** The HTTP method. */
  method: HttpMethod;
  /** The path template, as in the spec: `/v1/inbox/{chatbotId}/messages`. */
  path: string;
  /**
   * The operation's own base URL (operation- or path-level `servers`), absolute, when it differs
   * from the API's default; used unless the caller set a base URL.
   */
  server?: string;
  /** Its path, query, header and cookie parameters. */
  params: readonly ParamDefinition[];
  /** Its request body, if it takes one. */
  body?: BodyDefinition;
  /** The security requirement used (every entry applied); empty when the operation needs none. */
  auth: readonly AuthDefinition[];
  /** True when the spec also allows calling the operation without credentials. */
  authOptional?: boolean;
  /** How a success body is read. */
  response: "json" | "text" | "blob" | "none";
  /** Set when the operation returns one page of a list: the method then walks every page on demand. */
  pagination?: PaginationDefinition;
  /**
   * The generated validator of the operation's parameters and body (compiled from the spec, so no
   * schema is interpreted at run time); without it, `params[].schema` and `body.schema` are interpreted.
   */
  validate?: (params: OperationParams, body: unknown, bodyPath: string) => import("./errors.js").ValidationIssue[];
  /**
   * Generated with the operation when it needs them (arrays, objects or styles in its parameters;
   * a form, multipart, binary or text body): its serializers and body encoding. Without them a
   * JSON body and plain parameter values are sent as is.
   */
  serializers?: import("./serialize.js").OperationSerializers;
  /** Generated for a body that is not JSON: how it is encoded, and its Content-Type. */
  encoding?: import("./body.js").BodyEncoding;
}

/** An operation's parameters by location, as the validator and the URL builder take them. */
export interface OperationParams {
  /** Path parameters, by name. */
  path?: Record<string, unknown>;
  /** Query parameters, by name. */
  query?: Record<string, unknown>;
  /** Header parameters, by name. */
  header?: Record<string, unknown>;
  /** Cookie parameters, by name. */
  cookie?: Record<string, unknown>;
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
  /** Which of the three ways above the operation pages. */
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

/** A vendor's whole API as the runtime sees it: the generated `definition` of each vendor package. */
export interface ApiDefinition {
  /** The spec's `info.title`. */
  title: string;
  /** Absolute server URLs from the spec, the first being the default base URL. */
  servers: readonly string[];
  /** Every operation of the spec. */
  operations: readonly OperationDefinition[];
  /** Shared schemas by name, for `$ref`. */
  schemas: Readonly<Record<string, Schema>>;
  /**
   * How the client walks a list operation (core's `operatePages`). A generated definition sets it
   * when one of its operations is paginated, so that a client with no list bundles no pager.
   */
  pages?: (
    core: Core,
    op: OperationDefinition,
    args: unknown,
    options?: PageRequestOptions,
  ) => PageCall<unknown, unknown>;
}
