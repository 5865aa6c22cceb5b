// What callers log (camelCase, friendly types) and its wire form (the contracts' snake_case event).
// Conversion runs the cheap checks the server would run, so a bad event is reported at once,
// by the line that logged it, instead of coming back as a rejection a second later.
import type { IngestEventInput } from '@vigil/contracts';
import {
  checkId,
  checkModel,
  checkName,
  checkTags,
  checkText,
  type Issue,
  SDK_LIMITS,
} from './check.js';

/** TimeInput is a Date, epoch milliseconds, or ISO 8601 text with an offset (`...Z`). */
export type TimeInput = Date | number | string;

/** FeatureInput is one feature value; NaN and ±Infinity are sent as null (missing). */
export type FeatureInput = number | string | boolean | null;

/** PredictionInput is one model call. `id` defaults to a random UUID, `time` to now. */
export interface PredictionInput {
  readonly model: string;
  readonly modelVersion?: string;
  readonly id?: string;
  readonly time?: TimeInput;
  readonly features: Readonly<Record<string, FeatureInput>>;
  readonly prediction?: number | string;
  /** Class probabilities, each in [0, 1]. */
  readonly probabilities?: Readonly<Record<string, number>>;
  readonly latencyMs?: number;
  readonly error?: string | null;
  /** Segment tags (e.g. `{ country: 'FR' }`), sent as the event's `tags`. */
  readonly segment?: Readonly<Record<string, string>>;
  /** The experiment variant that served it (VariantAssignment.variant), for canaries. */
  readonly variant?: string;
}

/** LabelInput is the ground truth of an earlier prediction, joined by its id. */
export interface LabelInput {
  readonly predictionId: string;
  readonly label: number | string | boolean;
  readonly id?: string;
  readonly time?: TimeInput;
  /** The experiment variant that served it (VariantAssignment.variant), for canaries. */
  readonly variant?: string;
}

/** OutcomeInput is a named business value joined by `predictionId` or by `key` (exactly one). */
export interface OutcomeInput {
  readonly name: string;
  readonly value: number;
  readonly predictionId?: string;
  readonly key?: string;
  readonly id?: string;
  readonly time?: TimeInput;
  readonly segment?: Readonly<Record<string, string>>;
  /** The experiment variant that served it (VariantAssignment.variant), for canaries. */
  readonly variant?: string;
}

/** InfraInput is one sample of the serving stack's health for a model. */
export interface InfraInput {
  readonly model: string;
  readonly modelVersion?: string;
  readonly id?: string;
  readonly time?: TimeInput;
  readonly latencyMs?: number;
  readonly status?: 'ok' | 'error';
  readonly error?: string | null;
  readonly cpuPercent?: number;
  readonly memoryBytes?: number;
  readonly gpuPercent?: number;
  readonly requests?: number;
  /** The experiment variant that served it (VariantAssignment.variant), for canaries. */
  readonly variant?: string;
}

/** WireEvent is an event as sent in `{ events: [...] }`. */
export type WireEvent = IngestEventInput;
type Wire<T extends WireEvent['type']> = Extract<WireEvent, { type: T }>;

/** Converted is a wire event, or the first problem found in the input. */
export type Converted = { ok: true; event: WireEvent } | { ok: false; issue: Issue };

const fail = (field: string, reason: string): Converted => ({
  ok: false,
  issue: { field, reason },
});
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
// The variant goes on the wire as `variant` when given; it has a model name's shape.
function addVariant(c: Converted, variant: unknown): Converted {
  if (variant === undefined || !c.ok) return c;
  const bad = checkModel(variant);
  if (bad !== null) return fail('variant', bad);
  return { ok: true, event: { ...c.event, variant: variant as string } };
}
const nonNegative = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function checkFeatures(
  features: unknown,
  maxFeatures: number,
): { ok: true; value: Record<string, FeatureInput> } | { ok: false; issue: Issue } {
  if (!isObject(features))
    return { ok: false, issue: { field: 'features', reason: 'expected an object' } };
  let copy: Record<string, FeatureInput> | undefined;
  let n = 0;
  for (const k in features) {
    if (++n > maxFeatures)
      return {
        ok: false,
        issue: { field: 'features', reason: `more than ${maxFeatures} features` },
      };
    const bad = checkName(k);
    if (bad !== null)
      return { ok: false, issue: { field: `features.${k}`, reason: `feature name ${bad}` } };
    const v = features[k];
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        // NaN and ±Infinity mean "missing" in most ML stacks; JSON has no spelling for them.
        copy ??= { ...(features as Record<string, FeatureInput>) };
        copy[k] = null;
      }
    } else if (typeof v === 'string') {
      const t = checkText(v);
      if (t !== null) return { ok: false, issue: { field: `features.${k}`, reason: t } };
    } else if (v !== null && typeof v !== 'boolean') {
      return {
        ok: false,
        issue: { field: `features.${k}`, reason: 'expected a number, string, boolean or null' },
      };
    }
  }
  return { ok: true, value: copy ?? (features as Record<string, FeatureInput>) };
}

/** toPredictionEvent checks a PredictionInput and builds its wire event with the given id and time. */
export function toPredictionEvent(
  p: PredictionInput,
  id: string,
  timeMs: number,
  maxFeatures: number,
): Converted {
  const m = checkModel(p.model);
  if (m !== null) return fail('model', m);
  if (p.modelVersion !== undefined && checkName(p.modelVersion) !== null)
    return fail('modelVersion', checkName(p.modelVersion) ?? '');
  const f = checkFeatures(p.features, maxFeatures);
  if (!f.ok) return f;
  const pred = p.prediction;
  if (
    pred !== undefined &&
    !(typeof pred === 'number'
      ? Number.isFinite(pred)
      : typeof pred === 'string' && checkText(pred) === null)
  ) {
    return fail('prediction', 'expected a finite number or a string of at most 4096 characters');
  }
  if (p.probabilities !== undefined) {
    if (!isObject(p.probabilities)) return fail('probabilities', 'expected an object');
    let classes = 0;
    for (const k in p.probabilities) {
      if (++classes > SDK_LIMITS.maxClasses) {
        return fail('probabilities', `more than ${SDK_LIMITS.maxClasses} classes`);
      }
      const v = p.probabilities[k];
      if (!(typeof v === 'number' && v >= 0 && v <= 1))
        return fail(`probabilities.${k}`, 'expected a number in [0, 1]');
    }
  }
  if (p.latencyMs !== undefined && !nonNegative(p.latencyMs))
    return fail('latencyMs', 'expected a finite number >= 0');
  if (
    p.error !== undefined &&
    p.error !== null &&
    (typeof p.error !== 'string' || checkText(p.error) !== null)
  ) {
    return fail('error', 'expected a string of at most 4096 characters or null');
  }
  const tags = checkTags(p.segment);
  if (tags !== null) return fail('segment', tags);
  const e: Wire<'prediction'> = {
    type: 'prediction',
    event_id: id,
    model: p.model,
    time: timeMs,
    features: f.value,
  };
  if (p.modelVersion !== undefined) e.model_version = p.modelVersion;
  if (pred !== undefined) e.prediction = pred;
  if (p.probabilities !== undefined) e.probabilities = { ...p.probabilities };
  if (p.latencyMs !== undefined) e.latency_ms = p.latencyMs;
  if (p.error !== undefined) e.error = p.error;
  if (p.segment !== undefined) e.tags = { ...p.segment };
  return addVariant({ ok: true, event: e }, p.variant);
}

/** toLabelEvent checks a LabelInput and builds its wire event. */
export function toLabelEvent(l: LabelInput, id: string, timeMs: number): Converted {
  const pid = checkId(l.predictionId);
  if (pid !== null) return fail('predictionId', pid);
  const v = l.label;
  const okLabel =
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' && checkText(v) === null);
  if (!okLabel) return fail('label', 'expected a finite number, a string or a boolean');
  return addVariant(
    {
      ok: true,
      event: { type: 'label', event_id: id, prediction_id: l.predictionId, label: v, time: timeMs },
    },
    l.variant,
  );
}

/** toOutcomeEvent checks an OutcomeInput and builds its wire event. */
export function toOutcomeEvent(o: OutcomeInput, id: string, timeMs: number): Converted {
  const n = checkName(o.name);
  if (n !== null) return fail('name', n);
  if (!(typeof o.value === 'number' && Number.isFinite(o.value)))
    return fail('value', 'expected a finite number');
  if ((o.predictionId === undefined) === (o.key === undefined))
    return fail('predictionId', 'give exactly one of predictionId and key');
  const join = o.predictionId !== undefined ? checkId(o.predictionId) : checkName(o.key);
  if (join !== null) return fail(o.predictionId !== undefined ? 'predictionId' : 'key', join);
  const tags = checkTags(o.segment);
  if (tags !== null) return fail('segment', tags);
  const e: Wire<'outcome'> = {
    type: 'outcome',
    event_id: id,
    name: o.name,
    value: o.value,
    time: timeMs,
  };
  if (o.predictionId !== undefined) e.prediction_id = o.predictionId;
  if (o.key !== undefined) e.key = o.key;
  if (o.segment !== undefined) e.tags = { ...o.segment };
  return addVariant({ ok: true, event: e }, o.variant);
}

/** toInfraEvent checks an InfraInput and builds its wire event. */
export function toInfraEvent(s: InfraInput, id: string, timeMs: number): Converted {
  const m = checkModel(s.model);
  if (m !== null) return fail('model', m);
  if (s.modelVersion !== undefined && checkName(s.modelVersion) !== null)
    return fail('modelVersion', checkName(s.modelVersion) ?? '');
  if (s.status !== undefined && s.status !== 'ok' && s.status !== 'error')
    return fail('status', 'expected "ok" or "error"');
  const e: Wire<'infra'> = { type: 'infra', event_id: id, model: s.model, time: timeMs };
  if (s.modelVersion !== undefined) e.model_version = s.modelVersion;
  if (s.status !== undefined) e.status = s.status;
  if (s.error !== undefined) {
    if (s.error !== null && (typeof s.error !== 'string' || checkText(s.error) !== null))
      return fail('error', 'expected a string of at most 4096 characters or null');
    e.error = s.error;
  }
  const nums: [keyof InfraInput, string, number, boolean][] = [
    ['latencyMs', 'latency_ms', Number.POSITIVE_INFINITY, false],
    ['cpuPercent', 'cpu_percent', 100_000, false],
    ['gpuPercent', 'gpu_percent', 100_000, false],
    ['memoryBytes', 'memory_bytes', Number.POSITIVE_INFINITY, true],
    ['requests', 'requests', Number.POSITIVE_INFINITY, true],
  ];
  for (const [k, wire, max, int] of nums) {
    const v = s[k];
    if (v === undefined) continue;
    if (!nonNegative(v) || (v as number) > max || (int && !Number.isInteger(v))) {
      return fail(k, `expected a${int ? 'n integer' : ' finite number'} in [0, ${max}]`);
    }
    (e as Record<string, unknown>)[wire] = v;
  }
  return addVariant({ ok: true, event: e }, s.variant);
}
