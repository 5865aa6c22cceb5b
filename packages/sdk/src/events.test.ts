import { ingestEventSchema } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import {
  type Converted,
  toInfraEvent,
  toLabelEvent,
  toOutcomeEvent,
  toPredictionEvent,
} from './events.js';

const T = 1_700_000_000_000;
const pred = (p: Record<string, unknown>) =>
  // biome-ignore lint/suspicious/noExplicitAny: deliberately malformed inputs
  toPredictionEvent({ model: 'm', features: { x: 1 }, ...p } as any, 'id-1', T, 500);

describe('conversions produce events the server schema accepts', () => {
  const cases: { name: string; got: Converted }[] = [
    { name: 'minimal prediction', got: pred({}) },
    {
      name: 'full prediction',
      got: pred({
        modelVersion: 'v2',
        features: { x: 1.5, c: 'a', b: true, n: null },
        prediction: 'yes',
        probabilities: { yes: 0.7, no: 0.3 },
        latencyMs: 12.5,
        error: null,
        segment: { country: 'FR' },
      }),
    },
    { name: 'label', got: toLabelEvent({ predictionId: 'p1', label: true }, 'id-2', T) },
    {
      name: 'outcome by prediction',
      got: toOutcomeEvent({ name: 'ctr', value: 1, predictionId: 'p1' }, 'id-3', T),
    },
    {
      name: 'outcome by key',
      got: toOutcomeEvent(
        { name: 'revenue', value: 9.5, key: 'order-1', segment: { a: 'b' } },
        'id-4',
        T,
      ),
    },
    {
      name: 'infra',
      got: toInfraEvent(
        {
          model: 'm',
          status: 'error',
          error: 'boom',
          latencyMs: 3,
          cpuPercent: 150,
          memoryBytes: 1024,
          requests: 7,
        },
        'id-5',
        T,
      ),
    },
  ];
  it.each(cases)('$name', ({ got }) => {
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    const r = ingestEventSchema.safeParse(got.event);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
  });

  it('sends NaN and Infinity features as null (missing), without touching the input', () => {
    const features = { x: Number.NaN, y: Number.POSITIVE_INFINITY, z: 2 };
    const got = pred({ features });
    expect(got.ok && got.event.type === 'prediction' && got.event.features).toEqual({
      x: null,
      y: null,
      z: 2,
    });
    expect(features.x).toBeNaN();
  });
});

describe('conversions refuse what the server would reject, naming the field', () => {
  const cases: { name: string; got: Converted; field: string }[] = [
    { name: 'bad model name', got: pred({ model: 'a b' }), field: 'model' },
    { name: 'features not an object', got: pred({ features: [1] }), field: 'features' },
    { name: 'feature object value', got: pred({ features: { x: { y: 1 } } }), field: 'features.x' },
    {
      name: 'feature too long',
      got: pred({ features: { s: 'x'.repeat(4097) } }),
      field: 'features.s',
    },
    {
      name: 'too many features',
      got: pred({
        features: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, i])),
      }),
      field: 'features',
    },
    { name: 'NaN prediction', got: pred({ prediction: Number.NaN }), field: 'prediction' },
    {
      name: 'probability above 1',
      got: pred({ probabilities: { a: 1.2 } }),
      field: 'probabilities.a',
    },
    {
      name: 'too many classes',
      got: pred({
        probabilities: Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`c${i}`, 0])),
      }),
      field: 'probabilities',
    },
    { name: 'negative latency', got: pred({ latencyMs: -1 }), field: 'latencyMs' },
    { name: 'segment number', got: pred({ segment: { a: 1 } }), field: 'segment' },
    {
      name: 'label object',
      // biome-ignore lint/suspicious/noExplicitAny: deliberately malformed input
      got: toLabelEvent({ predictionId: 'p', label: {} as any }, 'i', T),
      field: 'label',
    },
    {
      name: 'label empty prediction id',
      got: toLabelEvent({ predictionId: '', label: 1 }, 'i', T),
      field: 'predictionId',
    },
    {
      name: 'outcome with both joins',
      got: toOutcomeEvent({ name: 'n', value: 1, predictionId: 'p', key: 'k' }, 'i', T),
      field: 'predictionId',
    },
    {
      name: 'outcome with no join',
      got: toOutcomeEvent({ name: 'n', value: 1 }, 'i', T),
      field: 'predictionId',
    },
    {
      name: 'outcome infinite value',
      got: toOutcomeEvent({ name: 'n', value: Number.POSITIVE_INFINITY, key: 'k' }, 'i', T),
      field: 'value',
    },
    {
      name: 'infra fractional memory',
      got: toInfraEvent({ model: 'm', memoryBytes: 1.5 }, 'i', T),
      field: 'memoryBytes',
    },
    {
      name: 'infra bad status',
      // biome-ignore lint/suspicious/noExplicitAny: deliberately malformed input
      got: toInfraEvent({ model: 'm', status: 'down' as any }, 'i', T),
      field: 'status',
    },
  ];
  it.each(cases)('$name', ({ got, field }) => {
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.issue.field).toBe(field);
  });
});
