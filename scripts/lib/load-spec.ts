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
    if (mayRepeatKeys(text)) positions();
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
 * Whether a JSON text may hold an object with a key twice (which JSON.parse would silently take the
 * last of): a quick scan of every object's keys, without building anything.
 */
function mayRepeatKeys(text: string): boolean {
  const stack: Set<string>[] = [];
  const re = /"(?:[^"\\]|\\.)*"\s*:|[{}[\]]|"(?:[^"\\]|\\.)*"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const token = m[0];
    if (token === "{") stack.push(new Set());
    else if (token === "[") stack.push(new Set());
    else if (token === "}" || token === "]") stack.pop();
    else if (token.endsWith(":")) {
      const keys = stack[stack.length - 1];
      const key = token.slice(0, token.lastIndexOf('"') + 1);
      if (keys?.has(key)) return true;
      keys?.add(key);
    }
  }
  return false;
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const col = offset - before.lastIndexOf("\n");
  return `${line}:${col}`;
}
