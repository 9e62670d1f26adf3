/**
 * The sanity check a fetched spec passes before anything is written: an OpenAPI 3.x object with
 * `info` and `paths`. (The generator checks the rest, on a staged copy, before the real write.)
 * Returns the problems found, empty when the document looks right.
 */
export function openApiProblems(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof doc.swagger === "string" || typeof doc.swagger === "number") {
    return [`it is a Swagger ${String(doc.swagger)} document, not OpenAPI 3.x`];
  }
  if (typeof doc.openapi !== "string") {
    return [
      doc.openapi === undefined ? "it is not an OpenAPI document (no `openapi` field)" : "`openapi` must be a string",
    ];
  }
  if (!/^3\.\d+\.\d+$/.test(doc.openapi)) problems.push(`\`openapi: ${doc.openapi}\` is not an OpenAPI 3.x version`);
  const info = doc.info as Record<string, unknown> | undefined;
  if (!info || typeof info !== "object" || Array.isArray(info)) problems.push("`info` must be an object");
  else {
    if (typeof info.title !== "string") problems.push("`info.title` must be a string");
    if (typeof info.version !== "string") problems.push("`info.version` must be a string");
  }
  const paths = doc.paths;
  if (!paths || typeof paths !== "object" || Array.isArray(paths)) problems.push("`paths` must be an object");
  else if (Object.keys(paths).length === 0) problems.push("`paths` is empty (no operations)");
  return problems;
}
