// Histogram edges taken from a quantile sketch's own bucket boundaries, so that bin counts read
// off the sketch are exact. A baseline merged from window profiles (which have no histogram) gets
// binned methods this way, and any profile with the same sketch parameters can be binned on those
// edges later, with no raw rows.

import { err, ok, type Result } from '../result.js';
import { bucketValue, lnGamma, storeMayBeCollapsed } from './dd-sketch.js';
import { checkCompatible, cloneProfile } from './merge.js';
import type { ColumnProfile, FixedHistogram, NumericProfile, QuantileSketch } from './types.js';

/** SketchEdgesOptions tunes sketchEdges like ReferenceEdgesOptions tunes edgesFromReference. */
export interface SketchEdgesOptions {
  /** Target equal-width bin count over [min, max]; default Sturges ceil(log2 n) + 1. */
  readonly bins?: number;
  /** At most this many non-empty sketch cells get one bin per cell; default 20. */
  readonly maxDiscreteValues?: number;
}

// A cell is one bucket of one side of the sketch, or the zero cell (x = center). Its rank orders
// cells by value: negative side (larger key = further below center) < zero < positive side.
const SIDE = 1e9;

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** nextDouble is the least double greater than x (x finite). */
function nextDouble(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  i64[0] += x > 0 ? 1n : -1n;
  return f64[0];
}

/** prevDouble is the greatest double less than x (x finite). */
function prevDouble(x: number): number {
  return -nextDouble(-x);
}

/** cellRanker returns the cell rank of a value exactly as sketchAddValues places it. */
function cellRanker(s: QuantileSketch): (x: number) => number {
  const center = s.center;
  const inv = 1 / lnGamma(s.alpha);
  return (x: number) => {
    let d = x - center;
    if (d > 0) {
      if (d > Number.MAX_VALUE) d = Number.MAX_VALUE;
      return SIDE + Math.ceil(Math.log(d) * inv);
    }
    if (d < 0) {
      if (d < -Number.MAX_VALUE) d = -Number.MAX_VALUE;
      return -SIDE - Math.ceil(Math.log(-d) * inv);
    }
    return 0;
  };
}

interface Cells {
  readonly rank: (x: number) => number;
  /** firstAtLeast(r) is the least double whose rank is >= r, found near `guess`. */
  readonly firstAtLeast: (r: number, guess: number) => number;
  /** lower(r) / upper(r) approximate the value range of cell r (guesses for the search). */
  readonly lower: (r: number) => number;
  readonly upper: (r: number) => number;
}

function cellsOf(s: QuantileSketch): Cells {
  const rank = cellRanker(s);
  const lg = lnGamma(s.alpha);
  const c = s.center;
  const pow = (k: number) => Math.exp(k * lg);
  const lower = (r: number) => (r > 0 ? c + pow(r - SIDE - 1) : r < 0 ? c - pow(-r - SIDE) : c);
  const upper = (r: number) => (r > 0 ? c + pow(r - SIDE) : r < 0 ? c - pow(-r - SIDE - 1) : c);
  // Bisection over doubles: rank is non-decreasing in x, so the boundary is one adjacent pair.
  const firstAtLeast = (r: number, near: number): number => {
    const guess = Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, near));
    let step = Math.max(Math.abs(guess) * 1e-9, Math.abs(guess - c) * 1e-6, Number.MIN_VALUE);
    let lo = guess - step;
    let hi = guess + step;
    for (let i = 0; rank(lo) >= r; i++) {
      if (i > 2100) throw new Error('sketch-edges: no lower bracket');
      step *= 2;
      lo = guess - step;
    }
    step = Math.max(Math.abs(guess) * 1e-9, Math.abs(guess - c) * 1e-6, Number.MIN_VALUE);
    for (let i = 0; rank(hi) < r; i++) {
      if (i > 2100) throw new Error('sketch-edges: no upper bracket');
      step *= 2;
      hi = guess + step;
    }
    for (;;) {
      const mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) return hi;
      if (rank(mid) >= r) hi = mid;
      else lo = mid;
    }
  };
  return { rank, firstAtLeast, lower, upper };
}

/** occupiedCells lists the sketch's non-empty cells in ascending value order with their counts. */
function occupiedCells(s: QuantileSketch): { rank: number; count: number }[] {
  const out: { rank: number; count: number }[] = [];
  const neg = s.negative;
  for (let j = neg.counts.length - 1; j >= 0; j--) {
    if (neg.counts[j] > 0) out.push({ rank: -SIDE - (neg.offset + j), count: neg.counts[j] });
  }
  if (s.zero > 0) out.push({ rank: 0, count: s.zero });
  const pos = s.positive;
  for (let j = 0; j < pos.counts.length; j++) {
    if (pos.counts[j] > 0) out.push({ rank: SIDE + pos.offset + j, count: pos.counts[j] });
  }
  return out;
}

function collapsed(s: QuantileSketch): boolean {
  return (
    storeMayBeCollapsed(s.positive, s.maxBuckets) || storeMayBeCollapsed(s.negative, s.maxBuckets)
  );
}

/**
 * sketchEdges chooses histogram edges on the profile's sketch cell boundaries, so that
 * sketchHistogram counts any profile with the same sketch α and center exactly on them.
 *
 * Rules mirror edgesFromReference: at most `maxDiscreteValues` (20) non-empty cells → one bin per
 * cell, each inner edge at the cell boundary nearest the midpoint of the two cells; otherwise
 * `bins` (default Sturges on the count) equal-width targets over [min, max], each moved to the
 * nearest cell boundary (at most one cell, 2α relative to |x − center|, away), repeats dropped.
 * The first edge is the start of min's cell and the last the end of max's cell, so the profile
 * itself has no underflow or overflow. A bin is never narrower than a cell: data whose spread is
 * small against |x − center| gets fewer bins than asked.
 * Errors: EMPTY_SAMPLE (no values), NOT_COMPUTABLE (a sketch side collapsed: its lowest cell
 * hides boundaries), INVALID_ARGUMENT (bins not an integer in 1..65536).
 * Example: 1,000 values uniform on [0, 100], center 0, α = 0.01 → 11 bins, edges within 2 % of
 * 0, 9.09, 18.2, … 100.
 */
export function sketchEdges(
  profile: NumericProfile,
  options: SketchEdgesOptions = {},
): Result<Float64Array> {
  const bins = options.bins;
  if (bins !== undefined && (!Number.isInteger(bins) || bins < 1 || bins > 65_536)) {
    return err('INVALID_ARGUMENT', `bins must be an integer in [1, 65536], got ${bins}`);
  }
  if (profile.count === 0) return err('EMPTY_SAMPLE', 'profile has no values');
  const s = profile.sketch;
  if (collapsed(s)) return err('NOT_COMPUTABLE', 'the sketch collapsed its lowest buckets');
  const cells = cellsOf(s);
  const occupied = occupiedCells(s);
  const startOf = (r: number) => cells.firstAtLeast(r, cells.lower(r));
  const after = (r: number) => cells.firstAtLeast(r + 1, cells.upper(r));
  const first = occupied[0].rank;
  const last = occupied[occupied.length - 1].rank;
  const edges: number[] = [startOf(first)];
  const push = (e: number) => {
    if (e > edges[edges.length - 1]) edges.push(e);
  };
  const maxDiscrete = options.maxDiscreteValues ?? 20;
  if (occupied.length === 1 && first === 0) {
    // Every value is the center: a one-double cell. Bins [c − d, c) and [c, c + d] on the
    // neighbouring cells' boundaries, d as edgesFromReference's constant column.
    const c = s.center;
    const d = Math.max(0.5, Math.abs(c) * 2 ** -40);
    return ok(Float64Array.of(startOf(cells.rank(c - d)), c, prevDouble(after(cells.rank(c + d)))));
  }
  if (bins === undefined && occupied.length <= maxDiscrete) {
    for (let i = 0; i + 1 < occupied.length; i++) {
      const a = occupied[i].rank;
      const b = occupied[i + 1].rank;
      const mid = midValue(s, a) / 2 + midValue(s, b) / 2;
      const r = cells.rank(mid);
      push(r <= a ? after(a) : r > b ? startOf(b) : startOf(r));
    }
  } else {
    const k = bins ?? Math.ceil(Math.log2(profile.count)) + 1;
    const lo = profile.min;
    const step = (profile.max - lo) / k;
    const lastStart = startOf(last);
    for (let i = 1; i < k; i++) {
      const t = lo + i * step;
      const r = cells.rank(t);
      const below = startOf(r);
      const above = after(r);
      const e = t - below <= above - t ? below : above;
      if (e <= lastStart) push(e);
    }
  }
  // The end of max's cell: values above it are in later cells (overflow), never in this one.
  let end = prevDouble(after(last));
  if (!(end > edges[edges.length - 1])) end = prevDouble(after(cells.rank(after(last))));
  edges.push(end);
  return ok(Float64Array.from(edges));
}

function midValue(s: QuantileSketch, r: number): number {
  if (r === 0) return s.center;
  return r > 0
    ? s.center + bucketValue(s.alpha, r - SIDE)
    : s.center - bucketValue(s.alpha, -r - SIDE);
}

/**
 * sketchHistogram counts the profile's values into bins on `edges` from its sketch alone. Exact
 * (equal to numpy.histogram of the raw values, with underflow and overflow) when every edge but
 * the last starts a sketch cell and the last ends one, as sketchEdges' edges do for any sketch
 * with the same α and center. Errors: NOT_COMPUTABLE when an edge cuts through a cell (the split
 * of that cell's values is unknown) or the sketch collapsed; INVALID_ARGUMENT for bad edges.
 * Example: edges from sketchEdges(baseline) on a window profile → the window's exact bin counts.
 */
export function sketchHistogram(
  profile: NumericProfile,
  edges: Float64Array,
): Result<FixedHistogram> {
  const s = profile.sketch;
  const n = edges.length;
  if (n < 2) return err('INVALID_ARGUMENT', 'a histogram needs >= 2 edges');
  if (collapsed(s)) return err('NOT_COMPUTABLE', 'the sketch collapsed its lowest buckets');
  const rank = cellRanker(s);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = edges[i];
    if (!Number.isFinite(e) || (i > 0 && !(e > edges[i - 1]))) {
      return err('INVALID_ARGUMENT', 'edges must be finite and strictly increasing');
    }
    ranks[i] = rank(e);
    const aligned = i < n - 1 ? rank(prevDouble(e)) < ranks[i] : rank(nextDouble(e)) > ranks[i];
    if (!aligned) {
      return err('NOT_COMPUTABLE', `edge ${i} (${e}) is not a boundary of this profile's sketch`);
    }
  }
  const counts = new Float64Array(n - 1);
  let underflow = 0;
  let overflow = 0;
  for (const cell of occupiedCells(s)) {
    if (cell.rank < ranks[0]) underflow += cell.count;
    else if (cell.rank > ranks[n - 1]) overflow += cell.count;
    else {
      // Largest bin b in [0, n − 2] whose first edge's cell is at or below this cell.
      let l = 0;
      let r = n - 2;
      while (l < r) {
        const m = (l + r + 1) >>> 1;
        if (ranks[m] <= cell.rank) l = m;
        else r = m - 1;
      }
      counts[l] += cell.count;
    }
  }
  return ok({ edges, counts, underflow, overflow });
}

/**
 * withSketchHistogram returns a copy of the profile whose histogram is sketchHistogram on
 * sketchEdges (any previous histogram is replaced): what a baseline merged from window profiles
 * needs for psi, kl_div, jensenshannon and chisquare. Errors: as sketchEdges.
 */
export function withSketchHistogram(
  profile: NumericProfile,
  options: SketchEdgesOptions = {},
): Result<NumericProfile> {
  const edges = sketchEdges(profile, options);
  if (!edges.ok) return edges;
  const h = sketchHistogram(profile, edges.value);
  if (!h.ok) return h;
  const out = cloneProfile(profile);
  out.histogram = h.value;
  return ok(out);
}

/**
 * alignProfile returns `p` laid out like `like`, so the two merge: `p` itself when they are
 * compatible; else, for numerical profiles that differ only in their histogram, a copy of `p`
 * whose histogram is counted from its sketch on like's edges (exact: see sketchHistogram), or
 * dropped when `like` has none. A window profiled before a baseline existed then merges with
 * those profiled after. Errors: INCOMPATIBLE_PROFILES (other parameters differ),
 * NOT_COMPUTABLE (like's edges are not boundaries of p's sketch).
 */
export function alignProfile<P extends ColumnProfile>(p: P, like: P): Result<P> {
  const c = checkCompatible(p, like);
  if (c.ok) return ok(p);
  if (p.kind !== 'numeric' || like.kind !== 'numeric') return c;
  const bare = cloneProfile(p as NumericProfile);
  bare.histogram = null;
  const target = cloneProfile(like as NumericProfile);
  target.histogram = null;
  if (!checkCompatible(bare, target).ok) return c;
  const edges = (like as NumericProfile).histogram?.edges;
  if (edges === undefined) return ok(bare as P);
  const h = sketchHistogram(p as NumericProfile, edges);
  if (!h.ok) return h;
  bare.histogram = h.value;
  return ok(bare as P);
}
