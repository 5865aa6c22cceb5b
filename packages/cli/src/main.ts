// The `vigil` entry point. main() never throws and never prints a stack trace: usage and input
// errors are one line on stderr and exit code 2; a bug is reported as "internal error" (exit 2),
// with the stack only when VIGIL_DEBUG is set.

import { Command, CommanderError } from 'commander';
import { applyCommand } from './apply/command.js';
import { auditCommand } from './audit/command.js';
import { baselineCommand } from './baseline/command.js';
import type { CliIo } from './cli-io.js';
import { processIo } from './cli-io.js';
import { demoCommand } from './demo/command.js';
import { driftCommand } from './drift/command.js';
import { CliError, oneLine } from './errors.js';
import { goldenCommand } from './golden/command.js';
import { incidentCommand } from './incident/command.js';
import { promptsCommand } from './prompts/command.js';
import { registryCommand } from './registry/command.js';
import { regressCommand } from './regress/command.js';
import { serveCommand } from './serve/command.js';

/** SUBCOMMANDS are the commands `vigil` knows; a usage error points at the one that was used. */
const SUBCOMMANDS = [
  'drift',
  'serve',
  'baseline',
  'demo',
  'registry',
  'audit',
  'apply',
  'prompts',
  'regress',
  'golden',
  'incident',
];

/** VERSION is the CLI's version, printed by `vigil --version`. */
export const VERSION = '0.1.0';

function program(io: CliIo, result: { code: number }): Command {
  const root = new Command('vigil')
    .description('Vigil: drift, data quality and model performance checks for ML systems')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Errors are printed by main() as one line; commander's own copy would be a second one.
      outputError: () => {},
    });
  for (const sub of [
    driftCommand(io, result),
    serveCommand(io, result),
    baselineCommand(io, result),
    demoCommand(io, result),
    registryCommand(io, result),
    auditCommand(io, result),
    applyCommand(io, result),
    promptsCommand(io, result),
    regressCommand(io, result),
    goldenCommand(io, result),
    incidentCommand(io, result),
  ]) {
    root.addCommand(
      sub
        .exitOverride()
        .configureOutput({
          writeOut: (s) => io.stdout.write(s),
          writeErr: (s) => io.stderr.write(s),
          outputError: () => {},
        })
        .showSuggestionAfterError(true),
    );
  }
  return root;
}

/**
 * main runs the vigil command line (argv without node and the script) and resolves to the exit
 * code: 0 success, 1 dataset drift with --fail-on-drift, 2 usage or input error.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const result = { code: 0 };
  if (argv.length === 0) {
    io.stderr.write(program(io, result).helpInformation());
    return 2;
  }
  try {
    await program(io, result).parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      if (error.exitCode === 0) return 0;
      const sub = SUBCOMMANDS.includes(argv[0] ?? '') ? `${argv[0]} ` : '';
      io.stderr.write(
        `vigil: ${oneLine(error.message.replace(/^error: /, ''))} (see vigil ${sub}--help)\n`,
      );
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr.write(`vigil: ${oneLine(error.message)}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `vigil: internal error: ${oneLine(message)} (please report it; set VIGIL_DEBUG=1 for details)\n`,
    );
    if (io.env.VIGIL_DEBUG && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}
