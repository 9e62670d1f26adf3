/**
 * The modular entry of @captain-sdk/salescaptain: `createSalesCaptainCore(options)` and one function per
 * operation, `<namespace><Method>(core, args, options?)`, with the client's types, validation,
 * errors, retries and pagination. A bundler keeps only the operations an app imports.
 *
 * @example
 * ```ts
 * import { createSalesCaptainCore } from "@captain-sdk/salescaptain/ops";
 * const core = createSalesCaptainCore(); // key from SALESCAPTAIN_API_KEY, or pass { apiKey }
 * ```
 * @module
 */
import { type ClientOptions, type Core, createCore } from "@captain-sdk/core";
import { api } from "./generated/ops.js";

/**
 * A SalesCaptain core for the operation functions: the client's options (key from `apiKey` or
 * SALESCAPTAIN_API_KEY, base URL from `baseUrl`, SALESCAPTAIN_BASE_URL or the spec's first server).
 */
export function createSalesCaptainCore(options?: ClientOptions): Core {
  return createCore(api, { name: "SalesCaptain", envPrefix: "SALESCAPTAIN" }, options);
}

export type {
  ClientOptions,
  Core,
  PageCall,
  PageRequestOptions,
  RequestOptions,
  ValidationIssue,
} from "@captain-sdk/core";
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  CaptainError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
  UnprocessableEntityError,
  ValidationError,
} from "@captain-sdk/core";
export * from "./generated/ops.js";
export type * from "./generated/types.js";
