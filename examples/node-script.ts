// Send one message through each SDK from a Node script (Bun and Deno run it too).
//
//   export CHATCAPTAIN_API_KEY=... SALESCAPTAIN_API_KEY=...
//   npx tsx node-script.ts
//
// Both clients read their key (and an optional base URL) from the environment:
// CHATCAPTAIN_API_KEY / CHATCAPTAIN_BASE_URL, SALESCAPTAIN_API_KEY / SALESCAPTAIN_BASE_URL.
import { ApiError, ConnectionError, createChatCaptainClient, ValidationError } from "@captain-sdk/chatcaptain";
import { createSalesCaptainClient } from "@captain-sdk/salescaptain";

const chat = createChatCaptainClient();
const sales = createSalesCaptainClient({ timeoutMs: 10_000 });

try {
  const reply = await chat.inboxMessages.sendMessage({
    chatbotId: process.env.CHATBOT_ID ?? "bot_1",
    conversationId: process.env.CONVERSATION_ID ?? "c_1",
    text: "Hello from a Node script",
  });
  console.log(`ChatCaptain: message ${reply.message?.id} is ${reply.message?.status}`);

  const sent = await sales.conversations.sendMessage({
    company_id: process.env.COMPANY_ID ?? "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    conversation_id: process.env.SALES_CONVERSATION_ID ?? "b2c3d4e5-f6a7-8901-bcde-f12345678901",
    message_body: "Hello from a Node script",
  });
  console.log(`SalesCaptain: ${sent.message}`);
} catch (error) {
  // The error classes are the same whichever package you import them from.
  if (error instanceof ValidationError) console.error("not sent, bad arguments:", error.issues);
  else if (error instanceof ApiError) console.error(`the API said ${error.status} (request ${error.requestId})`);
  else if (error instanceof ConnectionError) {
    console.error(`no answer (${error.message}); it ${error.mayHaveBeenSent ? "may" : "cannot"} have been sent`);
  } else throw error;
  process.exitCode = 1;
}
