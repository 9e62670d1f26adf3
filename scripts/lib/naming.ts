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
