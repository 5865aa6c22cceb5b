import { describe, expect, it } from 'vitest';
import { validateIngestBatch } from './batch.js';
import { LIMITS } from './limits.js';

const prediction = {
  type: 'prediction',
  event_id: 'p1',
  model: 'credit-scoring',
  model_version: 'v3',
  time: '2024-05-01T12:00:00Z',
  features: { age: 41, city: 'Lyon', vip: true, income: null },
  prediction: 'approve',
  probabilities: { approve: 0.8, reject: 0.2 },
  latency_ms: 12.5,
  error: null,
  tags: { region: 'eu' },
};

// Each case: one event and the issues expected (path → message substring); [] means valid.
const cases: Array<{ name: string; event: unknown; issues: Array<[string, string]> }> = [
  { name: 'full prediction', event: prediction, issues: [] },
  {
    name: 'minimal prediction',
    event: { type: 'prediction', event_id: 'p', model: 'm', time: 0, features: {} },
    issues: [],
  },
  {
    name: 'label',
    event: { type: 'label', event_id: 'l1', prediction_id: 'p1', label: 'approve', time: 5 },
    issues: [],
  },
  {
    name: 'outcome by key',
    event: {
      type: 'outcome',
      event_id: 'o1',
      name: 'revenue',
      value: 9.5,
      key: 'order-7',
      time: 5,
    },
    issues: [],
  },
  {
    name: 'infra sample',
    event: { type: 'infra', event_id: 'i1', model: 'm', time: 5, latency_ms: 30, cpu_percent: 55 },
    issues: [],
  },
  { name: 'not an object', event: 42, issues: [['events[0]', 'expected object']] },
  {
    name: 'unknown type',
    event: { ...prediction, type: 'click' },
    issues: [['events[0].type', 'Invalid discriminator']],
  },
  {
    name: 'unknown key',
    event: { ...prediction, featrues: {} },
    issues: [['events[0].featrues', 'unknown key "featrues"']],
  },
  {
    name: 'feature of wrong type',
    event: { ...prediction, features: { age: [1] } },
    issues: [['events[0].features.age', 'expected a number, string, boolean or null']],
  },
  {
    name: 'feature name needing quotes',
    event: { ...prediction, features: { 'first name': {} } },
    issues: [['events[0].features["first name"]', 'expected a number']],
  },
  {
    name: 'string feature too long',
    event: { ...prediction, features: { s: 'x'.repeat(LIMITS.maxStringLength + 1) } },
    issues: [['events[0].features.s', 'longer than']],
  },
  {
    name: 'too many features',
    event: {
      ...prediction,
      features: Object.fromEntries(
        Array.from({ length: LIMITS.maxFeatures + 1 }, (_, i) => [`f${i}`, i]),
      ),
    },
    issues: [['events[0].features', `more than ${LIMITS.maxFeatures} features`]],
  },
  {
    name: 'bad time and probability',
    event: { ...prediction, time: 'yesterday', probabilities: { a: 1.5 } },
    issues: [
      ['events[0].time', 'ISO 8601'],
      ['events[0].probabilities.a', 'Too big'],
    ],
  },
  {
    name: 'empty event id and bad model name',
    event: { ...prediction, event_id: '', model: 'a b' },
    issues: [
      ['events[0].event_id', 'event_id must not be empty'],
      ['events[0].model', 'model must start with a letter or digit'],
    ],
  },
  {
    name: 'outcome with both joins',
    event: {
      type: 'outcome',
      event_id: 'o',
      name: 'n',
      value: 1,
      key: 'k',
      prediction_id: 'p',
      time: 1,
    },
    issues: [['events[0].prediction_id', 'exactly one of prediction_id and key']],
  },
  {
    name: 'NaN-like prediction',
    event: { ...prediction, prediction: Number.POSITIVE_INFINITY },
    issues: [['events[0].prediction', 'expected a number or a string']],
  },
];

describe('validateIngestBatch per item', () => {
  it.each(cases)('$name', ({ event, issues }) => {
    const r = validateIngestBatch({ events: [event] });
    if (!r.ok) throw new Error('batch refused');
    const item = r.items[0];
    const got = item.ok ? [] : item.issues.map((i) => [i.path, i.message]);
    expect(got.map((g) => g[0])).toEqual(issues.map((i) => i[0]));
    for (const [i, [, msg]] of issues.entries()) expect(got[i][1]).toContain(msg);
  });

  it('keeps good events next to bad ones, at their index, with time in epoch ms', () => {
    const r = validateIngestBatch({ events: [prediction, { type: 'x' }, prediction] });
    if (!r.ok) throw new Error('batch refused');
    expect(r.items.map((i) => i.ok)).toEqual([true, false, true]);
    expect(r.valid).toHaveLength(2);
    expect(r.valid[0].time).toBe(Date.UTC(2024, 4, 1, 12));
    expect(r.items[1].ok ? '' : r.items[1].issues[0].path).toBe('events[1].type');
  });

  it('defaults infra status to ok', () => {
    const r = validateIngestBatch({
      events: [{ type: 'infra', event_id: 'i', model: 'm', time: 1 }],
    });
    expect(r.ok && r.valid[0].type === 'infra' && r.valid[0].status).toBe('ok');
  });
});

describe('validateIngestBatch whole batch', () => {
  it.each([
    { name: 'not an object', body: 'x', code: 'INVALID_BATCH', path: '' },
    { name: 'events missing', body: {}, code: 'INVALID_BATCH', path: 'events' },
    { name: 'events not an array', body: { events: {} }, code: 'INVALID_BATCH', path: 'events' },
    { name: 'unknown top-level key', body: { events: [], x: 1 }, code: 'INVALID_BATCH', path: 'x' },
    {
      name: 'too many events',
      body: { events: new Array(LIMITS.maxBatchEvents + 1).fill(null) },
      code: 'BATCH_TOO_LARGE',
      path: 'events',
    },
  ])('$name → $code', ({ body, code, path }) => {
    const r = validateIngestBatch(body);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.issues[0].path).toBe(path);
    }
  });
});
