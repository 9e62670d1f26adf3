// The checks every runtime runs through the packed SDKs, against the loopback API of
// tests/runtimes/api.ts. Plain JavaScript, no runtime-specific API: Node, Bun, Deno, a browser page
// and workerd all run this same file. Each request carries `x-matrix-run: <run>` so the test can ask
// the server what reached it.

export const CHAT_KEY = "test-key-chat-1234";
export const SALES_KEY = "test-key-sales-5678";
export const WRONG_KEY = "wrong-key-matrix-9999";
const company_id = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const conversation_id = "b2c3d4e5-f6a7-8901-bcde-f12345678901";

const settle = (promise) =>
  promise.then(
    () => undefined,
    (error) => error,
  );

/**
 * Creating a client without `dangerouslyAllowBrowser`: "created" on a server runtime, the error's
 * name and whether its message names the option where the runtime counts as a browser.
 */
export function refusal({ chatcaptain, salescaptain, apiUrl }) {
  const attempt = (create, apiKey) => {
    try {
      create({ apiKey, baseUrl: apiUrl });
      return "created";
    } catch (error) {
      return {
        name: error?.name,
        configurationError: error instanceof chatcaptain.ConfigurationError,
        namesOption: String(error?.message).includes("dangerouslyAllowBrowser"),
        keyShown: String(error?.message).includes(apiKey),
      };
    }
  };
  return {
    chat: attempt(chatcaptain.createChatCaptainClient, CHAT_KEY),
    sales: attempt(salescaptain.createSalesCaptainClient, SALES_KEY),
  };
}

/** Sends through both SDKs, provokes a 401 and a ValidationError; reports what it saw. */
export async function check({ chatcaptain, salescaptain, apiUrl, run, clientOptions = {}, inspect }) {
  const headers = { "x-matrix-run": run };
  const base = { baseUrl: apiUrl, headers, ...clientOptions };
  const chat = chatcaptain.createChatCaptainClient({ apiKey: CHAT_KEY, ...base });
  const sales = salescaptain.createSalesCaptainClient({ apiKey: SALES_KEY, ...base });
  const out = { run };

  const reply = await chat.inboxMessages.sendMessage({ chatbotId: "bot_1", conversationId: "c_1", text: `Hi ${run}` });
  out.chat = reply.message?.content?.text;
  const sent = await sales.conversations.sendMessage({ company_id, conversation_id, message_body: `Hello ${run}` });
  out.sales = sent.data?.body;
  const viaPath = await sales.POST("/v1/send-message/{company_id}/{conversation_id}", {
    params: { path: { company_id, conversation_id } },
    body: { message_body: "via path" },
  });
  out.salesPath = { status: viaPath.response.status, body: viaPath.data?.data?.body };

  // A wrong key: the server answers 401 and echoes the key back; no view of the error may show it.
  const wrong = salescaptain.createSalesCaptainClient({ apiKey: WRONG_KEY, ...base });
  const error = await settle(wrong.conversations.sendMessage({ company_id, conversation_id, message_body: "x" }));
  const views = {
    message: error?.message,
    string: String(error),
    stack: error?.stack,
    json: JSON.stringify(error),
    ownFields: JSON.stringify({ ...error }),
    headers: JSON.stringify(error?.headers),
    body: JSON.stringify(error?.body),
    cause: String(error?.cause),
  };
  if (inspect) views.inspect = inspect(error, { depth: 10, showHidden: true });
  out.auth = {
    name: error?.name,
    status: error?.status,
    requestId: error?.requestId,
    fromSales: error instanceof salescaptain.AuthenticationError,
    fromChat: error instanceof chatcaptain.AuthenticationError,
    apiError: error instanceof salescaptain.ApiError,
    captainError: error instanceof chatcaptain.CaptainError,
    echoedBody: error?.body?.received,
    views: Object.keys(views),
    viewsWithKey: Object.keys(views).filter((k) => String(views[k]).includes(WRONG_KEY)),
  };

  // Bad arguments: a ValidationError, and no request (the test asks the server).
  const invalid = await settle(
    sales.conversations.sendMessage({ company_id: "not-a-uuid", conversation_id, message_body: "x" }),
  );
  const invalidChat = await settle(chat.inboxMessages.sendMessage({ chatbotId: "bot_1", conversationId: "c_1" }));
  out.validation = {
    name: invalid?.name,
    fromSales: invalid instanceof salescaptain.ValidationError,
    fromChat: invalid instanceof chatcaptain.ValidationError,
    issues: invalid?.issues?.map((i) => i.path),
    chatName: invalidChat?.name,
    chatIsValidation: invalidChat instanceof chatcaptain.ValidationError,
  };
  return out;
}
