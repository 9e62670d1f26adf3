import type { PaginationDefinition } from "./definition.js";
import { PaginationError, ValidationError } from "./errors.js";
import type { RequestOptions } from "./options.js";

/** Per-call options of a paginated operation method: the usual ones, plus a cap on the walk. */
export interface PageRequestOptions extends RequestOptions {
  /** Stop a walk (items or `.pages()`) after this many pages. Default: no cap. */
  maxPages?: number | undefined;
}

/**
 * What a paginated operation method returns. Await it for the first page's body (one request, as a
 * plain method); iterate it with `for await` for every item of every page; `.pages()` iterates the
 * page bodies. The first page is fetched once, however it is used. Each page request follows the
 * client's retry, timeout and validation policy; the caller's `signal` ends the walk.
 */
export interface PageCall<Page, Item> extends Promise<Page>, AsyncIterable<Item> {
  /** Every page's body, from the first, until the list ends (or `maxPages`). */
  pages(): AsyncIterableIterator<Page>;
}

type Args = Record<string, unknown>;
type FetchPage = (args: Args, options: RequestOptions | undefined) => Promise<unknown>;

/** The value at `path` in `body` (undefined when a step is missing). */
function at(body: unknown, path: readonly string[]): unknown {
  let current = body;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The items of a page body: a missing or null list is an empty page; anything else but a list is an error. */
export function pageItems(body: unknown, pagination: PaginationDefinition, label: string, page: number): unknown[] {
  const items = at(body, pagination.items);
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) {
    throw new PaginationError(label, page, `the page's \`${pagination.items.join(".")}\` is not a list`);
  }
  return items;
}

/** The arguments of the first page: the caller's, with the first page number and the largest page size. */
function firstArgs(args: Args, p: PaginationDefinition): Args {
  const out: Args = { ...args };
  if (p.style === "page" && out[p.param] === undefined) out[p.param] = p.first ?? 1;
  if (p.sizeParam && p.size !== undefined && out[p.sizeParam] === undefined) out[p.sizeParam] = p.size;
  return out;
}

/**
 * The arguments of the page after `body`, or undefined when the list has ended. Throws a
 * PaginationError when the server repeats a cursor or a page instead of moving on.
 */
function nextArgs(
  p: PaginationDefinition,
  args: Args,
  body: unknown,
  items: unknown[],
  state: { seen: Set<string> },
  label: string,
  page: number,
): Args | undefined {
  const size = p.sizeParam ? Number(args[p.sizeParam]) : Number.NaN;
  const short = items.length === 0 || (Number.isFinite(size) && items.length < size);
  const fail = (message: string): never => {
    throw new PaginationError(label, page, message);
  };
  switch (p.style) {
    case "page": {
      const current = Number(args[p.param]);
      const total = p.totalPages ? at(body, p.totalPages) : undefined;
      // `total` counts pages; the last one's number is total - 1 + first (pages may count from 0).
      const last = typeof total === "number" ? total - 1 + (p.first ?? 1) : undefined;
      if (last !== undefined ? current >= last || items.length === 0 : short) return undefined;
      return { ...args, [p.param]: current + 1 };
    }
    case "cursor": {
      const next = at(body, p.nextCursor ?? []);
      if (next === undefined || next === null || next === "") return undefined;
      const cursor = String(next);
      // An empty page that hands back the cursor it was given: nothing after it.
      if (cursor === String(args[p.param]) && items.length === 0) return undefined;
      if (state.seen.has(cursor) || cursor === String(args[p.param]))
        fail(`the server sent the cursor ${JSON.stringify(cursor)} again`);
      state.seen.add(cursor);
      return { ...args, [p.param]: cursor };
    }
    default: {
      if (short) return undefined;
      const next = (items[items.length - 1] as Record<string, unknown> | null)?.[p.itemField ?? ""];
      if (next === undefined || next === null || next === "")
        fail(`the last item has no \`${p.itemField}\` to continue from`);
      const cursor = String(next);
      if (state.seen.has(cursor)) fail(`the last item's \`${p.itemField}\` ${JSON.stringify(cursor)} was seen before`);
      state.seen.add(cursor);
      return { ...args, [p.param]: cursor };
    }
  }
}

/** Reads `maxPages` off the per-call options; a bad value is a ValidationError. */
function splitOptions(
  options: PageRequestOptions | undefined,
  label: string,
): { maxPages: number; rest: RequestOptions | undefined } {
  if (!options || options.maxPages === undefined) return { maxPages: Number.POSITIVE_INFINITY, rest: options };
  const { maxPages, ...rest } = options;
  if (typeof maxPages !== "number" || !Number.isInteger(maxPages) || maxPages < 1) {
    throw new ValidationError(label, [{ path: "options.maxPages", message: "must be an integer >= 1" }]);
  }
  return { maxPages, rest };
}

/** A paginated operation call: see PageCall. `fetchPage` is the operation method without pagination. */
export function pageCall<Page, Item>(
  pagination: PaginationDefinition,
  label: string,
  args: Args | undefined,
  options: PageRequestOptions | undefined,
  fetchPage: FetchPage,
): PageCall<Page, Item> {
  let first: Promise<unknown> | undefined;
  let start: Args | undefined;
  let rest: RequestOptions | undefined;
  let maxPages = Number.POSITIVE_INFINITY;
  const begin = (): Promise<unknown> => {
    if (!first) {
      try {
        ({ maxPages, rest } = splitOptions(options, label));
        start = firstArgs(args ?? {}, pagination);
        first = fetchPage(start, rest);
      } catch (error) {
        first = Promise.reject(error);
      }
    }
    return first;
  };

  async function* pages(): AsyncGenerator<Page> {
    let body = await begin();
    let current = start as Args;
    const state: { seen: Set<string> } = { seen: new Set() };
    if (pagination.style === "cursor" && current[pagination.param] !== undefined)
      state.seen.add(String(current[pagination.param]));
    let previous: string | undefined;
    for (let page = 1; ; page++) {
      // A page with the same items as the one before (a server ignoring the page or cursor) is
      // refused before any of its items is handed out again.
      const items = pageItems(body, pagination, label, page);
      const fingerprint = items.length ? JSON.stringify(items) : undefined;
      if (fingerprint !== undefined && fingerprint === previous)
        throw new PaginationError(label, page, "this page repeats the one before it");
      previous = fingerprint;
      yield body as Page;
      if (page >= maxPages) return;
      const next = nextArgs(pagination, current, body, items, state, label, page);
      if (!next) return;
      const signal = rest?.signal;
      if (signal?.aborted) throw signal.reason;
      current = next;
      body = await fetchPage(current, rest);
    }
  }

  async function* items(): AsyncGenerator<Item> {
    let page = 0;
    for await (const body of pages()) {
      page++;
      yield* pageItems(body, pagination, label, page) as Item[];
    }
  }

  const call = {
    // biome-ignore lint/suspicious/noThenProperty: a PageCall is awaited like the plain method's promise
    then: (onFulfilled?: (value: Page) => unknown, onRejected?: (reason: unknown) => unknown) =>
      (begin() as Promise<Page>).then(onFulfilled, onRejected),
    catch: (onRejected?: (reason: unknown) => unknown) => (begin() as Promise<Page>).catch(onRejected),
    finally: (onFinally?: () => void) => (begin() as Promise<Page>).finally(onFinally),
    pages,
    [Symbol.asyncIterator]: items,
    [Symbol.toStringTag]: "PageCall",
  };
  return call as unknown as PageCall<Page, Item>;
}
