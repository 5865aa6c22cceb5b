// `vigil regress run`: run a golden set against a target, judge it with the gate, write the
// reports and optionally store the run on the server. Exit 0: the gate passed; 1: it failed;
// 2: the run could not be judged (bad set or target file, target down, server unreachable).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createOpenAiJudge,
  DEFAULT_MIN_PASS_RATE,
  evaluateGate,
  type GatedRun,
  loadGoldenSet,
  loadTarget,
  RegressError,
  readRunFile,
  renderHtml,
  renderJunit,
  renderTerminal,
  type RunResult,
  runGoldenSet,
  runHoldout,
} from '@vigil/regress';
import { Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { CliError, usageError } from '../errors.js';
import { acceptRun, fetchBaseline, reportRun, type ServerLink } from './server.js';

/** RegressRunOptions are the flags of `vigil regress run`. */
export interface RegressRunOptions {
  set?: string;
  target: string;
  targetsDir: string;
  repeats?: string;
  concurrency?: string;
  minPassRate: string;
  baseline?: string;
  junit?: string;
  json?: string;
  html?: string;
  reportTo?: string;
  apiKey?: string;
  /** Older spelling of --api-key, still accepted. */
  key?: string;
  accept?: boolean;
}

/** resolveTargetPath finds a target file: a path, or NAME in the targets directory. */
export function resolveTargetPath(target: string, targetsDir: string): string {
  if (existsSync(target)) return target;
  if (!/[/\\]|\.ya?ml$/.test(target)) {
    for (const ext of ['.yaml', '.yml']) {
      const p = join(targetsDir, `${target}${ext}`);
      if (existsSync(p)) return p;
    }
  }
  throw usageError(
    `--target ${target}: no such file, and no ${join(targetsDir, `${target}.yaml`)}`,
  );
}

function number(
  value: string | undefined,
  flag: string,
  check: (n: number) => boolean,
  rule: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw usageError(`${flag} must be ${rule}, got ${value}`);
  return n;
}

function serverLink(options: RegressRunOptions, io: CliIo): ServerLink | null {
  const url = options.reportTo ?? io.env.VIGIL_ENDPOINT;
  const key = options.apiKey ?? options.key ?? io.env.VIGIL_API_KEY;
  if (url === undefined || url === '') return null;
  if (key === undefined || key === '')
    throw usageError('--api-key (or VIGIL_API_KEY) is required with --report-to');
  return { url, key };
}

async function execute(options: RegressRunOptions, io: CliIo): Promise<number> {
  const minPassRate =
    number(options.minPassRate, '--min-pass-rate', (n) => n >= 0 && n <= 1, 'a number in [0, 1]') ??
    DEFAULT_MIN_PASS_RATE;
  const repeats = number(
    options.repeats,
    '--repeats',
    (n) => Number.isInteger(n) && n >= 1,
    'an integer ≥ 1',
  );
  const concurrency = number(
    options.concurrency,
    '--concurrency',
    (n) => Number.isInteger(n) && n >= 1,
    'an integer ≥ 1',
  );
  const link = serverLink(options, io);
  if (options.baseline === 'server' && link === null)
    throw usageError('--baseline server needs --report-to URL and --key K');
  if (options.accept && link === null)
    throw usageError('--accept needs --report-to URL and --key K');
  const loaded = await loadTarget(resolveTargetPath(options.target, options.targetsDir), {
    env: io.env,
  });

  let baseline: RunResult | null = null;
  if (options.baseline === 'server' && link !== null) {
    baseline = await fetchBaseline(link, loaded.name);
    if (baseline === null)
      io.stderr.write(`vigil: target ${loaded.name} has no accepted run yet: no baseline diff\n`);
  } else if (options.baseline !== undefined) baseline = await readRunFile(options.baseline);

  let result: RunResult;
  if (loaded.kind === 'classic') {
    result = await runHoldout(loaded.classic);
  } else {
    if (options.set === undefined) throw usageError('--set FILE is required for this target');
    const set = await loadGoldenSet(options.set);
    result = await runGoldenSet(set, loaded.target, {
      ...loaded.settings,
      repeats: repeats ?? loaded.settings.repeats,
      concurrency: concurrency ?? loaded.settings.concurrency,
      ...(loaded.judge === undefined ? {} : { judge: createOpenAiJudge(loaded.judge) }),
    });
  }
  const gated: GatedRun = { ...result, gate: evaluateGate(result, { minPassRate, baseline }) };
  io.stdout.write(renderTerminal(gated));
  const writes: [string | undefined, () => string][] = [
    [options.json, () => `${JSON.stringify(gated, null, 2)}\n`],
    [options.junit, () => renderJunit(gated)],
    [options.html, () => renderHtml(gated)],
  ];
  for (const [path, render] of writes) {
    if (path === undefined) continue;
    try {
      await writeFile(path, render());
    } catch (e) {
      throw new CliError(
        'input',
        `${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
  }
  if (link !== null) {
    const id = await reportRun(link, gated);
    io.stdout.write(`  stored as run ${id} on ${link.url}\n`);
    if (options.accept && gated.gate.pass) {
      await acceptRun(link, id);
      io.stdout.write(`  accepted as the baseline of ${gated.target.name}\n`);
    }
  }
  return gated.gate.pass ? 0 : 1;
}

/** regressCommand builds `vigil regress` with its `run` subcommand. */
export function regressCommand(io: CliIo, result: { code: number }): Command {
  const run = new Command('run')
    .description(
      'run a golden set against a target and gate on the pass rate and the baseline (exit 0 pass, 1 fail, 2 error)',
    )
    .option(
      '--set <file>',
      'golden set (YAML or JSON Lines); not needed for a classic holdout target',
    )
    .requiredOption('--target <file|name>', 'target file, or NAME for <targets-dir>/NAME.yaml')
    .option('--targets-dir <dir>', 'where --target NAME is looked up', '.vigil/targets')
    .option('--repeats <n>', 'calls per case (default 3 for LLM targets, 1 otherwise)')
    .option('--concurrency <n>', 'calls in flight at once (default from the target file, else 8)')
    .option('--min-pass-rate <rate>', 'pass rate the run must reach', String(DEFAULT_MIN_PASS_RATE))
    .option(
      '--baseline <run.json|server>',
      "compare with a run file, or with the target's accepted run on the server",
    )
    .option('--junit <file>', 'write JUnit XML')
    .option('--json <file>', 'write the run as JSON (usable as a later --baseline)')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--report-to <url>', 'store the run on this Vigil server (env VIGIL_ENDPOINT)')
    .option('--api-key <key>', 'project API key for --report-to (env VIGIL_API_KEY)')
    .addOption(new Option('--key <key>').hideHelp())
    .option('--accept', 'with --report-to: accept the run as the baseline when the gate passes')
    .action(async (options: RegressRunOptions) => {
      try {
        result.code = await execute(options, io);
      } catch (e) {
        if (e instanceof RegressError) throw new CliError('input', e.message, { cause: e });
        throw e;
      }
    });
  run
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {},
    })
    .showSuggestionAfterError(true);
  return new Command('regress')
    .description('regression gate: golden sets against models and prompts')
    .addCommand(run);
}
