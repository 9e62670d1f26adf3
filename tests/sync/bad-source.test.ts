import type { ServerResponse } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SyncError } from "../../scripts/lib/sync/sync-error.js";
import { syncVendor } from "../../scripts/lib/sync/sync-vendor.js";
import { syncSpecs } from "../../scripts/sync-specs.js";
import { type Loopback, refusedPort, sendJson, startLoopback } from "../helpers/loopback.js";
import { makeTempRepo, specOf, type TempRepo } from "./temp-repo.js";

type Spec = Record<string, unknown> & { paths: Record<string, Record<string, Record<string, unknown>>> };

/** What the loopback server answers on each path. */
const routes: Record<string, (res: ServerResponse, repo: TempRepo) => void> = {
  "/missing.json": (res) => sendJson(res, 404, { message: "Not Found" }),
  "/broken.json": (res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {');
  },
  "/no-fence.md": (res) => {
    res.writeHead(200, { "content-type": "text/markdown" });
    res.end("# Inbox messages\n\nThis page moved. The spec is no longer embedded here.\n");
  },
  // ChatCaptain's source is a docs index: this one lists the page above (as on the live site).
  "/llms.txt": (res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("# ChatCaptain\n\n- [Inbox messages](https://docs.chatcaptain.com/api/api-dokumentation/no-fence.md)\n");
  },
  "/api/api-dokumentation/no-fence.md": (res) => {
    res.writeHead(200, { "content-type": "text/markdown" });
    res.end("# Inbox messages\n\nThis page moved. The spec is no longer embedded here.\n");
  },
  "/swagger.json": (res) => sendJson(res, 200, { swagger: "2.0", info: { title: "x", version: "1" }, paths: {} }),
  "/not-openapi.json": (res) => sendJson(res, 200, { error: "maintenance", retry: true }),
  "/hang.json": () => {
    // never answers: the fetch timeout must end it
  },
  "/dangling-ref.json": (res, repo) => {
    const spec = specOf(repo.vendor("salescaptain")) as Spec;
    const post = Object.values(spec.paths)[0]?.post as { requestBody: unknown };
    post.requestBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Nope" } } } };
    sendJson(res, 200, spec);
  },
  "/overlay-target-gone.json": (res, repo) => {
    // ChatCaptain renamed the schema the overlay corrects: the overlay no longer applies.
    const spec = specOf(repo.vendor("chatcaptain")) as Spec & { components: { schemas: Record<string, unknown> } };
    const schemas = spec.components.schemas;
    schemas.SendMessageBody = schemas.SendMessageRequestDto;
    delete schemas.SendMessageRequestDto;
    const text = JSON.stringify(spec).replaceAll(
      "#/components/schemas/SendMessageRequestDto",
      "#/components/schemas/SendMessageBody",
    );
    res.writeHead(200, { "content-type": "application/json" });
    res.end(text);
  },
};

const cases: [string, "salescaptain" | "chatcaptain", string, "openapi" | "markdown" | undefined, RegExp][] = [
  ["a 404", "salescaptain", "/missing.json", "openapi", /: HTTP 404 Not Found$/],
  ["malformed JSON", "salescaptain", "/broken.json", "openapi", /: the source is not valid JSON: /],
  [
    "a Markdown page with no fenced spec",
    "chatcaptain",
    "/no-fence.md",
    "markdown",
    /no fenced ```json or ```yaml block/,
  ],
  ["a Swagger 2.0 document", "salescaptain", "/swagger.json", "openapi", /Swagger 2\.0 document, not OpenAPI 3\.x/],
  ["JSON that is not OpenAPI", "salescaptain", "/not-openapi.json", undefined, /no `openapi` field/],
  ["a server that never answers", "salescaptain", "/hang.json", "openapi", /no answer within 300 ms \(timed out\)/],
  [
    "a spec the generator rejects",
    "salescaptain",
    "/dangling-ref.json",
    "openapi",
    /the generator rejects the fetched spec: .*Nope/,
  ],
  [
    "a spec the overlay no longer fits",
    "chatcaptain",
    "/overlay-target-gone.json",
    "openapi",
    /overlay action target .* matches nothing/,
  ],
];

describe("sync: a bad source is a clear error and changes nothing", () => {
  let repo: TempRepo;
  let server: Loopback;

  beforeEach(async () => {
    repo = makeTempRepo();
    server = await startLoopback((req, res) => {
      const route = routes[req.url];
      if (route) route(res, repo);
      else sendJson(res, 404, {});
    });
  });
  afterEach(async () => {
    await server.close();
    repo.remove();
  });

  it.each(cases)("%s", async (_label, name, path, kind, problem) => {
    const before = repo.snapshot();
    const location = `${server.url}${path}`;
    const error = await syncVendor(
      repo.vendor(name),
      { location, kind },
      { changesetDir: repo.changesetDir, timeoutMs: 300 },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyncError);
    const message = (error as SyncError).message;
    expect(message.startsWith(`${name}: ${location}: `)).toBe(true);
    expect(message).toMatch(problem);
    expect(repo.snapshot()).toEqual(before);
    expect(repo.changesets()).toEqual([]);
  });

  it("an unreachable host and a missing local file", async () => {
    const before = repo.snapshot();
    const port = await refusedPort();
    const refused = `http://127.0.0.1:${port}/openapi.json`;
    await expect(
      syncVendor(repo.vendor("salescaptain"), { location: refused }, { changesetDir: repo.changesetDir }),
    ).rejects.toThrow(new RegExp(`^salescaptain: ${refused}: cannot connect \\(ECONNREFUSED`));
    await expect(
      syncVendor(
        repo.vendor("salescaptain"),
        { location: "nope/openapi.json", baseDir: repo.dir },
        { changesetDir: repo.changesetDir },
      ),
    ).rejects.toThrow(/^salescaptain: nope\/openapi\.json: no such file .*nope\/openapi\.json$/);
    expect(repo.snapshot()).toEqual(before);
  });

  it("one vendor failing does not stop the others; the run reports the failure", async () => {
    const spec = specOf(repo.vendor("salescaptain")) as Spec & { info: { description: string } };
    spec.info.description = "Reworded.";
    const lines: string[] = [];
    const sales = await startLoopback((_req, res) => sendJson(res, 200, spec));
    try {
      const { results, errors } = await syncSpecs({
        all: repo.vendors,
        from: new Map([
          ["chatcaptain", `${server.url}/llms.txt`],
          ["salescaptain", `${sales.url}/openapi.json`],
        ]),
        changesetDir: repo.changesetDir,
        log: (line) => lines.push(line),
      });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        /^chatcaptain: .*\/llms\.txt: .*\/api\/api-dokumentation\/no-fence\.md: .*no fenced ```json or ```yaml block.*\(nothing was changed for chatcaptain\)$/,
      );
      expect(results.map((r) => [r.vendor, r.level])).toEqual([["salescaptain", "patch"]]);
      expect(lines.some((l) => l.startsWith("error: chatcaptain: "))).toBe(true);
      expect(repo.changesets()).toHaveLength(1);
    } finally {
      await sales.close();
    }
  });

  it("an unknown vendor in --from or --vendor is an error before anything runs", async () => {
    const before = repo.snapshot();
    const { results, errors } = await syncSpecs({
      all: repo.vendors,
      vendors: ["nosuch"],
      from: new Map([["other", "x.json"]]),
      changesetDir: repo.changesetDir,
    });
    expect(results).toEqual([]);
    expect(errors).toEqual(["nosuch: no such vendor (no spec in specs/)", "other: no such vendor (no spec in specs/)"]);
    expect(repo.snapshot()).toEqual(before);
  });
});
