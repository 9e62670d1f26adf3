import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ReleaseType } from "./bump.js";
import type { ChangeKind, ChangeLevel, SpecChange } from "./classify.js";

/** At most this many bullets; the rest is counted (`pnpm spec-diff` prints them all). */
export const MAX_BULLETS = 60;

export interface ChangesetInput {
  packageName: string;
  version: string;
  vendor: string;
  source: string;
  level: Exclude<ChangeLevel, "none">;
  release: ReleaseType;
  changes: readonly SpecChange[];
  /** What the sync decided on its own (pages, schema copies, names), listed after the changes. */
  notes?: readonly string[];
}

const LEVEL_WORDS: Record<Exclude<ChangeLevel, "none">, string> = {
  major: "breaking API change (semver major)",
  minor: "additive API change (semver minor)",
  patch: "documentation-only change (semver patch)",
};

const KIND_LABEL: Partial<Record<ChangeKind, string>> = {
  breaking: "**Breaking:** ",
  deprecated: "Deprecated: ",
  annotation: "Docs: ",
};

/**
 * The changeset, in the file format `@changesets/write` produces and `changeset version` reads:
 * a front matter naming the package and its bump, then the summary that goes into the CHANGELOG.
 */
export function changesetMarkdown(input: ChangesetInput): string {
  const below1 = input.release !== input.level ? `; released as a ${input.release} while the package is 0.x` : "";
  const lines = [
    "---",
    `"${input.packageName}": ${input.release}`,
    "---",
    "",
    `Spec update from upstream (${input.source}): ${LEVEL_WORDS[input.level]}${below1}.`,
    "",
  ];
  const shown = input.changes.slice(0, MAX_BULLETS);
  for (const change of shown) lines.push(`- ${KIND_LABEL[change.kind] ?? ""}${escapeLine(change.text)}`);
  if (input.changes.length > shown.length) {
    lines.push(`- …and ${input.changes.length - shown.length} more (\`pnpm spec-diff ${input.vendor} <old> <new>\`)`);
  }
  if (input.changes.length === 0) lines.push("- The spec changed without an API-visible difference.");
  if (input.changes.length > 1) {
    const count = (kind: ChangeKind) => input.changes.filter((c) => c.kind === kind).length;
    const added = input.changes.filter((c) => /^Added operation /.test(c.text)).length;
    const removed = input.changes.filter((c) => /^Removed operation /.test(c.text)).length;
    lines.push(
      "",
      `In all: ${input.changes.length} changes, ${count("breaking")} breaking; ${added} operation(s) added, ${removed} removed.`,
    );
  }
  if (input.notes?.length) {
    lines.push("", "Notes from the sync:", "");
    for (const note of input.notes) lines.push(`- ${escapeLine(note)}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `sync-<vendor>-<hash of the new spec>.md`: the same upstream spec always gives the same file, so
 * a daily sync that finds nothing new rewrites the open pull request with identical content.
 */
export function changesetFileName(vendor: string, specText: string): string {
  const hash = createHash("sha256").update(specText).digest("hex").slice(0, 10);
  return `sync-${vendor}-${hash}.md`;
}

export function writeChangeset(changesetDir: string, name: string, markdown: string): string {
  mkdirSync(changesetDir, { recursive: true });
  const path = join(changesetDir, name);
  writeFileSync(path, markdown);
  return path;
}

/** Keeps a change line on one line (descriptions can hold newlines). */
function escapeLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}
