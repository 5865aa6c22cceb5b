/**
 * CliIo is everything the CLI touches outside its arguments: the two output streams, whether they
 * are terminals, and the environment. `main` uses the process by default; tests pass their own to
 * capture output in-process.
 */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** stdoutIsTTY picks the default format (table on a terminal, JSON otherwise) and colour. */
  stdoutIsTTY: boolean;
  /** stderrIsTTY enables the progress bar. */
  stderrIsTTY: boolean;
  /** env is read for NO_COLOR / FORCE_COLOR / TERM. */
  env: Readonly<Record<string, string | undefined>>;
  /** stderrStream is the real stream handed to cli-progress (it writes ANSI control codes). */
  stderrStream?: NodeJS.WriteStream;
}

/** processIo is the CliIo of the running process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    stderrStream: process.stderr,
  };
}

/**
 * colourEnabled follows the usual conventions: NO_COLOR disables, FORCE_COLOR (non-zero) enables,
 * otherwise colour only on a terminal.
 */
export function colourEnabled(isTTY: boolean, env: CliIo['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}
