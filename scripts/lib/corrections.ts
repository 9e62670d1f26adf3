import { stringify } from "yaml";
import { nameProblem, operationNames } from "./build-table.js";
import { HTTP_METHODS } from "./check-spec.js";
import { methodNameFromRoute, namespaceFromRoute } from "./naming.js";

type Obj = Record<string, unknown>;

export interface OverlayAction {
  target: string;
  description: string;
  update?: Obj;
  remove?: true;
}

/**
 * The corrections a new vendor's spec needs before the (strict) generator accepts it: unique
 * operationIds where the spec repeats one, and `x-captain-method` / `x-captain-namespace` where two
 * operations would get the same method name or a name the client cannot use. The spec itself is
 * never edited: these become the vendor's overlay, which a maintainer can read and refine.
 */
export function correctionActions(spec: Obj): OverlayAction[] {
  const actions: OverlayAction[] = [];
  const paths = (spec.paths && typeof spec.paths === "object" ? spec.paths : {}) as Obj;
  const ids = new Set<string>();
  for (const item of Object.values(paths)) {
    for (const method of HTTP_METHODS) {
      const id = ((item as Obj | null)?.[method] as Obj | undefined)?.operationId;
      if (typeof id === "string") ids.add(id);
    }
  }
  const seenIds = new Set<string>();
  const names = new Set<string>();
  for (const [route, item] of Object.entries(paths)) {
    if (!item || typeof item !== "object") continue;
    for (const method of HTTP_METHODS) {
      const raw = (item as Obj)[method];
      if (!raw || typeof raw !== "object") continue;
      const op = { ...(raw as Obj) };
      const update: Obj = {};
      const why: string[] = [];
      if (typeof op.operationId === "string") {
        if (seenIds.has(op.operationId)) {
          const id = unique(methodNameFromRoute(method, route), ids);
          why.push(`operationId "${op.operationId}" is used by an earlier operation`);
          update.operationId = id;
          op.operationId = id;
        }
        seenIds.add(op.operationId as string);
      }
      let { namespace, name } = operationNames(op, method, route);
      if (nameProblem(namespace, "x")) {
        const fallback = namespaceFromRoute(route);
        namespace = nameProblem(fallback, "x") ? `${fallback}Api` : fallback;
        why.push("its namespace is not usable as a property name");
        update["x-captain-namespace"] = namespace;
      }
      const taken = new Set([...names].filter((k) => k.startsWith(`${namespace}.`)).map(stripNs));
      // A clash or an unusable name: the route says what the operation is ("postTicketsBulk").
      const wanted = nameProblem("x", name) || taken.has(name) ? methodNameFromRoute(method, route) : name;
      const free = unique(wanted, taken);
      if (free !== name) {
        why.push(
          nameProblem("x", name) ? `method name "${name}" is not usable` : `${namespace}.${name} is already taken`,
        );
        update["x-captain-method"] = free;
        name = free;
      }
      names.add(`${namespace}.${name}`);
      if (why.length) {
        actions.push({
          target: `$.paths[${quote(route)}].${method}`,
          description: `${method.toUpperCase()} ${route}: ${why.join("; ")}`,
          update,
        });
      }
    }
  }
  return actions;
}

/** The overlay document for `actions`, as YAML. */
export function overlayText(vendorTitle: string, specFileName: string, actions: OverlayAction[]): string {
  const doc = {
    overlay: "1.0.0",
    info: {
      title: `${vendorTitle} corrections`,
      version: "1.0.0",
      description:
        "Written by `pnpm add-vendor`: corrections the vendor spec needs before code generation (the spec stays verbatim). Review and rename freely.",
    },
    extends: `../${specFileName}`,
    actions,
  };
  return stringify(doc, { lineWidth: 100 });
}

function stripNs(key: string): string {
  return key.slice(key.indexOf(".") + 1);
}

function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}${n}`;
  taken.add(candidate);
  return candidate;
}

/** A JSONPath string literal: single quotes unless the text has one. */
function quote(text: string): string {
  return text.includes("'") ? JSON.stringify(text) : `'${text}'`;
}

/**
 * A spec fetched from a URL may name its servers relative to where it is published ("/api/v3"),
 * or none at all (which means "/"): resolved against that URL they give the client a default base
 * URL. Absolute servers, and relative ones with variables, are left as they are.
 */
export function serverActions(spec: Obj, sourceUrl: string): OverlayAction[] {
  const list = Array.isArray(spec.servers) ? (spec.servers as Obj[]) : [];
  const relative = (url: unknown) => typeof url === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.includes("{");
  if (list.length > 0 && !list.some((s) => relative(s?.url))) return [];
  const resolve = (url: string) => new URL(url, sourceUrl).href.replace(/\/+$/, "");
  const servers = list.length
    ? list.map((s) => (relative(s?.url) ? { ...s, url: resolve(s.url as string) } : s))
    : [{ url: resolve("/") }];
  const description = `servers: relative to ${sourceUrl}, where the spec is published`;
  const actions: OverlayAction[] = [];
  if (list.length) actions.push({ target: "$.servers", description: `${description} (replaced below)`, remove: true });
  actions.push({
    target: "$",
    description: `${description}: ${servers.map((s) => s.url).join(", ")}`,
    update: { servers },
  });
  return actions;
}
