import { loadDocument } from "../load-spec.js";
import { applyOverlay } from "../overlay.js";

/** `spec` with the vendor's overlay applied (a copy of it when the vendor has no overlay). */
export async function overlaid(spec: Record<string, unknown>, overlayFile: string | undefined) {
  if (!overlayFile) return structuredClone(spec);
  return applyOverlay(spec, loadDocument(overlayFile));
}
