// Runs `vigil` in-process through main(), capturing stdout and stderr.
import type { CliIo } from '../../src/cli-io.js';
import { main } from '../../src/main.js';

/** CliRun is the outcome of one in-process command. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** runCli calls main(args) with captured output; by default neither stream is a terminal. */
export async function runCli(
  args: string[],
  options: { stdoutIsTTY?: boolean; env?: Record<string, string> } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: false,
    env: options.env ?? {},
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
