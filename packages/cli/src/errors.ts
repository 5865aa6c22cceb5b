/**
 * CliErrorKind says whether the user typed something wrong (usage) or a file could not be used (input).
 * Both exit with code 2; the kind only shapes the message prefix.
 */
export type CliErrorKind = 'usage' | 'input';

/**
 * CliError is the one error the CLI reports to the user: a single line on stderr and exit code 2.
 * Every bad-input path throws it with a message that names the file, line or column; `main` turns
 * anything else into "internal error" so that no stack trace reaches the user.
 */
export class CliError extends Error {
  readonly kind: CliErrorKind;

  constructor(kind: CliErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.kind = kind;
  }
}

/** usageError builds a CliError for a bad command line (unknown option, malformed value). */
export function usageError(message: string): CliError {
  return new CliError('usage', message);
}

/** inputError builds a CliError for a file that cannot be read or parsed; `where` is "file" or "file:line". */
export function inputError(where: string, message: string, cause?: unknown): CliError {
  return new CliError('input', `${where}: ${message}`, { cause });
}

/** oneLine flattens a message to a single line so stderr stays one line per error. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
