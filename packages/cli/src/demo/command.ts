// The commander definition of `vigil demo`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { usageError } from '../errors.js';
import { runLlmDemo } from './llm-run.js';
import { runDemo } from './run.js';

/** DemoCommandOptions are the raw flags of `vigil demo`. */
export interface DemoCommandOptions {
  data?: string;
  db?: string;
  port: string;
  host: string;
  sample: string;
  keep?: boolean;
  llm?: boolean;
}

/**
 * DEFAULT_SAMPLE sends every 5th flight: ~500k events in ~17 s on 2 cores, and daily windows of
 * ~3,000 events, large enough that categorical PSI over ~230 airports is not mostly noise.
 */
export const DEFAULT_SAMPLE = 5;

// flights-3m.parquet ships with vega-datasets (a dev dependency of the repository); its package
// exports do not expose the data folder, so look for it in node_modules up from here and from cwd.
function defaultData(): string | undefined {
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const p = join(dir, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
      if (existsSync(p)) return p;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return undefined;
}

function positiveInt(text: string, option: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw usageError(`${option}: expected an integer in 0..${max}, got '${text}'`);
  return n;
}

/** demoCommand builds `vigil demo`. */
export function demoCommand(io: CliIo, result: { code: number }): Command {
  return new Command('demo')
    .description(
      'replay 2001 US flights into an in-process server: a January baseline, February..June streamed, drift alerts firing',
    )
    .option('--data <path>', 'flights-3m.parquet (default: from vega-datasets)')
    .option('--db <path>', 'SQLite file to keep (default: a temporary file, removed at the end)')
    .option('--port <n>', 'TCP port, 0 for any free port', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--sample <k>', 'send every k-th flight (1 = all 2.4M)', String(DEFAULT_SAMPLE))
    .option('--keep', 'keep serving after the replay until Ctrl-C')
    .option(
      '--llm',
      'the LLM scenario instead: a support bot through the gateway, a provider update, LLM monitors firing, an incident, prompt revert and model pin',
    )
    .action(async (options: DemoCommandOptions) => {
      if (options.llm === true) {
        result.code = await runLlmDemo(io, {
          db: options.db,
          port: positiveInt(options.port, '--port', 65_535),
          host: options.host,
          keep: options.keep === true,
        });
        return;
      }
      const data = options.data ?? defaultData();
      if (data === undefined)
        throw usageError('flights-3m.parquet not found: install vega-datasets or give --data PATH');
      const sample = positiveInt(options.sample, '--sample', 1_000_000);
      if (sample < 1) throw usageError('--sample: expected at least 1');
      result.code = await runDemo(io, {
        data,
        db: options.db,
        port: positiveInt(options.port, '--port', 65_535),
        host: options.host,
        sample,
        keep: options.keep === true,
      });
    });
}
