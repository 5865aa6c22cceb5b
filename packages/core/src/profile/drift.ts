// Drift between two column profiles, with the method names, thresholds and drift rules of the
// raw-sample drift module (DESIGN.md "Drift methods"), so a baseline never needs its raw rows.

import { err, ok, type Result } from '../result.js';
import { ks2sampPValue } from '../special/index.js';
import {
  binsChiSquare,
  binsJensenShannon,
  binsKlDiv,
  binsPsi,
  type ProfileBins,
  profileBins,
} from './drift-binned.js';
import { sketchKs, sketchWasserstein } from './drift-sketch.js';
import type { ColumnProfile } from './types.js';

/** ProfileDriftMethod lists the methods computable from profiles alone. */
export type ProfileDriftMethod =
  | 'psi'
  | 'jensenshannon'
  | 'kl_div'
  | 'chisquare'
  | 'wasserstein'
  | 'ks';

/** PROFILE_DRIFT_METHODS lists every ProfileDriftMethod. */
export const PROFILE_DRIFT_METHODS: readonly ProfileDriftMethod[] = [
  'psi',
  'jensenshannon',
  'kl_div',
  'chisquare',
  'wasserstein',
  'ks',
];

/**
 * ProfileDriftResult mirrors the drift module's DriftResult (same field names and meaning) plus
 * `errorBound`: 0 when the statistic is exactly the raw-data one (binned methods on fixed edges,
 * exact categorical counts), the sketch's bound on |statistic − exact| for ks (one-sided: exact D
 * is in [statistic, statistic + errorBound]) and wasserstein (in units of the score), and null
 * when no bound is known (categorical summaries that overflowed their capacity).
 */
export interface ProfileDriftResult {
  readonly method: ProfileDriftMethod;
  readonly kind: 'numerical' | 'categorical';
  readonly statistic: number;
  readonly pValue: number | null;
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
  readonly effectSize: { readonly name: string; readonly value: number } | null;
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly droppedReference: number;
  readonly droppedCurrent: number;
  readonly errorBound: number | null;
}

/** ProfileDriftOptions picks the method and overrides its default threshold. */
export interface ProfileDriftOptions {
  readonly method: ProfileDriftMethod;
  readonly threshold?: number;
}

interface Computed {
  readonly statistic: number;
  readonly pValue: number | null;
  readonly score: number;
  readonly effectSize: { readonly name: string; readonly value: number } | null;
  readonly errorBound: number | null;
}

const P_VALUE_METHODS = new Set<ProfileDriftMethod>(['ks', 'chisquare']);

/**
 * checkComparable tells whether `method` can compare two profiles: the same kind, and for ks and
 * wasserstein (numerical) the same sketch accuracy, center and bucket cap, which align the two
 * sketches' buckets. The binned methods need the same histogram edges, or edges that are bucket
 * boundaries of the current profile's sketch; profileBins checks that. Parameters no method reads
 * (HLL precision, item capacity, the edges for sketch methods) may differ: a baseline with edges
 * compares by ks with a window profiled before it existed. Errors: INCOMPATIBLE_PROFILES.
 */
export function checkComparable(
  reference: ColumnProfile,
  current: ColumnProfile,
  method: ProfileDriftMethod,
): Result<true> {
  const bad = (what: string) => err('INCOMPATIBLE_PROFILES', `profiles differ in ${what}`);
  if (reference.kind !== current.kind) return bad(`kind (${reference.kind} vs ${current.kind})`);
  if ((method === 'ks' || method === 'wasserstein') && reference.kind === 'numeric') {
    const s = reference.sketch;
    const t = (current as typeof reference).sketch;
    if (s.alpha !== t.alpha) return bad(`sketchAccuracy (${s.alpha} vs ${t.alpha})`);
    if (s.center !== t.center) return bad(`sketchCenter (${s.center} vs ${t.center})`);
    if (s.maxBuckets !== t.maxBuckets) return bad('sketchMaxBuckets');
  }
  return ok(true);
}

function distance(
  method: ProfileDriftMethod,
  value: number,
  bound: number | null,
): Result<Computed> {
  if (!Number.isFinite(value))
    return err('NOT_COMPUTABLE', `${method}: the distance is not finite`);
  return ok({
    statistic: value,
    pValue: null,
    score: value,
    effectSize: { name: method, value },
    errorBound: bound,
  });
}

function binned(method: ProfileDriftMethod, bins: ProfileBins): Result<Computed> {
  const bound = bins.exact ? 0 : null;
  switch (method) {
    case 'psi':
      return distance(method, binsPsi(bins), bound);
    case 'kl_div':
      return distance(method, binsKlDiv(bins), bound);
    case 'jensenshannon':
      return distance(method, binsJensenShannon(bins), bound);
    default: {
      const c = binsChiSquare(bins);
      if (!c.ok) return c;
      const p = Math.min(1, Math.max(0, c.value.pValue));
      return ok({
        statistic: c.value.statistic,
        pValue: p,
        score: p,
        effectSize: { name: 'cramers_v', value: c.value.cramersV },
        errorBound: bound,
      });
    }
  }
}

function compute(
  method: ProfileDriftMethod,
  ref: ColumnProfile,
  cur: ColumnProfile,
): Result<Computed> {
  if (method === 'ks' || method === 'wasserstein') {
    if (ref.kind !== 'numeric' || cur.kind !== 'numeric') {
      return err('WRONG_KIND', `${method} needs numerical profiles`);
    }
    if (method === 'wasserstein') {
      const w = sketchWasserstein(ref, cur);
      // DESIGN.md: W1 / max(population std of reference, 0.001).
      const scale = Math.max(Math.sqrt(ref.m2 / ref.count), 0.001);
      return distance(method, w.w1 / scale, w.bound / scale);
    }
    const k = sketchKs(ref, cur);
    // 'auto' as the raw-sample ks (exact when max(n1, n2) <= 10000, else asymptotic): D_sketch is
    // a difference of two exact ECDF values, so it lies on the exact path's lattice h/lcm(n1, n2).
    const { pValue } = ks2sampPValue({ d: k.d, n1: ref.count, n2: cur.count, method: 'auto' });
    if (Number.isNaN(pValue)) return err('NOT_COMPUTABLE', 'ks: no p-value for these sample sizes');
    const p = Math.min(1, Math.max(0, pValue));
    return ok({
      statistic: k.d,
      pValue: p,
      score: p,
      effectSize: { name: 'ks_d', value: k.d },
      errorBound: k.bound,
    });
  }
  const bins = profileBins(ref, cur);
  if (!bins.ok) return bins;
  return binned(method, bins.value);
}

/**
 * profileDrift compares a current profile with a reference profile by one method.
 *
 * psi, kl_div, jensenshannon, chisquare use the fixed histogram bins (numerical) or the category
 * counts (categorical): with the same edges they equal the raw-data methods on those bins exactly.
 * wasserstein (W1 / max(std_ref, 0.001)) and ks (D, p-value by ks2sampPValue 'auto' with the true
 * counts: exact when max(n1, n2) <= 10000, else asymptotic, as the raw-sample ks) come from the
 * quantile sketches and carry `errorBound`.
 * Defaults and rules as DESIGN.md: threshold 0.05 for ks and chisquare (drift when p <= 0.05 for
 * ks, p < 0.05 for chisquare), 0.1 for distances (drift when score >= threshold).
 * Errors: EMPTY_REFERENCE / EMPTY_CURRENT (no non-missing values), INCOMPATIBLE_PROFILES (kinds
 * or the parameters the method reads differ, see checkComparable), WRONG_KIND (ks/wasserstein on
 * categories), NOT_COMPUTABLE (no histogram, or one the current profile cannot be counted on),
 * SINGLE_CATEGORY (chisquare with one non-empty bin), INVALID_ARGUMENT (bad method/threshold).
 * Example: reference bins [50, 50], current [90, 10], psi → score 0.8789, drifted.
 */
export function profileDrift(
  reference: ColumnProfile,
  current: ColumnProfile,
  options: ProfileDriftOptions,
): Result<ProfileDriftResult> {
  const method = options.method;
  if (!PROFILE_DRIFT_METHODS.includes(method)) {
    return err('UNKNOWN_METHOD', `unknown profile drift method '${String(method)}'`);
  }
  const isTest = P_VALUE_METHODS.has(method);
  const threshold = options.threshold ?? (isTest ? 0.05 : 0.1);
  if (!Number.isFinite(threshold)) return err('INVALID_ARGUMENT', 'threshold must be finite');
  const comparable = checkComparable(reference, current, method);
  if (!comparable.ok) return comparable;
  if (reference.count === 0) return err('EMPTY_REFERENCE', 'reference profile has no values');
  if (current.count === 0) return err('EMPTY_CURRENT', 'current profile has no values');
  const r = compute(method, reference, current);
  if (!r.ok) return r;
  const c = r.value;
  const drifted =
    method === 'ks' ? c.score <= threshold : isTest ? c.score < threshold : c.score >= threshold;
  return ok({
    method,
    kind: reference.kind === 'numeric' ? 'numerical' : 'categorical',
    statistic: c.statistic,
    pValue: c.pValue,
    score: c.score,
    threshold,
    drifted,
    effectSize: c.effectSize,
    referenceCount: reference.count,
    currentCount: current.count,
    droppedReference: reference.missing,
    droppedCurrent: current.missing,
    errorBound: c.errorBound,
  });
}
