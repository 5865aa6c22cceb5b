// The commander definition of `vigil drift`: options, help text and the action.

import { DRIFT_METHOD_NAMES } from '@vigil/core';
import { Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { DERIVE_FUNCTIONS } from '../io/derive.js';
import type { RawDriftOptions } from './config.js';
import { buildConfig } from './config.js';
import { runDrift } from './run.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const HELP_AFTER = `
Inputs: CSV, TSV, JSON Lines (.jsonl/.ndjson), JSON arrays of records (.json), Parquet
(.parquet; ZSTD, Snappy, gzip, Brotli, LZ4), chosen by extension or --input-format. Cells
'', NA, N/A, NaN, null and None are missing.

Methods (Evidently 0.7 names): ${DRIFT_METHOD_NAMES.slice(0, 9).join(', ')},
${DRIFT_METHOD_NAMES.slice(9).join(', ')}.
Precedence: --column-method > --num-method/--cat-method/--text-method > --method > default
(by kind, rows and distinct values). Thresholds: --column-threshold > --threshold > method default.
Text columns are compared through their lengths.

Time split: with --time-column, --reference-range and --current-range take START..END
(half-open, ISO dates or date-times, UTC when no zone; either end may be empty). One file is
split into both sides; with two files each range applies to its own file.

Derived columns: --derive FUNCTION:COLUMN (named FUNCTION) or NAME=FUNCTION:COLUMN on a
date/time column, repeatable; NAME=FUNCTION(COLUMN) also works, quoted for the shell. Functions:
${Object.entries(DERIVE_FUNCTIONS)
  .map(([k, v]) => `  ${k.padEnd(10)} ${v}`)
  .join('\n')}

Engines: --engine exact keeps every value (all methods). --engine sketch streams CSV/TSV pairs
into mergeable profiles in memory bounded by the column count (psi, jensenshannon, kl_div,
chisquare, wasserstein, ks, t_test; each column reports its error_bound). --engine auto uses
sketch when rows x columns x 8 bytes would exceed --memory-budget (default 1GB).

Exit codes: 0 done, 1 dataset drift with --fail-on-drift, 2 usage or input error.

Examples:
  vigil drift train.csv prod.csv
  vigil drift flights-3m.parquet --time-column date \\
    --reference-range 2001-01-01..2001-02-01 --current-range 2001-06-01..2001-07-01 \\
    --derive hour:date
  vigil drift ref.parquet cur.parquet --num-method psi --cat-method psi --format html --out report.html
  vigil drift ref.csv cur.csv --target label --prediction score --fail-on-drift --format json
`;

/** driftCommand builds the `drift` subcommand; the action stores its exit code in `result`. */
export function driftCommand(io: CliIo, result: { code: number }): Command {
  return new Command('drift')
    .description(
      'compare a reference dataset with a current one: drift per column, data quality, performance',
    )
    .argument('<REFERENCE>', 'reference data (e.g. training data)')
    .argument(
      '[CURRENT]',
      'current data (omit with --time-column and both ranges to split REFERENCE)',
    )
    .addOption(
      new Option('--input-format <format>', 'input format (default: by extension)').choices([
        'csv',
        'tsv',
        'json',
        'jsonl',
        'parquet',
      ]),
    )
    .option('--delimiter <char>', 'CSV field separator (default "," for .csv, tab for .tsv)')
    .option('--format <format>', 'table | json | html (default: table on a terminal, else json)')
    .option('--out <file>', 'write the report to FILE instead of stdout')
    .option('--columns <list>', 'compare only these columns (comma-separated)', collect)
    .option('--exclude <list>', 'leave out these columns (comma-separated, repeatable)', collect)
    .option(
      '--column-type <col=type>',
      'set a column kind: numerical | categorical | text (repeatable)',
      collect,
    )
    .option('--method <name>', 'drift method for all columns')
    .option('--num-method <name>', 'drift method for numerical columns')
    .option('--cat-method <name>', 'drift method for categorical columns')
    .option('--text-method <name>', 'drift method for text columns (applied to text lengths)')
    .option('--column-method <col=name>', 'drift method for one column (repeatable)', collect)
    .option('--threshold <x>', 'drift threshold for all columns (p-value or distance)')
    .option('--column-threshold <col=x>', 'drift threshold for one column (repeatable)', collect)
    .option('--drift-share <x>', 'the dataset drifts when this share of columns drift', '0.5')
    .option('--bins <n>', 'bins for psi, kl_div, jensenshannon, hellinger on numerical columns')
    .option('--seed <n>', 'seed of the permutation tests (TVD, empirical_mmd)')
    .option('--time-column <col>', 'timestamp column (excluded from the comparison)')
    .option('--reference-range <start..end>', 'reference rows: time in [start, end)')
    .option('--current-range <start..end>', 'current rows: time in [start, end)')
    .option('--derive <fn:col>', 'add a derived column, e.g. hour:date (repeatable)', collect)
    .option('--target <col>', 'true label / value column (enables the performance block)')
    .option('--prediction <col>', 'model output column: labels, probabilities or values')
    .addOption(
      new Option('--task <task>', 'model task (default: inferred from the target)').choices([
        'classification',
        'regression',
      ]),
    )
    .option(
      '--max-accuracy-drop <x>',
      'concept drift when accuracy falls by more than this fraction',
      '0.03',
    )
    .option(
      '--max-error-increase <x>',
      'concept drift when MAE grows by more than this fraction',
      '0.10',
    )
    .option(
      '--engine <engine>',
      'exact (all values in memory) | sketch (streamed profiles, bounded memory) | auto',
      'exact',
    )
    .option('--memory-budget <size>', 'with --engine auto: use sketch past this estimate', '1GB')
    .option('--fail-on-drift', 'exit 1 when the dataset drifts')
    .option('--distributions', 'include per-column histograms in JSON output (always in HTML)')
    .option('--color', 'force colour in the table')
    .option('--no-color', 'no colour in the table')
    .option('--no-progress', 'no progress bar on stderr')
    .addHelpText('after', HELP_AFTER)
    .action(async (reference: string, current: string | undefined, raw: RawDriftOptions) => {
      const config = buildConfig(reference, current, raw);
      result.code = await runDrift(config, io);
    });
}
