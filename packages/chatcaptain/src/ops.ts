/**
 * The modular entry of @captain-sdk/chatcaptain: `createChatCaptainCore(options)` and one function per
 * operation, `<namespace><Method>(core, args, options?)`, with the client's types, validation,
 * errors, retries and pagination. A bundler keeps only the operations an app imports.
 *
 * @example
 * ```ts
 * import { createChatCaptainCore } from "@captain-sdk/chatcaptain/ops";
 * const core = createChatCaptainCore(); // key from CHATCAPTAIN_API_KEY, or pass { apiKey }
 * ```
 * @module
 */
import { type ClientOptions, type Core, createCore } from "@captain-sdk/core";
import { api } from "./generated/ops.js";

/**
 * A ChatCaptain core for the operation functions: the client's options (key from `apiKey` or
 * CHATCAPTAIN_API_KEY, base URL from `baseUrl`, CHATCAPTAIN_BASE_URL or the spec's first server).
 */
export function createChatCaptainCore(options?: ClientOptions): Core {
  return createCore(api, { name: "ChatCaptain", envPrefix: "CHATCAPTAIN" }, options);
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
