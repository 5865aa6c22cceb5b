import { type MonitorDefinition, monitorDefinitionSchema } from '@vigil/contracts';
import { hashedEmbedding } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import type { LlmOutput } from '../llm-quality/summary.js';
import { evaluateMonitor } from './evaluate.js';
import { type LlmQualityInput, llmQualityCondition, type LlmQualitySpec } from './llm-quality.js';

function monitor(spec: Record<string, unknown>): MonitorDefinition {
  return monitorDefinitionSchema.parse({
    apiVersion: 'vigil/v1',
    kind: 'Monitor',
    metadata: { name: 'm' },
    spec: { type: 'llm_quality', model: 'support-bot', minSampleSize: 10, ...spec },
  });
}

const PLANS = [
  ['Starter plan', 9],
  ['Pro plan', 29],
  ['Team plan', 79],
  ['Enterprise plan', 499],
] as const;
const TOPICS = [
  'To add seats, open Settings > Members and press Invite; each seat is billed from the day it is added.',
  'Invoices are under Settings > Billing > History, as PDF, with your VAT number when you set one.',
  'Refunds for unused months go back to the card you paid with within 5 business days.',
  'The API allows 600 requests a minute per key; a 429 answer tells you when to retry.',
  'Single sign-on works with any SAML 2.0 provider; upload its metadata under Security.',
  'You can export every project as CSV from its Overview page, at any time and for free.',
];

const embed = (text: string): LlmOutput => {
  const e = hashedEmbedding(text);
  if (!e.ok) throw new Error(e.error.message);
  return { text, embedding: e.value };
};
const specific = (n: number, offset = 0): LlmOutput[] =>
  Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const [plan, price] = PLANS[i % PLANS.length];
    return embed(`${TOPICS[i % TOPICS.length]} The ${plan} costs $${price} per month.`);
  });
const generic = (n: number): LlmOutput[] =>
  Array.from({ length: n }, () =>
    embed('Thank you for reaching out! We appreciate your question. Please visit our website.'),
  );
const texts = (xs: readonly string[]): LlmOutput[] => xs.map((text) => ({ text }));
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

interface Case {
  readonly name: string;
  readonly spec: Record<string, unknown>;
  readonly input: LlmQualityInput;
  readonly status: 'OK' | 'BREACH' | 'NO_DATA' | 'ERROR';
  /** [low, high] bounds of the headline value, or an exact value. */
  readonly value?: number | readonly [number, number];
  readonly message?: RegExp;
}

const cases: Case[] = [
  {
    name: 'generic answers drift from a varied reference (cosine < 0.7)',
    spec: { metric: 'output_drift' },
    input: { outputs: generic(20), reference: specific(24) },
    status: 'BREACH',
    value: [0, 0.7],
  },
  {
    name: 'answers like the reference do not drift',
    spec: { metric: 'output_drift' },
    input: { outputs: specific(24, 3), reference: specific(24) },
    status: 'OK',
    value: [0.9, 1],
  },
  {
    name: 'too few answers in the window is NO_DATA',
    spec: { metric: 'output_drift' },
    input: { outputs: generic(9), reference: specific(24) },
    status: 'NO_DATA',
    message: /9 < minSampleSize 10/,
  },
  {
    name: 'too few answers in the reference is NO_DATA',
    spec: { metric: 'output_drift' },
    input: { outputs: generic(20), reference: specific(3) },
    status: 'NO_DATA',
    message: /reference holds 3 answers/,
  },
  {
    name: 'answers without embeddings cannot drift: ERROR',
    spec: { metric: 'output_drift' },
    input: { outputs: texts(times(20, () => 'hello')), reference: specific(24) },
    status: 'ERROR',
    message: /no usable embeddings/,
  },
  {
    name: 'identical consecutive answers are repetitive (share of ROUGE-L > 0.85)',
    spec: { metric: 'repetitiveness' },
    input: { outputs: generic(12) },
    status: 'BREACH',
    value: 1,
  },
  {
    name: 'varied answers are not repetitive',
    spec: { metric: 'repetitiveness' },
    input: { outputs: specific(12) },
    status: 'OK',
    value: 0,
  },
  {
    name: 'repetitiveness as the mean consecutive ROUGE-L',
    spec: { metric: 'repetitiveness', statistic: 'mean' },
    input: { outputs: generic(12) },
    status: 'BREACH',
    value: 1,
  },
  {
    name: 'refusal rate 3 of 10',
    spec: { metric: 'refusal_rate' },
    input: {
      outputs: texts(
        times(10, (i) =>
          i < 3 ? "I'm sorry, but I can't help with that." : 'The Pro plan costs $29.',
        ),
      ),
    },
    status: 'BREACH',
    value: 0.3,
  },
  {
    name: 'JSON validity 9 of 10 is below 0.95',
    spec: { metric: 'json_validity' },
    input: { outputs: texts(times(10, (i) => (i === 0 ? '{"a": ' : `{"a": ${i}}`))) },
    status: 'BREACH',
    value: 0.9,
  },
  {
    name: 'safety violations: an e-mail address and a blocked phrase in 2 of 10',
    spec: { metric: 'safety_violation_rate', blocklist: ['guaranteed returns'] },
    input: {
      outputs: texts(
        times(10, (i) =>
          i === 0
            ? 'Write to jane.doe@example.com for help.'
            : i === 1
              ? 'This plan has Guaranteed  returns.'
              : 'The Pro plan costs $29.',
        ),
      ),
    },
    status: 'BREACH',
    value: 0.2,
  },
  {
    name: 'pii: false counts the blocklist only',
    spec: { metric: 'safety_violation_rate', blocklist: ['guaranteed returns'], pii: false },
    input: {
      outputs: texts(times(10, (i) => (i === 0 ? 'Write to jane.doe@example.com.' : 'Fine.'))),
    },
    status: 'OK',
    value: 0,
  },
  {
    name: 'language drift: German answers against an English reference',
    spec: { metric: 'language_drift' },
    input: {
      outputs: texts(
        times(10, () => 'Der Pro-Tarif kostet 29 Dollar im Monat und ist jederzeit kündbar.'),
      ),
      reference: texts(
        times(10, () => 'The Pro plan costs 29 dollars a month and you can cancel at any time.'),
      ),
    },
    status: 'BREACH',
    value: 1,
  },
  {
    name: 'output length: answers a third as long as the reference',
    spec: { metric: 'output_length' },
    input: {
      outputs: texts(times(10, () => 'x'.repeat(30))),
      reference: texts(times(10, () => 'y'.repeat(90))),
    },
    status: 'BREACH',
    value: 30,
  },
  {
    name: 'output length with a fixed condition needs no reference',
    spec: { metric: 'output_length', statistic: 'p95', condition: { above: 100 } },
    input: { outputs: texts(times(10, (i) => 'x'.repeat(10 * (i + 1)))) },
    status: 'OK',
    value: 95.5,
  },
  {
    name: 'wrong price rate 3 of 20 checked answers',
    spec: { metric: 'wrong_price_rate' },
    input: { judged: { total: 20, failed: 3 } },
    status: 'BREACH',
    value: 0.15,
  },
  {
    name: 'hallucination rate below its level',
    spec: { metric: 'hallucination_rate' },
    input: { judged: { total: 40, failed: 1 } },
    status: 'OK',
    value: 0.025,
  },
  {
    name: 'negative feedback with too few judgements is NO_DATA',
    spec: { metric: 'negative_feedback_rate' },
    input: { judged: { total: 4, failed: 4 } },
    status: 'NO_DATA',
  },
  {
    name: 'a rate metric given answers instead of judgements is an ERROR',
    spec: { metric: 'hallucination_rate' },
    input: { outputs: generic(20) },
    status: 'ERROR',
  },
  {
    name: "the monitor's condition overrides the default level",
    spec: { metric: 'wrong_price_rate', condition: { above: 0.2 } },
    input: { judged: { total: 20, failed: 3 } },
    status: 'OK',
    value: 0.15,
  },
];

describe('evaluateLlmQuality', () => {
  it.each(cases)('$name', ({ spec, input, status, value, message }) => {
    const ev = evaluateMonitor(monitor(spec), { type: 'llm_quality', ...input });
    expect(ev.type).toBe('llm_quality');
    expect(ev.status).toBe(status);
    if (typeof value === 'number') expect(ev.value).toBeCloseTo(value, 9);
    else if (value !== undefined) {
      expect(ev.value).toBeGreaterThanOrEqual(value[0]);
      expect(ev.value).toBeLessThanOrEqual(value[1]);
    }
    if (message !== undefined) expect(ev.message).toMatch(message);
  });

  it('reports the metric as the check subject and the default threshold', () => {
    const ev = evaluateMonitor(monitor({ metric: 'output_drift' }), {
      type: 'llm_quality',
      outputs: generic(20),
      reference: specific(24),
    });
    expect(ev.checks.map((c) => [c.subject, c.check, c.direction, c.threshold])).toEqual([
      ['output_drift', 'output_drift', 'below', 0.7],
    ]);
    expect(ev.sampleSize).toBe(20);
  });
});

describe('llmQualityCondition', () => {
  const spec = (s: Record<string, unknown>) => monitor(s).spec as LlmQualitySpec;
  it.each([
    ['output_drift', {}, { below: 0.7 }],
    ['repetitiveness', {}, { above: 0.5 }],
    ['repetitiveness', { statistic: 'mean' }, { above: 0.85 }],
    ['refusal_rate', {}, { above: 0.1 }],
    ['json_validity', {}, { below: 0.95 }],
    ['language_drift', {}, { above: 0.2 }],
    ['safety_violation_rate', {}, { above: 0.01 }],
    ['hallucination_rate', {}, { above: 0.05 }],
    ['wrong_price_rate', {}, { above: 0.05 }],
    ['negative_feedback_rate', {}, { above: 0.2 }],
  ])('%s %o defaults to %o', (metric, extra, expected) => {
    expect(llmQualityCondition(spec({ metric, ...extra }))).toEqual(expected);
  });

  it('bounds output_length around the reference value', () => {
    expect(llmQualityCondition(spec({ metric: 'output_length' }), 200)).toEqual({
      above: 300,
      below: 100,
    });
    expect(
      llmQualityCondition(spec({ metric: 'output_length', maxRelativeChange: 2 }), 200),
    ).toEqual({ above: 600, below: 0 });
    expect(llmQualityCondition(spec({ metric: 'output_length' }))).toBeNull();
  });
});
