// Gathering an incident's evidence from the store: the firing checks of the model's monitors
// (triage), per-feature drift checks (diagnosis), the alerting monitor's value series (onset),
// and labelled predictions (measured impact and the segments most affected). Bounded reads only:
// evaluation points of a lookback window and at most MAX_QUERY_LIMIT events per query.
import type { MonitorType } from '@vigil/contracts';
import type { DriftObservation, LabelledRow, MetricPoint, TriageSignal } from '@vigil/engine';
import {
  type EvaluationPoint,
  MAX_QUERY_LIMIT,
  type Store,
  type StoredModel,
  type StoredMonitor,
} from '@vigil/store';

/** ModelMonitor is a monitor of the incident's model with its type. */
export interface ModelMonitor {
  readonly name: string;
  readonly type: MonitorType;
}

/** MonitorPoints are one monitor's evaluation points in the lookback window, oldest first. */
export interface MonitorPoints {
  readonly monitor: ModelMonitor;
  readonly points: readonly EvaluationPoint[];
}

/** monitorsOf lists the monitors watching `model`. */
export function monitorsOf(monitors: readonly StoredMonitor[], model: string): ModelMonitor[] {
  return monitors
    .filter((m) => m.definition.spec.model === model)
    .map((m) => ({ name: m.definition.metadata.name, type: m.definition.spec.type }));
}

/** loadPoints reads each monitor's points with time in [fromMs, toMs). */
export async function loadPoints(
  store: Store,
  projectId: string,
  monitors: readonly ModelMonitor[],
  range: { fromMs: number; toMs: number },
): Promise<MonitorPoints[]> {
  const out: MonitorPoints[] = [];
  for (const monitor of monitors) {
    const points = await store.queryEvaluations(projectId, {
      monitor: monitor.name,
      range,
      limit: MAX_QUERY_LIMIT,
    });
    out.push({ monitor, points });
  }
  return out;
}

const detail = (p: EvaluationPoint, key: string): unknown => p.details?.[key];

function latest(points: readonly EvaluationPoint[]): EvaluationPoint[] {
  const last = points.reduce((t, p) => Math.max(t, p.timeMs), Number.NEGATIVE_INFINITY);
  return points.filter((p) => p.timeMs === last);
}

/**
 * firingSignals returns, per monitor, the checks in breach at its latest evaluation (the
 * headline when the evaluation has no per-check points), as triage signals.
 */
export function firingSignals(all: readonly MonitorPoints[]): TriageSignal[] {
  const out: TriageSignal[] = [];
  for (const { monitor, points } of all) {
    const now = latest(points);
    const head = now.find((p) => p.series === '');
    if (head === undefined || head.status !== 'triggered') continue;
    const checks = now.filter((p) => p.series !== '' && detail(p, 'breach') === true);
    const picked = checks.length > 0 ? checks : [head];
    for (const p of picked) {
      const check = String(detail(p, 'check') ?? monitor.type);
      const suffix = `:${check}`;
      const subject = p.series.endsWith(suffix) ? p.series.slice(0, -suffix.length) : p.series;
      out.push({
        monitor: monitor.name,
        monitorType: monitor.type,
        subject,
        check,
        value: p.value,
        threshold: p.threshold,
      });
    }
  }
  return out;
}

/** driftObservations reads the per-feature checks of drift monitors. */
export function driftObservations(all: readonly MonitorPoints[]): DriftObservation[] {
  const out: DriftObservation[] = [];
  for (const { monitor, points } of all) {
    if (monitor.type !== 'data_drift') continue;
    for (const p of points) {
      if (p.series === '' || p.value === null || p.threshold === null) continue;
      out.push({
        monitor: monitor.name,
        feature: p.series,
        method: String(detail(p, 'check') ?? ''),
        value: p.value,
        threshold: p.threshold,
        direction: detail(p, 'direction') === 'below' ? 'below' : 'above',
        breach: detail(p, 'breach') === true,
        timeMs: p.timeMs,
      });
    }
  }
  return out;
}

/**
 * headlineSeries is one monitor's headline values, each placed at the start of the window it
 * evaluated (the data's time, not the evaluation's), for the onset locator; plus the window start
 * of its first evaluation in breach (the fallback onset), or null.
 */
export function headlineSeries(mp: MonitorPoints): {
  series: MetricPoint[];
  firstBreachWindowMs: number | null;
} {
  const heads = mp.points.filter((p) => p.series === '' && p.value !== null);
  const series = heads.map((p) => ({ timeMs: p.windowStartMs, value: p.value as number }));
  const first = mp.points.find((p) => p.series === '' && p.status === 'triggered');
  return { series, firstBreachWindowMs: first === undefined ? null : first.windowStartMs };
}

function labelKey(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** LabelledWindow is the scored traffic of a window: labelled rows and failure counts. */
export interface LabelledWindow {
  readonly rows: LabelledRow[];
  readonly predictions: number;
  readonly failed: number;
}

/**
 * labelledRows joins the model's predictions with time in [fromMs, toMs) to their labels (label
 * time in [fromMs, labelsToMs)); a row is correct when the prediction equals the label (booleans
 * as 1/0). Segments: the model's categorical features, and model_version when set. Only
 * classification models have right and wrong answers: others give no rows.
 */
export async function labelledRows(
  store: Store,
  projectId: string,
  model: StoredModel,
  range: { fromMs: number; toMs: number; labelsToMs: number },
): Promise<LabelledWindow> {
  if (range.fromMs >= range.toMs) return { rows: [], predictions: 0, failed: 0 };
  const preds = await store.queryEvents(projectId, {
    type: 'prediction',
    model: model.spec.name,
    range: { fromMs: range.fromMs, toMs: range.toMs },
    limit: MAX_QUERY_LIMIT,
  });
  let failed = 0;
  for (const p of preds) if (p.event.type === 'prediction' && p.event.error) failed++;
  if (model.spec.task !== 'classification' || preds.length === 0) {
    return { rows: [], predictions: preds.length, failed };
  }
  const labels = await store.queryEvents(projectId, {
    type: 'label',
    range: { fromMs: range.fromMs, toMs: Math.max(range.labelsToMs, range.fromMs + 1) },
    limit: MAX_QUERY_LIMIT,
  });
  const truth = new Map<string, string>();
  for (const l of labels)
    if (l.event.type === 'label') truth.set(l.event.prediction_id, labelKey(l.event.label));
  const categorical = model.spec.features
    .filter((f) => f.kind === 'categorical')
    .map((f) => f.name);
  const rows: LabelledRow[] = [];
  for (const { event: e } of preds) {
    if (e.type !== 'prediction' || e.prediction === undefined) continue;
    const label = truth.get(e.event_id);
    if (label === undefined) continue;
    const segments: Record<string, string> = {};
    for (const f of categorical) {
      const v = e.features[f];
      if (v !== null && v !== undefined) segments[f] = String(v);
    }
    if (e.model_version !== undefined) segments.model_version = e.model_version;
    rows.push({ correct: labelKey(e.prediction) === label, segments });
  }
  return { rows, predictions: preds.length, failed };
}
