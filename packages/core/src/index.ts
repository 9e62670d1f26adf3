export { type BodyEncoding, bodyEncoding, type FetchBody, isCheckableBody } from "./body.js";
export { type CaptainClient, createCaptainClient, createGeneratedClient } from "./client.js";
export { type Core, type CoreApi, createCore, operate, operatePages } from "./core.js";
export type {
  ApiDefinition,
  AuthDefinition,
  BodyDefinition,
  HttpMethod,
  OperationDefinition,
  OperationParams,
  PaginationDefinition,
  ParamDefinition,
  ParamLocation,
  Schema,
} from "./definition.js";
export {
  ApiError,
  type ApiErrorInit,
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
  type ValidationIssue,
} from "./errors.js";
export type { Logger, LogLevel } from "./logger.js";
export type { Fallback } from "./operation.js";
export type { ClientOptions, RequestOptions, VendorInfo } from "./options.js";
export { type PageCall, type PageRequestOptions, pageItems } from "./pagination.js";
export { backoffDelay, parseRetryAfter, type RetryPolicy } from "./retry.js";
export {
  type OperationSerializers,
  operationSerializers,
  type PathSerializer,
  type QuerySerializer,
} from "./serialize.js";
export type {
  CookieParams,
  HeaderParams,
  OptionalKeys,
  PathParams,
  QueryParams,
  RequestBody,
  ResponseBody,
} from "./types.js";
export {
  anyOfIssue,
  type Check,
  checkAnyOf,
  checkConst,
  checkEnum,
  checkItems,
  checkLength,
  checkNumber,
  checkPathParams,
  checkPattern,
  checkProps,
  checkString,
  dateFormat,
  dateTimeFormat,
  emailFormat,
  equal,
  ofType,
  param,
  present,
  uuidFormat,
  validateSchema,
} from "./validate.js";
