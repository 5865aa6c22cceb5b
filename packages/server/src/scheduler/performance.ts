// Model performance and concept drift on labelled windows: the window's predictions joined to
// their labels by prediction id, scored with the core's metrics, against the same metric on the
// labelled predictions of the baseline's reference period.
import type { MonitorSpec, PredictionEvent } from '@vigil/contracts';
import { type PerformanceData, type PerformanceInput, performanceMetric } from '@vigil/engine';
import type { LabelValue } from '@vigil/store';
import { type EvalContext, GatherError } from './context.js';
import { segmentEvents } from './window.js';

type PerformanceSpec = Extract<MonitorSpec, { type: 'performance' }>;

const SCORE_METRICS: ReadonlySet<string> = new Set(['roc_auc', 'log_loss']);

function asLabel(v: LabelValue | number | string): number | string {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

// The positive-class score: probabilities["1"] (or "true"), else a numeric prediction in [0, 1].
function positiveScore(e: PredictionEvent): number | null {
  const p = e.probabilities;
  const s = p?.['1'] ?? p?.true;
  if (s !== undefined) return s;
  return typeof e.prediction === 'number' && e.prediction >= 0 && e.prediction <= 1
    ? e.prediction
    : null;
}

/**
 * labelledPairs joins predictions to labels and builds the metric's input: yTrue and yPred
 * (numbers when every label and prediction is a number or boolean, else their text), and the
 * positive-class scores for roc_auc and log_loss. Predictions without a label (or without a
 * prediction or score the metric needs) are left out: they are not labelled yet.
 */
export function labelledPairs(
  metric: PerformanceSpec['metric'],
  events: readonly PredictionEvent[],
  labels: ReadonlyMap<string, LabelValue>,
): PerformanceData {
  const yTrue: Array<number | string> = [];
  const yPred: Array<number | string> = [];
  const scores: number[] = [];
  const wantsScore = SCORE_METRICS.has(metric);
  for (const e of events) {
    const label = labels.get(e.event_id);
    if (label === undefined) continue;
    if (wantsScore) {
      const s = positiveScore(e);
      if (s === null) continue;
      scores.push(s);
    } else {
      if (e.prediction === undefined) continue;
      yPred.push(asLabel(e.prediction));
    }
    yTrue.push(asLabel(label));
  }
  const numeric =
    yTrue.every((v) => typeof v === 'number') && yPred.every((v) => typeof v === 'number');
  const norm = (xs: Array<number | string>) => (numeric ? (xs as number[]) : xs.map(String));
  return wantsScore
    ? { kind: 'pairs', yTrue: norm(yTrue), scores }
    : { kind: 'pairs', yTrue: norm(yTrue), yPred: norm(yPred) };
}

/**
 * performanceInput gathers a performance monitor's input: the window's labelled pairs and the
 * baseline value, the same metric over the labelled predictions of a window baseline's reference
 * period (same segment filter; the first 200,000 predictions of that period by time, a bound on
 * what one evaluation reads). A baseline from a file holds no labels: that is an ERROR.
 */
export async function performanceInput(ctx: EvalContext): Promise<PerformanceInput> {
  const spec = ctx.spec as PerformanceSpec;
  const b = await ctx.baseline();
  const src = b.meta.meta.source;
  if (src.kind !== 'window') {
    throw new GatherError(
      'ERROR',
      `performance monitors compare with the labelled predictions of a baseline built from a window; "${b.meta.meta.name}" comes from a file`,
    );
  }
  const labelled = async (events: readonly PredictionEvent[]) =>
    labelledPairs(
      spec.metric,
      events,
      await ctx.store.monitorData.labelsFor(
        ctx.projectId,
        events.map((e) => e.event_id),
      ),
    );
  const current = await labelled(await ctx.events());
  const refRows = await ctx.store.monitorData.queryModelEvents(ctx.projectId, {
    type: 'prediction',
    model: spec.model,
    select: { kind: 'time', range: { fromMs: src.from, toMs: src.to } },
  });
  const reference = await labelled(
    segmentEvents(
      refRows.map((r) => r.event as PredictionEvent),
      spec.segment,
    ),
  );
  const value = performanceMetric(spec.metric, reference);
  if (!value.ok) {
    throw new GatherError(
      reference.kind === 'pairs' && reference.yTrue.length === 0 ? 'NO_DATA' : 'ERROR',
      `baseline ${spec.metric}: ${value.error.message}`,
    );
  }
  return { baselineValue: value.value, current };
}
