import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/**
 * Type-checks `source` as a file placed next to a package's `src/generated/` and returns the
 * compiler's complaints (empty when it type-checks). Uses the repo's strict settings.
 */
export function typeErrors(packageDir: string, source: string): string[] {
  const file = join(packageDir, "src", "sync-typecheck.ts");
  writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file || !d.file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}
