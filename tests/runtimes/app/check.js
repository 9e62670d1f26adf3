// The checks every runtime runs through the packed SDKs, against the loopback API of
// tests/runtimes/api.ts. Plain JavaScript, no runtime-specific API: Node, Bun, Deno, a browser page
// and workerd all run this same file. Each request carries `x-matrix-run: <run>` so the test can ask
// the server what reached it.

export const CHAT_KEY = "test-key-chat-1234";
export const SALES_KEY = "test-key-sales-5678";
export const WRONG_KEY = "wrong-key-matrix-9999";
export const LIST_KEY = "test-key-list-4321";
const company_id = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const conversation_id = "b2c3d4e5-f6a7-8901-bcde-f12345678901";

const settle = (promise) =>
  promise.then(
    () => undefined,
    (error) => error,
  );

/**
 * A hand-written operation table for `createCaptainClient` of @captain-sdk/core: one list that pages
 * by page number (the vendor specs in the repo have no paginated operation yet). The loopback API
 * serves 25 items, 10 a page, with `total_pages: 3`.
 */
export const LIST_API = {
  title: "Runtime matrix list",
  servers: ["https://list.matrix.invalid"],
  schemas: {},
  operations: [
    {
      id: "listItems",
      namespace: "items",
      name: "list",
      method: "get",
      path: "/v1/items",
      params: [
        { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1 } },
        { name: "per_page", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 10 } },
      ],
      auth: [{ in: "header", name: "x-matrix-key" }],
      response: "json",
      pagination: {
        style: "page",
        param: "page",
        sizeParam: "per_page",
        size: 10,
        items: ["data"],
        totalPages: ["total_pages"],
      },
    },
  ],
};

/** The `x-matrix-run` of one leg of the list check, so the test can count that leg's requests alone. */
export const listRun = (run, leg) => `${run}:list:${leg}`;

/**
 * Creating a client, and a core of each modular entry, without `dangerouslyAllowBrowser`: "created"
 * on a server runtime, the error's name and whether its message names the option where the runtime
 * counts as a browser.
 */
export function refusal({ chatcaptain, salescaptain, chatOps, salesOps, apiUrl }) {
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
    chatCore: attempt(chatOps.createChatCaptainCore, CHAT_KEY),
    salesCore: attempt(salesOps.createSalesCaptainCore, SALES_KEY),
  };
}

/**
 * Sends through both SDKs (their clients and their modular entries), provokes a 401 and a
 * ValidationError, reads a list through auto-pagination; reports what it saw.
 */
export async function check({
  core,
  chatcaptain,
  salescaptain,
  chatOps,
  salesOps,
  apiUrl,
  run,
  clientOptions = {},
  inspect,
}) {
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

  // The modular entries: a core per vendor and one function per operation.
  const chatCore = chatOps.createChatCaptainCore({ apiKey: CHAT_KEY, ...base });
  const salesCore = salesOps.createSalesCaptainCore({ apiKey: SALES_KEY, ...base });
  const opsReply = await chatOps.inboxMessagesSendMessage(chatCore, {
    chatbotId: "bot_ops",
    conversationId: "c_1",
    text: `Ops hi ${run}`,
  });
  const opsSent = await salesOps.conversationsSendMessage(salesCore, {
    company_id,
    conversation_id,
    message_body: `Ops hello ${run}`,
  });
  const opsInvalid = await settle(
    salesOps.conversationsSendMessage(salesCore, { company_id: "not-a-uuid", conversation_id, message_body: "x" }),
  );
  const opsInvalidChat = await settle(
    chatOps.inboxMessagesSendMessage(chatCore, { chatbotId: "bot_ops", conversationId: "c_1" }),
  );
  out.ops = {
    chat: opsReply.message?.content?.text,
    sales: opsSent.data?.body,
    invalid: {
      name: opsInvalid?.name,
      fromOps: opsInvalid instanceof salesOps.ValidationError,
      fromSales: opsInvalid instanceof salescaptain.ValidationError,
      issues: opsInvalid?.issues?.map((i) => i.path),
      chatName: opsInvalidChat?.name,
      chatFromOps: opsInvalidChat instanceof chatOps.ValidationError,
    },
  };

  out.list = await readList({ core, apiUrl, run, clientOptions });
  return out;
}

/**
 * The list of LIST_API through a client of @captain-sdk/core: every item with `for await`, the
 * first page's body by awaiting the call, every page with `.pages()`, and a walk capped by
 * `maxPages`. Each leg carries its own `x-matrix-run` (listRun), so the server counts its requests.
 */
async function readList({ core, apiUrl, run, clientOptions }) {
  const client = core.createCaptainClient(
    LIST_API,
    { name: "Matrix", envPrefix: "MATRIX_LIST" },
    { apiKey: LIST_KEY, baseUrl: apiUrl, ...clientOptions },
  );
  const leg = (name) => ({ headers: { "x-matrix-run": listRun(run, name) } });
  const ids = (items) => items.map((item) => item.id);

  const items = [];
  for await (const item of client.items.list({}, leg("items"))) items.push(item);
  const first = await client.items.list({}, leg("first"));
  const pages = [];
  for await (const page of client.items.list({}, leg("pages")).pages()) pages.push(page);
  const capped = [];
  for await (const item of client.items.list({}, { ...leg("capped"), maxPages: 2 })) capped.push(item);

  return {
    items: ids(items),
    first: { page: first.page, totalPages: first.total_pages, items: ids(first.data) },
    pages: pages.map((page) => ({ page: page.page, count: page.data.length })),
    capped: ids(capped),
  };
}
