// `vigil drift`: read, split, derive, plan, analyse, render. The orchestration only: every step
// lives in its own module.

import { stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CliIo } from '../cli-io.js';
import { colourEnabled } from '../cli-io.js';
import { inputError, usageError } from '../errors.js';
import { applyDerive } from '../io/derive.js';
import { detectFormat } from '../io/format.js';
import { describeFsError } from '../io/open.js';
import type { ReadRequest } from '../io/read.js';
import { readHeader, readTable } from '../io/read.js';
import type { DataTable } from '../io/table.js';
import type { TimeRange } from '../io/time.js';
import { formatTime } from '../io/time.js';
import { splitByTime, toTimeColumn, withColumn } from '../io/time-split.js';
import { analyseInParallel, numericValueCount } from '../parallel/analyse.js';
import type { ParallelMode } from '../parallel/pool.js';
import {
  HelperThread,
  PARALLEL_MIN_BYTES,
  PARALLEL_MIN_VALUES,
  parallelMode,
} from '../parallel/pool.js';
import { Progress } from '../progress.js';
import type { BuildInput } from '../report/build.js';
import { assembleReport, buildReport } from '../report/build.js';
import { renderHtml } from '../report/html.js';
import { renderJson } from '../report/json.js';
import { renderTable } from '../report/terminal.js';
import type { DriftReport } from '../report/types.js';
import { chooseEngine } from '../sketch/choose.js';
import { sketchReport } from '../sketch/run.js';
import type { DriftConfig, OutputFormat } from './config.js';
import type { NameSets } from './plan.js';
import { checkNames, planColumns, selectColumns } from './plan.js';

/** EXIT codes of `vigil drift`. */
export const EXIT = { ok: 0, drift: 1, usage: 2 } as const;

/** rangeLabel names one side in the report: the path, plus the time range when one applies. */
export function rangeLabel(
  path: string,
  column: string | undefined,
  range: TimeRange | undefined,
): string {
  if (range === undefined || column === undefined) return path;
  const bound = (x: number) =>
    !Number.isFinite(x)
      ? ''
      : range.kind === 'date'
        ? formatTime(x).replace('T00:00:00Z', '')
        : String(x);
  return `${path} (${column} in [${bound(range.start)}, ${bound(range.end)}))`;
}

/** outputFormat picks the format: --format, else the --out extension, else table on a terminal, JSON otherwise. */
export function outputFormat(config: DriftConfig, io: CliIo): OutputFormat {
  if (config.format !== undefined) return config.format;
  if (config.out !== undefined) {
    const lower = config.out.toLowerCase();
    if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
    if (lower.endsWith('.json')) return 'json';
    return 'table';
  }
  return io.stdoutIsTTY ? 'table' : 'json';
}

/** neededColumns is the read projection: what the analysis, the time split and derive use. */
export function neededColumns(config: DriftConfig, selected: readonly string[]): Set<string> {
  const needed = new Set(selected);
  if (config.timeColumn !== undefined) needed.add(config.timeColumn);
  if (config.target !== undefined) needed.add(config.target);
  if (config.prediction !== undefined) needed.add(config.prediction);
  for (const d of config.derive) needed.add(d.source);
  return needed;
}

/** names lists the columns of each side: the file header plus the derived columns. */
export function names(
  config: DriftConfig,
  reference: readonly string[],
  current: readonly string[],
): NameSets {
  const derived = config.derive.map((d) => d.name);
  return {
    reference: [...reference, ...derived.filter((n) => !reference.includes(n))],
    current: [...current, ...derived.filter((n) => !current.includes(n))],
    referenceLabel: config.reference,
    currentLabel: config.current ?? config.reference,
  };
}

/** prepareSide applies the time split (when a range is given), the time conversion and --derive. */
function prepareSide(
  config: DriftConfig,
  table: DataTable,
  range: TimeRange | undefined,
  option: string,
): DataTable {
  let out = table;
  if (config.timeColumn !== undefined) {
    out =
      range !== undefined
        ? splitByTime(out, config.timeColumn, range, option)
        : withColumn(out, config.timeColumn, toTimeColumn(out, config.timeColumn));
  }
  for (const spec of config.derive) {
    if (table.header.includes(spec.name)) {
      throw usageError(
        `--derive ${spec.name}=${spec.fn}(${spec.source}): ${table.source} already has a column '${spec.name}'`,
      );
    }
    out = applyDerive(out, spec);
  }
  return out;
}

/** load reads both sides whole (exact engine), applying the time split and --derive. */
export async function load(
  config: DriftConfig,
  progress: Progress,
  parallel: ParallelMode,
  helper: () => HelperThread,
): Promise<{ reference: DataTable; current: DataTable }> {
  const refFormat = detectFormat(config.reference, config.inputFormat);
  const curPath = config.current;
  const curFormat = curPath === undefined ? refFormat : detectFormat(curPath, config.inputFormat);
  const base = (path: string, format: ReadRequest['format']): ReadRequest => ({
    path,
    format,
    ...(config.delimiter !== undefined ? { delimiter: config.delimiter } : {}),
  });
  // Peek at the headers first: a typo in a column name fails in milliseconds, and only the needed
  // columns are parsed.
  const refHeader = await readHeader(base(config.reference, refFormat));
  const curHeader = curPath === undefined ? refHeader : await readHeader(base(curPath, curFormat));
  let projection: Set<string> | undefined;
  if (refHeader !== null && curHeader !== null) {
    const sets = names(config, refHeader, curHeader);
    checkNames(config, sets);
    projection = neededColumns(config, selectColumns(config, sets));
  }
  // Parquet row groups whose time statistics miss every wanted range are skipped unread.
  const prune = (...ranges: (TimeRange | undefined)[]) => {
    const dates = ranges.filter((r) => r !== undefined && r.kind === 'date') as TimeRange[];
    if (config.timeColumn === undefined || dates.length === 0 || dates.length < ranges.length)
      return undefined;
    return { column: config.timeColumn, intervals: dates.map((r) => [r.start, r.end] as const) };
  };
  if (curPath === undefined) {
    progress.stage(`reading ${basename(config.reference)}`);
    const table = await readTable({
      ...base(config.reference, refFormat),
      columns: projection,
      prune: prune(config.referenceRange, config.currentRange),
      onProgress: (f) => progress.update(f),
    });
    return {
      reference: prepareSide(config, table, config.referenceRange, '--reference-range'),
      current: prepareSide(config, table, config.currentRange, '--current-range'),
    };
  }
  let refDone = 0;
  let curDone = 0;
  progress.stage('reading files');
  const tick = () => progress.update((refDone + curDone) / 2);
  // Text formats are parsed on the CPU: read the current file on the helper thread when big.
  const bytes = async (path: string) => (await stat(path).catch(() => ({ size: 0 }))).size;
  const onHelper =
    curFormat !== 'parquet' &&
    (parallel === 'force' ||
      (parallel === 'auto' &&
        (await bytes(config.reference)) + (await bytes(curPath)) >= PARALLEL_MIN_BYTES));
  const readCurrent = (request: ReadRequest) =>
    onHelper ? helper().read(request) : readTable(request);
  const [refTable, curTable] = await Promise.all([
    readTable({
      ...base(config.reference, refFormat),
      columns: projection,
      prune: prune(config.referenceRange),
      onProgress: (f) => {
        refDone = f;
        tick();
      },
    }),
    readCurrent({
      ...base(curPath, curFormat),
      columns: projection,
      prune: prune(config.currentRange),
      onProgress: (f) => {
        curDone = f;
        tick();
      },
    }),
  ]);
  return {
    reference: prepareSide(config, refTable, config.referenceRange, '--reference-range'),
    current: prepareSide(config, curTable, config.currentRange, '--current-range'),
  };
}

/** analyse plans the columns and builds the report from the two prepared tables. */
export async function analyse(
  config: DriftConfig,
  reference: DataTable,
  current: DataTable,
  options: { progress?: Progress; parallel?: ParallelMode; helper?: () => HelperThread } = {},
): Promise<DriftReport> {
  const { progress } = options;
  // The file headers, not the loaded columns: an excluded column was never read but still exists.
  const sets = names(config, reference.header, current.header);
  checkNames(config, sets);
  const selected = selectColumns(config, sets);
  const plans = planColumns(config, selected, reference.columns);
  let performance: BuildInput['performance'];
  if (config.target !== undefined && config.prediction !== undefined) {
    const [predictionPlan] = planColumns(config, [config.prediction], reference.columns);
    performance = {
      task: config.task,
      target: config.target,
      prediction: config.prediction,
      maxAccuracyDrop: config.maxAccuracyDrop,
      maxErrorIncrease: config.maxErrorIncrease,
      predictionPlan,
      bins: config.bins,
      seed: config.seed,
      distributions: config.distributions,
    };
  }
  // Derived columns are functions of the time column, so they never make two rows differ.
  const derived = new Set(config.derive.map((d) => d.name));
  const duplicateColumns = reference.names.filter((n) => current.columns.has(n) && !derived.has(n));
  progress?.stage('comparing columns');
  const input: BuildInput = {
    reference,
    current,
    referenceLabel: rangeLabel(config.reference, config.timeColumn, config.referenceRange),
    currentLabel: rangeLabel(
      config.current ?? config.reference,
      config.timeColumn,
      config.currentRange,
    ),
    plans,
    driftShare: config.driftShare,
    bins: config.bins,
    seed: config.seed,
    distributions: config.distributions,
    columnsForDuplicates: duplicateColumns,
    performance,
    onColumn: (done, total) => progress?.update(done / total),
  };
  const parallel = options.parallel ?? 'off';
  const values = parallel === 'off' ? 0 : numericValueCount(input);
  if (
    options.helper &&
    (parallel === 'force' || (parallel === 'auto' && values >= PARALLEL_MIN_VALUES))
  ) {
    return assembleReport(input, await analyseInParallel(input, options.helper()));
  }
  return buildReport(input);
}

/** render turns the report into the requested format. */
export function render(report: DriftReport, format: OutputFormat, colour: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'html':
      return renderHtml(report);
    case 'table':
      return renderTable(report, { colour });
  }
}

/**
 * runDrift executes `vigil drift` and returns its exit code: 0, or 1 with --fail-on-drift when the
 * dataset drifts. Bad input throws a CliError (exit 2, handled by main).
 */
export async function runDrift(config: DriftConfig, io: CliIo): Promise<number> {
  const t0 = performance.now();
  const format = outputFormat(config, io);
  const progress = new Progress(io, { enabled: config.progress, now: t0 });
  const parallel = parallelMode(io.env);
  let thread: HelperThread | undefined;
  const helper = () => {
    thread ??= new HelperThread();
    return thread;
  };
  let report: DriftReport;
  // HTML draws every column's distribution; other formats include them on request.
  const withDistributions = format === 'html' ? { ...config, distributions: true } : config;
  try {
    const engine = await chooseEngine(config, io);
    if (engine === 'sketch') {
      report = await sketchReport(withDistributions, { progress, parallel, helper });
      const t2 = performance.now();
      // Reading and analysis are one streamed pipeline here.
      report.timing_ms = { read: 0, analyse: Math.round(t2 - t0), total: Math.round(t2 - t0) };
    } else {
      const { reference, current } = await load(config, progress, parallel, helper);
      const t1 = performance.now();
      report = await analyse(withDistributions, reference, current, { progress, parallel, helper });
      const t2 = performance.now();
      report.timing_ms = {
        read: Math.round(t1 - t0),
        analyse: Math.round(t2 - t1),
        total: Math.round(t2 - t0),
      };
      report.engine = 'exact';
    }
  } finally {
    progress.stop();
    await thread?.close();
  }
  const toFile = config.out !== undefined;
  const colour =
    !toFile && format === 'table' && (config.color ?? colourEnabled(io.stdoutIsTTY, io.env));
  const text = render(report, format, colour);
  if (config.out !== undefined) {
    try {
      await writeFile(config.out, text);
    } catch (error) {
      throw inputError(config.out, `cannot write the report: ${describeFsError(error)}`, error);
    }
    const d = report.dataset;
    io.stdout.write(
      `wrote ${config.out} (${format}): dataset drift ${d.drifted ? 'DETECTED' : 'not detected'}, ${d.drifted_columns} of ${d.columns} columns drifted\n`,
    );
  } else {
    io.stdout.write(text);
  }
  return config.failOnDrift && report.dataset.drifted ? EXIT.drift : EXIT.ok;
}
