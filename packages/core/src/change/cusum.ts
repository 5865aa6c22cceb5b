import { requireFinite, requireInteger, requireMode } from './options.js';
import type { DetectorMode, StreamingDetector } from './types.js';

/** CusumOptions configures a tabular CUSUM detector; every default is river's `drift.CUSUM`. */
export interface CusumOptions {
  /** minInstances: warm-up length; the reference mean and σ are estimated on it. Default 30. */
  readonly minInstances?: number;
  /** slack: k as a multiple of the warm-up standard deviation. Default 0.5. */
  readonly slack?: number;
  /** threshold: decision interval h as a multiple of the warm-up standard deviation. Default 5. */
  readonly threshold?: number;
  /** mode: report increases ('up'), decreases ('down') or both. Default 'both'. */
  readonly mode?: DetectorMode;
}

/**
 * Cusum is the two-sided tabular CUSUM control chart (Page 1954) with a reference frozen after a
 * warm-up, step for step the algorithm of river's `drift.CUSUM`.
 *
 * The first `minInstances` observations give the reference μ₀ (mean) and σ (sample standard
 * deviation, n − 1 denominator), frozen on the step that completes the warm-up. From that step on,
 * with k = slack·σ and h = threshold·σ: S⁺_t = max(0, S⁺_{t−1} + (x_t − μ₀) − k),
 * S⁻_t = max(0, S⁻_{t−1} − (x_t − μ₀) − k), and a change is reported when S⁺_t > h (increase)
 * or S⁻_t > h (decrease). The sums start at 0 on the step that freezes the reference, which is
 * itself accumulated. On the step after a detection everything resets, warm-up included.
 *
 * Edge cases: a constant warm-up gives σ = 0, so k = h = 0 and the first observation that differs
 * from μ₀ in the monitored direction alarms; a constant stream never alarms. Non-finite inputs
 * are skipped.
 *
 * Example: 30 values alternating 1, 0, 1, …, 0 (μ₀ = 0.5, σ = 0.5085, k = 0.2543, h = 2.5427) then
 * a step to 2: S⁺ = 1.2457, 2.4915, 3.7372 on the new level, so the change is reported at its
 * third value (index 32).
 */
export class Cusum implements StreamingDetector {
  readonly minInstances: number;
  readonly slack: number;
  readonly threshold: number;
  readonly mode: DetectorMode;
  #n = 0;
  #mean = 0;
  #var = 0;
  #frozen = false;
  #reference = 0;
  #sigma = 0;
  #sumIncrease = 0;
  #sumDecrease = 0;
  #drift = false;
  #skipped = 0;

  constructor(options: CusumOptions = {}) {
    const { minInstances = 30, slack = 0.5, threshold = 5, mode = 'both' } = options;
    requireInteger('minInstances', minInstances, 1);
    requireFinite('slack', slack);
    if (slack < 0) throw new RangeError(`slack must be >= 0, got ${slack}`);
    requireFinite('threshold', threshold);
    if (threshold <= 0) throw new RangeError(`threshold must be > 0, got ${threshold}`);
    requireMode(mode);
    this.minInstances = minInstances;
    this.slack = slack;
    this.threshold = threshold;
    this.mode = mode;
  }

  /** update feeds one observation; true when a change in the mean is detected at this step. */
  update(x: number): boolean {
    if (this.#drift) this.reset();
    if (!Number.isFinite(x)) {
      this.#skipped++;
      return false;
    }
    this.#n++;
    // Welford's update in river's stats.Var form: the sample variance itself is carried, so the
    // frozen σ rounds exactly as river's does.
    const before = this.#mean;
    this.#mean += (x - before) / this.#n;
    if (this.#n > 1) this.#var += ((x - before) * (x - this.#mean) - this.#var) / (this.#n - 1);
    if (this.#n < this.minInstances) return false;
    if (!this.#frozen) {
      // The reference is frozen once: a running mean would chase the very shift being detected.
      this.#frozen = true;
      this.#reference = this.#mean;
      this.#sigma = Math.sqrt(Math.max(this.#var, 0));
    }
    const k = this.slack * this.#sigma;
    const limit = this.threshold * this.#sigma;
    const deviation = x - this.#reference;
    this.#sumIncrease = Math.max(0, this.#sumIncrease + deviation - k);
    this.#sumDecrease = Math.max(0, this.#sumDecrease - deviation - k);
    const up = this.#sumIncrease > limit;
    const down = this.#sumDecrease > limit;
    this.#drift = this.mode === 'up' ? up : this.mode === 'down' ? down : up || down;
    return this.#drift;
  }

  /** reset forgets the reference, the warm-up statistics and both sums. */
  reset(): void {
    this.#n = 0;
    this.#mean = 0;
    this.#var = 0;
    this.#frozen = false;
    this.#reference = 0;
    this.#sigma = 0;
    this.#sumIncrease = 0;
    this.#sumDecrease = 0;
    this.#drift = false;
  }

  /** driftDetected is the value the last update returned. */
  get driftDetected(): boolean {
    return this.#drift;
  }

  /** count is the number of finite observations since the last reset. */
  get count(): number {
    return this.#n;
  }

  /** skipped is the number of non-finite observations ignored since creation. */
  get skipped(): number {
    return this.#skipped;
  }

  /** reference is the frozen warm-up mean μ₀, or null during the warm-up. */
  get reference(): number | null {
    return this.#frozen ? this.#reference : null;
  }

  /** sigma is the frozen warm-up standard deviation, or null during the warm-up. */
  get sigma(): number | null {
    return this.#frozen ? this.#sigma : null;
  }

  /** increaseSum is S⁺_t, the upper cumulative sum. */
  get increaseSum(): number {
    return this.#sumIncrease;
  }

  /** decreaseSum is S⁻_t, the lower cumulative sum. */
  get decreaseSum(): number {
    return this.#sumDecrease;
  }
}

/** createCusum builds a Cusum detector; it throws a RangeError on invalid options. */
export function createCusum(options: CusumOptions = {}): Cusum {
  return new Cusum(options);
}
