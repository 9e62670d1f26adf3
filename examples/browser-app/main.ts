// A browser app that calls ChatCaptain directly, with the key the user typed in.
// Bundle it as any web app (esbuild, Vite, ...): `npx esbuild main.ts --bundle --format=esm --outfile=main.js`.
//
// The SDK refuses to run in a browser (a page, a Web Worker, a service worker) unless you pass
// `dangerouslyAllowBrowser: true`: whatever key the page holds, every visitor can read it. Here the
// key is the user's own, typed in and kept only in memory. For an app others use, put the key on
// your server and call a route of yours instead (see ../express-route.ts, ../hono-worker.ts).
import { ApiError, CaptainError, createChatCaptainClient, ValidationError } from "@captain-sdk/chatcaptain";

const form = document.querySelector<HTMLFormElement>("#send");
const output = document.querySelector<HTMLOutputElement>("#result");
if (!form || !output) throw new Error("the page is missing #send or #result");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const field = (name: string) => String(new FormData(form).get(name) ?? "");
  output.textContent = "sending…";
  try {
    const chat = createChatCaptainClient({
      apiKey: field("apiKey"),
      baseUrl: field("baseUrl"),
      dangerouslyAllowBrowser: true,
      maxRetries: 1,
    });
    const reply = await chat.inboxMessages.sendMessage({
      chatbotId: field("chatbotId"),
      conversationId: field("conversationId"),
      text: field("text"),
    });
    output.textContent = `sent: message ${reply.message?.id} is ${reply.message?.status}`;
  } catch (error) {
    if (error instanceof ValidationError)
      output.textContent = `not sent: ${error.issues.map((i) => i.message).join("; ")}`;
    else if (error instanceof ApiError) output.textContent = `ChatCaptain answered ${error.status}`;
    else if (error instanceof CaptainError) output.textContent = `not sent: ${error.message}`;
    else throw error;
  }
});
