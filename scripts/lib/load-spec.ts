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
    try {
      JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const at = /position (\d+)/.exec(message);
      const place = at ? lineCol(text, Number(at[1])) : undefined;
      throw new SpecError(`not valid JSON: ${message}`, name, place);
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = problem.linePos?.[0] ?? lineCounter.linePos(problem.pos[0]);
    throw new SpecError(
      `not valid ${file.endsWith(".json") ? "JSON" : "YAML"}: ${problem.message.split("\n")[0]}`,
      name,
      pos ? `${pos.line}:${pos.col}` : undefined,
    );
  }
  const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new SpecError("expected an object at the top level", name, "1:1");
  }
  return {
    file: name,
    value: value as Record<string, unknown>,
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

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const col = offset - before.lastIndexOf("\n");
  return `${line}:${col}`;
}
