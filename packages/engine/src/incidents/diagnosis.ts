// Diagnosis: which features drifted (ranked by effect size), when the degradation began (the
// core's change-point locator on the metric series), whether it was sudden or gradual, and which
// segments suffer most.
import { locateChange } from '@vigil/core';

/** DriftObservation is one per-feature drift check, read from a monitor's evaluation points. */
export interface DriftObservation {
  readonly monitor: string;
  readonly feature: string;
  /** The drift method (psi, ks, wasserstein, …). */
  readonly method: string;
  readonly value: number;
  readonly threshold: number;
  /** 'above' for distances (drift when value >= threshold), 'below' for p-values. */
  readonly direction: 'above' | 'below';
  readonly breach: boolean;
  readonly timeMs: number;
}

/** DriftedFeature is a feature in the diagnosis, with its effect size. */
export interface DriftedFeature {
  readonly feature: string;
  readonly monitor: string;
  readonly method: string;
  readonly value: number;
  readonly threshold: number;
  /** Effect relative to the alert level: 1 at the threshold, 2 twice as far past it. */
  readonly effect: number;
  readonly timeMs: number;
}

// p-values below this are treated as this (a KS p of 1e-300 and 0 say the same thing).
const P_FLOOR = 1e-300;

/**
 * effectSize puts every drift check on one scale: value / threshold for distances (PSI 0.4 at
 * threshold 0.2 → 2), and log(p) / log(threshold) for p-value tests (p 1e-6 at 0.01 → 3), so PSI,
 * Wasserstein and KS findings rank together. 0 when the threshold is not positive.
 */
export function effectSize(o: Pick<DriftObservation, 'value' | 'threshold' | 'direction'>): number {
  if (!(o.threshold > 0)) return 0;
  if (o.direction === 'above') return o.value / o.threshold;
  if (o.threshold >= 1) return 0;
  return Math.log(Math.max(o.value, P_FLOOR)) / Math.log(o.threshold);
}

/**
 * rankDriftedFeatures keeps the features whose latest check breached and sorts them by effect
 * size, largest first (ties by name). Observations of one feature from several monitors count
 * once, the strongest. Example: PSI 0.6 on `distance` and 0.25 on `delay` (threshold 0.2) →
 * distance (3), delay (1.25).
 */
export function rankDriftedFeatures(obs: readonly DriftObservation[]): DriftedFeature[] {
  const latest = new Map<string, DriftObservation>();
  for (const o of obs) {
    const key = `${o.monitor}\0${o.feature}`;
    const cur = latest.get(key);
    if (cur === undefined || o.timeMs >= cur.timeMs) latest.set(key, o);
  }
  const best = new Map<string, DriftedFeature>();
  for (const o of latest.values()) {
    if (!o.breach) continue;
    const f: DriftedFeature = {
      feature: o.feature,
      monitor: o.monitor,
      method: o.method,
      value: o.value,
      threshold: o.threshold,
      effect: effectSize(o),
      timeMs: o.timeMs,
    };
    const cur = best.get(o.feature);
    if (cur === undefined || f.effect > cur.effect) best.set(o.feature, f);
  }
  return [...best.values()].sort((a, b) => b.effect - a.effect || (a.feature < b.feature ? -1 : 1));
}

/** MetricPoint is one value of a metric series at a time. */
export interface MetricPoint {
  readonly timeMs: number;
  readonly value: number;
}

/** Onset is when degradation began and how. */
export interface Onset {
  /** Estimated start of the degradation (epoch ms). */
  readonly onsetMs: number;
  /** sudden or gradual from the change-point locator; 'unknown' when it found no change. */
  readonly kind: 'sudden' | 'gradual' | 'unknown';
  /** For a gradual change, when the new level was reached; else equal to onsetMs. */
  readonly endMs: number;
  /** Levels before and after (null when unknown). */
  readonly before: number | null;
  readonly after: number | null;
  /** The locator's confidence that a change occurred, in [0, 1]; 0 for the fallback. */
  readonly confidence: number;
  /** How the onset was found: 'change-point' or the fallback 'first-breach'. */
  readonly method: 'change-point' | 'first-breach';
}

/**
 * locateOnset estimates when a metric series (e.g. a monitor's headline value per evaluation)
 * changed level, with the core's locateChange (BIC over no change, a step and a ramp). When the
 * series is too short (< 8 points) or shows no change, it falls back to `firstBreachMs` (the first
 * evaluation in breach), kind 'unknown'. Points are sorted by time first; non-finite values are
 * dropped (the locator needs a finite series).
 * Example: ten values 0.05 then ten 0.4, hourly → sudden at the 11th hour.
 */
export function locateOnset(series: readonly MetricPoint[], firstBreachMs: number): Onset {
  const pts = series.filter((p) => Number.isFinite(p.value)).sort((a, b) => a.timeMs - b.timeMs);
  const fallback: Onset = {
    onsetMs: firstBreachMs,
    kind: 'unknown',
    endMs: firstBreachMs,
    before: null,
    after: null,
    confidence: 0,
    method: 'first-breach',
  };
  const r = locateChange(pts.map((p) => p.value));
  if (!r.ok || r.value.change === null) return fallback;
  const c = r.value.change;
  const onsetMs = pts[c.start].timeMs;
  // A change located after the first breach contradicts the monitors: keep the earlier time.
  if (onsetMs > firstBreachMs) return { ...fallback, kind: c.kind, confidence: r.value.confidence };
  return {
    onsetMs,
    kind: c.kind,
    endMs: pts[Math.min(c.end, pts.length - 1)].timeMs,
    before: c.before,
    after: c.after,
    confidence: r.value.confidence,
    method: 'change-point',
  };
}

/** LabelledRow is one scored request with its ground truth and the segments it belongs to. */
export interface LabelledRow {
  readonly correct: boolean;
  /** Segment keys and values, e.g. { origin: 'SFO', model_version: '3' }. */
  readonly segments: Readonly<Record<string, string>>;
}

/** SegmentImpact is one segment's error rate against the overall one. */
export interface SegmentImpact {
  readonly key: string;
  readonly value: string;
  readonly rows: number;
  readonly wrongShare: number;
  /** wrongShare − overall wrong share: how much worse this segment does. */
  readonly excess: number;
}

/**
 * rankSegments finds the segments most affected: for every (key, value) with at least `minRows`
 * rows (default 20, so a handful of rows cannot top the list), its wrong share, sorted by excess
 * over the overall wrong share, largest first, at most `limit` (default 5) with a positive excess.
 */
export function rankSegments(
  rows: readonly LabelledRow[],
  options: { minRows?: number; limit?: number } = {},
): SegmentImpact[] {
  const minRows = options.minRows ?? 20;
  const limit = options.limit ?? 5;
  if (rows.length === 0) return [];
  const overall = rows.filter((r) => !r.correct).length / rows.length;
  const counts = new Map<string, { key: string; value: string; n: number; wrong: number }>();
  for (const r of rows) {
    for (const [key, value] of Object.entries(r.segments)) {
      const id = `${key}\0${value}`;
      const c = counts.get(id) ?? { key, value, n: 0, wrong: 0 };
      c.n++;
      if (!r.correct) c.wrong++;
      counts.set(id, c);
    }
  }
  return [...counts.values()]
    .filter((c) => c.n >= minRows)
    .map((c) => ({
      key: c.key,
      value: c.value,
      rows: c.n,
      wrongShare: c.wrong / c.n,
      excess: c.wrong / c.n - overall,
    }))
    .filter((s) => s.excess > 0)
    .sort(
      (a, b) =>
        b.excess - a.excess ||
        b.rows - a.rows ||
        `${a.key}=${a.value}`.localeCompare(`${b.key}=${b.value}`),
    )
    .slice(0, limit);
}

/**
 * measureImpact turns labelled rows into impact numbers: wrongShare = wrong / rows, and, given the
 * baseline accuracy b > 0, performanceDrop = (b − accuracy) / b (negative when better). Null
 * fields when there are no rows or no baseline.
 * Example: 100 rows, 40 wrong, baseline 0.9 → wrongShare 0.4, drop (0.9 − 0.6) / 0.9 = 0.333.
 */
export function measureImpact(
  rows: readonly Pick<LabelledRow, 'correct'>[],
  baselineAccuracy: number | null,
): { wrongShare: number | null; performanceDrop: number | null; rows: number } {
  if (rows.length === 0) return { wrongShare: null, performanceDrop: null, rows: 0 };
  const wrongShare = rows.filter((r) => !r.correct).length / rows.length;
  const accuracy = 1 - wrongShare;
  const performanceDrop =
    baselineAccuracy !== null && baselineAccuracy > 0
      ? (baselineAccuracy - accuracy) / baselineAccuracy
      : null;
  return { wrongShare, performanceDrop, rows: rows.length };
}
