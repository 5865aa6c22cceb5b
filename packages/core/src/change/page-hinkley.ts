import { requireFinite, requireInteger, requireMode } from './options.js';
import type { DetectorMode, StreamingDetector } from './types.js';

/** PageHinkleyOptions configures a Page-Hinkley detector; every default is river's. */
export interface PageHinkleyOptions {
  /** minInstances: observations needed (since the last reset) before a change can be reported. Default 30. */
  readonly minInstances?: number;
  /** delta: magnitude of change tolerated per step, in the data's unit. Default 0.005. */
  readonly delta?: number;
  /** threshold: λ, the alarm level of the cumulative statistic, in data unit × steps. Default 50. */
  readonly threshold?: number;
  /** alpha: forgetting factor applied to the cumulative sums each step. Default 1 - 0.0001. */
  readonly alpha?: number;
  /** mode: report increases ('up'), decreases ('down') or both. Default 'both'. */
  readonly mode?: DetectorMode;
}

/**
 * PageHinkley is the two-sided Page-Hinkley test for a change in the mean of a stream, step for
 * step the algorithm of river's `drift.PageHinkley` (river ≥ 0.15, with `mode`).
 *
 * With x̄_t the running mean of the observations since the last reset (x_t included):
 * U_t = α·U_{t−1} + (x_t − x̄_t) − δ, m_t = min_{i≤t} U_i, and an increase is reported when
 * U_t − m_t > λ; symmetrically L_t = α·L_{t−1} + (x_t − x̄_t) + δ, M_t = max_{i≤t} L_i, and a
 * decrease is reported when M_t − L_t > λ. Nothing is reported before `minInstances` observations.
 * The test is strict (`>`), as in river. On the step after a detection every sum is reset.
 *
 * Edge cases: a constant stream never alarms (x_t − x̄_t = 0, so U falls monotonically and
 * U_t − m_t = 0). Non-finite inputs are skipped (see StreamingDetector). river starts M at −1
 * instead of −∞; the first L is +δ ≥ 0, so the two agree for every valid δ ≥ 0.
 *
 * Example: 100 zeros then a step to 10 with λ = 50, δ = 0.005, α = 1 − 1e-4 is reported at
 * index 105, the sixth value of the new level (see page-hinkley.test.ts for the hand computation).
 */
export class PageHinkley implements StreamingDetector {
  readonly minInstances: number;
  readonly delta: number;
  readonly threshold: number;
  readonly alpha: number;
  readonly mode: DetectorMode;
  #n = 0;
  #mean = 0;
  #sumIncrease = 0;
  #sumDecrease = 0;
  #minIncrease = Number.POSITIVE_INFINITY;
  #maxDecrease = Number.NEGATIVE_INFINITY;
  #drift = false;
  #skipped = 0;

  constructor(options: PageHinkleyOptions = {}) {
    const {
      minInstances = 30,
      delta = 0.005,
      threshold = 50,
      alpha = 1 - 0.0001,
      mode = 'both',
    } = options;
    requireInteger('minInstances', minInstances, 1);
    requireFinite('delta', delta);
    if (delta < 0) throw new RangeError(`delta must be >= 0, got ${delta}`);
    requireFinite('threshold', threshold);
    requireFinite('alpha', alpha);
    if (alpha <= 0 || alpha > 1) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
    requireMode(mode);
    this.minInstances = minInstances;
    this.delta = delta;
    this.threshold = threshold;
    this.alpha = alpha;
    this.mode = mode;
  }

  /** update feeds one observation; true when a change in the mean is detected at this step. */
  update(x: number): boolean {
    // The reset owed to a detection happens on the next call, whether or not x is usable.
    if (this.#drift) this.reset();
    if (!Number.isFinite(x)) {
      this.#skipped++;
      return false;
    }
    this.#n++;
    this.#mean += (x - this.#mean) / this.#n;
    const dev = x - this.#mean;
    this.#sumIncrease = this.alpha * this.#sumIncrease + dev - this.delta;
    this.#sumDecrease = this.alpha * this.#sumDecrease + dev + this.delta;
    if (this.#sumIncrease < this.#minIncrease) this.#minIncrease = this.#sumIncrease;
    if (this.#sumDecrease > this.#maxDecrease) this.#maxDecrease = this.#sumDecrease;
    if (this.#n >= this.minInstances) {
      const up = this.#sumIncrease - this.#minIncrease > this.threshold;
      const down = this.#maxDecrease - this.#sumDecrease > this.threshold;
      this.#drift = this.mode === 'up' ? up : this.mode === 'down' ? down : up || down;
    }
    return this.#drift;
  }

  /** reset forgets the running mean and both cumulative sums. */
  reset(): void {
    this.#n = 0;
    this.#mean = 0;
    this.#sumIncrease = 0;
    this.#sumDecrease = 0;
    this.#minIncrease = Number.POSITIVE_INFINITY;
    this.#maxDecrease = Number.NEGATIVE_INFINITY;
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

  /** mean is the running mean x̄_t since the last reset (0 before any observation). */
  get mean(): number {
    return this.#mean;
  }

  /** increaseStatistic is U_t − m_t, compared with `threshold` to report an increase. */
  get increaseStatistic(): number {
    return this.#n === 0 ? 0 : this.#sumIncrease - this.#minIncrease;
  }

  /** decreaseStatistic is M_t − L_t, compared with `threshold` to report a decrease. */
  get decreaseStatistic(): number {
    return this.#n === 0 ? 0 : this.#maxDecrease - this.#sumDecrease;
  }
}

/** createPageHinkley builds a PageHinkley detector; it throws a RangeError on invalid options. */
export function createPageHinkley(options: PageHinkleyOptions = {}): PageHinkley {
  return new PageHinkley(options);
}
