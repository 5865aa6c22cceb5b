// The validated configuration of one `vigil drift` run, built from commander's raw options. Every
// malformed value is a usage error here, before any file is opened.

import type { ColumnKind, DriftMethodName } from '@vigil/core';
import { DRIFT_METHOD_NAMES, DRIFT_METHODS, isDriftMethodName } from '@vigil/core';
import { usageError } from '../errors.js';
import type { DeriveSpec } from '../io/derive.js';
import { parseDerive } from '../io/derive.js';
import type { InputFormat } from '../io/format.js';
import { parseInputFormat } from '../io/format.js';
import type { TimeRange } from '../io/time.js';
import { parseRange } from '../io/time.js';
import type { Engine } from '../sketch/engine.js';
import { DEFAULT_MEMORY_BUDGET, parseMemoryBudget } from '../sketch/engine.js';

/** OutputFormat is what --format accepts. */
export type OutputFormat = 'table' | 'json' | 'html';

/** Task is the model task for the performance block. */
export type Task = 'classification' | 'regression';

/** DriftConfig is everything one `vigil drift` run needs, validated. */
export interface DriftConfig {
  reference: string;
  current?: string;
  inputFormat?: InputFormat;
  delimiter?: string;
  format?: OutputFormat;
  out?: string;
  columns?: string[];
  exclude: string[];
  columnTypes: Map<string, ColumnKind>;
  method?: DriftMethodName;
  numMethod?: DriftMethodName;
  catMethod?: DriftMethodName;
  textMethod?: DriftMethodName;
  columnMethods: Map<string, DriftMethodName>;
  threshold?: number;
  columnThresholds: Map<string, number>;
  driftShare: number;
  bins?: number;
  seed?: number;
  timeColumn?: string;
  referenceRange?: TimeRange;
  currentRange?: TimeRange;
  derive: DeriveSpec[];
  target?: string;
  prediction?: string;
  task?: Task;
  maxAccuracyDrop: number;
  maxErrorIncrease: number;
  failOnDrift: boolean;
  color?: boolean;
  progress: boolean;
  distributions: boolean;
  /** engine: exact (every value in memory), sketch (streamed profiles) or auto (by --memory-budget). */
  engine: Engine;
  /** memoryBudget in bytes: auto switches to sketch when the exact engine would need more. */
  memoryBudget: number;
}

/** RawDriftOptions is what commander hands over (strings and string lists). */
export interface RawDriftOptions {
  inputFormat?: string;
  delimiter?: string;
  format?: string;
  out?: string;
  columns?: string[];
  exclude?: string[];
  columnType?: string[];
  method?: string;
  numMethod?: string;
  catMethod?: string;
  textMethod?: string;
  columnMethod?: string[];
  threshold?: string;
  columnThreshold?: string[];
  driftShare?: string;
  bins?: string;
  seed?: string;
  timeColumn?: string;
  referenceRange?: string;
  currentRange?: string;
  derive?: string[];
  target?: string;
  prediction?: string;
  task?: string;
  maxAccuracyDrop?: string;
  maxErrorIncrease?: string;
  failOnDrift?: boolean;
  color?: boolean;
  progress?: boolean;
  distributions?: boolean;
  engine?: string;
  memoryBudget?: string;
}

const KINDS: readonly ColumnKind[] = ['numerical', 'categorical', 'text'];

/** parseMethod validates a drift method name given to `option`. */
export function parseMethod(name: string, option: string): DriftMethodName {
  if (isDriftMethodName(name)) return name;
  const folded = DRIFT_METHOD_NAMES.find((m) => m.toLowerCase() === name.toLowerCase());
  if (folded !== undefined) return folded;
  throw usageError(
    `${option}: unknown drift method '${name}' (expected one of ${DRIFT_METHOD_NAMES.join(', ')})`,
  );
}

/** parseNumber validates a numeric option value. */
export function parseNumber(
  text: string,
  option: string,
  range: { min?: number; max?: number; integer?: boolean; minExclusive?: boolean } = {},
): number {
  const t = text.trim();
  const v = t === '' ? Number.NaN : Number(t);
  const what = range.integer ? 'an integer' : 'a number';
  if (!Number.isFinite(v) || (range.integer && !Number.isInteger(v))) {
    throw usageError(`${option}: expected ${what}, got '${text}'`);
  }
  if (range.min !== undefined && (range.minExclusive ? v <= range.min : v < range.min)) {
    throw usageError(
      `${option}: must be ${range.minExclusive ? '>' : '>='} ${range.min}, got ${text}`,
    );
  }
  if (range.max !== undefined && v > range.max)
    throw usageError(`${option}: must be <= ${range.max}, got ${text}`);
  return v;
}

/** splitKeyValue splits "COLUMN=VALUE" at the last "=" (column names may contain "=", values do not). */
export function splitKeyValue(text: string, option: string, valueHint: string): [string, string] {
  const at = text.lastIndexOf('=');
  if (at <= 0 || at === text.length - 1) {
    throw usageError(`${option}: expected COLUMN=${valueHint}, got '${text}'`);
  }
  return [text.slice(0, at), text.slice(at + 1)];
}

/** splitList splits comma-separated lists from repeatable options: ["a,b", "c"] -> [a, b, c]. */
export function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parseKinds(specs: readonly string[] | undefined): Map<string, ColumnKind> {
  const out = new Map<string, ColumnKind>();
  for (const spec of specs ?? []) {
    const [column, kind] = splitKeyValue(spec, '--column-type', 'numerical|categorical|text');
    const k = kind.toLowerCase();
    if (!(KINDS as readonly string[]).includes(k)) {
      throw usageError(
        `--column-type ${spec}: unknown type '${kind}' (expected ${KINDS.join(', ')})`,
      );
    }
    out.set(column, k as ColumnKind);
  }
  return out;
}

function kindMethod(
  name: string | undefined,
  option: string,
  kind: ColumnKind,
): DriftMethodName | undefined {
  if (name === undefined) return undefined;
  const method = parseMethod(name, option);
  if (!DRIFT_METHODS[method].kinds.includes(kind)) {
    throw usageError(
      `${option} ${method}: ${method} does not apply to ${kind} columns (it takes ${DRIFT_METHODS[method].kinds.join(', ')})`,
    );
  }
  return method;
}

/** buildConfig validates the raw options and the positional files into a DriftConfig. */
export function buildConfig(
  reference: string,
  current: string | undefined,
  raw: RawDriftOptions,
): DriftConfig {
  const format = raw.format?.toLowerCase();
  if (format !== undefined && format !== 'table' && format !== 'json' && format !== 'html') {
    throw usageError(`--format: unknown format '${raw.format}' (expected table, json or html)`);
  }
  if (raw.delimiter !== undefined && raw.delimiter !== '\\t' && [...raw.delimiter].length !== 1) {
    throw usageError(`--delimiter: expected one character (or \\t), got '${raw.delimiter}'`);
  }
  const columnMethods = new Map<string, DriftMethodName>();
  for (const spec of raw.columnMethod ?? []) {
    const [column, name] = splitKeyValue(spec, '--column-method', 'METHOD');
    columnMethods.set(column, parseMethod(name, `--column-method ${spec}`));
  }
  const columnThresholds = new Map<string, number>();
  for (const spec of raw.columnThreshold ?? []) {
    const [column, value] = splitKeyValue(spec, '--column-threshold', 'NUMBER');
    columnThresholds.set(column, parseNumber(value, `--column-threshold ${spec}`, { min: 0 }));
  }
  const task = raw.task?.toLowerCase();
  if (task !== undefined && task !== 'classification' && task !== 'regression') {
    throw usageError(`--task: expected classification or regression, got '${raw.task}'`);
  }
  const referenceRange = raw.referenceRange
    ? parseRange(raw.referenceRange, '--reference-range')
    : undefined;
  const currentRange = raw.currentRange
    ? parseRange(raw.currentRange, '--current-range')
    : undefined;
  if ((referenceRange || currentRange) && raw.timeColumn === undefined) {
    throw usageError('--reference-range/--current-range need --time-column');
  }
  if (current === undefined && !(referenceRange && currentRange)) {
    throw usageError(
      'missing CURRENT file: give two files, or one file with --time-column, --reference-range and --current-range',
    );
  }
  if (
    (task !== undefined || raw.target !== undefined || raw.prediction !== undefined) &&
    !(raw.target && raw.prediction)
  ) {
    throw usageError('the performance block needs both --target and --prediction');
  }
  const engine = (raw.engine ?? 'exact').toLowerCase();
  if (engine !== 'exact' && engine !== 'sketch' && engine !== 'auto') {
    throw usageError(`--engine: expected exact, sketch or auto, got '${raw.engine}'`);
  }
  return {
    reference,
    current,
    engine,
    memoryBudget:
      raw.memoryBudget === undefined ? DEFAULT_MEMORY_BUDGET : parseMemoryBudget(raw.memoryBudget),
    inputFormat: raw.inputFormat === undefined ? undefined : parseInputFormat(raw.inputFormat),
    delimiter: raw.delimiter,
    format: format as OutputFormat | undefined,
    out: raw.out,
    columns: raw.columns === undefined ? undefined : splitList(raw.columns),
    exclude: splitList(raw.exclude),
    columnTypes: parseKinds(raw.columnType),
    method: raw.method === undefined ? undefined : parseMethod(raw.method, '--method'),
    numMethod: kindMethod(raw.numMethod, '--num-method', 'numerical'),
    catMethod: kindMethod(raw.catMethod, '--cat-method', 'categorical'),
    textMethod: kindMethod(raw.textMethod, '--text-method', 'text'),
    columnMethods,
    threshold:
      raw.threshold === undefined
        ? undefined
        : parseNumber(raw.threshold, '--threshold', { min: 0 }),
    columnThresholds,
    driftShare:
      raw.driftShare === undefined
        ? 0.5
        : parseNumber(raw.driftShare, '--drift-share', { min: 0, max: 1, minExclusive: true }),
    bins:
      raw.bins === undefined
        ? undefined
        : parseNumber(raw.bins, '--bins', { min: 1, max: 1_000_000, integer: true }),
    seed: raw.seed === undefined ? undefined : parseNumber(raw.seed, '--seed', { integer: true }),
    timeColumn: raw.timeColumn,
    referenceRange,
    currentRange,
    derive: (raw.derive ?? []).map(parseDerive),
    target: raw.target,
    prediction: raw.prediction,
    task: task as Task | undefined,
    maxAccuracyDrop:
      raw.maxAccuracyDrop === undefined
        ? 0.03
        : parseNumber(raw.maxAccuracyDrop, '--max-accuracy-drop', { min: 0 }),
    maxErrorIncrease:
      raw.maxErrorIncrease === undefined
        ? 0.1
        : parseNumber(raw.maxErrorIncrease, '--max-error-increase', { min: 0 }),
    failOnDrift: raw.failOnDrift === true,
    color: raw.color,
    progress: raw.progress !== false,
    distributions: raw.distributions === true,
  };
}
