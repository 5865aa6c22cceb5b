// Which data one evaluation at a slot looks at: the last complete hour or day, the last full run of
// N events (in arrival order), or the last ingested batch; plus the segment filter on tags and the
// reference chunks of a window baseline, for learned thresholds.
import type { MonitorSpec, PredictionEvent } from '@vigil/contracts';
import { evaluationWindow } from '@vigil/engine';
import type { EventSelection, StoredBaseline, TimeRange } from '@vigil/store';

/** ResolvedWindow is an evaluation's data window. */
export interface ResolvedWindow {
  /** How to select the window's raw events. */
  readonly select: EventSelection;
  /** The time range for time windows (hourly profiles and SQL aggregates apply), else null. */
  readonly range: TimeRange | null;
  /** The span stored with the evaluation points; for event and batch windows, set from events. */
  readonly span: { readonly startMs: number; readonly endMs: number };
}

/** WindowCounts gives resolveWindow what it needs to know about arrivals. */
export interface WindowCounts {
  /** Predictions of the model received at or before the slot. */
  arrived(): Promise<number>;
  /** Receive time of the model's last batch at or before the slot, or null. */
  lastBatchAt(): Promise<number | null>;
}

/**
 * resolveWindow maps a monitor's window kind at `slotAt` to a data window, or to the reason
 * there is none yet (fewer than N events arrived, no batch): that is NO_DATA, not an error.
 */
export async function resolveWindow(
  spec: MonitorSpec,
  slotAt: number,
  counts: WindowCounts,
): Promise<ResolvedWindow | string> {
  const w = spec.window;
  if (w.kind === 'hourly' || w.kind === 'daily') {
    const t = evaluationWindow(w, slotAt);
    if (t === null || t.kind !== 'time') throw new Error('resolveWindow: not a time window');
    const range = { fromMs: t.startMs, toMs: t.endMs };
    return { select: { kind: 'time', range }, range, span: { startMs: t.startMs, endMs: t.endMs } };
  }
  if (w.kind === 'events') {
    const n = await counts.arrived();
    const e = evaluationWindow(w, slotAt, n);
    if (e === null || e.kind !== 'events') return `${n} events so far, the window needs ${w.size}`;
    return {
      select: { kind: 'arrival', first: e.first, end: e.end },
      range: null,
      span: { startMs: slotAt, endMs: slotAt },
    };
  }
  const at = await counts.lastBatchAt();
  if (at === null) return 'no batch ingested yet';
  return {
    select: { kind: 'batch', receivedMs: at },
    range: null,
    span: { startMs: at, endMs: at },
  };
}

/** spanOf is the time span [first event, last event + 1 ms) of a raw window's events. */
export function spanOf(
  events: readonly { readonly time: number }[],
  fallback: ResolvedWindow['span'],
): ResolvedWindow['span'] {
  if (events.length === 0) return fallback;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (e.time < lo) lo = e.time;
    if (e.time > hi) hi = e.time;
  }
  return { startMs: lo, endMs: hi + 1 };
}

/** inSegment tells whether tags hold every key/value pair of the monitor's segment filter. */
export function inSegment(
  tags: Readonly<Record<string, string>> | undefined,
  segment: Readonly<Record<string, string>> | undefined,
): boolean {
  if (segment === undefined) return true;
  for (const [k, v] of Object.entries(segment)) if (tags?.[k] !== v) return false;
  return true;
}

/** segmentEvents keeps the predictions inside the segment filter. */
export function segmentEvents(
  events: readonly PredictionEvent[],
  segment: Readonly<Record<string, string>> | undefined,
): PredictionEvent[] {
  return segment === undefined ? [...events] : events.filter((e) => inSegment(e.tags, segment));
}

const HOUR_MS = 3_600_000;

/**
 * chunkRanges splits a window baseline's reference period into `chunks` consecutive ranges of
 * whole hours (window profiles are hourly), as NannyML splits its reference period. A baseline
 * from a file has no reference period; one shorter than `chunks` hours cannot be split.
 * Example: [00:00, 10:00) in 5 chunks → five 2-hour ranges.
 */
export function chunkRanges(baseline: StoredBaseline, chunks: number): TimeRange[] | string {
  const src = baseline.meta.source;
  if (src.kind !== 'window') {
    return `learned thresholds need a baseline built from a window of ingested data; "${baseline.meta.name}" comes from a file`;
  }
  const first = Math.floor(src.from / HOUR_MS);
  const hours = Math.ceil(src.to / HOUR_MS) - first;
  if (hours < chunks) {
    return `the baseline's reference period holds ${hours} hours, fewer than ${chunks} chunks`;
  }
  const out: TimeRange[] = [];
  for (let i = 0; i < chunks; i++) {
    const a = first + Math.floor((i * hours) / chunks);
    const b = first + Math.floor(((i + 1) * hours) / chunks);
    out.push({ fromMs: a * HOUR_MS, toMs: b * HOUR_MS });
  }
  return out;
}
