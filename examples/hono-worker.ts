// A Cloudflare Worker (Hono) that forwards a message to ChatCaptain. The key is a Worker secret:
//
//   npx wrangler secret put CHATCAPTAIN_API_KEY
//   npx wrangler deploy hono-worker.ts --name chat-forwarder --compatibility-date 2025-09-01
//
// Workers have no process.env: pass the key (and base URL) from the bindings, as below. A Worker is
// a server, so no `dangerouslyAllowBrowser` is needed.
import { ApiError, createChatCaptainClient, ValidationError } from "@captain-sdk/chatcaptain";
import { Hono } from "hono";

interface Env {
  CHATCAPTAIN_API_KEY: string;
  CHATCAPTAIN_BASE_URL?: string;
  CHATBOT_ID?: string;
}

const app = new Hono<{ Bindings: Env }>();

app.post("/conversations/:conversationId/messages", async (c) => {
  const { text } = await c.req.json<{ text?: unknown }>();
  if (typeof text !== "string" || text === "") return c.json({ error: "`text` must be a non-empty string" }, 400);
  const chat = createChatCaptainClient({ apiKey: c.env.CHATCAPTAIN_API_KEY, baseUrl: c.env.CHATCAPTAIN_BASE_URL });
  try {
    const reply = await chat.inboxMessages.sendMessage({
      chatbotId: c.env.CHATBOT_ID ?? "bot_1",
      conversationId: c.req.param("conversationId"),
      text,
    });
    return c.json({ id: reply.message?.id, status: reply.message?.status }, 201);
  } catch (error) {
    if (error instanceof ValidationError) return c.json({ error: "invalid message", issues: error.issues }, 400);
    if (error instanceof ApiError)
      return c.json({ error: "ChatCaptain refused the message", status: error.status }, 502);
    throw error;
  }
});

export default app;
