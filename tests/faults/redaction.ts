import { inspect } from "node:util";
import type { Logger } from "@captain-sdk/core";
import { expect } from "vitest";

/** A logger that keeps every line, its data included (inspected in full). */
export function captureLogger(lines: string[]): Logger {
  const keep =
    (level: string) =>
    (message: string, ...data: unknown[]) =>
      lines.push([`${level} ${message}`, ...data.map((d) => inspect(d, { depth: Infinity }))].join(" "));
  return { debug: keep("debug"), info: keep("info"), warn: keep("warn"), error: keep("error") };
}

/** Every way an error (or any value) is commonly shown. */
export function renderings(value: unknown): string[] {
  const views = [inspect(value, { showHidden: true, depth: Infinity })];
  if (value instanceof Error) {
    views.push(value.message, String(value), JSON.stringify(value), value.stack ?? "", inspect(value));
  } else {
    views.push(JSON.stringify(value) ?? "");
  }
  return views;
}

/** The key, in any form it travels in, appears in none of the renderings nor log lines. */
export function expectNoSecret(value: unknown, lines: readonly string[], key: string): void {
  const forms = [key, Buffer.from(key).toString("base64"), encodeURIComponent(key)];
  for (const text of [...renderings(value), ...lines]) {
    for (const form of forms) expect(text, "a rendering leaks the key").not.toContain(form);
  }
}
