import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { indexPages, pageLabel } from "../../scripts/lib/sync/docs-index.js";
import { syncMarkdown } from "../../scripts/lib/sync/report.js";
import { syncVendor } from "../../scripts/lib/sync/sync-vendor.js";
import { syncSpecs } from "../../scripts/sync-specs.js";
import { type Loopback, startLoopback } from "../helpers/loopback.js";
import { makeTempRepo, markdownPage, specOf, type TempRepo } from "./temp-repo.js";

const SITE = "https://docs.chatcaptain.com";
const API = "/api/api-dokumentation/";

describe("indexPages: the API pages a docs index (llms.txt) lists", () => {
  const llms = [
    "# ChatCaptain",
    "",
    "> The docs.",
    "",
    "## Guides",
    "",
    `- [Getting started](${SITE}/getting-started.md)`,
    "",
    "## API",
    "",
    `- [Inbox messages](${SITE}${API}inbox-messages.md): send and list messages`,
    `- [Contacts](${SITE}${API}contacts.md#list)`,
    `- [Contacts again](${SITE}${API}contacts.md?ask=x)`,
    `- [Inbox notes](${API}inbox-notes.md)`,
    `- [The API as HTML](${SITE}${API}overview)`,
    `- [Elsewhere](https://example.com${API}stolen.md)`,
    "- [Relative](models.md)",
    "",
  ].join("\n");

  it("keeps the .md links under the include prefix on the declared site, in order, each once", () => {
    expect(indexPages(llms, { declared: `${SITE}/llms.txt`, fetchedFrom: `${SITE}/llms.txt`, include: API })).toEqual([
      `${SITE}${API}inbox-messages.md`,
      `${SITE}${API}contacts.md`,
      `${SITE}${API}inbox-notes.md`,
    ]);
  });

  it("without include: every .md link of the declared site (relative links resolved against the index)", () => {
    expect(indexPages(llms, { declared: `${SITE}/llms.txt`, fetchedFrom: `${SITE}/llms.txt` })).toEqual([
      `${SITE}/getting-started.md`,
      `${SITE}${API}inbox-messages.md`,
      `${SITE}${API}contacts.md`,
      `${SITE}${API}inbox-notes.md`,
      `${SITE}/models.md`,
    ]);
  });

  it("an index fetched from elsewhere (a mirror, a test server, --from) has its pages fetched from there too", () => {
    const mirror = "http://127.0.0.1:4010";
    expect(indexPages(llms, { declared: `${SITE}/llms.txt`, fetchedFrom: `${mirror}/llms.txt`, include: API })).toEqual(
      [`${mirror}${API}inbox-messages.md`, `${mirror}${API}contacts.md`, `${mirror}${API}inbox-notes.md`],
    );
  });

  it("an index read from disk (a mirror of the site) has its pages read from the same paths beside it", () => {
    expect(indexPages(llms, { declared: `${SITE}/llms.txt`, fetchedFrom: "/mirror/llms.txt", include: API })).toEqual([
      `/mirror${API}inbox-messages.md`,
      `/mirror${API}contacts.md`,
      `/mirror${API}inbox-notes.md`,
    ]);
  });

  it("an index that lists no API page gives no pages", () => {
    expect(
      indexPages("# Nothing\n\nNo links here.\n", { declared: `${SITE}/llms.txt`, fetchedFrom: `${SITE}/llms.txt` }),
    ).toEqual([]);
    expect(
      indexPages(`- [Guide](${SITE}/guide.md)\n`, {
        declared: `${SITE}/llms.txt`,
        fetchedFrom: `${SITE}/llms.txt`,
        include: API,
      }),
    ).toEqual([]);
  });

  it("pageLabel: a page's short name", () => {
    expect(pageLabel(`${SITE}${API}inbox-notes.md`)).toBe("inbox-notes");
    expect(pageLabel("specs/pages/contacts.yaml")).toBe("contacts");
    expect(pageLabel("C:\\docs\\models.json")).toBe("models");
  });
});

/** A ChatCaptain-style page holding one operation, on its own tag. */
function operationPage(tag: string, route: string, operationId: string): string {
  return markdownPage(
    {
      openapi: "3.0.0",
      info: { title: "ChatCaptain API", version: "1.0" },
      tags: [{ name: tag, description: "" }],
      servers: [{ url: "https://api.chatcaptain.com", description: "Production" }],
      security: [{}, {}],
      paths: {
        [route]: {
          get: {
            operationId,
            tags: [tag],
            parameters: [{ name: "chatbotId", in: "path", required: true, schema: { type: "string" } }],
            responses: { "200": { description: "" } },
          },
        },
      },
    },
    tag,
  );
}

describe("sync from a docs index", () => {
  let repo: TempRepo;
  let server: Loopback;
  const routes = new Map<string, string>();
  const requested: string[] = [];

  beforeEach(async () => {
    repo = makeTempRepo();
    server = await startLoopback((req, res) => {
      requested.push(req.url ?? "");
      const body = routes.get(req.url ?? "");
      res.writeHead(body === undefined ? 404 : 200, { "content-type": "text/markdown" });
      res.end(body ?? "not found");
    });
  });
  afterEach(async () => {
    await server.close();
    routes.clear();
    requested.length = 0;
    repo.remove();
  });

  const index = (...slugs: string[]) =>
    [
      "# ChatCaptain",
      "",
      `- [Home](${SITE}/home.md)`,
      ...slugs.map((slug) => `- [${slug}](${SITE}${API}${slug}.md)`),
      "",
    ].join("\n");
  const source = () => ({
    location: `${server.url}/llms.txt`,
    index: { declared: `${SITE}/llms.txt`, include: API },
    kind: "markdown" as const,
  });

  it("fetches every page the index lists, merges them, records the pages and reports what came and went", async () => {
    const chat = repo.vendor("chatcaptain");
    routes.set(`${API}inbox-messages.md`, markdownPage(specOf(chat)));
    routes.set(
      `${API}inbox-notes.md`,
      operationPage("Inbox notes", "/v1/inbox/{chatbotId}/notes", "InboxNoteController_list[1]_v1"),
    );
    routes.set("/llms.txt", index("inbox-messages", "inbox-notes"));

    const first = await syncVendor(chat, source(), { changesetDir: repo.changesetDir });
    expect(requested).toEqual(["/llms.txt", `${API}inbox-messages.md`, `${API}inbox-notes.md`]);
    const pages = [`${server.url}${API}inbox-messages.md`, `${server.url}${API}inbox-notes.md`];
    expect(first).toMatchObject({ status: "changed", pages, source: `${server.url}/llms.txt` });
    expect(first.notes).toEqual(["2 pages from the docs index"]);
    expect(repo.read("specs/chatcaptain.pages.txt")).toBe(`${pages.join("\n")}\n`);
    expect(Object.keys(JSON.parse(repo.read("specs/chatcaptain.json")).paths)).toEqual([
      "/v1/inbox/{chatbotId}/messages",
      "/v1/inbox/{chatbotId}/notes",
    ]);
    // The pull-request body lists the pages.
    expect(syncMarkdown([first], [])).toContain(
      `<details><summary>Pages synced</summary>\n\n- ${pages[0]}\n- ${pages[1]}\n\n</details>`,
    );

    // Next time the index lists a new page and drops one: the notes say so, the operations follow.
    routes.set(
      `${API}contacts.md`,
      operationPage("Contacts", "/v1/chatbots/{chatbotId}/tags", "TagController_list[1]_v1"),
    );
    routes.set("/llms.txt", index("inbox-messages", "contacts"));
    const second = await syncVendor(chat, source(), { changesetDir: repo.changesetDir });
    expect(second.notes).toEqual(["2 pages from the docs index: 1 added, 1 removed"]);
    expect(second.changes.map((c) => c.text)).toEqual(
      expect.arrayContaining([
        "Added operation GET /v1/chatbots/{chatbotId}/tags",
        "Removed method inboxNotes.list (GET /v1/inbox/{chatbotId}/notes)",
      ]),
    );
    expect(second.level).toBe("major");
  });

  it("a new page whose operation takes an existing method's name: the clash rule renames both, reported and breaking", async () => {
    const chat = repo.vendor("chatcaptain");
    routes.set(`${API}inbox-messages.md`, markdownPage(specOf(chat)));
    const bulk = operationPage(
      "Inbox messages",
      "/v1/inbox/{chatbotId}/messages/bulk",
      "InboxMessageController_sendMessage[2]_v1",
    );
    routes.set(`${API}inbox-bulk.md`, bulk);
    routes.set("/llms.txt", index("inbox-messages", "inbox-bulk"));
    const result = await syncVendor(chat, source(), { changesetDir: repo.changesetDir });
    expect(result.renames?.map((r) => `${r.from} -> ${r.to} (${r.rule})`)).toEqual([
      "sendMessage -> postInboxMessagesByChatbotId (route)",
      "sendMessage -> getInboxMessagesBulkByChatbotId (route)",
    ]);
    expect(result.notes).toContain(
      "inboxMessages.sendMessage (InboxMessageController_sendMessage[1]_v1) is named inboxMessages.postInboxMessagesByChatbotId by the route clash rule",
    );
    expect(result.changes[0]).toEqual({
      kind: "breaking",
      text: "Renamed method inboxMessages.sendMessage to inboxMessages.postInboxMessagesByChatbotId (POST /v1/inbox/{chatbotId}/messages)",
      path: "POST /v1/inbox/{chatbotId}/messages",
    });
    expect(result.level).toBe("major");
    expect(repo.read(`.changeset/${result.changesetFile}`)).toContain(
      "is named inboxMessages.getInboxMessagesBulkByChatbotId by the route clash rule",
    );
  });

  it("an index that lists no API page is an error that changes nothing (never every operation dropped)", async () => {
    routes.set("/llms.txt", index());
    const before = repo.snapshot();
    await expect(syncVendor(repo.vendor("chatcaptain"), source(), { changesetDir: repo.changesetDir })).rejects.toThrow(
      `chatcaptain: ${server.url}/llms.txt: the docs index ${server.url}/llms.txt lists no page under ${API}; refusing to drop every operation`,
    );
    expect(repo.snapshot()).toEqual(before);
    expect(existsSync(join(repo.dir, "specs", "chatcaptain.pages.txt"))).toBe(false);
  });

  it("an index that cannot be fetched, or a page it lists that cannot, is an error naming it; nothing changes", async () => {
    const before = repo.snapshot();
    await expect(syncVendor(repo.vendor("chatcaptain"), source(), { changesetDir: repo.changesetDir })).rejects.toThrow(
      `the docs index ${server.url}/llms.txt: HTTP 404`,
    );
    routes.set("/llms.txt", index("inbox-messages", "gone"));
    routes.set(`${API}inbox-messages.md`, markdownPage(specOf(repo.vendor("chatcaptain"))));
    await expect(syncVendor(repo.vendor("chatcaptain"), source(), { changesetDir: repo.changesetDir })).rejects.toThrow(
      `${server.url}${API}gone.md: HTTP 404`,
    );
    expect(repo.snapshot()).toEqual(before);
  });

  it("pnpm sync-specs: --from for an index vendor replaces the index (one location only)", async () => {
    routes.set("/llms.txt", index("inbox-messages"));
    routes.set(`${API}inbox-messages.md`, markdownPage(specOf(repo.vendor("chatcaptain"))));
    const { results, errors } = await syncSpecs({
      all: repo.vendors,
      vendors: ["chatcaptain"],
      from: new Map([["chatcaptain", `${server.url}/llms.txt`]]),
      changesetDir: repo.changesetDir,
    });
    expect(errors).toEqual([]);
    expect(results.map((r) => [r.vendor, r.status])).toEqual([["chatcaptain", "unchanged"]]);
    expect(requested).toEqual(["/llms.txt", `${API}inbox-messages.md`]);

    const two = await syncSpecs({
      all: repo.vendors,
      vendors: ["chatcaptain"],
      from: new Map([["chatcaptain", [`${server.url}/a.txt`, `${server.url}/b.txt`]]]),
      changesetDir: repo.changesetDir,
    });
    expect(two.errors).toEqual(["chatcaptain: --from: give one docs index for a vendor whose source is an index"]);
  });
});
