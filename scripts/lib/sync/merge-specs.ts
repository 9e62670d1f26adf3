import { isDeepStrictEqual } from "node:util";
import type { ExtractedSpec } from "./extract-spec.js";

/**
 * One spec from several pages (ChatCaptain publishes one Markdown page per tag, each a complete
 * spec holding that tag's operations): the first page gives `openapi`, `info`, `servers`,
 * `security`; `paths` operations, `components` entries and `tags` are the union of all pages.
 * The same operation or component on two pages must be identical; otherwise it is an error that
 * names both pages.
 */
export function mergeSpecs(pages: readonly { location: string; spec: ExtractedSpec }[]): ExtractedSpec {
  const [first, ...rest] = pages;
  if (!first) throw new Error("no source pages");
  if (rest.length === 0) return first.spec;
  const merged = structuredClone(first.spec.value) as Record<string, unknown>;
  const origin = new Map<string, string>();
  const record = (key: string, location: string) => {
    if (!origin.has(key)) origin.set(key, location);
  };
  for (const key of Object.keys(asObject(merged.paths))) record(`paths ${key}`, first.location);
  for (const page of rest) {
    const value = page.spec.value;
    const paths = (merged.paths ??= {}) as Record<string, Record<string, unknown>>;
    for (const [path, item] of Object.entries(asObject(value.paths))) {
      const target = (paths[path] ??= {});
      for (const [method, operation] of Object.entries(asObject(item))) {
        const key = `${method.toUpperCase()} ${path}`;
        if (method in target && !isDeepStrictEqual(target[method], operation)) {
          throw new Error(
            `${key} differs between ${origin.get(`paths ${path}`) ?? first.location} and ${page.location}`,
          );
        }
        target[method] = operation;
        record(`paths ${path}`, page.location);
      }
    }
    const components = (merged.components ??= {}) as Record<string, Record<string, unknown>>;
    for (const [section, entries] of Object.entries(asObject(value.components))) {
      const target = (components[section] ??= {});
      for (const [name, entry] of Object.entries(asObject(entries))) {
        const key = `components.${section}.${name}`;
        if (name in target && !isDeepStrictEqual(target[name], entry)) {
          throw new Error(`${key} differs between ${origin.get(key) ?? first.location} and ${page.location}`);
        }
        target[name] = entry;
        record(key, page.location);
      }
    }
    const tags = (merged.tags ??= []) as { name?: string }[];
    for (const tag of (Array.isArray(value.tags) ? value.tags : []) as { name?: string }[]) {
      if (!tags.some((t) => t.name === tag.name)) tags.push(tag);
    }
  }
  return { value: merged, text: `${JSON.stringify(merged)}\n`, format: "json", from: "merged" };
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
