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

export interface Log {
  enabled(level: Exclude<LogLevel, "off">): boolean;
  debug(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

/** A level-filtered log. Callers pass only already-redacted text and data. */
export function createLog(logger: Logger, level: LogLevel): Log {
  const threshold = LOG_LEVELS.indexOf(level);
  const enabled = (l: Exclude<LogLevel, "off">) => LOG_LEVELS.indexOf(l) >= threshold;
  return {
    enabled,
    debug(message, data) {
      if (enabled("debug")) data ? logger.debug(message, data) : logger.debug(message);
    },
    warn(message, data) {
      if (enabled("warn")) data ? logger.warn(message, data) : logger.warn(message);
    },
  };
}
