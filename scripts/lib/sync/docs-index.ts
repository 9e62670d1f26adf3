import { dirname, join } from "node:path";
import { Lexer, type Token, type Tokens } from "marked";

/**
 * The API pages a docs index lists. GitBook and Mintlify publish `llms.txt`: Markdown with a link
 * to every page's `.md`. The pages are the links whose path starts with `include` (all `.md`
 * links when there is none), in the index's order, each once. Links are resolved against the
 * index's URL; a link to the index's declared site is fetched from wherever the index itself was
 * fetched (`fetchedFrom`), so a mirror, a test server or a `--from` override serves the pages too.
 */
export function indexPages(
  markdown: string,
  options: { declared: string; fetchedFrom: string; include?: string },
): string[] {
  const links: string[] = [];
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === "link") links.push((token as Tokens.Link).href);
      const children = (token as { tokens?: Token[] }).tokens;
      if (children) visit(children);
      const items = (token as { items?: Token[] }).items;
      if (items) visit(items);
    }
  };
  visit(Lexer.lex(markdown));
  const declared = asUrl(options.declared);
  const fetched = asUrl(options.fetchedFrom);
  const pages: string[] = [];
  for (const href of links) {
    let url: URL;
    try {
      url = new URL(href, declared ?? fetched ?? undefined);
    } catch {
      continue;
    }
    if (declared && url.origin !== declared.origin) continue; // another site
    if (!url.pathname.endsWith(".md")) continue;
    if (options.include && !url.pathname.startsWith(options.include)) continue;
    url.hash = "";
    url.search = "";
    // A mirror: over http(s), the same paths on its origin; on disk, the same paths under the index's folder.
    const location = fetched
      ? declared && fetched.origin !== declared.origin
        ? `${fetched.origin}${url.pathname}`
        : url.href
      : declared
        ? join(dirname(options.fetchedFrom), ...url.pathname.split("/").filter(Boolean))
        : url.href;
    if (!pages.includes(location)) pages.push(location);
  }
  return pages;
}

function asUrl(location: string): URL | undefined {
  try {
    const url = new URL(location);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A page's short name, for messages and for the names of differing schema copies: "inbox-notes". */
export function pageLabel(location: string): string {
  const last = location.split(/[\\/]/).filter(Boolean).pop() ?? location;
  return last.replace(/\.(md|json|ya?ml|txt)$/i, "") || "page";
}
