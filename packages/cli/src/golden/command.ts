// `vigil golden`: check a golden set (validity and composition) and add cases from incidents.
import { readFile } from 'node:fs/promises';
import {
  CATEGORIES,
  type Category,
  composition,
  formatGoldenIssue,
  parseGoldenSet,
} from '@vigil/regress';
import { Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { CliError, inputError, usageError } from '../errors.js';
import { addIncidentCase, fetchIncident } from './add.js';

const pct = (x: number): string => `${(100 * x).toFixed(0)} %`;

async function check(
  file: string,
  options: { json?: boolean; strict?: boolean },
  io: CliIo,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw inputError(
      file,
      `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  const parsed = parseGoldenSet(text, file);
  if (!parsed.ok) {
    for (const i of parsed.issues.slice(1)) io.stdout.write(`${formatGoldenIssue(i)}\n`);
    const more =
      parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more, listed on stdout)` : '';
    throw new CliError('input', `${formatGoldenIssue(parsed.issues[0])}${more}`);
  }
  const report = composition(parsed.set);
  if (options.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    io.stdout.write(
      `${report.name} v${report.version}: ${report.total} cases (${report.sizeOk ? 'within' : 'outside'} the recommended 100-500), ${report.hash}\n`,
    );
    for (const c of report.categories) {
      io.stdout.write(
        `  ${c.ok ? '✓' : '✗'} ${c.category.padEnd(14)} ${String(c.count).padStart(4)}  ${pct(c.share).padStart(5)}  (recommended ${pct(c.recommended)})\n`,
      );
    }
    const tags = Object.entries(report.tags).sort((a, b) => b[1] - a[1]);
    if (tags.length > 0)
      io.stdout.write(
        `  tags: ${tags
          .slice(0, 12)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}\n`,
      );
    for (const a of report.advice) io.stdout.write(`  advice: ${a}\n`);
  }
  return options.strict && !report.ok ? 1 : 0;
}

interface AddOptions {
  fromIncident: string;
  set: string;
  input: string;
  expected?: string;
  category: string;
  endpoint?: string;
  apiKey?: string;
  /** Older spellings of --endpoint and --api-key, still accepted. */
  server?: string;
  key?: string;
}

/** goldenCommand builds `vigil golden` with `check` and `add`. */
export function goldenCommand(io: CliIo, result: { code: number }): Command {
  const checkCmd = new Command('check')
    .description(
      'validate a golden set and report its composition against 60/20/10/10 and 100-500 cases',
    )
    .argument('<file>', 'golden set (YAML or JSON Lines)')
    .option('--json', 'print the composition report as JSON')
    .option('--strict', 'exit 1 when the composition is off the recommendation')
    .action(async (file: string, options: { json?: boolean; strict?: boolean }) => {
      result.code = await check(file, options, io);
    });
  const add = new Command('add')
    .description(
      'add a case from an incident (so that every failure becomes a test) and bump the set version',
    )
    .requiredOption('--from-incident <id>', 'incident id on the Vigil server')
    .requiredOption('--set <file>', 'golden set to append to')
    .requiredOption('--input <text>', 'the input that failed')
    .option('--expected <text>', 'the output it should have produced')
    .option('--category <category>', `case category (${CATEGORIES.join(', ')})`, 'edge')
    .option('--endpoint <url>', 'Vigil server (env VIGIL_ENDPOINT)')
    .option('--api-key <key>', 'project API key (env VIGIL_API_KEY)')
    .addOption(new Option('--server <url>').hideHelp())
    .addOption(new Option('--key <key>').hideHelp())
    .action(async (options: AddOptions) => {
      if (!(CATEGORIES as readonly string[]).includes(options.category)) {
        throw usageError(`--category must be one of ${CATEGORIES.join(', ')}`);
      }
      const server = options.endpoint ?? options.server ?? io.env.VIGIL_ENDPOINT;
      const key = options.apiKey ?? options.key ?? io.env.VIGIL_API_KEY;
      if (!server || !key)
        throw usageError(
          '--endpoint and --api-key (or VIGIL_ENDPOINT and VIGIL_API_KEY) are required',
        );
      const incident = await fetchIncident(server, key, options.fromIncident);
      const version = await addIncidentCase(options.set, incident, {
        input: options.input,
        ...(options.expected === undefined ? {} : { expected: options.expected }),
        category: options.category as Category,
      });
      io.stdout.write(
        `vigil: added case incident-${incident.id} to ${options.set} (version ${version})\n`,
      );
      result.code = 0;
    });
  for (const sub of [checkCmd, add]) {
    sub
      .exitOverride()
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        outputError: () => {},
      })
      .showSuggestionAfterError(true);
  }
  return new Command('golden')
    .description('golden sets: check composition, add cases from incidents')
    .addCommand(checkCmd)
    .addCommand(add);
}
