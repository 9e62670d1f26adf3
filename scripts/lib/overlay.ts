import { openapiOverlay } from "openapi-format";
import type { LoadedDocument } from "./load-spec.js";
import { SpecError } from "./spec-error.js";

/**
 * Applies an OpenAPI Overlay 1.0 document with openapi-format. An action whose target matches
 * nothing is an error: the vendor spec changed under the correction, and a maintainer must look
 * (unless the action says `x-captain-optional: true`: it corrects an operation still to come).
 */
export async function applyOverlay(
  spec: Record<string, unknown>,
  overlay: LoadedDocument,
): Promise<Record<string, unknown>> {
  const doc = overlay.value;
  if (typeof doc.overlay !== "string" || !/^1\.[01]\.\d+$/.test(doc.overlay)) {
    throw new SpecError(
      `not an OpenAPI Overlay 1.0 document (\`overlay: ${String(doc.overlay)}\`)`,
      overlay.file,
      overlay.locate(["overlay"]),
    );
  }
  const actions = doc.actions;
  if (!Array.isArray(actions) || actions.length === 0) {
    throw new SpecError("`actions` must be a non-empty list", overlay.file, overlay.locate(["actions"]));
  }
  actions.forEach((action, i) => {
    if (!action || typeof action !== "object" || typeof action.target !== "string") {
      throw new SpecError("each action needs a `target`", overlay.file, overlay.locate(["actions", i]));
    }
  });
  // openapi-format reports through console.error and carries on; we fail instead.
  const complaints: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => complaints.push(args.map(String).join(" "));
  let result: Awaited<ReturnType<typeof openapiOverlay>>;
  try {
    result = await openapiOverlay(structuredClone(spec) as never, { overlaySet: doc as never });
  } finally {
    console.error = original;
  }
  if (complaints.length > 0) {
    throw new SpecError(`overlay failed: ${complaints.join("; ")}`, overlay.file);
  }
  // An action marked `x-captain-optional: true` corrects an operation the spec may not have yet (it
  // arrives with a sync): matching nothing is fine for it, and only for it.
  const unused = ((result.resultData as { unusedActions?: { target: string }[] }).unusedActions ?? []).filter(
    (action) => (action as Record<string, unknown>)["x-captain-optional"] !== true,
  );
  if (unused.length > 0) {
    const first = unused[0] as { target: string };
    const index = actions.indexOf(first);
    throw new SpecError(
      `overlay action target \`${first.target}\` matches nothing in the spec (did the vendor spec change?)`,
      overlay.file,
      overlay.locate(["actions", index, "target"]),
    );
  }
  return result.data as Record<string, unknown>;
}
