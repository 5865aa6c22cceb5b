import { describe, expect, it } from 'vitest';
import { computedCheck, conditionCheck, failedCheck, summarize } from './checks.js';
import type { CheckResult } from './types.js';

const psi = (subject: string, value: number): CheckResult =>
  computedCheck({ subject, check: 'psi', direction: 'above' }, value, 0.2, value >= 0.2, 500);
const noData = (subject: string) =>
  failedCheck({ subject, check: 'psi', direction: 'above' }, 'NO_DATA', 3, 'too few');
const error = (subject: string) =>
  failedCheck({ subject, check: 'psi', direction: 'above' }, 'ERROR', 0, 'bad');

describe('summarize', () => {
  type Case = {
    name: string;
    checks: CheckResult[];
    min?: number;
    status: string;
    value: number | null;
  };
  const cases: Case[] = [
    { name: 'no checks → ERROR', checks: [], status: 'ERROR', value: null },
    {
      name: 'all OK → OK, headline the worst',
      checks: [psi('a', 0.05), psi('b', 0.1)],
      status: 'OK',
      value: 0.1,
    },
    {
      name: 'one breach → BREACH',
      checks: [psi('a', 0.05), psi('b', 0.31)],
      status: 'BREACH',
      value: 0.31,
    },
    {
      name: 'one breach of 2 needed → OK',
      checks: [psi('a', 0.05), psi('b', 0.31)],
      min: 2,
      status: 'OK',
      value: 0.31,
    },
    {
      name: 'computed + NO_DATA → OK',
      checks: [psi('a', 0.05), noData('b')],
      status: 'OK',
      value: 0.05,
    },
    {
      name: 'only NO_DATA → NO_DATA',
      checks: [noData('a'), noData('b')],
      status: 'NO_DATA',
      value: null,
    },
    {
      name: 'NO_DATA + ERROR → NO_DATA',
      checks: [noData('a'), error('b')],
      status: 'NO_DATA',
      value: null,
    },
    { name: 'only ERROR → ERROR', checks: [error('a')], status: 'ERROR', value: null },
  ];
  it.each(cases)('$name', (c) => {
    const e = summarize('m', 'data_drift', c.checks, c.min);
    expect(e.status).toBe(c.status);
    expect(e.value).toBe(c.value);
    expect(e.breach).toBe(c.status === 'BREACH');
  });

  it('the headline is the largest margin across directions', () => {
    // psi 0.205 is 0.005 past 0.2; ks p 0.001 is 0.009 past 0.01 (below): ks is the headline.
    const ks = computedCheck(
      { subject: 'k', check: 'ks', direction: 'below' },
      0.001,
      0.01,
      true,
      500,
    );
    const e = summarize('m', 'data_drift', [psi('a', 0.205), ks]);
    expect(e).toMatchObject({ value: 0.001, threshold: 0.01, direction: 'below', breachCount: 2 });
    expect(e.message).toBe('2 of 2 checks breached (need 1): a psi=0.205, k ks=0.001');
  });
});

describe('computedCheck / conditionCheck', () => {
  it('a non-finite value becomes an ERROR, never NaN in a result', () => {
    const c = computedCheck(
      { subject: 'a', check: 'x', direction: 'above' },
      Number.NaN,
      1,
      true,
      1,
    );
    expect(c).toMatchObject({ status: 'ERROR', value: null, breach: false });
  });
  type Case = {
    name: string;
    cond: { above?: number; below?: number };
    value: number;
    breach: boolean;
    threshold: number;
    direction: string;
  };
  const cases: Case[] = [
    {
      name: 'above, past',
      cond: { above: 1 },
      value: 2,
      breach: true,
      threshold: 1,
      direction: 'above',
    },
    {
      name: 'below, past',
      cond: { below: 1 },
      value: 0,
      breach: true,
      threshold: 1,
      direction: 'below',
    },
    {
      name: 'band, inside: nearest bound',
      cond: { above: 10, below: 0 },
      value: 8,
      breach: false,
      threshold: 10,
      direction: 'above',
    },
    {
      name: 'band, below the low bound',
      cond: { above: 10, below: 0 },
      value: -1,
      breach: true,
      threshold: 0,
      direction: 'below',
    },
  ];
  it.each(cases)('$name', (c) => {
    const r = conditionCheck({ subject: 's', check: 'v' }, c.cond, c.value, 1);
    expect(r).toMatchObject({ breach: c.breach, threshold: c.threshold, direction: c.direction });
  });
});
