import { type ChildProcess, spawn } from "node:child_process";

/**
 * A loopback HTTP server in its own process (so its work does not share the event loop with the
 * client being measured). It answers every request with SalesCaptain's documented 200 body.
 */

export const SENT_BODY = JSON.stringify({
  message: "Message sent successfully!",
  data: {
    conversation_id: "b2c3d4e5-f6a7-8901-bcde-f12345678901",
    author: "Jane Doe",
    body: "Hello",
    date_created: "2025-03-23T18:30:00.000Z",
    is_me: true,
    message_type: "sms_message",
    sent_by_id: "d4e5f6a7-b8c9-0123-def1-234567890123",
    sent_by_username: "Jane Doe",
    message_id: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
  },
});

const SERVER = `
const http = require("node:http");
const body = Buffer.from(process.env.BENCH_BODY);
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 30000;
server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"));
process.stdin.on("end", () => process.exit(0)).resume();
`;

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

export function startBenchServer(): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, ["-e", SERVER], {
    env: { ...process.env, BENCH_BODY: SENT_BODY },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.stdin?.end(); // the server exits when its stdin closes, also if this process dies
      setTimeout(() => child.kill("SIGKILL"), 2000).unref();
    });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
    child.stdout?.once("data", (chunk: Buffer) => {
      resolve({ url: `http://127.0.0.1:${chunk.toString().trim()}`, stop });
    });
  });
}
