import { rel } from "../repo.js";
import type { SyncResult } from "./sync-vendor.js";

/** Console lines for one vendor's sync. */
export function syncLines(result: SyncResult, dryRun: boolean): string[] {
  if (result.status === "unchanged") return [`${result.vendor}: up to date with ${result.source}`];
  const lines = [
    `${result.vendor}: ${result.source} changed the spec: ${result.level} (${result.changes.length} change${result.changes.length === 1 ? "" : "s"})`,
  ];
  if (result.note) lines.push(`  note: ${result.note}`);
  for (const note of result.notes ?? []) lines.push(`  note: ${note}`);
  for (const change of result.changes) lines.push(`  - [${change.kind}] ${change.text}`);
  const bump = `${result.packageName} ${result.release}${result.release !== result.level ? ` (${result.version} is below 1.0: a ${result.level} change is released as a ${result.release})` : ""}`;
  if (dryRun)
    lines.push(`  dry run: would write the spec, regenerate and add .changeset/${result.changesetFile} (${bump})`);
  else {
    lines.push(`  changeset: ${bump}`);
    for (const file of result.written) lines.push(`  wrote ${rel(file)}`);
  }
  return lines;
}

/** A Markdown summary of a sync run (the body of the spec-sync pull request). */
export function syncMarkdown(results: readonly SyncResult[], errors: readonly string[]): string {
  const out = ["Automated spec sync (`pnpm sync-specs`).", ""];
  for (const r of results) {
    if (r.status === "unchanged") {
      out.push(`- **${r.vendor}**: up to date.`);
      continue;
    }
    out.push(`### ${r.packageName}: ${r.level} change, \`${r.release}\` bump`, "", `Source: ${r.source}`, "");
    if (r.note) out.push(`> ${r.note}`, "");
    for (const note of r.notes ?? []) out.push(`> ${note}`, "");
    if (r.pages?.length) {
      out.push("<details><summary>Pages synced</summary>", "", ...r.pages.map((p) => `- ${p}`), "", "</details>", "");
    }
    for (const c of r.changes.slice(0, 200)) out.push(`- \`${c.kind}\` ${c.text}`);
    if (r.changes.length > 200) out.push(`- …and ${r.changes.length - 200} more`);
    out.push("");
  }
  if (errors.length > 0) {
    out.push("### Errors (these vendors were left unchanged)", "");
    for (const e of errors) out.push(`- ${e}`);
    out.push("");
  }
  return `${out.join("\n")}\n`;
}
