import { buildTable, type Table } from "../build-table.js";
import type { SpecChange } from "./classify.js";

/**
 * What changed in the SDK's own surface, which a spec diff does not see: a method renamed (by an
 * overlay, or by the clash rule when a new operation takes its name), a method removed, a list that
 * stops paginating. Each is breaking for code that calls the method; a list that starts paginating
 * is an addition (awaiting it still gives the first page).
 */
export function methodChanges(before: Record<string, unknown>, after: Table): SpecChange[] {
  let old: Table;
  try {
    old = buildTable(before);
  } catch {
    return []; // the old spec no longer builds (the overlay moved on): the spec diff has to do
  }
  const key = (op: { method: string; path: string }) => `${op.method.toUpperCase()} ${op.path}`;
  const now = new Map(after.operations.map((op) => [key(op), op]));
  const names = new Set(after.operations.map((op) => `${op.namespace}.${op.name}`));
  const changes: SpecChange[] = [];
  for (const op of old.operations) {
    const route = key(op);
    const next = now.get(route);
    const from = `${op.namespace}.${op.name}`;
    if (!next) {
      // A method whose operation moved to another route still exists (the spec diff reports the move).
      if (!names.has(from)) changes.push({ kind: "breaking", text: `Removed method ${from} (${route})`, path: route });
      continue;
    }
    const to = `${next.namespace}.${next.name}`;
    if (to !== from)
      changes.push({ kind: "breaking", text: `Renamed method ${from} to ${to} (${route})`, path: route });
    if (op.pagination && !next.pagination)
      changes.push({ kind: "breaking", text: `Method ${to} no longer walks pages (${route})`, path: route });
    if (!op.pagination && next.pagination)
      changes.push({ kind: "non-breaking", text: `Method ${to} now walks every page (${route})`, path: route });
  }
  return changes;
}
