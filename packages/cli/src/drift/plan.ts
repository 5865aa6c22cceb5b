// Which columns are compared, as what kind, with which method and threshold. Column names given on
// the command line are checked against the files here so a typo fails fast with the right name.

import type { ColumnKind, DriftMethodName } from '@vigil/core';
import { DRIFT_METHODS, inferColumnKind } from '@vigil/core';
import { usageError } from '../errors.js';
import type { RawColumn } from '../io/table.js';
import type { DriftConfig } from './config.js';

/** ColumnPlan is the analysis decided for one column. */
export interface ColumnPlan {
  readonly name: string;
  readonly kind: ColumnKind;
  /** method is undefined when the core should pick its default for the data. */
  readonly method: DriftMethodName | undefined;
  readonly threshold: number | undefined;
}

/** NameSets are the column names available on each side (file columns plus derived ones). */
export interface NameSets {
  readonly reference: readonly string[];
  readonly current: readonly string[];
  readonly referenceLabel: string;
  readonly currentLabel: string;
}

function suggest(name: string, names: readonly string[]): string {
  const lower = name.toLowerCase();
  const hit =
    names.find((n) => n.toLowerCase() === lower) ??
    names.find((n) => n.toLowerCase().startsWith(lower));
  return hit !== undefined && hit !== name ? ` (did you mean '${hit}'?)` : '';
}

/**
 * checkNames fails on a column name given in an option that exists in neither file, and on the
 * time/target/prediction columns missing from a side that needs them.
 */
export function checkNames(config: DriftConfig, names: NameSets): void {
  const all = new Set([...names.reference, ...names.current]);
  const known = [...all];
  const mustExist = (name: string, option: string) => {
    if (!all.has(name))
      throw usageError(`${option}: unknown column '${name}'${suggest(name, known)}`);
  };
  for (const c of config.exclude) mustExist(c, '--exclude');
  for (const c of config.columnTypes.keys()) mustExist(c, '--column-type');
  for (const c of config.columnMethods.keys()) mustExist(c, '--column-method');
  for (const c of config.columnThresholds.keys()) mustExist(c, '--column-threshold');
  const bothSides = (name: string, option: string) => {
    mustExist(name, option);
    if (!names.reference.includes(name))
      throw usageError(`${option}: column '${name}' not found in ${names.referenceLabel}`);
    if (!names.current.includes(name))
      throw usageError(`${option}: column '${name}' not found in ${names.currentLabel}`);
  };
  for (const c of config.columns ?? []) bothSides(c, '--columns');
  if (config.timeColumn !== undefined) bothSides(config.timeColumn, '--time-column');
  if (config.target !== undefined) bothSides(config.target, '--target');
  if (config.prediction !== undefined) bothSides(config.prediction, '--prediction');
}

/**
 * selectColumns lists the columns to compare, in the reference's order: --columns when given,
 * otherwise every column present in both files except --exclude, the time column, the target and
 * the prediction (those two get their own block).
 */
export function selectColumns(config: DriftConfig, names: NameSets): string[] {
  if (config.columns !== undefined && config.columns.length > 0)
    return [...new Set(config.columns)];
  const current = new Set(names.current);
  const common = names.reference.filter((n) => current.has(n));
  if (common.length === 0) {
    throw usageError(
      `no column in common between ${names.referenceLabel} and ${names.currentLabel}`,
    );
  }
  const skip = new Set<string>(config.exclude);
  if (config.timeColumn !== undefined) skip.add(config.timeColumn);
  if (config.target !== undefined) skip.add(config.target);
  if (config.prediction !== undefined) skip.add(config.prediction);
  const selected = common.filter((n) => !skip.has(n));
  // With --target/--prediction the performance block alone is a report; otherwise nothing is left.
  if (selected.length === 0 && config.prediction === undefined) {
    throw usageError('no columns left to compare after --exclude and --time-column');
  }
  return selected;
}

/**
 * inferKind is core's inferColumnKind without boxing a numeric column: the rule only looks at
 * whether values are integers and at up to 11 distinct values, so a sample of at most 11 distinct
 * values (with a non-integer when there is one) gives the same answer as all 3M rows.
 */
export function inferKind(column: RawColumn): ColumnKind {
  if (column.type === 'string') return inferColumnKind(column.values);
  const values = column.values;
  const sample: number[] = [];
  let nonInteger: number | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (nonInteger === undefined && !Number.isInteger(v)) nonInteger = v;
    if (sample.length <= 10 && !sample.includes(v)) sample.push(v);
    if (nonInteger !== undefined && sample.length > 10) break;
  }
  if (nonInteger !== undefined) sample.push(nonInteger);
  return inferColumnKind(sample);
}

/** methodFor applies the precedence: per column > per kind > all columns > the core's default. */
function methodFor(
  config: DriftConfig,
  name: string,
  kind: ColumnKind,
): DriftMethodName | undefined {
  const perColumn = config.columnMethods.get(name);
  const perKind =
    kind === 'numerical'
      ? config.numMethod
      : kind === 'categorical'
        ? config.catMethod
        : config.textMethod;
  const method = perColumn ?? perKind ?? config.method;
  if (method !== undefined && !DRIFT_METHODS[method].kinds.includes(kind)) {
    const option =
      perColumn !== undefined ? `--column-method ${name}=${method}` : `--method ${method}`;
    throw usageError(
      `${option}: ${method} does not apply to ${kind} column '${name}' (it takes ${DRIFT_METHODS[method].kinds.join(', ')}); ` +
        'set a method for that column with --column-method, or change its type with --column-type',
    );
  }
  return method;
}

/** planColumns decides kind, method and threshold for each selected column. */
export function planColumns(
  config: DriftConfig,
  selected: readonly string[],
  reference: ReadonlyMap<string, RawColumn>,
): ColumnPlan[] {
  return planWithKinds(config, selected, (name) => {
    const raw = reference.get(name);
    if (raw === undefined) throw usageError(`column '${name}' not found in the reference data`);
    return inferKind(raw);
  });
}

/**
 * planWithKinds is planColumns with the inferred kind supplied by the caller (the sketch engine
 * infers kinds while streaming); --column-type still overrides it.
 */
export function planWithKinds(
  config: DriftConfig,
  selected: readonly string[],
  inferred: (name: string) => ColumnKind,
): ColumnPlan[] {
  return selected.map((name) => {
    const kind = config.columnTypes.get(name) ?? inferred(name);
    const method = methodFor(config, name, kind);
    const threshold = config.columnThresholds.get(name) ?? config.threshold;
    if (
      method !== undefined &&
      threshold !== undefined &&
      DRIFT_METHODS[method].scoreKind === 'p_value' &&
      threshold > 1
    ) {
      throw usageError(
        `column '${name}': ${method} compares a p-value, so its threshold must be in [0, 1], got ${threshold}`,
      );
    }
    return { name, kind, method, threshold };
  });
}
