import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Small helpers shared by the benchmark sections. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** `a / b` to two decimals, as a string ending in ×. */
export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}×`;
}

/** ✓ when `value <= limit`, else ✗. */
export function mark(value: number, limit: number): string {
  return value <= limit ? "✓" : "✗";
}

let collect: (() => void) | undefined;
/** A full garbage collection, so that one case's garbage is not collected on the next case's time. */
export function gc(): void {
  if (!collect) {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
}

/** Cases in the order of round `r`: rotated, so that no case always runs first. */
export function rotated<T>(cases: T[], r: number): T[] {
  const k = r % cases.length;
  return [...cases.slice(k), ...cases.slice(0, k)];
}

/**
 * Cases in a random order for round `r` (seeded: the same run order each run). Unlike a rotation,
 * no case always follows the same one, so no case inherits another's warm caches every round.
 */
export function shuffled<T>(cases: T[], r: number): T[] {
  let seed = Math.imul(r + 1, 2654435761) >>> 0;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const out = [...cases];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
