/**
 * DEFAULT_DRIFT_SEED seeds the permutation tests (TVD, empirical_mmd) when no seed is given, so
 * that the same data always gives the same p-value.
 */
export const DEFAULT_DRIFT_SEED = 20240601;

const TWO_POW_32 = 4294967296;

/**
 * DriftRng is xoshiro128** (Blackman & Vigna), a small seedable generator with 32-bit integer
 * arithmetic only, so a seed gives the same stream on every platform. It is not numpy's Mersenne
 * Twister: permutation p-values cannot equal Evidently's bit for bit (they are Monte Carlo
 * estimates either way).
 */
export class DriftRng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  constructor(seed: number) {
    // SplitMix32-style expansion of the seed into four non-zero state words.
    let x = (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next() | 1;
  }

  /** uint32 returns a uniform integer in [0, 2^32). */
  uint32(): number {
    const s1 = this.#s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = (this.#s3 << 11) | (this.#s3 >>> 21);
    return result;
  }

  /** double returns a uniform number in [0, 1) with 53 random bits. */
  double(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** below returns a uniform integer in [0, n) for 1 <= n <= 2^32 (rejection, no modulo bias). */
  below(n: number): number {
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let r = this.uint32();
    while (r >= limit) r = this.uint32();
    return r % n;
  }

  /** shuffle permutes `a` uniformly in place (Fisher-Yates). */
  shuffle(a: Int32Array): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
