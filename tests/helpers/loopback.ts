import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the server received it, body read in full. */
export interface Received {
  /** 1-based arrival number. */
  n: number;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers one request. `req`'s body has already been read into `received.body`. */
export type Handler = (received: Received, res: ServerResponse, req: IncomingMessage) => unknown;

export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every request received, in arrival order. */
  requests: Received[];
  /** How many requests reached the server. */
  readonly count: number;
  /** Stops listening and destroys every open connection (hung ones too). */
  close(): Promise<void>;
}

/**
 * A counting node:http server on 127.0.0.1 and a free port. The handler decides the answer;
 * the server reads each request body before calling it, so "received" means the server got it all.
 */
export async function startLoopback(handler: Handler, port = 0): Promise<Loopback> {
  const requests: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const received: Received = {
        n: requests.length + 1,
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(received);
      Promise.resolve(handler(received, res, req)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(599, { "content-type": "text/plain" });
        res.end(`loopback handler failed: ${String(error)}`);
      });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    get count() {
      return requests.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nobody listens on (bound, then released): connecting to it is refused. */
export async function refusedPort(): Promise<number> {
  const server = await startLoopback(() => {});
  await server.close();
  return server.port;
}

/** Writes a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
