// Least-squares fits of the two change models over prefix sums. Internal to locate-change.ts.

/** StepFit is the best single mean shift: values [0, tau) at one level, [tau, n) at another. */
export interface StepFit {
  readonly rss: number;
  readonly tau: number;
}

/** RampFit is the best ramp: level a up to index s, linear to level a + c at index e, then flat. */
export interface RampFit {
  readonly rss: number;
  readonly s: number;
  readonly e: number;
  readonly a: number;
  readonly c: number;
}

/** PrefixSums holds S[i] = Σ_{t<i} y_t, Q[i] = Σ_{t<i} y_t² and T[i] = Σ_{t<i} t·y_t. */
export interface PrefixSums {
  readonly s: Float64Array;
  readonly q: Float64Array;
  readonly t: Float64Array;
}

/** prefixSums builds the three cumulative sums of `y` in one pass. */
export function prefixSums(y: Float64Array): PrefixSums {
  const n = y.length;
  const s = new Float64Array(n + 1);
  const q = new Float64Array(n + 1);
  const t = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    s[i + 1] = s[i] + v;
    q[i + 1] = q[i] + v * v;
    t[i + 1] = t[i] + i * v;
  }
  return { s, q, t };
}

/**
 * fitStep scans every split tau with at least `minSeg` values on each side and returns the one of
 * least residual sum of squares, RSS(tau) = Q − S_left²/tau − S_right²/(n − tau). O(n).
 */
export function fitStep(p: PrefixSums, n: number, minSeg: number): StepFit {
  const total = p.s[n];
  const q = p.q[n];
  let best = Number.POSITIVE_INFINITY;
  let bestTau = minSeg;
  for (let tau = minSeg; tau <= n - minSeg; tau++) {
    const left = p.s[tau];
    const right = total - left;
    const rss = q - (left * left) / tau - (right * right) / (n - tau);
    if (rss < best) {
      best = rss;
      bestTau = tau;
    }
  }
  return { rss: Math.max(best, 0), tau: bestTau };
}

/**
 * rampRss fits y_t = a + c·g_t with g_t = 0 for t ≤ s, (t − s)/(e − s) for s < t < e and 1 for
 * t ≥ e by ordinary least squares, in O(1) from the prefix sums. Writes [rss, a, c] into `out`.
 */
function rampRss(p: PrefixSums, n: number, s: number, e: number, out: Float64Array): void {
  const len = e - s;
  const after = n - e;
  // Σg and Σg² over the ramp interior j = t − s = 1 … len − 1, closed forms of Σj and Σj².
  const sumG = (len - 1) / 2 + after;
  const sumG2 = ((len - 1) * (2 * len - 1)) / (6 * len) + after;
  const yMid = p.s[e] - p.s[s + 1];
  const tyMid = p.t[e] - p.t[s + 1];
  const sumGY = (tyMid - s * yMid) / len + (p.s[n] - p.s[e]);
  const sumY = p.s[n];
  const sgg = sumG2 - (sumG * sumG) / n;
  const sgy = sumGY - (sumG * sumY) / n;
  const c = sgy / sgg;
  out[0] = p.q[n] - (sumY * sumY) / n - c * sgy;
  out[1] = (sumY - c * sumG) / n;
  out[2] = c;
}

/**
 * fitRamp searches ramp start s ≥ minSeg − 1 (so at least minSeg values precede the ramp) and end
 * e in [s + 2, n − 1] (at least one interior point, so a ramp is never a disguised step). Exact
 * O(n²) search up to `maxExact` values; beyond, a grid of stride ⌈n / maxExact⌉ then an exhaustive
 * refinement within one stride of the grid optimum.
 */
export function fitRamp(
  p: PrefixSums,
  n: number,
  minSeg: number,
  maxExact: number,
): RampFit | null {
  const sMin = minSeg - 1;
  const sMax = n - 3;
  if (sMax < sMin) return null;
  const stride = n <= maxExact ? 1 : Math.ceil(n / maxExact);
  const best = { rss: Number.POSITIVE_INFINITY, s: -1, e: -1, a: 0, c: 0 };
  scanRamp(p, n, best, [sMin, sMax, sMin + 2, n - 1], stride);
  if (stride > 1) {
    const { s, e } = best;
    const box = [
      Math.max(sMin, s - stride),
      Math.min(sMax, s + stride),
      Math.max(sMin + 2, e - stride),
      Math.min(n - 1, e + stride),
    ] as const;
    scanRamp(p, n, best, box, 1);
  }
  return best.s < 0 ? null : { ...best, rss: Math.max(best.rss, 0) };
}

function scanRamp(
  p: PrefixSums,
  n: number,
  best: { rss: number; s: number; e: number; a: number; c: number },
  [s0, s1, e0, e1]: readonly [number, number, number, number],
  step: number,
): void {
  const out = new Float64Array(3);
  for (let s = s0; s <= s1; s += step) {
    for (let e = Math.max(s + 2, e0); e <= e1; e += step) {
      rampRss(p, n, s, e, out);
      if (out[0] < best.rss) {
        best.rss = out[0];
        best.s = s;
        best.e = e;
        best.a = out[1];
        best.c = out[2];
      }
    }
  }
}
