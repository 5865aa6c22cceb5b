import { requireFinite, requireInteger } from './options.js';
import type { StreamingDetector } from './types.js';

/** AdwinOptions configures an ADWIN detector; every default is river's `drift.ADWIN`. */
export interface AdwinOptions {
  /** delta: significance of the cut test; smaller means fewer false alarms. Default 0.002. */
  readonly delta?: number;
  /** clock: the window is checked for a cut every `clock` observations. Default 32. */
  readonly clock?: number;
  /** maxBuckets: buckets kept per size before two are merged (ADWIN2 compression). Default 5. */
  readonly maxBuckets?: number;
  /** minWindowLength: both sub-windows of a cut must hold at least this many values. Default 5. */
  readonly minWindowLength?: number;
  /** gracePeriod: no cut is tested until the window holds more than this many values. Default 10. */
  readonly gracePeriod?: number;
}

/** Row holds the buckets of one size (2^row values each), oldest first. */
interface Row {
  count: number;
  readonly totals: Float64Array;
  readonly variances: Float64Array;
}

/**
 * Adwin is ADWIN2, adaptive windowing (Bifet & Gavaldà 2007), step for step the algorithm of
 * river's `drift.ADWIN` (river ≥ 0.21, `adwin_c.pyx`).
 *
 * The window is stored as exponential-histogram buckets (at most `maxBuckets` + 1 of each size
 * 2^i) carrying each bucket's total and within-bucket sum of squared deviations. Every `clock`
 * steps, once the window is longer than `gracePeriod`, each bucket boundary splits it into an
 * older W₀ (n₀ values, mean μ₀) and a newer W₁ (n₁, μ₁); with σ² = window variance,
 * δ' = ln(2·ln(n)/δ) and 1/m = 1/(n₀ − L + 1) + 1/(n₁ − L + 1) (L = `minWindowLength`), the cut is
 * significant when |μ₀ − μ₁| > √(2·σ²·δ'/m) + (2/3)·δ'/m and n₀, n₁ ≥ L. Each significant cut drops
 * the oldest bucket and the scan restarts; the step reports a change if any cut was significant.
 * Like river, the whole window is discarded on the step after a detection.
 *
 * Edge cases: a constant stream never alarms (σ² = 0 and μ₀ = μ₁). Non-finite inputs are skipped.
 * Detections can only fall on steps that are multiples of `clock` since the last reset.
 *
 * Example: river's docstring stream (random.Random(12345): 1000 draws from {0, 1} then 1000 from
 * {4, …, 7}) is reported at index 1023 — the 32nd clock tick after the shift at 1000.
 */
export class Adwin implements StreamingDetector {
  readonly delta: number;
  readonly clock: number;
  readonly maxBuckets: number;
  readonly minWindowLength: number;
  readonly gracePeriod: number;
  #rows: Row[] = [];
  #width = 0;
  #total = 0;
  #variance = 0;
  #tick = 0;
  #detections = 0;
  #drift = false;
  #skipped = 0;

  constructor(options: AdwinOptions = {}) {
    const {
      delta = 0.002,
      clock = 32,
      maxBuckets = 5,
      minWindowLength = 5,
      gracePeriod = 10,
    } = options;
    requireFinite('delta', delta);
    if (delta <= 0 || delta >= 1) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
    requireInteger('clock', clock, 1);
    requireInteger('maxBuckets', maxBuckets, 2);
    requireInteger('minWindowLength', minWindowLength, 1);
    requireInteger('gracePeriod', gracePeriod, 0);
    this.delta = delta;
    this.clock = clock;
    this.maxBuckets = maxBuckets;
    this.minWindowLength = minWindowLength;
    this.gracePeriod = gracePeriod;
    this.reset();
  }

  /** update adds one observation to the window; true when the window was cut at this step. */
  update(x: number): boolean {
    if (this.#drift) this.reset();
    if (!Number.isFinite(x)) {
      this.#skipped++;
      return false;
    }
    this.#insert(x);
    this.#drift = this.#detect();
    if (this.#drift) this.#detections++;
    return this.#drift;
  }

  /** reset empties the window (the detection count is kept). */
  reset(): void {
    this.#rows = [this.#newRow()];
    this.#width = 0;
    this.#total = 0;
    this.#variance = 0;
    this.#tick = 0;
    this.#drift = false;
  }

  /** driftDetected is the value the last update returned. */
  get driftDetected(): boolean {
    return this.#drift;
  }

  /** count is the current window length (it shrinks when the window is cut). */
  get count(): number {
    return this.#width;
  }

  /** skipped is the number of non-finite observations ignored since creation. */
  get skipped(): number {
    return this.#skipped;
  }

  /** width is the current window length, river's `width`. */
  get width(): number {
    return this.#width;
  }

  /** total is the sum of the values in the window. */
  get total(): number {
    return this.#total;
  }

  /** variance is the window's sum of squared deviations from its mean (river's `variance`). */
  get variance(): number {
    return this.#variance;
  }

  /** estimation is the window mean, 0 for an empty window. */
  get estimation(): number {
    return this.#width === 0 ? 0 : this.#total / this.#width;
  }

  /** detections is the number of changes detected since creation. */
  get detections(): number {
    return this.#detections;
  }

  #newRow(): Row {
    const size = this.maxBuckets + 1;
    return { count: 0, totals: new Float64Array(size), variances: new Float64Array(size) };
  }

  #insert(value: number): void {
    const row0 = this.#rows[0];
    row0.totals[row0.count] = value;
    row0.variances[row0.count] = 0;
    row0.count++;
    this.#width++;
    if (this.#width > 1) {
      const d = value - this.#total / (this.#width - 1);
      this.#variance += ((this.#width - 1) * d * d) / this.#width;
    }
    this.#total += value;
    this.#compress();
  }

  // Merges the two oldest buckets of a full row into one bucket of the next size, cascading.
  #compress(): void {
    for (let idx = 0; idx < this.#rows.length; idx++) {
      const row = this.#rows[idx];
      if (row.count !== this.maxBuckets + 1) return;
      if (idx + 1 === this.#rows.length) this.#rows.push(this.#newRow());
      const next = this.#rows[idx + 1];
      const size = 2 ** idx;
      const d = row.totals[0] / size - row.totals[1] / size;
      next.totals[next.count] = row.totals[0] + row.totals[1];
      next.variances[next.count] = row.variances[0] + row.variances[1] + size * 0.5 * d * d;
      next.count++;
      shiftLeft(row, 2);
      if (next.count <= this.maxBuckets) return;
    }
  }

  #detect(): boolean {
    this.#tick++;
    if (this.#tick % this.clock !== 0 || this.#width <= this.gracePeriod) return false;
    let detected = false;
    let cut = true;
    while (cut) {
      cut = false;
      let n0 = 0;
      let n1 = this.#width;
      let u0 = 0;
      let u1 = this.#total;
      // Oldest buckets live in the highest rows; each row is oldest first.
      scan: for (let idx = this.#rows.length - 1; idx >= 0; idx--) {
        const row = this.#rows[idx];
        const size = 2 ** idx;
        for (let k = 0; k < row.count; k++) {
          n0 += size;
          n1 -= size;
          u0 += row.totals[k];
          u1 -= row.totals[k];
          if (idx === 0 && k === row.count - 1) break scan;
          if (
            n1 >= this.minWindowLength &&
            n0 >= this.minWindowLength &&
            this.#significant(n0, n1, u0 / n0 - u1 / n1)
          ) {
            cut = true;
            detected = true;
            if (this.#width > 0) this.#dropOldest();
            break scan;
          }
        }
      }
    }
    return detected;
  }

  #significant(n0: number, n1: number, deltaMean: number): boolean {
    const deltaPrime = Math.log((2 * Math.log(this.#width)) / this.delta);
    const mRecip = 1 / (n0 - this.minWindowLength + 1) + 1 / (n1 - this.minWindowLength + 1);
    const epsilon =
      Math.sqrt(2 * mRecip * (this.#variance / this.#width) * deltaPrime) +
      (2 / 3) * deltaPrime * mRecip;
    return Math.abs(deltaMean) > epsilon;
  }

  #dropOldest(): void {
    const last = this.#rows.length - 1;
    const row = this.#rows[last];
    const n = 2 ** last;
    const u = row.totals[0];
    const mu = u / n;
    const v = row.variances[0];
    this.#width -= n;
    this.#total -= u;
    const muWindow = this.#total / this.#width;
    this.#variance -= v + (n * this.#width * (mu - muWindow) * (mu - muWindow)) / (n + this.#width);
    shiftLeft(row, 1);
    if (row.count === 0) this.#rows.pop();
  }
}

function shiftLeft(row: Row, by: number): void {
  row.totals.copyWithin(0, by, row.count);
  row.variances.copyWithin(0, by, row.count);
  row.count -= by;
}

/** createAdwin builds an Adwin detector; it throws a RangeError on invalid options. */
export function createAdwin(options: AdwinOptions = {}): Adwin {
  return new Adwin(options);
}
