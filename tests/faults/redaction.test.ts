import { createChatCaptainClient } from "@captain-sdk/chatcaptain";
import { ConfigurationError, ValidationError } from "@captain-sdk/core";
import { createSalesCaptainClient } from "@captain-sdk/salescaptain";
import { afterEach, describe, expect, it } from "vitest";
import { type Loopback, sendJson, startLoopback } from "../helpers/loopback.js";
import { KEY } from "./cases.js";
import { createFaultClient } from "./fault-api.js";
import { captureLogger, expectNoSecret } from "./redaction.js";
import { COMPANY_ID, CONVERSATION_ID } from "./ways.js";

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type PathApi = {
  GET(path: string, init?: Record<string, unknown>): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  POST(path: string, init?: Record<string, unknown>): Promise<{ data?: unknown; error?: unknown; response: Response }>;
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject");
}

describe("debug log", () => {
  it("shows one line per attempt with method, path, status, attempt and wait; credentials as ***", async () => {
    server = await startLoopback((r, res) =>
      r.n < 3 ? sendJson(res, 503, { message: "busy" }) : sendJson(res, 200, { ok: true }),
    );
    const lines: string[] = [];
    const sales = createSalesCaptainClient({
      apiKey: KEY,
      baseUrl: server.url,
      retryBaseDelayMs: 20,
      retryNonIdempotent: true,
      headers: { "x-api-token": "test-token-5678", "x-tenant": "t_1" },
      logger: captureLogger(lines),
      logLevel: "debug",
    });
    await sales.conversations.sendMessage({
      company_id: COMPANY_ID,
      conversation_id: CONVERSATION_ID,
      message_body: "Hi",
    });
    const path = `/v1/send-message/${COMPANY_ID}/${CONVERSATION_ID}`;
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(`^debug \\[SalesCaptain\\] POST ${path} -> 503 \\(attempt 1/3, \\d+ ms, retrying in \\d+ ms\\)`),
    );
    expect(lines[1]).toMatch(/-> 503 \(attempt 2\/3, \d+ ms, retrying in \d+ ms\)/);
    expect(lines[2]).toMatch(/-> 200 \(attempt 3\/3, \d+ ms\)/);
    for (const [i, line] of lines.entries()) {
      expect(line).toContain("method: 'POST'");
      expect(line).toContain(`path: '${path}'`);
      expect(line).toContain(`attempt: ${i + 1}`);
      expect(line).toMatch(/status: (503|200)/);
      expect(line).toContain("authorization: '***'");
      expect(line).toContain("'x-api-token': '***'");
      expect(line).toContain("'x-tenant': 't_1'");
      expect(line).not.toContain("test-token-5678");
    }
    // The wait logged is within the jittered backoff: [0.75, 1] x 20 ms, then x 40 ms.
    const waits = lines.slice(0, 2).map((l) => Number(/retrying in (\d+) ms/.exec(l)?.[1]));
    expect(waits[0]).toBeGreaterThanOrEqual(15);
    expect(waits[0]).toBeLessThanOrEqual(20);
    expect(waits[1]).toBeGreaterThanOrEqual(30);
    expect(waits[1]).toBeLessThanOrEqual(40);
    expectNoSecret(undefined, lines, KEY);
  });

  it("is silent above debug, and the x-chatcaptain-key header shows as ***", async () => {
    server = await startLoopback((_r, res) => sendJson(res, 200, { id: "m_1" }));
    const quiet: string[] = [];
    const chatQuiet = createChatCaptainClient({
      apiKey: KEY,
      baseUrl: server.url,
      logger: captureLogger(quiet),
      logLevel: "info",
    });
    await chatQuiet.inboxMessages.sendMessage({ chatbotId: "bot_1", conversationId: "c_1", text: "Hi" });
    expect(quiet).toEqual([]);
    const lines: string[] = [];
    const chat = createChatCaptainClient({
      apiKey: KEY,
      baseUrl: server.url,
      logger: captureLogger(lines),
      logLevel: "debug",
    });
    await chat.inboxMessages.sendMessage({ chatbotId: "bot_1", conversationId: "c_1", text: "Hi" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("'x-chatcaptain-key': '***'");
    expect(server.requests[1]?.headers["x-chatcaptain-key"]).toBe(KEY);
    expectNoSecret(undefined, lines, KEY);
  });
});

describe("SALESCAPTAIN_LOG", () => {
  it("turns the debug log on without an option", async () => {
    server = await startLoopback((_r, res) => sendJson(res, 200, { id: "m_1" }));
    const saved = process.env.SALESCAPTAIN_LOG;
    process.env.SALESCAPTAIN_LOG = "debug";
    try {
      const lines: string[] = [];
      const sales = createSalesCaptainClient({ apiKey: KEY, baseUrl: server.url, logger: captureLogger(lines) });
      await sales.conversations.sendMessage({
        company_id: COMPANY_ID,
        conversation_id: CONVERSATION_ID,
        message_body: "Hi",
      });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^debug \[SalesCaptain\] POST \/v1\/send-message\/.* -> 200 \(attempt 1\/3/);
      expectNoSecret(undefined, lines, KEY);
    } finally {
      if (saved === undefined) delete process.env.SALESCAPTAIN_LOG;
      else process.env.SALESCAPTAIN_LOG = saved;
    }
  });
});

describe("header injection: CR or LF in a header value is refused before sending", () => {
  const injected = ["a\r\nX-Injected: 1", "a\nb", "a\rb"];

  it.each(injected)("client headers %j -> ConfigurationError", (value) => {
    const error = (() => {
      try {
        createSalesCaptainClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", headers: { "x-tenant": value } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/x-tenant.*line break/);
    expectNoSecret(error, [], KEY);
  });

  it.each(injected)("per-call headers %j -> ValidationError, no request", async (value) => {
    server = await startLoopback((_r, res) => sendJson(res, 200, {}));
    const sales = createSalesCaptainClient({ apiKey: KEY, baseUrl: server.url });
    const args = { company_id: COMPANY_ID, conversation_id: CONVERSATION_ID, message_body: "Hi" };
    const viaOp = await rejection(sales.conversations.sendMessage(args, { headers: { "x-tenant": value } }));
    expect(viaOp).toBeInstanceOf(ValidationError);
    expect((viaOp as ValidationError).issues).toEqual([expect.objectContaining({ path: "headers.x-tenant" })]);
    const viaPath = await rejection(
      (sales as unknown as PathApi).POST("/v1/send-message/{company_id}/{conversation_id}", {
        params: { path: { company_id: COMPANY_ID, conversation_id: CONVERSATION_ID } },
        body: { message_body: "Hi" },
        headers: { "x-tenant": value },
      }),
    );
    expect(viaPath).toBeInstanceOf(ValidationError);
    expect(server.count).toBe(0);
  });

  it.each(injected)("header parameter %j -> ValidationError, no request", async (value) => {
    server = await startLoopback((_r, res) => sendJson(res, 200, {}));
    const core = createFaultClient({ apiKey: KEY, baseUrl: server.url });
    expect(await rejection(core.items.get({ item_id: "i_1", "x-trace": value }))).toBeInstanceOf(ValidationError);
    const viaPath = await rejection(
      (core as unknown as PathApi).GET("/v1/items/{item_id}", {
        params: { path: { item_id: "i_1" }, header: { "x-trace": value } },
      }),
    );
    expect(viaPath).toBeInstanceOf(ValidationError);
    expect(server.count).toBe(0);
  });

  it("a clean header parameter is sent", async () => {
    server = await startLoopback((_r, res) => sendJson(res, 200, { id: "i_1" }));
    const core = createFaultClient({ apiKey: KEY, baseUrl: server.url });
    await core.items.get({ item_id: "i_1", "x-trace": "trace-1" });
    expect(server.requests[0]?.headers["x-trace"]).toBe("trace-1");
  });
});

describe("path parameters never change the route", () => {
  const values = ["../admin", "../../v1/other?x=1", "a/b", "x?y=1", "frag#ment", "%2e%2e", "..%2F", "ünï cödé"];

  it.each(values)("%j is percent-encoded into one segment, both ways of calling", async (value) => {
    server = await startLoopback((_r, res) => sendJson(res, 200, { id: "m_1" }));
    const chat = createChatCaptainClient({ apiKey: KEY, baseUrl: server.url });
    await chat.inboxMessages.sendMessage({ chatbotId: value, conversationId: "c_1", text: "Hi" });
    await (chat as unknown as PathApi).POST("/v1/inbox/{chatbotId}/messages", {
      params: { path: { chatbotId: value } },
      body: { conversationId: "c_1", text: "Hi" },
    });
    const expected = `/v1/inbox/${encodeURIComponent(value)}/messages`;
    expect(server.requests.map((r) => r.url)).toEqual([expected, expected]);
    const segment = expected.split("/")[3] as string;
    expect(decodeURIComponent(segment)).toBe(value);
  });

  it.each([".", "..", ""])("%j is refused before sending", async (value) => {
    server = await startLoopback((_r, res) => sendJson(res, 200, { id: "m_1" }));
    const chat = createChatCaptainClient({ apiKey: KEY, baseUrl: server.url });
    const viaOp = await rejection(
      chat.inboxMessages.sendMessage({ chatbotId: value, conversationId: "c_1", text: "Hi" }),
    );
    expect(viaOp).toBeInstanceOf(ValidationError);
    expect((viaOp as ValidationError).issues[0]?.path).toBe("chatbotId");
    const viaPath = await rejection(
      (chat as unknown as PathApi).POST("/v1/inbox/{chatbotId}/messages", {
        params: { path: { chatbotId: value } },
        body: { conversationId: "c_1", text: "Hi" },
      }),
    );
    expect(viaPath).toBeInstanceOf(ValidationError);
    const core = createFaultClient({ apiKey: KEY, baseUrl: server.url });
    expect(await rejection(core.items.get({ item_id: value }))).toBeInstanceOf(ValidationError);
    expect(server.count).toBe(0);
  });
});

describe("errors that never reached a server keep the key out too", () => {
  it("ValidationError and ConfigurationError", async () => {
    const sales = createSalesCaptainClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9" });
    const invalid = await rejection(
      sales.conversations.sendMessage({ company_id: KEY, conversation_id: CONVERSATION_ID, message_body: KEY }),
    );
    expect(invalid).toBeInstanceOf(ValidationError);
    expectNoSecret(invalid, [], KEY);
    const insecure = (() => {
      try {
        createSalesCaptainClient({ apiKey: KEY, baseUrl: "http://api.example.com" });
      } catch (e) {
        return e;
      }
    })();
    expect(insecure).toBeInstanceOf(ConfigurationError);
    expectNoSecret(insecure, [], KEY);
  });

  it("the client itself does not show the key", () => {
    const sales = createSalesCaptainClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9" });
    expectNoSecret(sales, [], KEY);
  });
});

describe("a key passed for one call is as secret as the client's", () => {
  it("another tenant's key in per-call headers, echoed by the server, shows nowhere", async () => {
    const otherKey = "other-tenant-key-5678";
    server = await startLoopback((r, res) => {
      const echoed = r.headers.authorization ?? "";
      res.writeHead(401, { "content-type": "application/json", "x-echo": echoed });
      res.end(JSON.stringify({ error: `bad token ${echoed}` }));
    });
    const lines: string[] = [];
    const logger = captureLogger(lines);
    const sales = createSalesCaptainClient({ apiKey: KEY, baseUrl: server.url, logger, logLevel: "debug" });
    const args = { company_id: COMPANY_ID, conversation_id: CONVERSATION_ID, message_body: "hi" };
    const error = await rejection(
      sales.conversations.sendMessage(args, { headers: { Authorization: `Bearer ${otherKey}` } }),
    );
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${otherKey}`);
    expect((error as { status?: number }).status).toBe(401);
    expectNoSecret(error, lines, otherKey);
    expectNoSecret(error, lines, KEY);
    const { error: pathError } = await (sales as unknown as PathApi).POST(
      "/v1/send-message/{company_id}/{conversation_id}",
      {
        params: { path: { company_id: COMPANY_ID, conversation_id: CONVERSATION_ID } },
        body: { message_body: "hi" },
        headers: { Authorization: `Bearer ${otherKey}` },
      },
    );
    expect(JSON.stringify(pathError)).toContain("***");
    expect(JSON.stringify(pathError)).not.toContain(otherKey);
  });
});

describe("the path API's response does not show the key either", () => {
  it("a header echoing the key comes back as ***", async () => {
    server = await startLoopback((r, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-echo": r.headers.authorization ?? "" });
      res.end(JSON.stringify({ message: "ok" }));
    });
    const sales = createSalesCaptainClient({ apiKey: KEY, baseUrl: server.url });
    const { response } = await (sales as unknown as PathApi).POST("/v1/send-message/{company_id}/{conversation_id}", {
      params: { path: { company_id: COMPANY_ID, conversation_id: CONVERSATION_ID } },
      body: { message_body: "hi" },
    });
    expect(response.headers.get("x-echo")).toBe("Bearer ***");
    expect(response.headers.get("content-type")).toBe("application/json");
    expectNoSecret(response, [], KEY);
  });
});
