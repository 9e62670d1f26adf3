/** Where debug lines go: `console` fits, as does any pino/winston-style logger. */
export interface Logger {
  /** One line per attempt at level "debug": method, URL, status, timing; credentials as `***`. */
  debug(message: string, ...data: unknown[]): void;
  /** Informational lines. */
  info(message: string, ...data: unknown[]): void;
  /** Something worth a look: a retry, a server-requested wait. */
  warn(message: string, ...data: unknown[]): void;
  /** A failure. */
  error(message: string, ...data: unknown[]): void;
}

/** The lowest level logged; "off" logs nothing. Default "warn" (or env `<VENDOR>_LOG`). */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "off"];

/** Where one line per attempt goes: set only at level "debug". Callers pass only already-redacted text and data. */
export type Log = ((message: string, data: Record<string, unknown>) => void) | undefined;

/** The debug log of a client, when its level is "debug". */
export function createLog(logger: Logger, level: LogLevel): Log {
  return level === "debug" ? (message, data) => logger.debug(message, data) : undefined;
}
