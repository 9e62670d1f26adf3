import { isDeepStrictEqual } from "node:util";
import { stringify } from "yaml";
import type { ExtractedSpec } from "./extract-spec.js";
import { patchYaml } from "./yaml-patch.js";

/**
 * The new text of a spec file, or undefined when the fetched spec says the same as the file (then
 * the file is left byte for byte as it is, whatever its formatting).
 * - JSON file: 2-space indent and a trailing newline (how the vendor specs are stored).
 * - YAML file: the fetched YAML text as published. A spec fetched as JSON (SalesCaptain serves
 *   openapi.json) is patched into the YAML file node by node, so that the diff shows only what
 *   changed; a fresh YAML rendering if that ever fails to read back as the fetched spec.
 */
export function renderSpec(
  current: { text: string; value: unknown; format: "json" | "yaml" },
  fetched: ExtractedSpec,
): string | undefined {
  if (isDeepStrictEqual(current.value, fetched.value)) return undefined;
  if (current.format === "json") return `${JSON.stringify(fetched.value, null, 2)}\n`;
  if (fetched.format === "yaml" && fetched.from !== "merged")
    return fetched.text.endsWith("\n") ? fetched.text : `${fetched.text}\n`;
  return (
    patchYaml(current.text, fetched.value) ?? stringify(fetched.value, { lineWidth: 0, aliasDuplicateObjects: false })
  );
}
