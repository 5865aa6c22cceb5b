// Per-variant canary statistics and the samples (n, mean, variance) each guard metric tests.
import type { GuardMetric } from '@vigil/contracts';

/** RunningSum is a count with the sum and the sum of squares of its values. */
export interface RunningSum {
  readonly count: number;
  readonly sum: number;
  readonly sumSquares: number;
}

/** VariantStats are one variant's counts over the canary's window, as the store computes them. */
export interface VariantStats {
  readonly variant: string;
  /** Prediction events recorded with this variant. */
  readonly predictions: number;
  /** Of those, the ones with a non-null `error`. */
  readonly errors: number;
  /** Latency of the predictions that report one, ms. */
  readonly latencyMs: RunningSum;
  /** Predictions with a label, and of those the ones whose label equals the prediction. */
  readonly labelled: number;
  readonly correct: number;
  /**
   * Business outcomes joined to the predictions by id, by name: `count` predictions that have at
   * least one, `sum` and `sumSquares` over the per-prediction totals (a prediction without the
   * outcome counts as 0 when the mean is taken over all predictions).
   */
  readonly outcomes: Readonly<Record<string, RunningSum>>;
}

/** MetricSample is what one guard compares: observations, mean and per-observation variance. */
export interface MetricSample {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

/** emptyVariantStats returns the stats of a variant with no events. */
export function emptyVariantStats(variant: string): VariantStats {
  return {
    variant,
    predictions: 0,
    errors: 0,
    latencyMs: { count: 0, sum: 0, sumSquares: 0 },
    labelled: 0,
    correct: 0,
    outcomes: {},
  };
}

/** guardKey names a guard in reports and in the stored sequential state: `outcome:<name>` or the metric. */
export function guardKey(g: Pick<GuardMetric, 'metric' | 'outcome'>): string {
  return g.metric === 'outcome' ? `outcome:${g.outcome}` : g.metric;
}

/** guardDirection is the guard's direction, defaulting by metric (accuracy higher, others lower). */
export function guardDirection(g: GuardMetric): 'higher_is_better' | 'lower_is_better' {
  return g.direction ?? (g.metric === 'accuracy' ? 'higher_is_better' : 'lower_is_better');
}

const bernoulli = (successes: number, n: number): MetricSample | null => {
  if (n <= 0) return null;
  const p = successes / n;
  return { n, mean: p, variance: p * (1 - p) };
};

// Sample variance from running sums, floored at 0 against cancellation.
const fromSums = (n: number, sum: number, sumSquares: number): MetricSample | null => {
  if (n <= 0) return null;
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
};

/**
 * metricSample is one variant's sample for a guard, or null without observations:
 * accuracy = correct / labelled and error_rate = errors / predictions, both with the Bernoulli
 * variance p(1 − p) (as proportionsSummary); latency_ms the mean and sample variance of reported
 * latencies; an outcome the mean and sample variance of per-prediction totals over all predictions.
 * Example: 1000 predictions, 20 errors → error_rate n 1000, mean 0.02, variance 0.0196.
 */
export function metricSample(stats: VariantStats, g: GuardMetric): MetricSample | null {
  switch (g.metric) {
    case 'accuracy':
      return bernoulli(stats.correct, stats.labelled);
    case 'error_rate':
      return bernoulli(stats.errors, stats.predictions);
    case 'latency_ms':
      return fromSums(stats.latencyMs.count, stats.latencyMs.sum, stats.latencyMs.sumSquares);
    case 'outcome': {
      const o = stats.outcomes[g.outcome ?? ''] ?? { count: 0, sum: 0, sumSquares: 0 };
      return fromSums(stats.predictions, o.sum, o.sumSquares);
    }
  }
}
