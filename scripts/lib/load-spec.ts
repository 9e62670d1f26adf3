import { readFileSync } from "node:fs";
import { isNode, LineCounter, parseDocument } from "yaml";
import { rel } from "./repo.js";
import { SpecError } from "./spec-error.js";

export type JsonPath = readonly (string | number)[];

export interface LoadedDocument {
  file: string;
  /** The parsed document (plain JSON values). */
  value: Record<string, unknown>;
  /** `line:column` of the node at `path`, or of its nearest ancestor that exists in the file. */
  locate(path: JsonPath): string | undefined;
}

/** `paths["/v1/x"].post.operationId`: a JSON path a person can read. */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || "(root)";
}

/**
 * Reads a JSON or YAML file. Syntax errors come back as a SpecError naming the file, line and
 * column; every later check can point into the file through `locate`.
 */
export function loadDocument(file: string, text = readFileSync(file, "utf8")): LoadedDocument {
  const name = rel(file);
  if (file.endsWith(".json")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const at = /position (\d+)/.exec(message);
      const place = at ? lineCol(text, Number(at[1])) : undefined;
      throw new SpecError(`not valid JSON: ${message}`, name, place);
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      throw new SpecError("expected an object at the top level", name, "1:1");
    }
    // JSON.parse is several times faster than a YAML parse with positions: positions (and the
    // duplicate-key check, which JSON.parse does not make) come from the YAML parser, once, and only
    // when something needs them (an error to place) or when the text repeats a key.
    let located: ReturnType<typeof parseWithPositions> | undefined;
    const positions = () => (located ??= parseWithPositions(text, name, "JSON"));
    if (mayRepeatKeys(text, value)) positions();
    return { file: name, value: value as Record<string, unknown>, locate: (path) => positions().locate(path) };
  }
  const { value, locate } = parseWithPositions(text, name, "YAML");
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new SpecError("expected an object at the top level", name, "1:1");
  }
  return { file: name, value: value as Record<string, unknown>, locate };
}

/** The YAML parser's reading of a text (JSON is YAML): its value, and where each node is. */
function parseWithPositions(
  text: string,
  name: string,
  format: "JSON" | "YAML",
): { value: unknown; locate: LoadedDocument["locate"] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = problem.linePos?.[0] ?? lineCounter.linePos(problem.pos[0]);
    throw new SpecError(
      `not valid ${format}: ${problem.message.split("\n")[0]}`,
      name,
      pos ? `${pos.line}:${pos.col}` : undefined,
    );
  }
  return {
    value: doc.toJS({ maxAliasCount: 1000 }) as unknown,
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) {
          const pos = lineCounter.linePos(node.range[0]);
          return `${pos.line}:${pos.col}`;
        }
      }
      return undefined;
    },
  };
}

/**
 * Whether a JSON text holds an object with a key twice (which JSON.parse silently takes the last
 * of): the text's keys (each string followed by a colon) outnumber the keys of the parsed value
 * exactly when one is repeated. Counted without building anything: a scan for quotes, and a walk.
 */
function mayRepeatKeys(text: string, value: unknown): boolean {
  let keys = 0;
  for (let start = text.indexOf('"'); start !== -1; ) {
    let end = text.indexOf('"', start + 1);
    while (end !== -1 && escaped(text, end)) end = text.indexOf('"', end + 1);
    if (end === -1) break;
    let next = end + 1;
    while (isSpace(text.charCodeAt(next))) next++;
    if (text.charCodeAt(next) === 58 /* : */) keys++;
    start = text.indexOf('"', next);
  }
  return keys !== countKeys(value);
}

/** Whether the quote at `at` is escaped: an odd run of backslashes before it. */
function escaped(text: string, at: number): boolean {
  let slashes = 0;
  while (text.charCodeAt(at - 1 - slashes) === 92 /* \\ */) slashes++;
  return slashes % 2 === 1;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** The number of keys of every object in a parsed JSON value. */
function countKeys(value: unknown): number {
  if (!value || typeof value !== "object") return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const child of value) n += countKeys(child);
    return n;
  }
  for (const key in value) n += 1 + countKeys((value as Record<string, unknown>)[key]);
  return n;
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const col = offset - before.lastIndexOf("\n");
  return `${line}:${col}`;
}
