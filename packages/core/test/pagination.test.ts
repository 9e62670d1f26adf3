import { describe, expect, it } from "vitest";
import { createCaptainClient } from "../src/client.js";
import type { ApiDefinition, PaginationDefinition } from "../src/definition.js";
import { PaginationError, ValidationError } from "../src/errors.js";
import type { RequestOptions } from "../src/options.js";
import { type PageCall, type PageRequestOptions, pageCall } from "../src/pagination.js";
import { KEY, testDefinition, UUID, VENDOR } from "./definitions.js";

type Args = Record<string, unknown>;
type Body = Record<string, unknown>;

/**
 * A fake `fetchPage` (the operation method without pagination): records the arguments and options
 * of every page request and answers from `answer`.
 */
function fakeServer(answer: (args: Args, n: number) => Body) {
  const calls: Args[] = [];
  const options: (RequestOptions | undefined)[] = [];
  const fetchPage = async (args: Args, opts: RequestOptions | undefined): Promise<unknown> => {
    calls.push({ ...args });
    options.push(opts);
    return answer(args, calls.length);
  };
  return { calls, options, fetchPage };
}

function walk(
  pagination: PaginationDefinition,
  server: ReturnType<typeof fakeServer>,
  args?: Args,
  options?: PageRequestOptions,
): PageCall<Body, unknown> {
  return pageCall<Body, unknown>(pagination, "things.list", args, options, server.fetchPage);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** What a walk that fails yields before it fails, and the error. */
async function collectUntilError<T>(iterable: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: from + i }));

/** SalesCaptain's shape: `{ contacts: { data, pagination: { total_pages } } }`. */
const withTotals: PaginationDefinition = {
  style: "page",
  param: "page_number",
  sizeParam: "items_per_page",
  size: 100,
  items: ["contacts", "data"],
  totalPages: ["contacts", "pagination", "total_pages"],
};
const totalsPage = (page: number, totalPages: number, items: unknown[]) => ({
  message: "ok",
  contacts: { data: items, pagination: { page_number: page, total_pages: totalPages } },
});

const withoutTotals: PaginationDefinition = {
  style: "page",
  param: "page",
  sizeParam: "pageSize",
  size: 3,
  items: ["results"],
};

const cursor: PaginationDefinition = {
  style: "cursor",
  param: "pageToken",
  sizeParam: "limit",
  size: 2,
  items: ["groups"],
  nextCursor: ["pageToken"],
};

const itemCursor: PaginationDefinition = {
  style: "itemCursor",
  param: "pageToken",
  sizeParam: "limit",
  size: 2,
  items: ["organizations"],
  itemField: "created",
};

describe("page numbers with totals", () => {
  it("walks to total_pages, one request a page, even when pages are short", async () => {
    const server = fakeServer((args) =>
      totalsPage(Number(args.page_number), 3, range(Number(args.page_number) * 10, 2)),
    );
    const items = await collect(walk(withTotals, server, { company_id: "c1" }));
    expect(items).toEqual([...range(10, 2), ...range(20, 2), ...range(30, 2)]);
    expect(server.calls).toEqual([
      { company_id: "c1", page_number: 1, items_per_page: 100 },
      { company_id: "c1", page_number: 2, items_per_page: 100 },
      { company_id: "c1", page_number: 3, items_per_page: 100 },
    ]);
  });

  it("stops at an empty page before total_pages", async () => {
    const server = fakeServer((args) =>
      totalsPage(Number(args.page_number), 9, args.page_number === 1 ? range(1, 5) : []),
    );
    expect(await collect(walk(withTotals, server))).toEqual(range(1, 5));
    expect(server.calls.map((c) => c.page_number)).toEqual([1, 2]);
  });

  it("counts total_pages from the declared first page (pages numbered from 0 end at total - 1)", async () => {
    const server = fakeServer((args) =>
      totalsPage(Number(args.page_number), 3, range(Number(args.page_number) * 10, 2)),
    );
    expect(await collect(walk({ ...withTotals, first: 0 }, server))).toHaveLength(6);
    expect(server.calls.map((c) => c.page_number)).toEqual([0, 1, 2]);
  });

  it("makes one request when there is one page", async () => {
    const server = fakeServer(() => totalsPage(1, 1, range(1, 3)));
    expect(await collect(walk(withTotals, server))).toHaveLength(3);
    expect(server.calls).toHaveLength(1);
  });
});

describe("page numbers without totals", () => {
  it("stops on a short page", async () => {
    const sizes = [3, 3, 1];
    const server = fakeServer((_args, n) => ({ results: range(n * 10, sizes[n - 1] ?? 0) }));
    const items = await collect(walk(withoutTotals, server));
    expect(items).toHaveLength(7);
    expect(server.calls).toEqual([
      { page: 1, pageSize: 3 },
      { page: 2, pageSize: 3 },
      { page: 3, pageSize: 3 },
    ]);
  });

  it("stops on an empty page (and a missing or null list is an empty page)", async () => {
    const server = fakeServer((_args, n) => (n <= 2 ? { results: range(n * 10, 3) } : { results: null }));
    expect(await collect(walk(withoutTotals, server))).toHaveLength(6);
    expect(server.calls.map((c) => c.page)).toEqual([1, 2, 3]);
    const missing = fakeServer(() => ({}));
    expect(await collect(walk(withoutTotals, missing))).toEqual([]);
    expect(missing.calls).toHaveLength(1);
  });

  it("uses the caller's page size to tell a short page", async () => {
    const server = fakeServer((_args, n) => ({ results: range(n * 10, n === 1 ? 5 : 2) }));
    const items = await collect(walk(withoutTotals, server, { pageSize: 5 }));
    expect(items).toHaveLength(7);
    expect(server.calls).toEqual([
      { page: 1, pageSize: 5 },
      { page: 2, pageSize: 5 },
    ]);
  });

  it("throws a PaginationError when a page repeats the one before it (the server ignores the page number)", async () => {
    const server = fakeServer(() => ({ results: range(1, 3) }));
    const { items, error } = await collectUntilError(walk(withoutTotals, server));
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).message).toMatch(/^things\.list: this page repeats the one before it \(page 2\)/);
    expect((error as PaginationError).page).toBe(2);
    expect((error as PaginationError).operation).toBe("things.list");
    // The repeated page (page 2) is refused before any of its items is handed out again, and the
    // walk stops there, before a third request.
    expect(items).toEqual(range(1, 3));
    expect(server.calls).toHaveLength(2);
  });

  it("a list that is not a list is a PaginationError", async () => {
    const server = fakeServer(() => ({ results: "nope" }));
    await expect(collect(walk(withoutTotals, server))).rejects.toThrow(/the page's `results` is not a list/);
  });
});

describe("a cursor in the response", () => {
  it("sends the response's cursor back until a page has none", async () => {
    const pages: Record<string, Body> = {
      "": { groups: range(1, 2), pageToken: "t1" },
      t1: { groups: range(3, 2), pageToken: "t2" },
      t2: { groups: range(5, 1), pageToken: null },
    };
    const server = fakeServer((args) => pages[String(args.pageToken ?? "")] ?? {});
    expect(await collect(walk(cursor, server))).toEqual(range(1, 5));
    expect(server.calls).toEqual([{ limit: 2 }, { limit: 2, pageToken: "t1" }, { limit: 2, pageToken: "t2" }]);
  });

  it("goes on after an empty page that carries a new cursor", async () => {
    const pages: Record<string, Body> = {
      "": { groups: range(1, 2), pageToken: "t1" },
      t1: { groups: [], pageToken: "t2" },
      t2: { groups: range(3, 1) },
    };
    const server = fakeServer((args) => pages[String(args.pageToken ?? "")] ?? {});
    expect(await collect(walk(cursor, server))).toEqual(range(1, 3));
    expect(server.calls.map((c) => c.pageToken)).toEqual([undefined, "t1", "t2"]);
  });

  it("ends at an empty page that echoes the cursor it was given", async () => {
    const pages: Record<string, Body> = {
      "": { groups: range(1, 2), pageToken: "2025-09-29T07:08:00Z" },
      "2025-09-29T07:08:00Z": { groups: [], pageToken: "2025-09-29T07:08:00Z" },
    };
    const server = fakeServer((args) => pages[String(args.pageToken ?? "")] ?? {});
    expect(await collect(walk(cursor, server))).toEqual(range(1, 2));
    expect(server.calls).toHaveLength(2);
  });

  it("throws a PaginationError when a cursor comes back (a loop), and when a full page echoes its cursor", async () => {
    const loop: Record<string, Body> = {
      "": { groups: range(1, 2), pageToken: "t1" },
      t1: { groups: range(3, 2), pageToken: "t2" },
      t2: { groups: range(5, 2), pageToken: "t1" },
    };
    const server = fakeServer((args) => loop[String(args.pageToken ?? "")] ?? {});
    const { items, error } = await collectUntilError(walk(cursor, server));
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toMatch(/the server sent the cursor "t1" again \(page 3\)/);
    expect(items).toEqual(range(1, 6));
    expect(server.calls).toHaveLength(3);

    // A full page that echoes its cursor with other items: a loop on the cursor.
    const echo = fakeServer((args) => ({
      groups: args.pageToken ? range(3, 2) : range(1, 2),
      pageToken: args.pageToken ?? "t1",
    }));
    await expect(collect(walk(cursor, echo))).rejects.toThrow(/the server sent the cursor "t1" again \(page 2\)/);
    expect(echo.calls).toHaveLength(2);
    // The same page again: refused as a repeat, its items not handed out twice.
    const same = fakeServer((args) => ({ groups: range(1, 2), pageToken: args.pageToken ?? "t1" }));
    const repeated = await collectUntilError(walk(cursor, same));
    expect((repeated.error as Error).message).toMatch(/this page repeats the one before it \(page 2\)/);
    expect(repeated.items).toEqual(range(1, 2));
  });

  it("starts from the caller's cursor, and treats it as seen", async () => {
    const server = fakeServer((args) => ({ groups: range(1, 2), pageToken: args.pageToken === "t0" ? "t1" : "t0" }));
    await expect(collect(walk(cursor, server, { pageToken: "t0" }))).rejects.toThrow(PaginationError);
    expect(server.calls.map((c) => c.pageToken)).toEqual(["t0", "t1"]);
  });
});

describe("the last item's field as the cursor", () => {
  const org = (n: number) => ({ id: n, created: `2025-01-0${n}T00:00:00Z` });

  it("sends the last item's field as the next cursor until a short page", async () => {
    const server = fakeServer((_args, n) => ({
      organizations: n === 1 ? [org(1), org(2)] : n === 2 ? [org(3), org(4)] : [org(5)],
    }));
    expect((await collect(walk(itemCursor, server))).map((o) => (o as { id: number }).id)).toEqual([1, 2, 3, 4, 5]);
    expect(server.calls).toEqual([
      { limit: 2 },
      { limit: 2, pageToken: org(2).created },
      { limit: 2, pageToken: org(4).created },
    ]);
  });

  it("stops on an empty page", async () => {
    const server = fakeServer((_args, n) => ({ organizations: n === 1 ? [org(1), org(2)] : [] }));
    expect(await collect(walk(itemCursor, server))).toHaveLength(2);
    expect(server.calls).toHaveLength(2);
  });

  it("throws a PaginationError when the last item's field was seen before", async () => {
    // Page 2 differs from page 1 but ends on page 1's last item again.
    const server = fakeServer((args) => ({ organizations: args.pageToken ? [org(3), org(2)] : [org(1), org(2)] }));
    const { items, error } = await collectUntilError(walk(itemCursor, server));
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toMatch(
      /the last item's `created` "2025-01-02T00:00:00Z" was seen before \(page 2\)/,
    );
    expect(items).toHaveLength(4);
    expect(server.calls).toHaveLength(2);
  });

  it("throws a PaginationError when a full page's last item has no such field", async () => {
    const server = fakeServer(() => ({ organizations: [org(1), { id: 2 }] }));
    await expect(collect(walk(itemCursor, server))).rejects.toThrow(
      /the last item has no `created` to continue from \(page 1\)/,
    );
    expect(server.calls).toHaveLength(1);
  });
});

describe("a page call", () => {
  const threePages = () =>
    fakeServer((args) => totalsPage(Number(args.page_number), 3, range(Number(args.page_number) * 10, 2)));

  it("awaited, gives the first page's body; iterated afterwards, it does not fetch page 1 again", async () => {
    const server = threePages();
    const call = walk(withTotals, server);
    expect(server.calls).toHaveLength(0); // nothing is sent before it is used
    const first = await call;
    expect(first).toEqual(totalsPage(1, 3, range(10, 2)));
    expect(server.calls).toHaveLength(1);
    expect(await call).toBe(first); // awaited again: the same body, no request
    expect(server.calls).toHaveLength(1);
    expect(await collect(call)).toHaveLength(6);
    expect(server.calls.map((c) => c.page_number)).toEqual([1, 2, 3]);
  });

  it(".pages() iterates the page bodies, from the first", async () => {
    const server = threePages();
    const pages = await collect(walk(withTotals, server).pages());
    expect(pages).toEqual([1, 2, 3].map((p) => totalsPage(p, 3, range(p * 10, 2))));
    expect(server.calls).toHaveLength(3);
  });

  it("maxPages caps a walk of items and of pages, and is not passed on as a request option", async () => {
    const server = fakeServer((args) =>
      totalsPage(Number(args.page_number), 50, range(Number(args.page_number) * 10, 2)),
    );
    expect(await collect(walk(withTotals, server, {}, { maxPages: 2, timeoutMs: 500 }))).toHaveLength(4);
    expect(server.calls.map((c) => c.page_number)).toEqual([1, 2]);
    expect(server.options).toEqual([{ timeoutMs: 500 }, { timeoutMs: 500 }]);

    const pagesOnly = fakeServer((args) => totalsPage(Number(args.page_number), 50, range(1, 2)));
    expect(await collect(walk(withTotals, pagesOnly, {}, { maxPages: 1 }).pages())).toHaveLength(1);
    expect(pagesOnly.calls).toHaveLength(1);
  });

  it("maxPages below 1 or not an integer is a ValidationError, before any request", async () => {
    for (const maxPages of [0, -1, 1.5, Number.NaN, "2"]) {
      const server = threePages();
      const call = walk(withTotals, server, {}, { maxPages } as unknown as PageRequestOptions);
      await expect(call).rejects.toThrow(ValidationError);
      await expect(collect(call)).rejects.toThrow(/options\.maxPages: must be an integer >= 1/);
      expect(server.calls).toHaveLength(0);
    }
  });

  it("an abort ends the walk: the abort reason rejects, and no further page is requested", async () => {
    const server = threePages();
    const controller = new AbortController();
    const reason = new Error("user went away");
    const items: unknown[] = [];
    const iteration = (async () => {
      for await (const item of walk(withTotals, server, {}, { signal: controller.signal })) {
        items.push(item);
        if (items.length === 2) controller.abort(reason);
      }
    })();
    await expect(iteration).rejects.toBe(reason);
    expect(items).toHaveLength(2);
    expect(server.calls).toHaveLength(1);
    // The signal reaches every page request, so an abort also cancels the one in flight.
    expect(server.options[0]?.signal).toBe(controller.signal);
  });

  it("a failing page request rejects the walk with that error", async () => {
    const boom = new Error("connection reset");
    const server = fakeServer((args) => {
      if (args.page_number === 2) throw boom;
      return totalsPage(1, 3, range(1, 2));
    });
    const { items, error } = await collectUntilError(walk(withTotals, server));
    expect(error).toBe(boom);
    expect(items).toHaveLength(2);
  });

  it("fills in the first page number (1, or the declared first) and the page size, but keeps the caller's", async () => {
    const one = fakeServer(() => totalsPage(1, 1, []));
    await walk(withTotals, one);
    expect(one.calls).toEqual([{ page_number: 1, items_per_page: 100 }]);

    const zero = fakeServer(() => totalsPage(0, 1, []));
    await walk({ ...withTotals, first: 0 }, zero);
    expect(zero.calls[0]?.page_number).toBe(0);

    const given = fakeServer(() => totalsPage(4, 5, []));
    await walk(withTotals, given, { page_number: 4, items_per_page: 10 });
    expect(given.calls).toEqual([{ page_number: 4, items_per_page: 10 }]);

    // No declared size: none is sent.
    const noSize = fakeServer(() => ({ groups: [] }));
    await walk({ ...cursor, size: undefined }, noSize);
    expect(noSize.calls).toEqual([{}]);
  });

  it("does not change the caller's argument object", async () => {
    const args = { company_id: "c1" };
    await collect(walk(withTotals, threePages(), args));
    expect(args).toEqual({ company_id: "c1" });
  });
});

/** A paginated operation in a client, called over a fetch mock: what goes on the wire. */
describe("a paginated operation method", () => {
  const definition: ApiDefinition = {
    ...testDefinition,
    operations: [
      ...testDefinition.operations,
      {
        id: "listContacts",
        namespace: "contacts",
        name: "listContacts",
        method: "get",
        path: "/v1/contacts/{company_id}",
        params: [
          { name: "company_id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
          { name: "page_number", in: "query", required: true, schema: { type: "integer", minimum: 1 } },
          { name: "items_per_page", in: "query", required: false, schema: { type: "integer", maximum: 100 } },
        ],
        auth: [{ in: "header", name: "Authorization", scheme: "Bearer" }],
        response: "json",
        pagination: withTotals,
      },
    ],
  };
  type Ops = {
    contacts: { listContacts(args: Args, options?: PageRequestOptions): PageCall<Body, { id: number }> };
    items: { get(args: Args, options?: Record<string, unknown>): Promise<unknown> };
  };

  function client() {
    const urls: string[] = [];
    const fetch = async (input: string | Request, init?: RequestInit) => {
      const request = typeof input === "string" ? new Request(input, init) : input;
      urls.push(request.url);
      const page = Number(new URL(request.url).searchParams.get("page_number") ?? 1);
      return new Response(JSON.stringify(totalsPage(page, 3, range(page * 10, 2))), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    };
    const sdk = createCaptainClient<{}, Ops>(definition, VENDOR, { apiKey: KEY, fetch, maxRetries: 0 });
    return { sdk, urls };
  }

  it("walks every page with the page number and the largest page size filled in", async () => {
    const { sdk, urls } = client();
    const ids: number[] = [];
    for await (const contact of sdk.contacts.listContacts({ company_id: UUID })) ids.push(contact.id);
    expect(ids).toEqual([10, 11, 20, 21, 30, 31]);
    expect(urls).toEqual(
      [1, 2, 3].map((p) => `https://api.example.com/base/v1/contacts/${UUID}?page_number=${p}&items_per_page=100`),
    );
  });

  it("awaited, sends one request and gives the first page", async () => {
    const { sdk, urls } = client();
    const page = await sdk.contacts.listContacts({ company_id: UUID, page_number: 2 });
    expect(page).toEqual(totalsPage(2, 3, range(20, 2)));
    expect(urls).toHaveLength(1);
  });

  it("maxPages: 0 is a ValidationError and nothing is sent", async () => {
    const { sdk, urls } = client();
    await expect(sdk.contacts.listContacts({ company_id: UUID }, { maxPages: 0 })).rejects.toThrow(ValidationError);
    expect(urls).toEqual([]);
  });

  it("a method that does not page refuses maxPages as an unknown option", async () => {
    const { sdk, urls } = client();
    const error = await sdk.items.get({ item_id: UUID }, { maxPages: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "options.maxPages", message: "is not a known option" }]);
    expect(urls).toEqual([]);
  });

  it("the arguments are still validated on every page", async () => {
    const { sdk, urls } = client();
    await expect(collect(sdk.contacts.listContacts({ company_id: "not-a-uuid" }))).rejects.toThrow(ValidationError);
    expect(urls).toEqual([]);
  });
});
