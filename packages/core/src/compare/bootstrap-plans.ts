import type { Rng } from '../random/index.js';
import { medianInPlace } from './select.js';

/** StatisticFn computes a statistic from one or two samples; see {@link bootstrapCI}. */
export type StatisticFn = (...samples: Float64Array[]) => number;

/**
 * Plan is how one statistic is resampled: `fill` writes B bootstrap replicates into theta and
 * returns false if the statistic ever is not finite; `jackknife` returns the leave-one-out
 * replicates of each sample (one array per independently resampled sample), for BCa.
 */
export interface Plan {
  readonly estimate: number;
  fill(rng: Rng, theta: Float64Array): boolean;
  jackknife(): Float64Array[];
}

function sum(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** meanPlan resamples the mean in O(n) per replicate; its jackknife is closed-form. */
export function meanPlan(x: Float64Array): Plan {
  const n = x.length;
  const total = sum(x);
  const idx = new Uint32Array(n);
  return {
    estimate: total / n,
    fill(rng, theta) {
      for (let r = 0; r < theta.length; r++) {
        rng.fillInt(idx, n);
        let s = 0;
        for (let i = 0; i < n; i++) s += x[idx[i]];
        theta[r] = s / n;
      }
      return true;
    },
    jackknife() {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = (total - x[i]) / (n - 1);
      return [out];
    },
  };
}

/**
 * medianPlan resamples the median by counting: with rank[i] the position of x[i] in sorted order,
 * a replicate's median is found by tallying the drawn ranks and walking the tallies to the middle,
 * O(n) integer work with no per-replicate partitioning. Its jackknife reads the sorted data.
 */
export function medianPlan(x: Float64Array): Plan {
  const n = x.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => x[i] - x[j]);
  const sorted = new Float64Array(n);
  const rank = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    sorted[p] = x[order[p]];
    rank[order[p]] = p;
  }
  const idx = new Uint32Array(n);
  const tally = new Uint32Array(n);
  const kLow = (n - 1) >> 1;
  const kHigh = n >> 1;
  return {
    estimate: medianInPlace(x.slice()),
    fill(rng, theta) {
      for (let r = 0; r < theta.length; r++) {
        rng.fillInt(idx, n);
        tally.fill(0);
        for (let i = 0; i < n; i++) tally[rank[idx[i]]]++;
        // Walk to the order statistics kLow and kHigh (equal for odd n) of the replicate.
        let below = 0;
        let j = 0;
        while (below + tally[j] <= kLow) below += tally[j++];
        const low = sorted[j];
        while (below + tally[j] <= kHigh) below += tally[j++];
        theta[r] = 0.5 * (low + sorted[j]);
      }
      return true;
    },
    jackknife() {
      // Dropping sorted[j] shifts later ranks down by one; the median of the n − 1 rest is O(1).
      const m = n - 1;
      const at = (k: number, j: number): number => (k < j ? sorted[k] : sorted[k + 1]);
      const out = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        out[j] = m % 2 === 1 ? at((m - 1) >> 1, j) : 0.5 * (at(m / 2 - 1, j) + at(m / 2, j));
      }
      return [out];
    },
  };
}

/** differenceOfMeansPlan resamples mean(a) − mean(b), pairs jointly when `paired`. */
export function differenceOfMeansPlan(a: Float64Array, b: Float64Array, paired: boolean): Plan {
  const na = a.length;
  const nb = b.length;
  const sa = sum(a);
  const sb = sum(b);
  const idxA = new Uint32Array(na);
  const idxB = paired ? idxA : new Uint32Array(nb);
  return {
    estimate: sa / na - sb / nb,
    fill(rng, theta) {
      for (let r = 0; r < theta.length; r++) {
        rng.fillInt(idxA, na);
        if (!paired) rng.fillInt(idxB, nb);
        let ta = 0;
        let tb = 0;
        for (let i = 0; i < na; i++) ta += a[idxA[i]];
        for (let i = 0; i < nb; i++) tb += b[idxB[i]];
        theta[r] = ta / na - tb / nb;
      }
      return true;
    },
    jackknife() {
      if (paired) {
        const out = new Float64Array(na);
        for (let i = 0; i < na; i++) out[i] = (sa - a[i]) / (na - 1) - (sb - b[i]) / (nb - 1);
        return [out];
      }
      const outA = new Float64Array(na);
      const outB = new Float64Array(nb);
      for (let i = 0; i < na; i++) outA[i] = (sa - a[i]) / (na - 1) - sb / nb;
      for (let i = 0; i < nb; i++) outB[i] = sa / na - (sb - b[i]) / (nb - 1);
      return [outA, outB];
    },
  };
}

/** leaveOneOut copies x without index skip into out (length x.length − 1). */
function leaveOneOut(x: Float64Array, skip: number, out: Float64Array): void {
  out.set(x.subarray(0, skip), 0);
  out.set(x.subarray(skip + 1), skip);
}

/** customOneSamplePlan calls fn on a reused buffer per replicate; jackknife costs n calls. */
export function customOneSamplePlan(x: Float64Array, fn: StatisticFn): Plan {
  const n = x.length;
  const buf = new Float64Array(n);
  const idx = new Uint32Array(n);
  return {
    estimate: fn(x.slice()),
    fill(rng, theta) {
      for (let r = 0; r < theta.length; r++) {
        rng.fillInt(idx, n);
        for (let i = 0; i < n; i++) buf[i] = x[idx[i]];
        const v = fn(buf);
        if (!Number.isFinite(v)) return false;
        theta[r] = v;
      }
      return true;
    },
    jackknife() {
      const loo = new Float64Array(n - 1);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        leaveOneOut(x, i, loo);
        out[i] = fn(loo);
      }
      return [out];
    },
  };
}

/** customTwoSamplePlan calls fn(a*, b*) per replicate, with joint indices when `paired`. */
export function customTwoSamplePlan(
  a: Float64Array,
  b: Float64Array,
  paired: boolean,
  fn: StatisticFn,
): Plan {
  const na = a.length;
  const nb = b.length;
  const bufA = new Float64Array(na);
  const bufB = new Float64Array(nb);
  const idxA = new Uint32Array(na);
  const idxB = paired ? idxA : new Uint32Array(nb);
  return {
    estimate: fn(a.slice(), b.slice()),
    fill(rng, theta) {
      for (let r = 0; r < theta.length; r++) {
        rng.fillInt(idxA, na);
        if (!paired) rng.fillInt(idxB, nb);
        for (let i = 0; i < na; i++) bufA[i] = a[idxA[i]];
        for (let i = 0; i < nb; i++) bufB[i] = b[idxB[i]];
        const v = fn(bufA, bufB);
        if (!Number.isFinite(v)) return false;
        theta[r] = v;
      }
      return true;
    },
    jackknife() {
      const looA = new Float64Array(na - 1);
      const looB = new Float64Array(nb - 1);
      if (paired) {
        const out = new Float64Array(na);
        for (let i = 0; i < na; i++) {
          leaveOneOut(a, i, looA);
          leaveOneOut(b, i, looB);
          out[i] = fn(looA, looB);
        }
        return [out];
      }
      const outA = new Float64Array(na);
      const outB = new Float64Array(nb);
      for (let i = 0; i < na; i++) {
        leaveOneOut(a, i, looA);
        outA[i] = fn(looA, b.slice());
      }
      for (let i = 0; i < nb; i++) {
        leaveOneOut(b, i, looB);
        outB[i] = fn(a.slice(), looB);
      }
      return [outA, outB];
    },
  };
}
