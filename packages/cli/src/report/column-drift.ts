// One column's drift test through @vigil/core, mapped to the report's snake_case ColumnDrift.

import type { CoreError, DriftMethodName, DriftResult } from '@vigil/core';
import { DRIFT_METHODS, driftTest } from '@vigil/core';
import type { Converted } from '../drift/column-data.js';
import type { ColumnPlan } from '../drift/plan.js';
import { usageError } from '../errors.js';
import type { ColumnDrift, Distribution } from './types.js';

// Errors that come from the user's options, not the data: they stop the run with exit 2.
const USAGE_CODES = new Set(['WRONG_KIND', 'UNKNOWN_METHOD', 'INVALID_ARGUMENT']);

/** MAX_CATEGORIES_SHOWN: categorical distributions keep the largest categories, the rest fold into "(other)". */
export const MAX_CATEGORIES_SHOWN = 30;

/** foldCategories keeps the MAX_CATEGORIES_SHOWN - 1 largest categories and sums the rest into "(other)". */
export function foldCategories(d: Distribution): Distribution {
  const cats = d.categories;
  if (cats === undefined || cats.length <= MAX_CATEGORIES_SHOWN) return d;
  const order = cats
    .map((_, i) => i)
    .sort((a, b) => d.reference[b] + d.current[b] - (d.reference[a] + d.current[a]));
  const keep = order.slice(0, MAX_CATEGORIES_SHOWN - 1);
  const rest = order.slice(MAX_CATEGORIES_SHOWN - 1);
  const sum = (xs: number[]) => rest.reduce((s, i) => s + xs[i], 0);
  return {
    categories: [...keep.map((i) => cats[i]), '(other)'],
    reference: [...keep.map((i) => d.reference[i]), sum(d.reference)],
    current: [...keep.map((i) => d.current[i]), sum(d.current)],
  };
}

/** toColumnDrift maps a core DriftResult to the report's snake_case ColumnDrift. */
export function toColumnDrift(
  name: string,
  result: DriftResult,
  distributions: boolean,
): ColumnDrift {
  const out: ColumnDrift = {
    column: name,
    type: result.kind,
    method: result.method,
    statistic:
      result.statistic !== null && Number.isFinite(result.statistic) ? result.statistic : null,
    p_value: result.pValue,
    score: result.score,
    threshold: result.threshold,
    drifted: result.drifted,
    effect_size:
      result.effectSize === null
        ? null
        : { name: result.effectSize.name, value: result.effectSize.value },
  };
  if (distributions && result.bins !== undefined) {
    const b = result.bins;
    out.distribution = foldCategories({
      ...(b.edges !== undefined ? { edges: [...b.edges] } : {}),
      ...(b.categories !== undefined ? { categories: [...b.categories] } : {}),
      reference: [...b.reference],
      current: [...b.current],
    });
  }
  return out;
}

/**
 * testColumn runs one drift test. Option mistakes (a method that does not fit, a bad threshold)
 * throw a usage error; data conditions (all missing, constant) become a column with `error`.
 */
export function testColumn(
  plan: ColumnPlan,
  reference: Converted,
  current: Converted,
  options: { bins?: number; seed?: number; distributions: boolean },
): ColumnDrift {
  const r = driftTest(reference.data, current.data, {
    ...(plan.method !== undefined ? { method: plan.method } : {}),
    ...(plan.threshold !== undefined ? { threshold: plan.threshold } : {}),
    ...(options.bins !== undefined ? { bins: options.bins } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    includeBins: options.distributions,
  });
  if (r.ok) return toColumnDrift(plan.name, r.value, options.distributions);
  return failedColumn(plan, plan.method, r.error);
}

/**
 * failedColumn turns a drift test's error into the report's column: option mistakes (a method that
 * does not fit the column, a bad threshold) throw a usage error (exit 2); data conditions (all
 * missing, constant) become a column with `error`, not drifted, left out of the dataset share.
 */
export function failedColumn(
  plan: ColumnPlan,
  method: DriftMethodName | undefined,
  error: CoreError,
): ColumnDrift {
  if (USAGE_CODES.has(error.code)) throw usageError(`column '${plan.name}': ${error.message}`);
  return {
    column: plan.name,
    type: plan.kind,
    method: method ?? 'none',
    statistic: null,
    p_value: null,
    score: null,
    threshold:
      plan.threshold ?? (method !== undefined ? DRIFT_METHODS[method].defaultThreshold : 0),
    drifted: false,
    effect_size: null,
    error: { code: error.code, message: error.message },
  };
}
