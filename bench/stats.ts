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

/** Cases in the order of round `r`: rotated, so that no case always runs first or right after the same one. */
export function rotated<T>(cases: T[], r: number): T[] {
  const k = r % cases.length;
  return [...cases.slice(k), ...cases.slice(0, k)];
}
