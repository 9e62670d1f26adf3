import { apiCompare, type Diff } from "api-smart-diff";
import { formatPath } from "../load-spec.js";

/** What a spec change means for the SDK, by the semver level it calls for. */
export type ChangeLevel = "major" | "minor" | "patch" | "none";

export type ChangeKind = "breaking" | "non-breaking" | "deprecated" | "annotation" | "unclassified";

export interface SpecChange {
  kind: ChangeKind;
  /** One readable line: "Added operation GET /v1/ping". */
  text: string;
  path: string;
}

export interface Classification {
  level: ChangeLevel;
  changes: SpecChange[];
}

const ORDER: readonly ChangeKind[] = ["breaking", "non-breaking", "deprecated", "annotation", "unclassified"];

/**
 * Classifies the change from `before` to `after` (OpenAPI documents) with api-smart-diff:
 * any breaking change -> major; else any addition or deprecation -> minor; else wording, docs,
 * examples -> patch; nothing -> none. One adjustment: what the library calls an annotation or leaves
 * unclassified under `servers` (the SDK's default base URL) or `security` (how it authenticates)
 * counts as a non-breaking change: it changes what the client does, not just its docs.
 */
export function classifyChange(before: unknown, after: unknown): Classification {
  const { diffs } = apiCompare(before as object, after as object);
  const changes = diffs.map(toChange);
  changes.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return { level: levelOf(changes), changes };
}

export function levelOf(changes: readonly SpecChange[]): ChangeLevel {
  if (changes.length === 0) return "none";
  if (changes.some((c) => c.kind === "breaking")) return "major";
  if (changes.some((c) => c.kind === "non-breaking" || c.kind === "deprecated")) return "minor";
  return "patch";
}

function toChange(diff: Diff): SpecChange {
  const path = diff.path.map((p) => (typeof p === "number" ? p : String(p)));
  let kind = diff.type as ChangeKind;
  const last = path[path.length - 1];
  if ((kind === "annotation" || kind === "unclassified") && configuresClient(path) && last !== "description") {
    kind = "non-breaking";
  }
  return { kind, text: withPlace(describe(diff, path), path), path: formatPath(path) };
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Names the operation (or component) a change is in, unless the line already says it. */
function withPlace(text: string, path: (string | number)[]): string {
  if (path[0] === "paths" && typeof path[1] === "string") {
    const method = typeof path[2] === "string" && METHODS.has(path[2]) ? path[2].toUpperCase() : undefined;
    const place = method ? `${method} ${path[1]}` : path[1];
    return text.includes(path[1]) ? text : `${text} in ${place}`;
  }
  if (path[0] === "components" && path.length > 2) {
    const place = formatPath(path.slice(0, 3));
    return text.includes(String(path[2])) ? text : `${text} in ${place}`;
  }
  return text;
}

/** `servers` (the default base URL) and `security` / `securitySchemes` (how the client authenticates). */
function configuresClient(path: readonly (string | number)[]): boolean {
  return (
    path.includes("servers") || path[0] === "security" || path.includes("securitySchemes") || path[3] === "security"
  );
}

const VERB: Record<string, string> = { add: "Added", remove: "Removed", replace: "Changed", rename: "Renamed" };

function describe(diff: Diff, path: (string | number)[]): string {
  const raw = diff.description?.trim();
  if (raw) {
    // "[Replaced] annotation (summary)" -> "Changed summary"; "[Added] operation GET /x" -> "Added operation GET /x"
    const m = /^\[(\w+)\]\s*(.*)$/s.exec(raw);
    if (!m) return raw;
    const verb = m[1] === "Replaced" ? "Changed" : (m[1] as string);
    const what = /^(?:annotation|document metadata) \((.+)\)$/.exec(m[2] as string);
    return `${verb} ${what ? what[1] : m[2]}`;
  }
  const verb = VERB[diff.action] ?? diff.action;
  const value = diff.action === "remove" ? diff.before : diff.after;
  const shown = value === undefined || typeof value === "object" ? "" : `: ${short(JSON.stringify(value))}`;
  return `${verb} ${formatPath(path)}${shown}`;
}

function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
