// Data quality from profiles: missing share, new categories, out-of-range share, schema change.
import type { FeatureSpec, MonitorSpec } from '@vigil/contracts';
import {
  type CategoricalProfile,
  type ColumnProfile,
  type NumericProfile,
  profileQuantile,
} from '@vigil/core';
import { computedCheck, failedCheck, summarize, tooFewCheck } from './checks.js';
import { selectFeatures } from './select.js';
import type { CheckResult, MonitorEvaluation, ProfilesByFeature } from './types.js';

/** DataQualitySpec is the spec of a `data_quality` monitor. */
export type DataQualitySpec = Extract<MonitorSpec, { type: 'data_quality' }>;

/** DataQualityInput is what a data-quality evaluation reads. */
export interface DataQualityInput {
  readonly baseline: ProfilesByFeature;
  readonly current: ProfilesByFeature;
  readonly features?: readonly FeatureSpec[];
}

/** OutOfRange is the count of window values outside the baseline's [min, max]. */
export interface OutOfRange {
  readonly count: number;
  /** true when counted exactly (from min/max or shared histogram edges), false from the sketch. */
  readonly exact: boolean;
}

/** Order statistics x_0..x_{n−1} of the window below `bound`, by bisection on sketch quantiles. */
function countBelow(p: NumericProfile, bound: number, strict: boolean): number {
  const n = p.count;
  const below = (r: number): boolean => {
    const q = n === 1 ? 0 : r / (n - 1);
    const x = profileQuantile(p, q);
    const v = x.ok ? x.value : Number.NaN;
    return strict ? v < bound : v <= bound;
  };
  let lo = 0;
  let hi = n; // invariant: ranks < lo are below, ranks >= hi are not
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * outOfRange counts window values below the baseline min or above the baseline max.
 * Exact when the window lies within [min, max] (count 0), or when both profiles share histogram
 * edges whose ends are the baseline min and max (edgesFromReference does that): underflow +
 * overflow. Otherwise estimated from the window's quantile sketch (values within the sketch's
 * relative accuracy of a bound may be misplaced). Example: baseline 0..10, window [−1, 5, 11]
 * with shared edges → 2, exact.
 */
export function outOfRange(baseline: NumericProfile, window: NumericProfile): OutOfRange {
  if (window.count === 0 || baseline.count === 0) return { count: 0, exact: true };
  if (window.min >= baseline.min && window.max <= baseline.max) return { count: 0, exact: true };
  const h = window.histogram;
  const e = baseline.histogram?.edges;
  if (
    h !== null &&
    e !== undefined &&
    h.edges.length === e.length &&
    h.edges.every((x, i) => x === e[i]) &&
    e[0] === baseline.min &&
    e[e.length - 1] === baseline.max
  ) {
    return { count: h.underflow + h.overflow, exact: true };
  }
  const low = window.min < baseline.min ? countBelow(window, baseline.min, true) : 0;
  const high =
    window.max > baseline.max ? window.count - countBelow(window, baseline.max, false) : 0;
  return { count: low + high, exact: false };
}

/**
 * newCategoryCount counts window values whose category the baseline never saw. Exact when both
 * frequent-item summaries are exact; if the baseline summary overflowed, a category it no longer
 * tracks counts as new (over-count); if the window's overflowed, untracked values are not counted
 * (under-count). Example: baseline {a, b}, window {a: 3, c: 2} → 2.
 */
export function newCategoryCount(baseline: CategoricalProfile, window: CategoricalProfile): number {
  let n = 0;
  for (const [key, count] of window.items.counts) if (!baseline.items.counts.has(key)) n += count;
  return n;
}

function kindName(p: ColumnProfile): string {
  return p.kind === 'numeric' ? 'numerical' : 'categorical';
}

function featureChecks(
  feature: string,
  ref: ColumnProfile,
  cur: ColumnProfile,
  spec: DataQualitySpec,
): CheckResult[] {
  const checks: CheckResult[] = [];
  const rows = cur.count + cur.missing;
  const base = { subject: feature, direction: 'above' as const };
  const missing = { ...base, check: 'missing_share' };
  checks.push(
    rows < spec.minSampleSize
      ? tooFewCheck(missing, rows, spec.minSampleSize)
      : computedCheck(
          missing,
          cur.missing / rows,
          spec.maxMissingShare,
          cur.missing / rows > spec.maxMissingShare,
          rows,
        ),
  );
  if (ref.kind !== cur.kind) return checks; // retyped: reported by the schema check
  const valued = cur.count < spec.minSampleSize;
  if (ref.kind === 'categorical' && cur.kind === 'categorical') {
    const c = { ...base, check: 'new_category_share' };
    const share = cur.count === 0 ? 0 : newCategoryCount(ref, cur) / cur.count;
    checks.push(
      valued
        ? tooFewCheck(c, cur.count, spec.minSampleSize)
        : computedCheck(
            c,
            share,
            spec.maxNewCategoryShare,
            share > spec.maxNewCategoryShare,
            cur.count,
          ),
    );
  } else if (ref.kind === 'numeric' && cur.kind === 'numeric') {
    const c = { ...base, check: 'out_of_range_share' };
    if (valued) checks.push(tooFewCheck(c, cur.count, spec.minSampleSize));
    else {
      const o = outOfRange(ref, cur);
      const share = o.count / cur.count;
      const note = o.exact ? '' : 'estimated from the quantile sketch';
      checks.push(
        computedCheck(
          c,
          share,
          spec.maxOutOfRangeShare,
          share > spec.maxOutOfRangeShare,
          cur.count,
          note,
        ),
      );
    }
  }
  return checks;
}

function schemaCheck(
  subject: string,
  check: string,
  changed: boolean,
  message: string,
  windowRows: number,
  minSampleSize: number,
): CheckResult {
  const base = { subject, check, direction: 'above' as const };
  // An empty or tiny window says nothing about the schema: every feature would look missing.
  if (windowRows < minSampleSize) return tooFewCheck(base, windowRows, minSampleSize);
  return computedCheck(base, changed ? 1 : 0, 0, changed, windowRows, message);
}

/**
 * evaluateDataQuality checks each selected feature's window profile against its baseline:
 * missing share (null/NaN/'' over rows) > maxMissingShare; for categories, the share of values in
 * categories the baseline never saw > maxNewCategoryShare (default 0: any new category); for
 * numbers, the share outside the baseline [min, max] > maxOutOfRangeShare. With schemaChange,
 * a selected feature absent from the window (schema_missing), a window feature absent from the
 * baseline (schema_unexpected) and a feature whose kind changed (schema_retyped) each breach with
 * value 1. Shares need minSampleSize rows (values for the value checks), and schema checks a
 * window of minSampleSize rows (its largest feature), else NO_DATA.
 * Example: 8 of 100 `city` values missing, limit 0.05 → BREACH missing_share 0.08.
 */
export function evaluateDataQuality(
  name: string,
  spec: DataQualitySpec,
  input: DataQualityInput,
): MonitorEvaluation {
  const selected = selectFeatures(spec.features, Object.keys(input.baseline), input.features);
  if (!selected.ok) {
    const c = failedCheck(
      { subject: '*', check: 'schema', direction: 'above' },
      'ERROR',
      0,
      selected.error.message,
    );
    return summarize(name, 'data_quality', [c]);
  }
  const checks: CheckResult[] = [];
  let windowRows = 0;
  for (const p of Object.values(input.current))
    windowRows = Math.max(windowRows, p.count + p.missing);
  const min = spec.minSampleSize;
  for (const feature of selected.value) {
    const ref = input.baseline[feature];
    const cur = input.current[feature];
    if (ref === undefined) {
      checks.push(
        failedCheck(
          { subject: feature, check: 'schema', direction: 'above' },
          'ERROR',
          0,
          'no baseline profile',
        ),
      );
      continue;
    }
    if (spec.schemaChange) {
      const absent = cur === undefined;
      const why = absent ? 'feature absent from the window' : '';
      checks.push(schemaCheck(feature, 'schema_missing', absent, why, windowRows, min));
      if (cur !== undefined) {
        const retyped = ref.kind !== cur.kind;
        const msg = retyped ? `${kindName(ref)} in the baseline, ${kindName(cur)} now` : '';
        checks.push(schemaCheck(feature, 'schema_retyped', retyped, msg, windowRows, min));
      }
    }
    if (cur !== undefined) checks.push(...featureChecks(feature, ref, cur, spec));
  }
  if (spec.schemaChange) {
    for (const feature of Object.keys(input.current)) {
      if (input.baseline[feature] === undefined) {
        const why = 'feature not in the baseline';
        checks.push(schemaCheck(feature, 'schema_unexpected', true, why, windowRows, min));
      }
    }
  }
  return summarize(name, 'data_quality', checks);
}
