import { describe, expect, it } from 'vitest';
import { type TriageSignal, triage } from './triage.js';

const sig = (o: Partial<TriageSignal>): TriageSignal => ({
  monitor: 'm1',
  monitorType: 'data_drift',
  subject: 'age',
  check: 'psi',
  value: 0.42,
  threshold: 0.2,
  ...o,
});

describe('triage', () => {
  it('says data when drift fires, even with performance down (data first)', () => {
    const t = triage({
      signals: [
        sig({}),
        sig({ monitor: 'acc', monitorType: 'performance', check: 'relative_drop' }),
      ],
      performanceDrop: 0.3,
      errorShare: null,
    });
    expect(t.category).toBe('data');
    expect(t.checked).toEqual(['data']);
    expect(t.evidence[0]).toBe('data_drift monitor m1: psi 0.42 (threshold 0.2) on age');
    expect(t.evidence[1]).toMatch(/30.0 % below baseline, explained by the input change/);
  });
  it.each([
    { check: 'missing_share', word: 'nulls' },
    { check: 'schema', word: 'schema change upstream' },
    { check: 'new_category_share', word: 'new categories' },
  ])('says data for $check', ({ check, word }) => {
    const t = triage({
      signals: [sig({ monitorType: 'data_quality', check })],
      performanceDrop: null,
      errorShare: null,
    });
    expect(t.category).toBe('data');
    expect(t.evidence[0]).toContain(word);
  });
  it('says model when performance drops without input drift (concept drift)', () => {
    const t = triage({ signals: [], performanceDrop: 0.12, errorShare: null });
    expect(t.category).toBe('model');
    expect(t.checked).toEqual(['data', 'model']);
    expect(t.evidence).toEqual([
      'no data-quality or drift monitor is firing',
      'performance 12.0 % below baseline without input drift: concept drift',
    ]);
  });
  it('says model for an LLM quality monitor without input drift', () => {
    const t = triage({
      signals: [sig({ monitorType: 'llm_quality', subject: 'relevance', check: 'relevance' })],
      performanceDrop: null,
      errorShare: null,
    });
    expect(t.category).toBe('model');
  });
  it('says infrastructure for latency or errors', () => {
    const t = triage({
      signals: [
        sig({
          monitorType: 'infrastructure',
          subject: 'latency_p95',
          check: 'latency_p95',
          value: 900,
          threshold: 500,
        }),
      ],
      performanceDrop: 0.01,
      errorShare: 0.2,
    });
    expect(t.category).toBe('infrastructure');
    expect(t.checked).toEqual(['data', 'model', 'infrastructure']);
    expect(t.evidence).toContain('20.0 % of requests failed');
  });
  it('says unknown with nothing firing', () => {
    expect(triage({ signals: [], performanceDrop: null, errorShare: null }).category).toBe(
      'unknown',
    );
  });
});
