import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mae, mape, mse, r2, rmse } from './index.js';

// scikit-learn 1.2.1 values, from scripts/gen-metrics-golden.py.
interface Case {
  name: string;
  yTrue: number[];
  yPred: number[];
  mae: number;
  mse: number;
  rmse: number;
  mape: number;
  r2: number;
}
const golden = JSON.parse(
  readFileSync(new URL('./testdata/regression.golden.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const REL = 1e-12;
function expectClose(r: { ok: boolean; value?: number }, expected: number): void {
  expect(r.ok).toBe(true);
  expect(Math.abs((r.value ?? Number.NaN) - expected)).toBeLessThanOrEqual(
    REL * Math.abs(expected),
  );
}

describe('regression metrics vs scikit-learn 1.2.1', () => {
  it('has the golden cases', () => expect(golden.cases.length).toBe(7));
  it.each(golden.cases)('$name', (c) => {
    const t = Float64Array.from(c.yTrue);
    expectClose(mae(t, c.yPred), c.mae);
    expectClose(mse(t, c.yPred), c.mse);
    expectClose(rmse(t, c.yPred), c.rmse);
    expectClose(mape(t, c.yPred), c.mape);
    expectClose(r2(c.yTrue, c.yPred), c.r2);
  });
  it('treats a constant yTrue whose rounded mean is inexact as constant', () => {
    expect(r2([0.1, 0.1, 0.1], [0.1, 0.1, 0.1])).toEqual({ ok: true, value: 1 });
    expect(r2([0.1, 0.1, 0.1], [0.1, 0.1, 0.2])).toEqual({ ok: true, value: 0 });
  });
});

describe('regression errors', () => {
  it.each([
    { name: 'length mismatch', f: mae, t: [1, 2], p: [1], code: 'LENGTH_MISMATCH' },
    { name: 'empty', f: rmse, t: [], p: [], code: 'EMPTY_SAMPLE' },
    { name: 'NaN in yTrue', f: mape, t: [Number.NaN], p: [1], code: 'INVALID_ARGUMENT' },
    { name: 'Infinity in yPred', f: mse, t: [1], p: [Infinity], code: 'INVALID_ARGUMENT' },
    { name: 'R² of one sample', f: r2, t: [1], p: [1], code: 'TOO_FEW_VALUES' },
  ])('$name → $code', ({ f, t, p, code }) => {
    const r = f(t, p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});
