/**
 * Type helpers the generated `Operations` interfaces are written with. They read openapi-typescript's
 * `paths[...][method]` operation types, so the methods and the path API share one source of truth.
 */

type Empty = Record<never, never>;

type In<Op, L extends string> = Op extends { parameters: infer P }
  ? L extends keyof P
    ? [NonNullable<P[L]>] extends [never]
      ? Empty
      : NonNullable<P[L]>
    : Empty
  : Empty;

/** The path parameters of an openapi-typescript operation type (`{}` when it has none). */
export type PathParams<Op> = In<Op, "path">;
/** The query parameters of an operation type (`{}` when it has none). */
export type QueryParams<Op> = In<Op, "query">;
/** The header parameters of an operation type (`{}` when it has none). */
export type HeaderParams<Op> = In<Op, "header">;
/** The cookie parameters of an operation type (`{}` when it has none). */
export type CookieParams<Op> = In<Op, "cookie">;

/** The request body of an operation, for one content type. */
export type RequestBody<Op, ContentType extends string> = Op extends {
  /** The operation's request body. */
  requestBody?: infer RB;
}
  ? NonNullable<RB> extends {
      /** The body by content type. */
      content: infer C;
    }
    ? ContentType extends keyof C
      ? C[ContentType]
      : never
    : never
  : never;

/** The success body of an operation, for one status and content type. */
export type ResponseBody<Op, Status, ContentType extends string> = Op extends {
  /** The operation's responses by status. */
  responses: infer R;
}
  ? Status extends keyof R
    ? R[Status] extends {
        /** The response body by content type. */
        content: infer C;
      }
      ? ContentType extends keyof C
        ? C[ContentType]
        : undefined
      : undefined
    : undefined
  : undefined;

/** `T` with the keys `K` made optional (a paginated method's page parameter, say). */
export type OptionalKeys<T, K extends PropertyKey> = Omit<T, K> & Partial<Pick<T, K & keyof T>>;
