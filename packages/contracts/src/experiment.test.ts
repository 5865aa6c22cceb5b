import { describe, expect, it } from 'vitest';
import { createCanarySchema, DEFAULT_CANARY_POLICY, guardMetricSchema } from './experiment.js';

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
