import type { ChangeLevel } from "./classify.js";

export type ReleaseType = "major" | "minor" | "patch";

/**
 * The changesets bump for a change of `level` to a package at `version`.
 * From 1.0.0 on it is the semver level itself. Below 1.0 every level moves down one step, as npm's
 * caret ranges read 0.x versions (`^0.3.1` means `>=0.3.1 <0.4.0`): a breaking change bumps the
 * minor (0.3.1 -> 0.4.0, which `^0.3.x` users do not get by accident), an addition or a docs fix
 * bumps the patch. Leaving 0.x (going to 1.0.0) is a deliberate human decision, never a sync's.
 */
export function releaseTypeFor(level: Exclude<ChangeLevel, "none">, version: string): ReleaseType {
  if (!isPreOne(version)) return level;
  return level === "major" ? "minor" : "patch";
}

export function isPreOne(version: string): boolean {
  return /^0\./.test(version);
}
