/**
 * Rng is a seedable stream of pseudo-random numbers. Two generators created with the same seed
 * return the same sequence on every platform (only 32-bit integer arithmetic is used), so a
 * bootstrap interval or a simulation is reproducible from its seed.
 */
export interface Rng {
  /** next returns a uniform double in [0, 1) built from 53 random bits. */
  next(): number;
  /** uint32 returns a uniform integer in [0, 2^32). */
  uint32(): number;
  /**
   * int returns a uniform integer in [0, n) for an integer 1 ≤ n ≤ 2^53, without modulo bias
   * (rejection sampling). Throws a RangeError for any other n: that is a caller bug.
   */
  int(n: number): number;
  /**
   * fillInt fills `out` with uniform integers in [0, n), 1 ≤ n ≤ 2^32: the same values, in the same
   * order, as `out.length` calls of `int(n)`, several times faster (bootstrap index draws).
   */
  fillInt(out: Uint32Array, n: number): void;
  /** normal returns a standard normal deviate (Marsaglia's polar method, second deviate cached). */
  normal(): number;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const TWO_POW_26 = 67108864;
// Below 2^21, u32 · n < 2^53 is exact in a double, so Lemire's multiply-shift works without BigInt.
const LEMIRE_LIMIT = 2097152;

/** mix32 is a bijective 32-bit finaliser (hash-prospector's lowbias32), used only for seeding. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
}

class Xoshiro128StarStar implements Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spare = 0;
  #hasSpare = false;

  constructor(seed: number) {
    // Split the 64-bit two's-complement seed into halves. s0 is a bijection of lo and s1 of hi
    // given s0, so distinct safe-integer seeds give distinct states; s2 and s3 mix both halves so
    // that seeds differing only in high bits differ from the first output on.
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    this.#s0 = mix32((lo + 0x9e3779b9) >>> 0);
    this.#s1 = mix32((hi + this.#s0 + 0x3c6ef372) >>> 0);
    this.#s2 = mix32(((this.#s1 ^ lo) + 0xdaa66d2b) >>> 0);
    this.#s3 = mix32(((this.#s2 ^ hi) + 0x78dde6e4) >>> 0);
    // xoshiro must not start from the all-zero state (it would stay there).
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s3 = 1;
  }

  uint32(): number {
    // xoshiro128** 1.1 (Blackman & Vigna 2018): result = rotl(s1 · 5, 7) · 9.
    const s1 = this.#s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= s1;
    this.#s1 = s1 ^ this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = (this.#s3 << 11) | (this.#s3 >>> 21);
    return result;
  }

  next(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= TWO_POW_53)) {
      throw new RangeError(`Rng.int: n must be an integer in [1, 2^53], got ${n}`);
    }
    if (n < LEMIRE_LIMIT) {
      // Lemire (2019) nearly-divisionless: reject the low products that would bias small values.
      // Math.imul gives the low 32 bits of u · n exactly; the high part is then an exact division.
      let u = this.uint32();
      let low = Math.imul(u, n) >>> 0;
      if (low < n) {
        const threshold = (TWO_POW_32 - n) % n;
        while (low < threshold) {
          u = this.uint32();
          low = Math.imul(u, n) >>> 0;
        }
      }
      return (u * n - low) / TWO_POW_32;
    }
    if (n <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let r = this.uint32();
      while (r >= limit) r = this.uint32();
      return r % n;
    }
    // 53-bit draws: reject the top partial block so that every residue is equally likely.
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    let r = this.next() * TWO_POW_53;
    while (r >= limit) r = this.next() * TWO_POW_53;
    return r % n;
  }

  fillInt(out: Uint32Array, n: number): void {
    if (!(Number.isInteger(n) && n >= 1 && n <= TWO_POW_32)) {
      throw new RangeError(`Rng.fillInt: n must be an integer in [1, 2^32], got ${n}`);
    }
    if (n >= LEMIRE_LIMIT) {
      for (let i = 0; i < out.length; i++) out[i] = this.int(n);
      return;
    }
    // The generator inlined on local state: private-field traffic dominates otherwise. Rejecting
    // exactly when low < (2^32 − n) mod n accepts the same draws as int(n).
    const threshold = (TWO_POW_32 - n) % n;
    let s0 = this.#s0;
    let s1 = this.#s1;
    let s2 = this.#s2;
    let s3 = this.#s3;
    for (let i = 0; i < out.length; i++) {
      let u: number;
      let low: number;
      do {
        const x = Math.imul(s1, 5);
        u = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        low = Math.imul(u, n) >>> 0;
      } while (low < threshold);
      out[i] = (u * n - low) / TWO_POW_32;
    }
    this.#s0 = s0;
    this.#s1 = s1;
    this.#s2 = s2;
    this.#s3 = s3;
  }

  normal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spare = v * factor;
    this.#hasSpare = true;
    return u * factor;
  }
}

/**
 * createRng returns a seeded xoshiro128** generator (Blackman & Vigna 2018; period 2^128 − 1).
 *
 * The seed must be a safe integer (negative allowed); its 64-bit two's-complement halves are
 * expanded into the 128-bit state through a bijective mixer, so distinct seeds give distinct
 * streams. `next()` uses 53 bits (two outputs), `int(n)` is unbiased, `normal()` uses the polar
 * method. The stream differs from numpy's: seeds are not interchangeable with Python.
 * Edge-case policy: a seed that is not a safe integer is a programming error and throws a RangeError.
 * Example: `createRng(42).int(6)` returns the same die roll on every run and platform.
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`createRng: seed must be a safe integer, got ${seed}`);
  }
  return new Xoshiro128StarStar(seed);
}
