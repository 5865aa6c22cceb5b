// One column's drift from the two sides' sketches, mapped to the report's ColumnDrift with its
// error bound. Methods follow the exact engine (same names, thresholds, rules and, where the data
// allows, the same bins), computed from profiles through core's profileDrift, or from the exact
// moments for t_test.

import type { ColumnKind, DriftMethodName, ProfileDriftMethod, Result } from '@vigil/core';
import {
  createCategoricalProfile,
  DRIFT_METHODS,
  defaultMethod,
  err,
  ok,
  profileDrift,
  studentTTwoSidedP,
  updateCategorical,
} from '@vigil/core';
import type { ColumnPlan } from '../drift/plan.js';
import { failedColumn, foldCategories } from '../report/column-drift.js';
import type { ColumnDrift, Distribution } from '../report/types.js';
import type { ColumnSketch, ColumnSpec } from './side.js';
import { COUNTED_VALUES } from './side.js';

const BINNED = new Set<DriftMethodName>(['psi', 'kl_div', 'jensenshannon']);

/** SketchDriftOptions: the run's --bins, and whether the column's edges span both sides. */
export interface SketchDriftOptions {
  readonly bins?: number;
  readonly distributions: boolean;
}

interface Outcome {
  readonly method: DriftMethodName;
  readonly statistic: number;
  readonly pValue: number | null;
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
  readonly effectSize: { readonly name: string; readonly value: number } | null;
  readonly errorBound: number | null;
}

function union(a: Iterable<string | number>, b: Iterable<string | number>, limit: number): number {
  const s = new Set<string | number>(a);
  for (const k of b) {
    s.add(k);
    if (s.size > limit) break;
  }
  return s.size;
}

/** present is the non-missing count of a column sketch. */
export function present(c: ColumnSketch): number {
  return c.numeric?.count ?? c.categorical?.count ?? 0;
}

/**
 * resolveMethod applies core's default selection (reference rows after missing values, distinct
 * values over both sides up to 6) when the plan has no method. The z-test is not computed from
 * profiles: where the default would be z (at most 2 values and at most 1,000 reference rows),
 * sketch mode uses chisquare.
 */
export function resolveMethod(
  plan: ColumnPlan,
  ref: ColumnSketch,
  cur: ColumnSketch,
): DriftMethodName {
  if (plan.method !== undefined) return plan.method;
  let distinct = 6;
  if (ref.counts !== null && cur.counts !== null)
    distinct = union(ref.counts.keys(), cur.counts.keys(), 6);
  else if (ref.categorical !== null && cur.categorical !== null)
    distinct = union(ref.categorical.items.counts.keys(), cur.categorical.items.counts.keys(), 6);
  const m = defaultMethod(plan.kind, present(ref), distinct);
  return m === 'z' ? 'chisquare' : m;
}

const FEED = 65_536;

/** profileFromCounts turns exact value counts into a categorical profile of their labels. */
function profileFromCounts(counts: Map<number, number>, capacity: number) {
  const made = createCategoricalProfile({ capacity });
  if (!made.ok) throw new Error(made.error.message);
  const p = made.value;
  for (const [v, n] of counts) {
    const label = String(v);
    // Feed in slices: a value may occur millions of times.
    for (let left = n; left > 0; left -= FEED) {
      updateCategorical(p, new Array<string>(Math.min(left, FEED)).fill(label));
    }
  }
  return p;
}

function tTest(ref: ColumnSketch, cur: ColumnSketch, threshold: number): Result<Outcome> {
  const a = ref.numeric!;
  const b = cur.numeric!;
  const n1 = a.count;
  const n2 = b.count;
  if (n1 < 2 || n2 < 2)
    return err('TOO_FEW_VALUES', `t_test needs at least 2 values per sample, got ${n1} and ${n2}`);
  // Same center on both sides: the mean difference needs no re-centering.
  const diff = a.centeredMean - b.centeredMean;
  const df = n1 + n2 - 2;
  const pooled = (a.m2 + b.m2) / df;
  let t: number;
  let p: number;
  if (pooled === 0) {
    if (diff === 0)
      return err('CONSTANT', 't_test is undefined: both samples are the same constant');
    t = diff > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    p = 0;
  } else {
    t = diff / Math.sqrt(pooled * (1 / n1 + 1 / n2));
    p = Math.min(1, Math.max(0, studentTTwoSidedP(t, df)));
  }
  const d = pooled === 0 ? Number.NaN : diff / Math.sqrt(pooled);
  return ok({
    method: 't_test',
    statistic: t,
    pValue: p,
    score: p,
    threshold,
    drifted: p < threshold,
    effectSize: Number.isFinite(d) ? { name: 'cohens_d', value: d } : null,
    errorBound: 0,
  });
}

function compute(
  method: DriftMethodName,
  kind: ColumnKind,
  spec: ColumnSpec & { readonly binning: Binning },
  ref: ColumnSketch,
  cur: ColumnSketch,
  threshold: number | undefined,
): Result<Outcome> {
  const th = threshold ?? DRIFT_METHODS[method].defaultThreshold;
  if (method === 't_test' && kind !== 'categorical') return tTest(ref, cur, th);
  let a = ref.numeric ?? ref.categorical!;
  let b = cur.numeric ?? cur.categorical!;
  let exact = true;
  if (method === 'chisquare' && kind !== 'categorical') {
    // The exact engine's chisquare counts each distinct value of a numerical column.
    if (ref.counts === null || cur.counts === null) {
      return err(
        'NOT_COMPUTABLE',
        `chisquare counts each distinct value of a numerical column; the sketch engine counts at most ${COUNTED_VALUES} distinct values per side (use --engine exact, or psi/jensenshannon)`,
      );
    }
    const capacity = Math.max(1, union(ref.counts.keys(), cur.counts.keys(), 1e9));
    a = profileFromCounts(ref.counts, capacity);
    b = profileFromCounts(cur.counts, capacity);
  } else if (kind !== 'categorical' && BINNED.has(method) && spec.binning !== 'combined') {
    if (spec.binning === 'values' && ref.counts !== null && cur.counts !== null) {
      // One bin per distinct value of the union, as the exact engine bins such columns.
      const capacity = Math.max(1, union(ref.counts.keys(), cur.counts.keys(), 1e9));
      a = profileFromCounts(ref.counts, capacity);
      b = profileFromCounts(cur.counts, capacity);
    } else {
      // Bins from the reference range only: not the exact engine's bins.
      exact = false;
    }
  }
  const r = profileDrift(a, b, {
    method: method as ProfileDriftMethod,
    ...(threshold !== undefined ? { threshold } : {}),
  });
  if (!r.ok) return r;
  const v = r.value;
  return ok({
    method,
    statistic: v.statistic,
    pValue: v.pValue,
    score: v.score,
    threshold: v.threshold,
    drifted: v.drifted,
    effectSize: v.effectSize,
    errorBound: exact ? v.errorBound : null,
  });
}

/** Binning says where a numerical column's histogram edges came from. */
export type Binning = 'combined' | 'values' | 'reference';

function distribution(ref: ColumnSketch, cur: ColumnSketch): Distribution | undefined {
  if (ref.categorical !== null && cur.categorical !== null) {
    const r = ref.categorical.items.counts;
    const c = cur.categorical.items.counts;
    const categories = [...new Set([...r.keys(), ...c.keys()])];
    return foldCategories({
      categories,
      reference: categories.map((k) => r.get(k) ?? 0),
      current: categories.map((k) => c.get(k) ?? 0),
    });
  }
  const hr = ref.numeric?.histogram;
  const hc = cur.numeric?.histogram;
  if (!hr || !hc) return undefined;
  const edges = [...hr.edges];
  const reference = [...hr.counts];
  const current = [...hc.counts];
  const lo = Math.min(ref.numeric!.min, cur.numeric!.min);
  const hi = Math.max(ref.numeric!.max, cur.numeric!.max);
  // Values outside the reference edges get one bin on each side, up to the extreme value.
  if (hr.underflow + hc.underflow > 0 && lo < edges[0]) {
    edges.unshift(lo);
    reference.unshift(hr.underflow);
    current.unshift(hc.underflow);
  }
  if (hr.overflow + hc.overflow > 0 && hi > edges[edges.length - 1]) {
    edges.push(hi);
    reference.push(hr.overflow);
    current.push(hc.overflow);
  }
  return { edges, reference, current };
}

/**
 * sketchColumnDrift computes one column's drift from its two sketches. Option mistakes throw a
 * usage error (exit 2); data conditions (all missing, constant) become a column with `error`.
 */
export function sketchColumnDrift(
  plan: ColumnPlan,
  spec: ColumnSpec & { readonly binning: Binning },
  ref: ColumnSketch,
  cur: ColumnSketch,
  options: SketchDriftOptions,
): ColumnDrift {
  const method = resolveMethod(plan, ref, cur);
  const r = compute(method, plan.kind, spec, ref, cur, plan.threshold);
  if (r.ok) {
    const v = r.value;
    const out: ColumnDrift = {
      column: plan.name,
      type: plan.kind,
      method,
      statistic: Number.isFinite(v.statistic) ? v.statistic : null,
      p_value: v.pValue,
      score: v.score,
      threshold: v.threshold,
      drifted: v.drifted,
      effect_size:
        v.effectSize === null ? null : { name: v.effectSize.name, value: v.effectSize.value },
      error_bound: v.errorBound,
    };
    if (options.distributions) {
      const d = distribution(ref, cur);
      if (d !== undefined) out.distribution = d;
    }
    return out;
  }
  return failedColumn(plan, method, r.error);
}
