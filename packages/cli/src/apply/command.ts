// The commander definition of `vigil apply -f FILE [-f FILE...]`: Monitor, Channel and Silence
// documents (`apiVersion: vigil/v1`) validated locally, then applied through the HTTP API.
import { Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { usageError } from '../errors.js';
import { ApplyInvalid, applyResources, loadResources } from './run.js';

/** ApplyOptions are the flags of `vigil apply`. */
export interface ApplyOptions {
  filename: string[];
  endpoint?: string;
  apiKey?: string;
  /** Older spellings of --endpoint and --api-key, still accepted. */
  url?: string;
  key?: string;
  dryRun?: boolean;
}

/** DEFAULT_URL is where `vigil apply` looks for the server without --endpoint or VIGIL_ENDPOINT. */
export const DEFAULT_URL = 'http://127.0.0.1:8080';

/**
 * applyCommand builds the `apply` subcommand. Every problem of every file is printed on stderr
 * as `file:line:col: field: message` and nothing is applied (exit 2); otherwise it prints
 * `kind/name created|configured|unchanged` per resource.
 */
export function applyCommand(io: CliIo, result: { code: number }): Command {
  return new Command('apply')
    .description(
      'apply Monitor, Channel and Silence files (apiVersion: vigil/v1) to a Vigil server',
    )
    .requiredOption(
      '-f, --filename <file>',
      'YAML or JSON file of one or more --- separated documents (repeatable)',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option('--endpoint <url>', `Vigil server (env VIGIL_ENDPOINT, default ${DEFAULT_URL})`)
    .option('--api-key <key>', 'project API key (env VIGIL_API_KEY)')
    .addOption(new Option('--url <url>').hideHelp())
    .addOption(new Option('--key <key>').hideHelp())
    .option('--dry-run', 'validate and show what would change, write nothing')
    .action(async (options: ApplyOptions) => {
      const endpoint =
        options.endpoint ?? options.url ?? io.env.VIGIL_ENDPOINT ?? io.env.VIGIL_URL ?? DEFAULT_URL;
      const token = options.apiKey ?? options.key ?? io.env.VIGIL_API_KEY;
      if (token === undefined || token === '')
        throw usageError('--api-key or VIGIL_API_KEY is required');
      try {
        const resources = await loadResources(options.filename);
        const lines = await applyResources({ endpoint, token }, resources, {
          dryRun: options.dryRun === true,
        });
        const suffix = options.dryRun === true ? ' (dry run)' : '';
        for (const l of lines) io.stdout.write(`${l.kind}/${l.name} ${l.change}${suffix}\n`);
        result.code = 0;
      } catch (e) {
        // Each problem on its own line (file:line:col, as editors link), then main's summary line.
        if (e instanceof ApplyInvalid) for (const p of e.problems) io.stderr.write(`${p}\n`);
        throw e;
      }
    });
}
