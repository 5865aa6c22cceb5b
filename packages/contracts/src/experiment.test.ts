import { describe, expect, it } from 'vitest';
import {
  createCanarySchema,
  createCanarySchemaFor,
  createPromptCanarySchema,
  DEFAULT_CANARY_POLICY,
  guardMetricSchema,
} from './experiment.js';

const base = { name: 'churn-v4', model: 'churn' };
const variants = (cw?: number) => [
  { name: 'baseline', role: 'baseline' },
  { name: 'candidate', role: 'candidate', version: 4, ...(cw === undefined ? {} : { weight: cw }) },
];

describe('createCanarySchema', () => {
  it('fills in the default policy: 7 days, guards on error rate, latency and accuracy', () => {
    const c = createCanarySchema.parse({ ...base, variants: variants() });
    expect(c.policy).toEqual(DEFAULT_CANARY_POLICY);
    expect(c.policy.min_days).toBe(7);
    expect(c.policy.guards.map((g) => g.metric)).toEqual(['error_rate', 'latency_ms', 'accuracy']);
    expect(c.policy.guards[0]).toMatchObject({ tolerance: 0.005, required: true, min_sample: 30 });
  });

  it.each([
    {
      name: 'no baseline',
      body: { ...base, variants: [variants()[1]] },
      error: 'no baseline variant (role "baseline")',
    },
    {
      name: 'two baselines',
      body: { ...base, variants: [variants()[0], { ...variants()[0], name: 'b2' }] },
      error: 'no candidate variant',
    },
    { name: 'no variants', body: { ...base, variants: [] }, error: 'no baseline variant' },
    {
      name: 'three variants',
      body: { ...base, variants: [...variants(), variants()[1]] },
      error: 'two variants',
    },
    {
      name: 'candidate without version',
      body: { ...base, variants: [variants()[0], { name: 'c', role: 'candidate' }] },
      error: 'names the model version',
    },
    {
      name: 'candidate at 50 %',
      body: { ...base, variants: variants(0.5) },
      error: 'starts at 5-10 % of traffic',
    },
    {
      name: 'candidate at 1 %',
      body: { ...base, variants: variants(0.01) },
      error: 'starts at 5-10 % of traffic',
    },
    {
      name: 'same names',
      body: { ...base, variants: [variants()[0], { ...variants()[1], name: 'baseline' }] },
      error: 'must differ',
    },
    {
      name: 'weights not summing to 1',
      body: {
        ...base,
        variants: [
          { ...variants()[0], weight: 0.8 },
          { ...variants()[1], weight: 0.1 },
        ],
      },
      error: 'sum to 1',
    },
    {
      name: 'unknown policy key',
      body: { ...base, variants: variants(), policy: { min_dayz: 3 } },
      error: 'min_dayz',
    },
    {
      name: 'outcome guard without direction',
      body: {
        ...base,
        variants: variants(),
        policy: { guards: [{ metric: 'outcome', outcome: 'buy' }] },
      },
      error: 'higher or lower',
    },
  ])('refuses $name', ({ body, error }) => {
    const r = createCanarySchema.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toContain(
      error,
    );
  });

  it('takes wider bounds from the policy (an A/B test at 50 %)', () => {
    const c = createCanarySchema.parse({
      ...base,
      variants: variants(0.5),
      policy: { max_candidate_weight: 0.5 },
    });
    expect(c.variants[1].weight).toBe(0.5);
  });

  it('names an outcome guard by its outcome', () => {
    expect(guardMetricSchema.safeParse({ metric: 'accuracy', outcome: 'x' }).success).toBe(false);
    expect(
      guardMetricSchema.parse({
        metric: 'outcome',
        outcome: 'cost_usd',
        direction: 'lower_is_better',
      }),
    ).toMatchObject({ tolerance: 0, relative_tolerance: 0 });
  });
});

describe('createPromptCanarySchema', () => {
  const prompt = { name: 'support', label: 'production', candidate_version: 3 };

  it('defaults the variants, the label and the prompt guards (outcome guards for cost and wrong prices)', () => {
    const c = createPromptCanarySchema.parse({
      name: 'support-v3',
      prompt: { name: 'support', candidate_version: 3 },
    });
    expect(c.prompt.label).toBe('production');
    expect(c.variants.map((v) => v.name)).toEqual(['baseline', 'candidate']);
    expect(c.policy.min_days).toBe(7);
    expect(c.policy.guards.map((g) => [g.metric, g.outcome])).toEqual([
      ['error_rate', undefined],
      ['outcome', 'wrong_price_rate'],
      ['outcome', 'cost_usd'],
      ['latency_ms', undefined],
      ['accuracy', undefined],
    ]);
    expect(c.policy.guards[2]).toMatchObject({
      direction: 'lower_is_better',
      relative_tolerance: 0.1,
    });
  });

  it('parses a named prompt measure into an outcome guard with its direction', () => {
    const c = createPromptCanarySchema.parse({
      name: 'x',
      prompt,
      policy: { guards: [{ metric: 'cost_usd', tolerance: 0.001 }, { metric: 'error_rate' }] },
    });
    expect(c.policy.guards[0]).toMatchObject({
      metric: 'outcome',
      outcome: 'cost_usd',
      direction: 'lower_is_better',
      tolerance: 0.001,
    });
  });

  it.each([
    { body: { name: 'x', prompt: { ...prompt, label: 'latest' } }, error: '"latest" moves' },
    {
      body: { name: 'x', prompt, variants: [{ name: 'c', role: 'candidate' }] },
      error: 'no baseline variant',
    },
    {
      body: {
        name: 'x',
        prompt,
        variants: [
          { name: 'b', role: 'baseline' },
          { name: 'c', role: 'candidate', weight: 0.5 },
        ],
      },
      error: 'the candidate starts at 5-10 % of traffic',
    },
    {
      body: {
        name: 'x',
        prompt,
        variants: [
          { name: 'b', role: 'baseline' },
          { name: 'c', role: 'candidate', version: 2 },
        ],
      },
      error: 'Unrecognized key',
    },
    {
      body: {
        name: 'x',
        prompt,
        policy: {
          guards: [{ metric: 'outcome', outcome: 'revenue', direction: 'higher_is_better' }],
        },
      },
      error: 'a prompt canary guards one of',
    },
    { body: { name: 'x', prompt: { name: 'support' } }, error: 'candidate_version' },
  ])('refuses $error', ({ body, error }) => {
    const r = createPromptCanarySchema.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toContain(
      error,
    );
  });

  it('createCanarySchemaFor picks the schema by the prompt key', () => {
    expect(createCanarySchemaFor({ name: 'x', prompt })).toBe(createPromptCanarySchema);
    expect(createCanarySchemaFor({ name: 'x', model: 'm' })).toBe(createCanarySchema);
    expect(createCanarySchemaFor(null)).toBe(createCanarySchema);
  });
});
