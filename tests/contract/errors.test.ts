import type { OperationDefinition } from "@captain-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrismMock, startPrism } from "../helpers/prism.js";
import { deref, invalidRequestStatus, parameters, sampleCall, specOperation } from "./spec.js";
import {
  type ContractVendor,
  countingFetch,
  errorClass,
  labelled,
  loadVendors,
  operationMethod,
  pathMethod,
  TEST_KEY,
} from "./vendors.js";

/**
 * Errors against a Prism mock of our overlaid spec: a missing key is an AuthenticationError (and a
 * 401 in the path API's `error`); a request that breaks the spec, sent past our validation, is the
 * error class of Prism's status; the same mistake made through the SDK is a ValidationError thrown
 * before any request.
 */
const vendors = await loadVendors();

/** Per-call headers that remove every header credential of an operation (`null` removes a header). */
function withoutKey(op: OperationDefinition): Record<string, null> {
  return Object.fromEntries(op.auth.filter((a) => a.in === "header").map((a) => [a.name, null]));
}

/** The operation's path parameters the spec declares `format: uuid`. */
function uuidParams(vendor: ContractVendor, op: OperationDefinition): string[] {
  return parameters(vendor.doc, op)
    .filter((p) => p.in === "path" && p.schema !== undefined && deref(vendor.doc, p.schema).format === "uuid")
    .map((p) => p.name as string);
}

/** Names the SDK must report as missing when called with no arguments (from the spec). */
function requiredNames(vendor: ContractVendor, op: OperationDefinition): string[] {
  const names = parameters(vendor.doc, op)
    .filter((p) => p.required === true)
    .map((p) => p.name as string);
  if (op.body?.mode === "merge") {
    const requestBody = deref(vendor.doc, specOperation(vendor.doc, op).operation.requestBody);
    const media = (requestBody.content as Record<string, { schema?: unknown }>)[op.body.contentType];
    if (media?.schema) names.push(...((deref(vendor.doc, media.schema).required as string[] | undefined) ?? []));
  } else if (op.body?.required) names.push("body");
  return names;
}

/** Whether the spec gives the operation's `status` response a body. */
function declaresContent(vendor: ContractVendor, op: OperationDefinition, status: number): boolean {
  const responses = specOperation(vendor.doc, op).operation.responses as Record<string, unknown>;
  const response = responses[String(status)];
  return response !== undefined && deref(vendor.doc, response).content !== undefined;
}

async function rewrite(request: Request, change: { url?: string; body?: string }): Promise<Request> {
  const body = change.body ?? (request.body ? await request.text() : undefined);
  return new Request(change.url ?? request.url, { method: request.method, headers: request.headers, body });
}

describe.each(vendors)("$name", (vendor) => {
  let mock: PrismMock;
  beforeAll(async () => {
    mock = await startPrism(vendor.specFile);
  });
  afterAll(async () => {
    await mock?.stop();
  });

  const AuthenticationError = errorClass(vendor, "AuthenticationError");
  const ApiError = errorClass(vendor, "ApiError");
  const ValidationError = errorClass(vendor, "ValidationError");
  const classForStatus: Record<number, string> = { 400: "BadRequestError", 422: "UnprocessableEntityError" };

  it("every operation that needs a key sends it in a header (what the missing-key tests rely on)", () => {
    for (const op of vendor.definition.operations) expect(op.auth.every((a) => a.in === "header")).toBe(true);
  });

  const authed = vendor.definition.operations.filter((op) => op.auth.length > 0 && !op.authOptional);
  const withRequired = vendor.definition.operations.filter((op) => requiredNames(vendor, op).length > 0);
  const withBody = vendor.definition.operations.filter((op) => op.body?.required);
  const withUuid = vendor.definition.operations.filter((op) => uuidParams(vendor, op).length > 0);

  describe.each(labelled(authed))("%s: missing key", (_label, op) => {
    it("operation method throws AuthenticationError (401)", async () => {
      const client = vendor.createClient({ apiKey: TEST_KEY, baseUrl: mock.url });
      const call = sampleCall(vendor.doc, op, "required");
      const error = await operationMethod(client, op)(call.args, { headers: withoutKey(op) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as { status: number }).status).toBe(401);
      expect(String(error)).not.toContain(TEST_KEY);
    });

    it("path API returns the 401 in `error` without throwing", async () => {
      const client = vendor.createClient({ apiKey: TEST_KEY, baseUrl: mock.url });
      const call = sampleCall(vendor.doc, op, "required");
      const result = await pathMethod(client, op)(op.path, {
        params: call.params,
        body: call.body,
        headers: withoutKey(op),
      });
      expect(result.response.status).toBe(401);
      expect(result.data).toBeUndefined();
      expect(result.error).toBeDefined();
    });
  });

  describe.each(labelled(withRequired))("%s: missing arguments", (_label, op) => {
    it("operation method throws ValidationError naming each missing field, before any request", async () => {
      const counter = countingFetch();
      const client = vendor.createClient({ apiKey: TEST_KEY, baseUrl: mock.url, fetch: counter.fetch });
      const error = await operationMethod(
        client,
        op,
      )({}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      const paths = (error as { issues: { path: string }[] }).issues.map((i) => i.path);
      for (const name of requiredNames(vendor, op)) expect(paths.some((p) => p.includes(name))).toBe(true);
      expect(counter.requests).toHaveLength(0);
    });

    it("path API throws ValidationError before any request", async () => {
      const counter = countingFetch();
      const client = vendor.createClient({ apiKey: TEST_KEY, baseUrl: mock.url, fetch: counter.fetch });
      const body = op.body ? (op.body.mode === "merge" ? {} : undefined) : undefined;
      const error = await pathMethod(client, op)(op.path, { params: { path: {} }, body }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(counter.requests).toHaveLength(0);
    });
  });

  describe.each(labelled(withUuid))("%s: malformed uuid", (_label, op) => {
    it("is a ValidationError before any request, and Prism rejects the same value when it gets past us", async () => {
      const [name] = uuidParams(vendor, op) as [string];
      const call = sampleCall(vendor.doc, op, "required");
      const counter = countingFetch();
      const client = vendor.createClient({ apiKey: TEST_KEY, baseUrl: mock.url, fetch: counter.fetch });
      const error = await operationMethod(
        client,
        op,
      )({ ...call.args, [name]: "not-a-uuid" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(name);
      expect(counter.requests).toHaveLength(0);

      // The server's view of the same mistake: rewrite the valid value in the URL on its way out.
      const valid = encodeURIComponent(String(call.params.path?.[name]));
      const past = countingFetch((r) => rewrite(r, { url: r.url.replace(valid, "not-a-uuid") }));
      const bypass = vendor.createClient({ apiKey: TEST_KEY, baseUrl: mock.url, fetch: past.fetch, maxRetries: 0 });
      const status = invalidRequestStatus(vendor.doc, op);
      const rejected = await operationMethod(
        bypass,
        op,
      )(call.args).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(past.requests[0]?.url).toContain("not-a-uuid");
      expect(rejected).toBeInstanceOf(errorClass(vendor, classForStatus[status] as string));
      expect((rejected as { status: number }).status).toBe(status);
    });
  });

  describe.each(labelled(withBody))("%s: a body that breaks the spec, sent past our validation", (_label, op) => {
    it("operation method throws the error class of Prism's status; path API returns it in `error`", async () => {
      const status = invalidRequestStatus(vendor.doc, op);
      const past = countingFetch((r) => rewrite(r, { body: "[]" }));
      const client = vendor.createClient({ apiKey: TEST_KEY, baseUrl: mock.url, fetch: past.fetch, maxRetries: 0 });
      const call = sampleCall(vendor.doc, op, "required");

      const error = await operationMethod(
        client,
        op,
      )(call.args).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(errorClass(vendor, classForStatus[status] as string));
      expect((error as { status: number }).status).toBe(status);

      const result = await pathMethod(client, op)(op.path, { params: call.params, body: call.body });
      expect(result.response.status).toBe(status);
      expect(result.data).toBeUndefined();
      // openapi-fetch leaves `error` undefined when the error response has no body.
      if (declaresContent(vendor, op, status)) expect(result.error).toBeDefined();
      expect(past.requests).toHaveLength(2);
    });
  });
});
