import type { Rng } from './rng.js';

/**
 * shuffleInPlace permutes `a` uniformly at random in place (Fisher-Yates, Durstenfeld's version):
 * for i from n-1 down to 1, swap a[i] with a[j], j uniform in [0, i]. Example: with a fixed seed the
 * same input always gives the same permutation.
 */
export function shuffleInPlace(rng: Rng, a: Int32Array | Uint32Array | Float64Array): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
