import { decodePointer } from "./compact-schema.js";
import { formatPath, type JsonPath, type LoadedDocument } from "./load-spec.js";
import { SpecError } from "./spec-error.js";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Resolves a local JSON pointer (`#/components/schemas/X`) in `doc`; undefined when it points nowhere. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[decodePointer(raw)];
  }
  return node;
}

/**
 * What must hold before code generation: an OpenAPI 3.0/3.1 document with paths, every `$ref`
 * local and resolvable, operationIds unique. `doc` is the spec after its overlay; places are
 * looked up in the spec file, else in the overlay.
 */
export function checkSpec(doc: Record<string, unknown>, spec: LoadedDocument, overlay?: LoadedDocument): void {
  const fail = (message: string, path: JsonPath): never => {
    const inSpec = spec.locate(path);
    if (inSpec || !overlay) throw new SpecError(`${message} (at ${formatPath(path)})`, spec.file, inSpec);
    throw new SpecError(`${message} (at ${formatPath(path)}, added by the overlay)`, overlay.file);
  };
  const version = doc.openapi;
  if (typeof version !== "string" || !/^3\.[01]\.\d+$/.test(version)) {
    const what = doc.swagger
      ? `Swagger ${String(doc.swagger)}`
      : version
        ? `openapi: ${String(version)}`
        : "no `openapi` field";
    fail(`not an OpenAPI 3.0 or 3.1 document (${what})`, doc.openapi ? ["openapi"] : doc.swagger ? ["swagger"] : []);
  }
  if (!doc.paths || typeof doc.paths !== "object" || Array.isArray(doc.paths)) {
    fail(
      doc.paths === undefined
        ? `no \`paths\`: nothing to make a client of${doc.webhooks ? " (this document only describes webhooks)" : ""}`
        : "`paths` must be an object",
      ["paths"],
    );
  }
  // A spec uses the same references many times: each is resolved once.
  const resolves = new Set<string>();
  walkRefs(doc, [], (ref, path) => {
    if (resolves.has(ref)) return;
    if (!ref.startsWith("#/")) fail(`$ref "${ref}" points outside this document (bundle the spec first)`, path);
    if (resolvePointer(doc, ref) === undefined) fail(`$ref "${ref}" does not resolve`, path);
    resolves.add(ref);
  });
  const seen = new Map<string, JsonPath>();
  for (const [route, item] of Object.entries(doc.paths as Record<string, unknown>)) {
    if (!item || typeof item !== "object") fail("a path item must be an object", ["paths", route]);
    for (const method of HTTP_METHODS) {
      const op = (item as Record<string, unknown>)[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      if (typeof op !== "object") fail("an operation must be an object", ["paths", route, method]);
      const id = op.operationId;
      if (id === undefined) continue;
      const here = ["paths", route, method, "operationId"];
      if (typeof id !== "string" || !id) fail("operationId must be a non-empty string", here);
      const first = seen.get(id as string);
      if (first) fail(`duplicate operationId "${id}" (first used at ${formatPath(first)})`, here);
      seen.set(id as string, here);
    }
  }
}

/** Calls `visit` with every `$ref` under `node` and its path; `path` is one array, grown and shrunk on the way. */
function walkRefs(node: unknown, path: (string | number)[], visit: (ref: string, path: JsonPath) => void): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      walkRefs(node[i], path, visit);
      path.pop();
    }
    return;
  }
  if (!node || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  for (const key in obj) {
    const child = obj[key];
    if (key === "$ref" && typeof child === "string") visit(child, [...path, key]);
    // Examples are data, not schema: a "$ref" key inside one is just a value.
    else if (key !== "example" && key !== "examples" && child && typeof child === "object") {
      path.push(key);
      walkRefs(child, path, visit);
      path.pop();
    }
  }
}
