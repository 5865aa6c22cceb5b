// A minimal structured logger port, a no-op by default so that tests and embedders stay quiet.

/** LogFields are structured fields attached to one log line. */
export type LogFields = Record<string, unknown>;

/** Logger is what the server logs through; each method takes a message and optional fields. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** NOOP_LOGGER drops everything. */
export const NOOP_LOGGER: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** LogLevel is a minimum level, or `silent`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * createJsonLogger writes one JSON object per line ({ time, level, msg, ...fields }) to `write`
 * (default: standard error) for levels at or above `level` (default info).
 */
export function createJsonLogger(
  options: { level?: LogLevel; write?: (line: string) => void } = {},
): Logger {
  const min = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const at =
    (level: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: LogFields = {}): void => {
      if (RANK[level] < min) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
