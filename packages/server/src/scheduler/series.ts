// Inputs of the series-shaped monitors: infrastructure signals (latency, throughput, error rate),
// business outcomes joined to predictions (grouped by model version or segment), and custom
// thresholds on a series named by the monitor.
import type { InfraEvent, MonitorSpec } from '@vigil/contracts';
import {
  type ColumnProfile,
  createNumericProfile,
  type NumericProfile,
  profileQuantile,
  updateNumeric,
} from '@vigil/core';
import {
  aggregateOutcome,
  type InfrastructureInput,
  type SeriesInput,
  type SeriesPoint,
} from '@vigil/engine';
import {
  DEFAULT_MAX_EVENT_ROWS,
  type JoinedOutcome,
  LATENCY_COLUMN,
  type TimeRange,
} from '@vigil/store';
import { columnKey, type EvalContext, GatherError } from './context.js';
import { chunkRanges, inSegment } from './window.js';

type BusinessSpec = Extract<MonitorSpec, { type: 'business' }>;
type CustomSpec = Extract<MonitorSpec, { type: 'custom' }>;

function numbers(values: readonly number[]): NumericProfile {
  const p = createNumericProfile();
  // Default options are valid by construction.
  if (!p.ok) throw new Error(`numbers: ${p.error.message}`);
  updateNumeric(p.value, Float64Array.from(values));
  return p.value;
}

function windowMs(ctx: EvalContext): number {
  return ctx.span.endMs - ctx.span.startMs;
}

/**
 * infrastructureInput counts requests, errors and latencies of the window. Infrastructure
 * samples of the model in a time window win when there are any (each stands for `requests`
 * requests, default 1; status error counts them all as errors; its latency is one value);
 * otherwise the predictions count: one request each, an error when `error` is set, and their
 * latency_ms (the stored hourly latency profiles when the window allows).
 */
export async function infrastructureInput(ctx: EvalContext): Promise<InfrastructureInput> {
  const model = ctx.spec.model;
  const range = ctx.window.range;
  if (range !== null && ctx.spec.segment === undefined) {
    const samples = await ctx.store.monitorData.queryModelEvents(ctx.projectId, {
      type: 'infra',
      model,
      select: { kind: 'time', range },
    });
    if (samples.length > 0) {
      let requests = 0;
      let errors = 0;
      const latencies: number[] = [];
      for (const { event } of samples) {
        const s = event as InfraEvent;
        const n = s.requests ?? 1;
        requests += n;
        if (s.status === 'error') errors += n;
        if (s.latency_ms !== undefined) latencies.push(s.latency_ms);
      }
      return { requests, errors, latencyMs: numbers(latencies), windowMs: windowMs(ctx) };
    }
    const counts = await ctx.store.monitorData.requestCounts(ctx.projectId, { model, range });
    const latency = (await ctx.current()).get(columnKey('latency', LATENCY_COLUMN));
    return {
      ...counts,
      ...(latency?.kind === 'numeric' ? { latencyMs: latency } : {}),
      windowMs: windowMs(ctx),
    };
  }
  const events = await ctx.events();
  const latencies: number[] = [];
  let errors = 0;
  for (const e of events) {
    if (e.error !== undefined && e.error !== null) errors++;
    if (e.latency_ms !== undefined) latencies.push(e.latency_ms);
  }
  return {
    requests: events.length,
    errors,
    latencyMs: numbers(latencies),
    windowMs: windowMs(ctx),
  };
}

function timeRange(ctx: EvalContext, what: string): TimeRange {
  if (ctx.window.range === null) {
    throw new GatherError('ERROR', `${what} are evaluated on hourly or daily windows`);
  }
  return ctx.window.range;
}

async function outcomesIn(
  ctx: EvalContext,
  name: string,
  range: TimeRange,
): Promise<JoinedOutcome[]> {
  const all = await ctx.store.monitorData.joinedOutcomes(ctx.projectId, {
    name,
    model: ctx.spec.model,
    range,
  });
  return all.filter((o) => inSegment(o.tags, ctx.spec.segment));
}

function segmentLabel(tags: Readonly<Record<string, string>>): string {
  return Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join(',');
}

/** OutcomeValue is one outcome of a business window, joined or keyed, with the tags it is read by. */
interface OutcomeValue {
  readonly value: number;
  readonly modelVersion: string | null;
  readonly tags: Readonly<Record<string, string>>;
}

async function keyedOutcomesIn(
  ctx: EvalContext,
  name: string,
  range: TimeRange,
): Promise<OutcomeValue[]> {
  const rows = await ctx.store.monitorData.keyedOutcomes(ctx.projectId, {
    name,
    range,
    maxRows: DEFAULT_MAX_EVENT_ROWS + 1,
  });
  if (rows.length > DEFAULT_MAX_EVENT_ROWS) {
    throw new GatherError(
      'ERROR',
      `the window holds more than ${DEFAULT_MAX_EVENT_ROWS} keyed "${name}" outcomes; use hourly windows`,
    );
  }
  return rows
    .filter((o) => inSegment(o.tags, ctx.spec.segment))
    .map((o) => ({ value: o.value, modelVersion: null, tags: o.tags }));
}

// The model's predictions in the window (inside the segment filter): the per_prediction divisor.
async function predictionCount(ctx: EvalContext, range: TimeRange): Promise<number> {
  if (ctx.spec.segment === undefined) {
    return (
      await ctx.store.monitorData.requestCounts(ctx.projectId, { model: ctx.spec.model, range })
    ).requests;
  }
  return (await ctx.events()).length;
}

/**
 * businessInput aggregates the named outcome over the window, one point per group: by model
 * version ('' when the prediction had none) and/or by segment (all tags, `k=v` joined by ',').
 * `join: prediction_id` (default) reads the outcomes joined to the model's predictions by id,
 * `join: key` the outcomes sent with a key; both by outcome time in the window, then filtered by
 * `segment` and `tags`. `per_prediction` divides the sum by the model's prediction count in the
 * window (sample size: that count). An empty window gives one ungrouped point without a value
 * (NO_DATA), except per_prediction with predictions (value 0).
 */
export async function businessInput(ctx: EvalContext): Promise<SeriesInput> {
  const spec = ctx.spec as BusinessSpec;
  const range = timeRange(ctx, 'business metrics');
  const all: OutcomeValue[] =
    spec.join === 'key'
      ? await keyedOutcomesIn(ctx, spec.outcome, range)
      : await outcomesIn(ctx, spec.outcome, range);
  const outcomes = all.filter((o) => inSegment(o.tags, spec.tags));
  if (spec.aggregate === 'per_prediction') {
    const predictions = await predictionCount(ctx, range);
    const v = aggregateOutcome(
      numbers(outcomes.map((o) => o.value)),
      'per_prediction',
      windowMs(ctx),
      predictions,
    );
    if (!v.ok) throw new GatherError('ERROR', v.error.message);
    return { points: [{ labels: {}, value: v.value, sampleSize: predictions }] };
  }
  const groups = new Map<string, { labels: Record<string, string>; values: number[] }>();
  for (const o of outcomes) {
    const labels: Record<string, string> = {};
    if (spec.groupBy.includes('model_version')) labels.model_version = o.modelVersion ?? '';
    if (spec.groupBy.includes('segment')) labels.segment = segmentLabel(o.tags);
    const key = JSON.stringify(labels);
    const g = groups.get(key) ?? { labels, values: [] };
    g.values.push(o.value);
    groups.set(key, g);
  }
  if (groups.size === 0) return { points: [{ labels: {}, value: null, sampleSize: 0 }] };
  const points: SeriesPoint[] = [];
  for (const g of [...groups.values()].sort((a, b) =>
    JSON.stringify(a.labels) < JSON.stringify(b.labels) ? -1 : 1,
  )) {
    const v = aggregateOutcome(numbers(g.values), spec.aggregate, windowMs(ctx));
    if (!v.ok) throw new GatherError('ERROR', v.error.message);
    points.push({ labels: g.labels, value: v.value, sampleSize: g.values.length });
  }
  return { points };
}

/** CUSTOM_STATS are the statistics a custom series reads from a column profile. */
export const CUSTOM_STATS = [
  'mean',
  'std',
  'min',
  'max',
  'count',
  'missing_share',
  'p50',
  'p90',
  'p95',
  'p99',
] as const;

/**
 * ParsedSeries is a custom monitor's series: a column statistic (`feature:<name>:<stat>`,
 * `prediction:<stat>`, `latency:<stat>`), an outcome aggregate (`outcome:<name>:<mean|sum|count|
 * rate>`), or another monitor's stored values (`monitor:<name>` or `monitor:<name>:<series>`).
 */
export type ParsedSeries =
  | {
      readonly kind: 'column';
      readonly role: 'feature' | 'prediction' | 'latency';
      readonly name: string;
      readonly stat: (typeof CUSTOM_STATS)[number];
    }
  | {
      readonly kind: 'outcome';
      readonly name: string;
      readonly aggregate: BusinessSpec['aggregate'];
    }
  | { readonly kind: 'monitor'; readonly name: string; readonly series: string };

/** parseSeries reads a custom series name, or says what is wrong with it. */
export function parseSeries(text: string): ParsedSeries | string {
  const i = text.indexOf(':');
  const source = i < 0 ? text : text.slice(0, i);
  const rest = i < 0 ? '' : text.slice(i + 1);
  const j = rest.lastIndexOf(':');
  const head = j < 0 ? rest : rest.slice(0, j);
  const tail = j < 0 ? '' : rest.slice(j + 1);
  const isStat = (s: string): s is (typeof CUSTOM_STATS)[number] =>
    (CUSTOM_STATS as readonly string[]).includes(s);
  switch (source) {
    case 'feature':
      if (head !== '' && isStat(tail))
        return { kind: 'column', role: 'feature', name: head, stat: tail };
      break;
    case 'prediction':
      if (isStat(rest))
        return { kind: 'column', role: 'prediction', name: 'prediction', stat: rest };
      break;
    case 'latency':
      if (isStat(rest))
        return { kind: 'column', role: 'latency', name: LATENCY_COLUMN, stat: rest };
      break;
    case 'outcome':
      if (head !== '' && ['mean', 'sum', 'count', 'rate'].includes(tail)) {
        return { kind: 'outcome', name: head, aggregate: tail as BusinessSpec['aggregate'] };
      }
      break;
    case 'monitor':
      if (rest !== '') {
        return j < 0
          ? { kind: 'monitor', name: rest, series: '' }
          : { kind: 'monitor', name: head, series: tail };
      }
      break;
  }
  return `series "${text}" is not one of feature:<name>:<stat>, prediction:<stat>, latency:<stat> (stat: ${CUSTOM_STATS.join(', ')}), outcome:<name>:<mean|sum|count|rate>, monitor:<name>[:<series>]`;
}

function columnStat(
  p: ColumnProfile | undefined,
  stat: (typeof CUSTOM_STATS)[number],
): SeriesPoint {
  if (p === undefined) return { labels: {}, value: null, sampleSize: 0 };
  const rows = p.count + p.missing;
  if (stat === 'missing_share') {
    return { labels: {}, value: rows === 0 ? null : p.missing / rows, sampleSize: rows };
  }
  if (stat === 'count') return { labels: {}, value: p.count, sampleSize: p.count };
  if (p.kind !== 'numeric') throw new GatherError('ERROR', `${stat} needs a numerical column`);
  if (p.count === 0) return { labels: {}, value: null, sampleSize: 0 };
  const value =
    stat === 'mean'
      ? p.sketch.center + p.centeredMean
      : stat === 'std'
        ? Math.sqrt(p.m2 / p.count)
        : stat === 'min'
          ? p.min
          : stat === 'max'
            ? p.max
            : profileQuantile(p, Number(stat.slice(1)) / 100);
  if (typeof value !== 'number') {
    if (!value.ok) throw new GatherError('ERROR', value.error.message);
    return { labels: {}, value: value.value, sampleSize: p.count };
  }
  return { labels: {}, value, sampleSize: p.count };
}

async function seriesPoint(
  ctx: EvalContext,
  s: ParsedSeries,
  range: TimeRange | null,
  columns: () => Promise<Map<string, ColumnProfile>>,
): Promise<SeriesPoint> {
  if (s.kind === 'column')
    return columnStat((await columns()).get(columnKey(s.role, s.name)), s.stat);
  const r = range ?? timeRange(ctx, `${s.kind} series`);
  if (s.kind === 'outcome') {
    const values = (await outcomesIn(ctx, s.name, r)).map((o) => o.value);
    const v = aggregateOutcome(numbers(values), s.aggregate, r.toMs - r.fromMs);
    if (!v.ok) throw new GatherError('ERROR', v.error.message);
    return { labels: {}, value: v.value, sampleSize: values.length };
  }
  const points = (
    await ctx.store.queryEvaluations(ctx.projectId, {
      monitor: s.name,
      series: s.series,
      range: r,
      limit: 10_000,
    })
  ).filter((p) => p.value !== null);
  if (points.length === 0) return { labels: {}, value: null, sampleSize: 0 };
  const mean = points.reduce((a, p) => a + (p.value as number), 0) / points.length;
  return { labels: {}, value: mean, sampleSize: points.length };
}

/**
 * customInput computes the custom series on the window (one ungrouped point) and, for a learned
 * condition, on each reference chunk of the baseline (one reference value per chunk that has one).
 * Column statistics come from the window's profiles; outcome and monitor series need time windows.
 */
export async function customInput(ctx: EvalContext): Promise<SeriesInput> {
  const spec = ctx.spec as CustomSpec;
  const s = parseSeries(spec.series);
  if (typeof s === 'string') throw new GatherError('ERROR', s);
  const point = await seriesPoint(ctx, s, ctx.window.range, () => ctx.current());
  if (!('learned' in spec.condition)) return { points: [point] };
  const b = await ctx.baseline();
  const ranges = chunkRanges(b.meta, spec.condition.learned.chunks);
  if (typeof ranges === 'string') throw new GatherError('ERROR', ranges);
  const referenceValues: number[] = [];
  for (const r of ranges) {
    const p = await seriesPoint(ctx, s, r, () => ctx.profilesIn(r, b.columns));
    if (p.value !== null) referenceValues.push(p.value);
  }
  return { points: [point], referenceValues };
}
