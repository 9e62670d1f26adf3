// An Express route that forwards a message to ChatCaptain. The API key stays on the server:
// your front end calls this route, never ChatCaptain itself.
//
//   export CHATCAPTAIN_API_KEY=... CHATBOT_ID=...
//   npx tsx express-route.ts
//   curl -X POST localhost:3000/conversations/c_1/messages -H 'content-type: application/json' -d '{"text":"Hi"}'
import { ApiError, ConnectionError, createChatCaptainClient, ValidationError } from "@captain-sdk/chatcaptain";
import express from "express";

const chat = createChatCaptainClient(); // CHATCAPTAIN_API_KEY, CHATCAPTAIN_BASE_URL
const chatbotId = process.env.CHATBOT_ID ?? "bot_1";

const app = express();
app.use(express.json());

app.post("/conversations/:conversationId/messages", async (req, res) => {
  const text: unknown = req.body?.text;
  if (typeof text !== "string" || text === "") {
    res.status(400).json({ error: "`text` must be a non-empty string" });
    return;
  }
  try {
    const reply = await chat.inboxMessages.sendMessage(
      { chatbotId, conversationId: req.params.conversationId, text },
      { timeoutMs: 15_000 }, // per call: answer your own client in time
    );
    res.status(201).json({ id: reply.message?.id, status: reply.message?.status });
  } catch (error) {
    if (error instanceof ValidationError) {
      res.status(400).json({ error: "invalid message", issues: error.issues });
    } else if (error instanceof ApiError) {
      // Never pass the upstream error on verbatim to your users; log it, answer briefly.
      console.error(error.status, error.requestId, error.message);
      res.status(502).json({ error: "ChatCaptain refused the message", upstreamStatus: error.status });
    } else if (error instanceof ConnectionError) {
      // A POST is not retried once it may have reached the server: tell the caller it may have gone out.
      res.status(504).json({ error: "ChatCaptain did not answer", mayHaveBeenSent: error.mayHaveBeenSent });
    } else {
      throw error; // Express 5 turns this into a 500
    }
  }
});

const port = Number(process.env.PORT ?? 3000);
app.listen(port, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${port}`));
