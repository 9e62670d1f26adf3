import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { resolvePointer } from "./check-spec.js";
import { isBinary } from "./compact-schema.js";

/**
 * The openapi-typescript step of the generator: the `schema.ts` types of a spec. It takes the spec
 * as JSON text (the overlaid spec, or the spec file itself when it is JSON and has no overlay), so
 * that it can run in a worker thread (types-thread.ts) beside the rest of the generator: the text
 * crosses threads as one string, and the parsed copy here is this step's own, changed in place.
 */
export function schemaTypes(json: string): Promise<string> {
  return typesOf(JSON.parse(json) as Record<string, unknown>);
}

/** `schemaTypes` of a parsed spec, which it changes (discriminator mappings, hoisted path schemas). */
export async function typesOf(doc: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(withPathSchemasHoisted(withRefMappings(doc)) as never, {
    silent: true,
    alphabetize: false,
    // A property with a default may be left out when sending; openapi-typescript would make it
    // required in every component schema, request bodies included.
    defaultNonNullable: false,
    // File content is what fetch and FormData take, not a string of bytes.
    transform(schema) {
      const s = schema as Record<string, unknown>;
      if (!isBinary(s)) return undefined;
      const nullable = s.nullable === true || (Array.isArray(s.type) && s.type.includes("null"));
      return ts.factory.createUnionTypeNode([
        ...BINARY,
        ...(nullable ? [ts.factory.createLiteralTypeNode(ts.factory.createNull())] : []),
      ]);
    },
  });
  return astToString(ast);
}

/** The type of file content: what fetch and FormData accept. */
const BINARY: ts.TypeNode[] = [
  ts.factory.createTypeReferenceNode("Blob"),
  ts.factory.createTypeReferenceNode("Uint8Array"),
  ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
];

/**
 * A discriminator mapping may name a component schema ("Cat") instead of referencing it
 * ("#/components/schemas/Cat"); openapi-typescript only follows references, so names become references.
 * Changes `node` in place.
 */
function withRefMappings<T>(node: T): T {
  if (Array.isArray(node)) for (const child of node) withRefMappings(child);
  else if (node && typeof node === "object") {
    const obj = node as Record<string, unknown>;
    const mapping = (obj.discriminator as { mapping?: Record<string, unknown> } | undefined)?.mapping;
    if (mapping && typeof mapping === "object") {
      for (const key in mapping) {
        const target = mapping[key];
        if (typeof target === "string" && !target.includes("/") && !target.includes("#")) {
          mapping[key] = `#/components/schemas/${target}`;
        }
      }
    }
    for (const key in obj) withRefMappings(obj[key]);
  }
  return node;
}

/**
 * Bundlers (json-schema-ref-parser, swagger-cli) point repeated schemas at their first use inside
 * `paths` ("#/paths/~1pets/get/.../schema"). openapi-typescript types such a reference as an
 * indexed access into `paths`, which does not compile when the request body is optional; so each
 * such schema becomes a component (PathSchema1, ...) and the references point there. Changes `doc` in place.
 */
function withPathSchemasHoisted(doc: Record<string, unknown>): Record<string, unknown> {
  const components = (doc.components ??= {}) as Record<string, unknown>;
  const schemas = (components.schemas ??= {}) as Record<string, unknown>;
  const hoisted = new Map<string, string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const child of node) visit(child);
    if (!node || typeof node !== "object" || Array.isArray(node)) return;
    const obj = node as Record<string, unknown>;
    const ref = obj.$ref;
    if (typeof ref === "string" && ref.startsWith("#/paths/") && ref.split("/").includes("schema")) {
      let name = hoisted.get(ref);
      if (!name) {
        name = `PathSchema${hoisted.size + 1}`;
        while (name in schemas) name = `_${name}`;
        hoisted.set(ref, name);
        // A copy: the schema stays where it is too, and the copy's own path references are rewritten.
        schemas[name] = structuredClone(resolvePointer(doc, ref));
        visit(schemas[name]);
      }
      obj.$ref = `#/components/schemas/${name}`;
    }
    // The keys as they are now: a schema hoisted meanwhile is visited where it is hoisted.
    for (const key of Object.keys(obj)) if (key !== "example" && key !== "examples") visit(obj[key]);
  };
  visit(doc.paths);
  visit(doc.webhooks);
  visit(components);
  return doc;
}
