/** Words from any identifier-ish text: "Inbox messages" -> [Inbox, messages]; "send-message" -> [send, message]. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** "Inbox messages" -> "inboxMessages", "send_message" -> "sendMessage", "sendMessage" -> "sendMessage". */
export function camelCase(text: string): string {
  const parts = words(text);
  const out = parts
    .map((w, i) => {
      const lower = /^[A-Z0-9]+$/.test(w) && w.length > 1 ? w.toLowerCase() : w;
      return i === 0 ? lower.charAt(0).toLowerCase() + lower.slice(1) : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join("");
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/** "Inbox messages" -> "InboxMessages". */
export function pascalCase(text: string): string {
  const c = camelCase(text);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/**
 * An operationId without the noise server frameworks add:
 * "InboxMessageController_sendMessage[1]_v1" -> "sendMessage" (NestJS controller prefix, overload
 * index, version suffix), "messages.send" -> "messagesSend".
 */
export function methodNameFromOperationId(operationId: string): string {
  const cleaned = operationId
    .replace(/^.*?Controller_/, "")
    .replace(/\[\d+\]|\(\d+\)/g, "")
    .replace(/[_-]v\d+$/i, "");
  return camelCase(cleaned || operationId);
}

/** A method name for an operation without an operationId: "post /v1/pets/{petId}/photos" -> "postPetsPhotosByPetId". */
export function methodNameFromRoute(method: string, path: string): string {
  const segments = path.split("/").filter((s) => s && !/^v\d+$/i.test(s));
  const fixed = segments.filter((s) => !s.startsWith("{"));
  const params = segments.filter((s) => s.startsWith("{")).map((s) => s.slice(1, -1));
  const by = params.length ? ` by ${params.join(" and ")}` : "";
  return camelCase(`${method} ${fixed.join(" ")}${by}`);
}

/** The namespace of an operation without tags: its first fixed path segment ("/v1/pets/{id}" -> "pets"). */
export function namespaceFromRoute(path: string): string {
  const first = path.split("/").find((s) => s && !s.startsWith("{") && !/^v\d+$/i.test(s));
  return first ? camelCase(first) : "default";
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** An operation as naming sees it. `explicit`: its method name was set with x-captain-method. */
export interface NamedOperation {
  id: string;
  namespace: string;
  name: string;
  method: string;
  path: string;
  explicit: boolean;
}

/** A method name the clash rule changed, for the generator's and the sync's report. */
export interface Rename {
  id: string;
  namespace: string;
  from: string;
  to: string;
  rule: "controller" | "route";
}

const controllerOf = (id: string): string | undefined => /^(.*?)Controller_/.exec(id)?.[1];

/**
 * The clash rule: operations whose names reduce to the same `namespace.method` are renamed, all of
 * them but those named explicitly (x-captain-method), by the first of these that makes them unique:
 * 1. controller: when their operationIds come from different controllers, the words by which the
 *    controller names differ are appended ("InboxWidgetController_getWidget" and
 *    "InboxWidgetValueController_getWidget" -> `getWidget` and `getWidgetValue`);
 * 2. route: the name made from the HTTP method and the route, as for an operation without an
 *    operationId ("get /v1/pets/{id}" -> `getPetsById`).
 * What neither resolves is left as is (the caller reports it and asks for an overlay).
 * Mutates the names in place and returns what it changed.
 */
export function resolveClashes(ops: NamedOperation[]): Rename[] {
  const renames: Rename[] = [];
  const groups = new Map<string, NamedOperation[]>();
  for (const op of ops) {
    const key = `${op.namespace}.${op.name}`;
    groups.set(key, [...(groups.get(key) ?? []), op]);
  }
  const taken = new Set(groups.keys());
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    const movable = group.filter((op) => !op.explicit);
    const fixed = group.length - movable.length;
    if (fixed > 1 || movable.length === 0) continue;
    const rules = [
      ["controller", byController(movable, fixed === 1)],
      ["route", (op: NamedOperation) => methodNameFromRoute(op.method, op.path)],
    ] as const;
    for (const [rule, nameOf] of rules) {
      if (!nameOf) continue;
      const keys = movable.map((op) => `${op.namespace}.${nameOf(op)}`);
      const usable = new Set(keys).size === keys.length && keys.every((k) => (k === key ? fixed === 0 : !taken.has(k)));
      if (!usable) continue;
      movable.forEach((op, i) => {
        const to = nameOf(op);
        taken.add(keys[i] as string);
        if (to === op.name) return;
        renames.push({ id: op.id, namespace: op.namespace, from: op.name, to, rule });
        op.name = to;
      });
      break;
    }
  }
  return renames;
}

/** Rule 1's names, or undefined when the operations do not all come from distinct controllers. */
function byController(ops: NamedOperation[], othersKeepName: boolean): ((op: NamedOperation) => string) | undefined {
  const controllers = ops.map((op) => controllerOf(op.id));
  if (controllers.some((c) => c === undefined) || new Set(controllers).size !== ops.length) return undefined;
  const split = controllers.map((c) => words(c as string));
  // The words the controller names share, at the start and at the end, say nothing about the difference.
  let common = 0;
  while (split.every((w) => w[common] !== undefined && w[common] === split[0]?.[common])) common++;
  let tail = 0;
  const at = (w: string[], i: number) => w[w.length - 1 - i];
  while (split.every((w) => w.length - tail - 1 >= common && at(w, tail) === at(split[0] ?? [], tail))) tail++;
  const suffixes = split.map((w) => pascalCase(w.slice(common, w.length - tail).join(" ")));
  if (othersKeepName && suffixes.some((s) => s === "")) return undefined;
  return (op) => {
    const suffix = suffixes[ops.indexOf(op)] ?? "";
    return `${op.name}${suffix}`;
  };
}
