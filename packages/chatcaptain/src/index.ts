import { type CaptainClient, type ClientOptions, createGeneratedClient } from "@captain-sdk/core";
import { definition, type Operations, type paths } from "./generated/index.js";

/** A ChatCaptain client: `client.<namespace>.<method>(args, options?)` for every operation, and the openapi-fetch path API (`GET`, `POST`, ...). */
export type ChatCaptainClient = CaptainClient<paths, Operations>;
/** Options of `createChatCaptainClient`: see `ClientOptions` in `@captain-sdk/core` for each one and its default. */
export type ChatCaptainClientOptions = ClientOptions;

/**
 * A ChatCaptain API client. The key comes from `apiKey` or the CHATCAPTAIN_API_KEY environment
 * variable; the base URL from `baseUrl`, CHATCAPTAIN_BASE_URL, or the spec's first server.
 */
export function createChatCaptainClient(options?: ChatCaptainClientOptions): ChatCaptainClient {
  return createGeneratedClient<paths, Operations>(
    definition,
    { name: "ChatCaptain", envPrefix: "CHATCAPTAIN" },
    options,
  );
}

export type {
  Logger,
  LogLevel,
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
export type { components, Operations, operations, paths } from "./generated/index.js";
export type * from "./generated/types.js";
