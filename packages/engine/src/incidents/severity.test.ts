import { describe, expect, it } from 'vitest';
import {
  assessSeverity,
  effectiveSeverity,
  type ImpactEvidence,
  judgedWrongShare,
} from './severity.js';

const none: ImpactEvidence = {
  wrongShare: null,
  performanceDrop: null,
  errorShare: null,
  driftDetected: false,
};

type Case = { name: string; input: Partial<ImpactEvidence>; expected: string; reason: RegExp };
const cases: Case[] = [
  {
    name: 'P0: wrong to > 50 %',
    input: { wrongShare: 0.51, performanceDrop: 0.4 },
    expected: 'P0',
    reason: /51.0 %/,
  },
  {
    name: 'exactly 50 % is not P0',
    input: { wrongShare: 0.5, performanceDrop: 0.1 },
    expected: 'P2',
    reason: /10.0 %/,
  },
  { name: 'P0: requests failing', input: { errorShare: 0.8 }, expected: 'P0', reason: /failing/ },
  {
    name: 'P1: > 20 % below baseline',
    input: { performanceDrop: 0.25, driftDetected: true },
    expected: 'P1',
    reason: /25.0 % below/,
  },
  {
    name: 'exactly 20 % is P2',
    input: { performanceDrop: 0.2, driftDetected: true },
    expected: 'P2',
    reason: /drift with performance 20.0 %/,
  },
  {
    name: 'P2: 5 % drop',
    input: { performanceDrop: 0.05, driftDetected: true },
    expected: 'P2',
    reason: /5.0 %/,
  },
  {
    name: 'P3: drift, small drop',
    input: { performanceDrop: 0.049, driftDetected: true },
    expected: 'P3',
    reason: /within 5.0 %/,
  },
  {
    name: 'P3: drift, not measured',
    input: { driftDetected: true },
    expected: 'P3',
    reason: /no measured impact yet/,
  },
  { name: 'P3: nothing', input: {}, expected: 'P3', reason: /no measured impact/ },
];

describe('assessSeverity', () => {
  it.each(cases)('$name', ({ input, expected, reason }) => {
    const a = assessSeverity({ ...none, ...input });
    expect(a.severity).toBe(expected);
    expect(a.reason).toMatch(reason);
  });

  it('re-evaluates as evidence arrives: drift first, then labels', () => {
    expect(assessSeverity({ ...none, driftDetected: true }).severity).toBe('P3');
    expect(
      assessSeverity({ ...none, driftDetected: true, wrongShare: 0.3, performanceDrop: 0.3 })
        .severity,
    ).toBe('P1');
  });
});

describe('effectiveSeverity', () => {
  it('keeps the override through re-evaluation', () => {
    expect(effectiveSeverity('P3', 'P1')).toBe('P1');
    expect(effectiveSeverity('P0', 'P2')).toBe('P2');
    expect(effectiveSeverity('P0', null)).toBe('P0');
  });
});

describe('judgedWrongShare', () => {
  const signal = (
    monitorType: 'llm_quality' | 'performance',
    check: string,
    value: number | null,
  ) => ({
    monitor: `m-${check}`,
    monitorType,
    subject: check,
    check,
    value,
    threshold: 0.1,
  });

  it('takes the highest share of LLM answers judged wrong among firing checks', () => {
    expect(
      judgedWrongShare([
        signal('llm_quality', 'wrong_price_rate', 0.8),
        signal('llm_quality', 'hallucination_rate', 0.3),
        signal('llm_quality', 'repetitiveness_share', 0.9),
      ]),
    ).toBe(0.8);
  });

  it('is null when no wrong-answer check fires or its value is missing', () => {
    expect(judgedWrongShare([])).toBeNull();
    expect(judgedWrongShare([signal('llm_quality', 'output_drift', 0.2)])).toBeNull();
    expect(judgedWrongShare([signal('performance', 'wrong_price_rate', 0.9)])).toBeNull();
    expect(judgedWrongShare([signal('llm_quality', 'wrong_price_rate', null)])).toBeNull();
  });

  it('makes all-wrong prices a P0 through assessSeverity', () => {
    const wrongShare = judgedWrongShare([signal('llm_quality', 'wrong_price_rate', 1)]);
    expect(
      assessSeverity({ wrongShare, performanceDrop: null, errorShare: null, driftDetected: false }),
    ).toEqual({ severity: 'P0', reason: 'wrong predictions to 100.0 % of traffic' });
  });
});
