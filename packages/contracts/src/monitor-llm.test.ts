import { describe, expect, it } from 'vitest';
import { monitorDefinitionSchema } from './monitor.js';
import { DEFAULT_LLM_QUALITY, LLM_QUALITY_METRICS, LLM_QUALITY_STATISTICS } from './monitor-llm.js';

const parse = (spec: Record<string, unknown>) =>
  monitorDefinitionSchema.safeParse({
    apiVersion: 'vigil/v1',
    kind: 'Monitor',
    metadata: { name: 'llm' },
    spec: { type: 'llm_quality', model: 'support-bot', ...spec },
  });

describe('llm_quality monitors', () => {
  it('fills the filter, reference, embeddings and pii defaults', () => {
    const r = parse({ metric: 'output_drift' });
    expect(r.success).toBe(true);
    expect(r.data?.spec).toMatchObject({
      type: 'llm_quality',
      metric: 'output_drift',
      window: { kind: 'hourly' },
      filter: {},
      reference: { previousWindows: 3 },
      embeddings: { source: 'hashed' },
      pii: true,
    });
  });

  it('uses DESIGN.md levels: cosine < 0.7 drifts, consecutive ROUGE-L > 0.85 repeats', () => {
    expect(DEFAULT_LLM_QUALITY.outputDriftBelow).toBe(0.7);
    expect(DEFAULT_LLM_QUALITY.repetitiveMeanAbove).toBe(0.85);
  });

  it.each(LLM_QUALITY_METRICS)('accepts metric %s with its own statistics', (metric) => {
    expect(parse({ metric }).success).toBe(true);
    for (const statistic of LLM_QUALITY_STATISTICS[metric] ?? []) {
      expect(parse({ metric, statistic }).success).toBe(true);
    }
  });

  it.each([
    [{ metric: 'refusal_rate', statistic: 'mean' }, 'statistic', 'refusal_rate has no statistic'],
    [{ metric: 'output_length', statistic: 'share' }, 'statistic', 'takes statistic mean or p95'],
    [
      { metric: 'refusal_rate', embeddings: { source: 'attribute' } },
      'embeddings',
      'output_drift only',
    ],
    [{ metric: 'refusal_rate', maxRelativeChange: 1 }, 'maxRelativeChange', 'output_length only'],
    [{ metric: 'output_drift', baseline: 'jan' }, 'baseline', 'compare with `reference`'],
    [{ metric: 'output_drift', window: { kind: 'batch' } }, 'window.kind', 'Invalid discriminator'],
    [
      { metric: 'output_drift', embeddings: { source: 'endpoint', url: 'ftp://x', model: 'e' } },
      'embeddings.url',
      '',
    ],
  ])('rejects %o at spec.%s', (spec, path, message) => {
    const r = parse(spec);
    expect(r.success).toBe(false);
    const issue = r.error?.issues.find((i) => i.path.join('.') === `spec.${path}`);
    expect(issue?.message).toContain(message);
  });
});
