// The commander definition of `vigil baseline create`.
import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { usageError } from '../errors.js';
import { type DeriveSpec, parseDerive } from '../io/derive.js';
import { parseRange } from '../io/time.js';
import { createBaselineFromFile } from './create.js';

/** BaselineCreateOptions are the flags of `vigil baseline create`. */
export interface BaselineCreateOptions {
  model: string;
  file: string;
  name?: string;
  timeColumn?: string;
  range?: string;
  derive?: DeriveSpec[];
  activate: boolean;
  endpoint?: string;
  apiKey?: string;
}

/** baselineCommand builds `vigil baseline` with its `create` subcommand. */
export function baselineCommand(io: CliIo, result: { code: number }): Command {
  const create = new Command('create')
    .description('profile a file (Parquet, CSV, JSON) and upload it as a model baseline')
    .requiredOption('--model <name>', 'model the baseline belongs to (created if unknown)')
    .requiredOption('--file <path>', 'reference data, e.g. the training set')
    .option('--name <name>', 'baseline name (default: file-<file>-<time>)')
    .option('--time-column <name>', 'date/time column for --range and --derive (not profiled)')
    .option('--range <start..end>', 'keep rows whose time is in [start, end)')
    .option(
      '--derive <fn:column>',
      'add a calendar column, e.g. hour:date (repeatable)',
      (v: string, prev: DeriveSpec[] | undefined) => [...(prev ?? []), parseDerive(v)],
    )
    .option('--no-activate', "store it without making it the model's active baseline")
    .option('--endpoint <url>', 'Vigil server (env VIGIL_ENDPOINT, default http://127.0.0.1:8080)')
    .option('--api-key <key>', 'project API key (env VIGIL_API_KEY)')
    .action(async (options: BaselineCreateOptions) => {
      const endpoint = options.endpoint ?? io.env.VIGIL_ENDPOINT ?? 'http://127.0.0.1:8080';
      const token = options.apiKey ?? io.env.VIGIL_API_KEY;
      if (token === undefined || token === '')
        throw usageError('--api-key or VIGIL_API_KEY is required');
      const started = performance.now();
      const made = await createBaselineFromFile(
        { endpoint, token },
        {
          model: options.model,
          file: options.file,
          name: options.name,
          timeColumn: options.timeColumn,
          range: options.range === undefined ? undefined : parseRange(options.range, '--range'),
          derive: options.derive,
          activate: options.activate,
        },
      );
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      if (made.modelCreated)
        io.stdout.write(`vigil: created model ${options.model} with the file's columns\n`);
      io.stdout.write(
        `vigil: baseline ${made.name} (${made.id}) for ${options.model}: ${made.rows} rows, ` +
          `${made.columns.map((c) => `${c.name} (${c.kind})`).join(', ')}; ` +
          `${(made.bytes / 1024).toFixed(1)} KiB uploaded in ${secs}s\n`,
      );
      result.code = 0;
    });
  // Nested commands need the same overrides main() gives top-level ones: errors come back to main.
  create
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {},
    })
    .showSuggestionAfterError(true);
  return new Command('baseline').description('manage model baselines').addCommand(create);
}
