import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { extname, resolve, sep } from "node:path";

export interface DocsServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Every request's path (decoded, without the query string), in arrival order. */
  requests: string[];
  /** Stops listening and drops open connections. */
  stop(): Promise<void>;
}

export interface DocsServerOptions {
  /** Called with each request's path (no query string); a status it returns is answered instead of the file. */
  fail?: (path: string) => number | undefined;
}

const contentTypes: Record<string, string> = {
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".yaml": "application/yaml",
};

function pathOf(url: string): string {
  const path = new URL(url, "http://docs.invalid").pathname;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * A static server on 127.0.0.1 and a free port for a docs fixture folder (`fixtures/chatcaptain`, ...): the folder
 * is served under `/`, as the vendor's site serves it. Unknown paths are 404; paths that climb out of the folder
 * are 404 too.
 */
export async function serveDocs(dir: string, opts: DocsServerOptions = {}): Promise<DocsServer> {
  const root = resolve(dir);
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const path = pathOf(req.url ?? "/");
    requests.push(path);
    const answer = async (): Promise<void> => {
      const forced = opts.fail?.(path);
      if (forced !== undefined) {
        res.writeHead(forced, { "content-type": "text/plain" });
        res.end(`forced ${forced} for ${path}`);
        return;
      }
      const file = resolve(root, `.${path}`);
      const inside = file === root || file.startsWith(root + sep);
      const found = inside && req.method === "GET" && (await stat(file).catch(() => undefined))?.isFile();
      if (!found) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end(`not found: ${path}`);
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
        "content-length": body.length,
      });
      res.end(body);
    };
    answer().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`docs server failed: ${String(error)}`);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
