// Binned drift methods on profiles: psi, kl_div, jensenshannon and chisquare on histogram bins
// (numerical) or frequent-item counts (categorical), with DESIGN.md's conventions.

import { err, ok, type Result } from '../result.js';
import { chi2Sf } from '../special/index.js';
import { frequentItemsTracked } from './frequent-items.js';
import { sameEdges } from './histogram.js';
import { sketchHistogram } from './sketch-edges.js';
import type { ColumnProfile, FixedHistogram, NumericProfile } from './types.js';

/** OTHER_BIN labels the mass a non-exact frequent-items summary does not track. */
export const OTHER_BIN = '(other)';

/**
 * ProfileBins is a profile pair reduced to counts per bin. `exact` is false when a categorical
 * summary dropped categories (their mass is lumped into OTHER_BIN and tracked counts are lower
 * bounds), so the statistic is an estimate without a bound.
 */
export interface ProfileBins {
  readonly reference: Float64Array;
  readonly current: Float64Array;
  readonly referenceTotal: number;
  readonly currentTotal: number;
  readonly exact: boolean;
}

// The current profile's counts on the reference's edges: its own histogram when the edges are
// the same, else read off its sketch, which is exact when the reference's edges are boundaries of
// a sketch with the same α and center (sketchEdges: baselines merged from window profiles).
function currentHistogram(a: NumericProfile, b: NumericProfile): Result<FixedHistogram> {
  const ha = a.histogram as FixedHistogram;
  if (b.histogram !== null && sameEdges(ha, b.histogram)) return ok(b.histogram);
  const same = a.sketch.alpha === b.sketch.alpha && a.sketch.center === b.sketch.center;
  const h = same ? sketchHistogram(b, ha.edges) : null;
  if (h?.ok) return h;
  // Different edges are a layout mismatch; no edges at all is a profile binned methods cannot use.
  return err(
    b.histogram === null ? 'NOT_COMPUTABLE' : 'INCOMPATIBLE_PROFILES',
    'binned methods need the same edges, or edges on the bucket boundaries of sketches with the same accuracy and center',
  );
}

/**
 * profileBins aligns two profiles' counts. Numerical: the reference's fixed bins in order, with
 * the underflow bin first and the overflow bin last only when either profile has values there
 * (so in-range data gives exactly the raw-data histogram); a current profile without the
 * reference's edges is counted from its sketch when that is exact (see sketchHistogram).
 * Categorical: one bin per tracked key of the union, sorted, plus OTHER_BIN when either summary
 * is not exact.
 * Errors: NOT_COMPUTABLE when the reference has no histogram or the current profile cannot be
 * counted on its edges.
 */
export function profileBins(a: ColumnProfile, b: ColumnProfile): Result<ProfileBins> {
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    const ha = a.histogram;
    if (ha === null) return err('NOT_COMPUTABLE', 'the reference profile has no histogram');
    const hb = currentHistogram(a, b);
    if (!hb.ok) return hb;
    const withUnder = ha.underflow + hb.value.underflow > 0;
    const withOver = ha.overflow + hb.value.overflow > 0;
    const k = ha.counts.length + (withUnder ? 1 : 0) + (withOver ? 1 : 0);
    const ref = new Float64Array(k);
    const cur = new Float64Array(k);
    let j = 0;
    if (withUnder) {
      ref[0] = ha.underflow;
      cur[0] = hb.value.underflow;
      j = 1;
    }
    ref.set(ha.counts, j);
    cur.set(hb.value.counts, j);
    if (withOver) {
      ref[k - 1] = ha.overflow;
      cur[k - 1] = hb.value.overflow;
    }
    return ok({
      reference: ref,
      current: cur,
      referenceTotal: a.count,
      currentTotal: b.count,
      exact: true,
    });
  }
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    const keys = [...new Set([...a.items.counts.keys(), ...b.items.counts.keys()])].sort();
    const otherA = a.count - frequentItemsTracked(a.items);
    const otherB = b.count - frequentItemsTracked(b.items);
    const withOther = otherA + otherB > 0;
    const k = keys.length + (withOther ? 1 : 0);
    const ref = new Float64Array(k);
    const cur = new Float64Array(k);
    for (let i = 0; i < keys.length; i++) {
      ref[i] = a.items.counts.get(keys[i]) ?? 0;
      cur[i] = b.items.counts.get(keys[i]) ?? 0;
    }
    if (withOther) {
      ref[k - 1] = otherA;
      cur[k - 1] = otherB;
    }
    return ok({
      reference: ref,
      current: cur,
      referenceTotal: a.count,
      currentTotal: b.count,
      exact: !withOther,
    });
  }
  return err('INCOMPATIBLE_PROFILES', 'profiles are of different kinds');
}

function shares(counts: Float64Array, total: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / total;
  return out;
}

/**
 * fillZeroShares replaces zero shares in place (each vector on its own): eps = m/1e6 when the
 * smallest non-zero share m <= 1e-4, else 1e-4 (DESIGN.md, as the drift module).
 */
function fillZeroShares(p: Float64Array): Float64Array {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < p.length; i++) if (p[i] !== 0 && p[i] < m) m = p[i];
  const eps = m <= 1e-4 ? m / 1e6 : 1e-4;
  for (let i = 0; i < p.length; i++) if (p[i] === 0) p[i] = eps;
  return p;
}

/**
 * binsPsi is the Population Stability Index Σ (r_i − c_i)·ln(r_i / c_i) on shares r = ref/n_ref,
 * c = cur/n_cur with zero shares replaced by eps. Example: [50, 50] vs [90, 10] → 0.8789.
 */
export function binsPsi(bins: ProfileBins): number {
  const r = fillZeroShares(shares(bins.reference, bins.referenceTotal));
  const c = fillZeroShares(shares(bins.current, bins.currentTotal));
  let s = 0;
  for (let i = 0; i < r.length; i++) s += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  return s;
}

function normalise(p: Float64Array): Float64Array {
  let t = 0;
  for (let i = 0; i < p.length; i++) t += p[i];
  for (let i = 0; i < p.length; i++) p[i] /= t;
  return p;
}

/**
 * binsKlDiv is KL(ref ‖ cur) = Σ r_i·ln(r_i / c_i) after eps replacement and renormalising both
 * vectors to sum 1 (scipy.stats.entropy). Example: [50, 50] vs [90, 10] → 0.5108.
 */
export function binsKlDiv(bins: ProfileBins): number {
  const r = normalise(fillZeroShares(shares(bins.reference, bins.referenceTotal)));
  const c = normalise(fillZeroShares(shares(bins.current, bins.currentTotal)));
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i] * Math.log(r[i] / c[i]);
  return s;
}

/**
 * binsJensenShannon is scipy's jensenshannon distance with natural log: with m = (r + c)/2,
 * sqrt((KL(r ‖ m) + KL(c ‖ m)) / 2), zero shares kept (0·ln 0 = 0). In [0, sqrt(ln 2)].
 * Example: [50, 50] vs [90, 10] → 0.2936.
 */
export function binsJensenShannon(bins: ProfileBins): number {
  const r = normalise(shares(bins.reference, bins.referenceTotal));
  const c = normalise(shares(bins.current, bins.currentTotal));
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const m = (r[i] + c[i]) / 2;
    if (r[i] > 0) s += r[i] * Math.log(r[i] / m);
    if (c[i] > 0) s += c[i] * Math.log(c[i] / m);
  }
  const js = s / 2;
  return Math.sqrt(js > 0 ? js : 0);
}

/** ChiSquareOutput is Pearson's statistic, its p-value and Cramér's V. */
export interface ChiSquareOutput {
  readonly statistic: number;
  readonly pValue: number;
  readonly cramersV: number;
}

/**
 * binsChiSquare is Pearson's goodness-of-fit test of current counts against expected =
 * reference·(n_cur/n_ref) over the bins non-empty in either profile (a bin empty in both carries
 * nothing and would be 0/0); χ² = Σ (o − e)²/e, p = P(χ²_{K−1} > χ²). A bin empty in the
 * reference only gives χ² = +Infinity and p = 0 (as scipy). Cramér's V of the 2×K table is the
 * effect size. Errors: SINGLE_CATEGORY with fewer than two non-empty bins.
 * Example: [50, 50] vs [60, 40] → χ² = 4, p = 0.0455.
 */
export function binsChiSquare(bins: ProfileBins): Result<ChiSquareOutput> {
  const n1 = bins.referenceTotal;
  const n2 = bins.currentTotal;
  const norm = n2 / n1;
  let k = 0;
  let stat = 0;
  let chi2Independence = 0;
  for (let i = 0; i < bins.reference.length; i++) {
    const r = bins.reference[i];
    const c = bins.current[i];
    if (r === 0 && c === 0) continue;
    k++;
    const diff = c - r * norm;
    stat += (diff * diff) / (r * norm);
    const col = r + c;
    const e1 = (n1 * col) / (n1 + n2);
    const e2 = (n2 * col) / (n1 + n2);
    chi2Independence += ((r - e1) * (r - e1)) / e1 + ((c - e2) * (c - e2)) / e2;
  }
  if (k < 2) return err('SINGLE_CATEGORY', 'chisquare needs at least two non-empty bins');
  const pValue = stat === Number.POSITIVE_INFINITY ? 0 : chi2Sf(stat, k - 1);
  const v = Math.sqrt(chi2Independence / (n1 + n2));
  return ok({ statistic: stat, pValue, cramersV: v > 1 ? 1 : v });
}
