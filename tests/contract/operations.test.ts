import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrismMock, startPrism } from "../helpers/prism.js";
import { responseValidators, sampleCall, successStatus } from "./spec.js";
import { countingFetch, labelled, loadVendors, operationMethod, pathMethod, TEST_KEY } from "./vendors.js";

/**
 * Every operation of every vendor, called both ways against a Prism mock of our overlaid spec:
 * the request must pass Prism's validation (else Prism answers 4xx) and the answer must match the
 * success schema the spec declares.
 */
const vendors = await loadVendors();

describe.each(vendors)("$name", (vendor) => {
  let mock: PrismMock;
  const validatorFor = responseValidators(vendor.doc);

  beforeAll(async () => {
    mock = await startPrism(vendor.specFile);
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it("has operations to test", () => {
    expect(vendor.definition.operations.length).toBeGreaterThan(0);
  });

  describe.each(labelled(vendor.definition.operations))("%s", (_label, op) => {
    it("operation method: sends one authenticated request and returns the declared success body", async () => {
      const counter = countingFetch();
      const client = vendor.createClient({ apiKey: TEST_KEY, baseUrl: mock.url, fetch: counter.fetch });
      const call = sampleCall(vendor.doc, op, "all");
      const data = await operationMethod(client, op)(call.args);

      expect(counter.requests).toHaveLength(1);
      const sent = counter.requests[0] as Request;
      expect(sent.method).toBe(op.method.toUpperCase());
      const expectedPath = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
        encodeURIComponent(String(call.params.path?.[name])),
      );
      expect(new URL(sent.url).pathname).toBe(expectedPath);
      for (const auth of op.auth) if (auth.in === "header") expect(sent.headers.get(auth.name)).toContain(TEST_KEY);
      // Prism lists what it found wrong with a request in `sl-violations`, warnings included.
      expect(counter.responses[0]?.headers.get("sl-violations")).toBeNull();

      const validate = validatorFor(op);
      if (validate) expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
      else expect(op.response).not.toBe("json");
    });

    it("path API: returns data and the declared success status, no error", async () => {
      const client = vendor.createClient({ apiKey: TEST_KEY, baseUrl: mock.url });
      const call = sampleCall(vendor.doc, op, "required");
      const result = await pathMethod(client, op)(op.path, { params: call.params, body: call.body });

      expect(result.error).toBeUndefined();
      expect(result.response.status).toBe(successStatus(vendor.doc, op));
      expect(result.response.headers.get("sl-violations")).toBeNull();
      const validate = validatorFor(op);
      if (validate) expect(validate(result.data), JSON.stringify(validate.errors)).toBe(true);
    });

    it("operation method: a generated (dynamic) answer also matches the declared schema", async () => {
      const client = vendor.createClient({ apiKey: TEST_KEY, baseUrl: mock.url });
      const call = sampleCall(vendor.doc, op, "required");
      const data = await operationMethod(client, op)(call.args, { headers: { Prefer: "dynamic=true" } });
      const validate = validatorFor(op);
      if (validate) expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    });
  });
});
