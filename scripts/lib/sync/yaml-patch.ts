import { isDeepStrictEqual } from "node:util";
import { type Document, isMap, isScalar, isSeq, parse, parseDocument } from "yaml";

/**
 * `yamlText` changed in place to say `value`: only the nodes whose content differs are replaced,
 * so every untouched part keeps its layout (folded text, quotes, comments, key order) and the
 * diff shows what changed, not a reformatted file. Undefined when the result would not read back
 * as `value` (the caller then writes a fresh YAML document).
 */
export function patchYaml(yamlText: string, value: unknown): string | undefined {
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) return undefined;
  doc.contents = patchNode(doc, doc.contents, doc.toJS(), value) as typeof doc.contents;
  const trailing = /\s*$/.exec(yamlText)?.[0] ?? "\n";
  const text = `${doc.toString().trimEnd()}${trailing.includes("\n") ? trailing : "\n"}`;
  return isDeepStrictEqual(parse(text), value) ? text : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function keyOf(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}

function patchNode(doc: Document, node: unknown, before: unknown, after: unknown): unknown {
  if (isDeepStrictEqual(before, after)) return node;
  if (isMap(node) && isObject(before) && isObject(after)) {
    node.items = node.items.filter((pair) => Object.hasOwn(after, keyOf(pair.key)));
    for (const [key, next] of Object.entries(after)) {
      const pair = node.items.find((p) => keyOf(p.key) === key);
      if (pair) pair.value = patchNode(doc, pair.value, before[key], next) as typeof pair.value;
      else node.items.push(doc.createPair(key, next));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    node.items = node.items.map((item, i) => patchNode(doc, item, before[i], after[i]));
    return node;
  }
  const scalar = (v: unknown) => v === null || typeof v !== "object";
  if (isScalar(node) && scalar(before) && scalar(after)) {
    node.value = after; // keeps the scalar's style (folded, quoted...) where the new text allows it
    return node;
  }
  return doc.createNode(after);
}
