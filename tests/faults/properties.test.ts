import { createChatCaptainClient } from "@captain-sdk/chatcaptain";
import { backoffDelay, parseRetryAfter, type Schema, ValidationError, validateSchema } from "@captain-sdk/core";
import { createSalesCaptainClient } from "@captain-sdk/salescaptain";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { definition as chatDefinition } from "../../packages/chatcaptain/src/generated/definition.js";
import { type Loopback, sendJson, startLoopback } from "../helpers/loopback.js";
import { KEY } from "./cases.js";

/** An independent reading of "is a UUID": five groups of 8-4-4-4-12 hex digits. */
function looksLikeUuid(value: string): boolean {
  const groups = value.split("-");
  return (
    groups.length === 5 &&
    groups.every(
      (g, i) => g.length === [8, 4, 4, 4, 12][i] && [...g].every((ch) => "0123456789abcdefABCDEF".includes(ch)),
    )
  );
}

const issuesOf = (schema: Schema, value: unknown, defs: Readonly<Record<string, Schema>> = {}) => {
  const issues: { path: string; message: string }[] = [];
  validateSchema(schema, value, "x", defs, issues);
  return issues;
};

const uuidish = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid().map((u) => u.slice(1)),
  fc.uuid().map((u) => `${u}0`),
  fc.uuid().map((u) => u.replace(/-/g, "")),
  fc.uuid().map((u) => u.replace(/[0-9a-f]$/, "g")),
  fc.string(),
  fc.stringMatching(/^[0-9a-fA-F-]{30,40}$/),
);

describe("validation", () => {
  it("a format: uuid string is rejected iff it is not a UUID", () => {
    fc.assert(
      fc.property(uuidish, (value) => {
        const issues = issuesOf({ type: "string", format: "uuid" }, value);
        expect(issues.length > 0).toBe(!looksLikeUuid(value));
      }),
      { numRuns: 2000 },
    );
  });

  // The ChatCaptain message body, checked by its generated validator (compiled from the overlaid
  // spec), with body issues reported under "x".
  const send = chatDefinition.operations.find((op) => op.namespace === "inboxMessages" && op.name === "sendMessage");
  const bodyIssues = (value: unknown) =>
    (send?.validate?.({ path: { chatbotId: "bot_1" } }, value, "x") ?? [{ path: "", message: "no validator" }]).filter(
      (i) => i.path === "x" || i.path.startsWith("x."),
    );

  it("every valid ChatCaptain message passes: conversationId and text and/or attachmentRef", () => {
    const valid = fc
      .record(
        { conversationId: fc.string(), text: fc.string(), attachmentRef: fc.string() },
        { requiredKeys: ["conversationId"] },
      )
      .filter((m) => m.text !== undefined || m.attachmentRef !== undefined);
    fc.assert(
      fc.property(valid, (message) => {
        expect(bodyIssues(message)).toEqual([]);
      }),
    );
  });

  it("a message with neither text nor attachmentRef gets exactly the overlay's rule as its issue", () => {
    fc.assert(
      fc.property(fc.string(), (conversationId) => {
        expect(bodyIssues({ conversationId })).toEqual([{ path: "x", message: "must include text or attachmentRef" }]);
      }),
    );
  });

  it("any value whatsoever yields issues of { path, message } strings and never throws", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true }), (value) => {
        const issues = bodyIssues(value);
        for (const issue of issues) {
          expect(Object.keys(issue).sort()).toEqual(["message", "path"]);
          expect(typeof issue.path).toBe("string");
          expect(typeof issue.message).toBe("string");
        }
      }),
      { numRuns: 1000 },
    );
  });

  describe("through the clients, against a counting server", () => {
    let server: Loopback;
    beforeAll(async () => {
      server = await startLoopback((_r, res) => sendJson(res, 200, { id: "m_1" }));
    });
    afterAll(() => server.close());

    it("SalesCaptain sendMessage: ValidationError (no request) iff an id is not a UUID or the body is missing", async () => {
      const sales = createSalesCaptainClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
      await fc.assert(
        fc.asyncProperty(
          uuidish,
          uuidish,
          fc.option(fc.string(), { nil: undefined }),
          async (company, conversation, body) => {
            const before = server.count;
            const expectValid = looksLikeUuid(company) && looksLikeUuid(conversation) && body !== undefined;
            let thrown: unknown;
            try {
              await sales.conversations.sendMessage({
                company_id: company,
                conversation_id: conversation,
                message_body: body as string,
              });
            } catch (error) {
              thrown = error;
            }
            if (expectValid) {
              expect(thrown).toBeUndefined();
              expect(server.count).toBe(before + 1);
            } else {
              expect(thrown).toBeInstanceOf(ValidationError);
              expect(server.count).toBe(before);
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it("ChatCaptain sendMessage with arbitrary arguments: succeeds or throws ValidationError, nothing else", async () => {
      const chat = createChatCaptainClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
      const loose = fc.oneof(fc.string({ minLength: 1 }), fc.anything());
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            { chatbotId: loose, conversationId: loose, text: loose, attachmentRef: loose },
            { requiredKeys: [] },
          ),
          async (args) => {
            const before = server.count;
            try {
              await chat.inboxMessages.sendMessage(args as never);
              expect(server.count).toBe(before + 1);
            } catch (error) {
              expect(error).toBeInstanceOf(ValidationError);
              expect(server.count).toBe(before);
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});

describe("backoff schedule", () => {
  const attempt = fc.integer({ min: 0, max: 40 });
  const base = fc.integer({ min: 0, max: 60_000 });
  const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

  it("each wait lies in [0.75 x step, step], step = min(base x 2^attempt, 8 s); an integer, never negative", () => {
    fc.assert(
      fc.property(attempt, base, random, (n, b, r) => {
        const step = Math.min(b * 2 ** n, 8_000);
        const wait = backoffDelay(n, b, () => r);
        expect(Number.isInteger(wait)).toBe(true);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeGreaterThanOrEqual(Math.floor(0.75 * step));
        expect(wait).toBeLessThanOrEqual(step);
        expect(wait).toBeLessThanOrEqual(8_000);
      }),
      { numRuns: 5000 },
    );
  });

  it("for the same jitter, waits never shrink from one attempt to the next, and stop growing at 8 s", () => {
    fc.assert(
      fc.property(attempt, base, random, (n, b, r) => {
        const now = backoffDelay(n, b, () => r);
        const later = backoffDelay(n + 1, b, () => r);
        expect(later).toBeGreaterThanOrEqual(now);
        if (b * 2 ** n >= 8_000) expect(later).toBe(now);
      }),
      { numRuns: 5000 },
    );
  });

  it("uses the real random source within bounds", () => {
    fc.assert(
      fc.property(attempt, base, (n, b) => {
        const step = Math.min(b * 2 ** n, 8_000);
        const wait = backoffDelay(n, b);
        expect(wait).toBeGreaterThanOrEqual(Math.floor(0.75 * step));
        expect(wait).toBeLessThanOrEqual(step);
      }),
    );
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);

  it("Retry-After in seconds -> that many ms", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (s) => {
        expect(parseRetryAfter({ "retry-after": String(s) }, now)).toBe(s * 1000);
      }),
    );
  });

  it("Retry-After as an HTTP date -> ms until then, 0 once past", () => {
    fc.assert(
      fc.property(fc.integer({ min: -86_400, max: 86_400 }), (deltaS) => {
        const date = new Date(now + deltaS * 1000).toUTCString();
        expect(parseRetryAfter({ "retry-after": date }, now)).toBe(Math.max(0, deltaS * 1000));
      }),
    );
  });

  it("retry-after-ms -> that many ms (rounded up), and it wins over Retry-After", () => {
    // Plain decimals, as servers send them ("1500", "12.5"); anything else is not a number of ms.
    const decimals = fc.double({ min: 0, max: 1e7, noNaN: true }).map((x) => Number(x.toFixed(3)));
    fc.assert(
      fc.property(decimals, fc.integer({ min: 0, max: 1000 }), (ms, s) => {
        expect(parseRetryAfter({ "retry-after-ms": String(ms), "retry-after": String(s) }, now)).toBe(Math.ceil(ms));
      }),
    );
  });

  it("X-RateLimit-Reset in epoch seconds -> ms until then, 0 once past", () => {
    fc.assert(
      fc.property(fc.integer({ min: -86_400, max: 86_400 }), (deltaS) => {
        const epoch = now / 1000 + deltaS;
        expect(parseRetryAfter({ "x-ratelimit-reset": String(epoch) }, now)).toBe(Math.max(0, deltaS * 1000));
      }),
    );
  });

  it("whatever the headers hold: undefined or a finite, non-negative whole number of ms", () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer().map(String),
      fc.double().map(String),
      fc.date().map((d) => (Number.isNaN(d.getTime()) ? "x" : d.toUTCString())),
    );
    fc.assert(
      fc.property(
        fc.record({ "retry-after": value, "retry-after-ms": value, "x-ratelimit-reset": value }, { requiredKeys: [] }),
        (headers) => {
          const wait = parseRetryAfter(headers as Record<string, string>, now);
          if (wait !== undefined) {
            expect(Number.isFinite(wait)).toBe(true);
            expect(Number.isInteger(wait)).toBe(true);
            expect(wait).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
