import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Label } from './index.js';
import { averagePrecision, rocAuc, rocAucOvr } from './index.js';

// scikit-learn 1.2.1 values, from scripts/gen-metrics-golden.py.
interface BinaryCase {
  name: string;
  yTrue: Label[];
  scores: number[];
  rocAuc: number;
  averagePrecision: number;
}
interface MultiCase {
  name: string;
  yTrue: Label[];
  probs: number[][];
  macro: number;
  weighted: number;
}
const golden = JSON.parse(
  readFileSync(new URL('./testdata/ranking.golden.json', import.meta.url), 'utf8'),
) as { binary: BinaryCase[]; multiclass: MultiCase[] };

const REL = 1e-12;
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(REL * Math.abs(expected));
}
const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const asLabels = (x: Label[]) => x as number[] | string[];

describe('rocAuc and averagePrecision vs scikit-learn 1.2.1', () => {
  it('has the golden cases', () => {
    expect(golden.binary.length).toBe(8);
    expect(golden.multiclass.length).toBe(2);
  });
  it.each(golden.binary)('$name', (c) => {
    expectClose(value(rocAuc(asLabels(c.yTrue), c.scores)), c.rocAuc);
    expectClose(
      value(averagePrecision(asLabels(c.yTrue), Float64Array.from(c.scores))),
      c.averagePrecision,
    );
  });
  it('averagePrecision honours posLabel', () => {
    // Swapping the positive class equals flipping labels and negating the scores.
    const y = [0, 0, 1, 1, 0, 1];
    const s = [0.1, 0.4, 0.35, 0.8, 0.7, 0.2];
    const flipped = value(
      averagePrecision(
        y.map((v) => 1 - v),
        s.map((v) => -v),
      ),
    );
    expect(
      value(
        averagePrecision(
          y,
          s.map((v) => -v),
          { posLabel: 0 },
        ),
      ),
    ).toBe(
      value(
        averagePrecision(
          y.map((v) => 1 - v),
          s.map((v) => -v),
          { posLabel: 1 },
        ),
      ),
    );
    expectClose(
      value(
        averagePrecision(
          y,
          s.map((v) => -v),
          { posLabel: 0 },
        ),
      ),
      flipped,
    );
  });
});

describe('rocAucOvr vs scikit-learn 1.2.1 (multi_class="ovr")', () => {
  it.each(golden.multiclass)('$name', (c) => {
    expectClose(value(rocAucOvr(asLabels(c.yTrue), c.probs)), c.macro);
    expectClose(value(rocAucOvr(asLabels(c.yTrue), c.probs, { average: 'weighted' })), c.weighted);
  });
  it('matches the binary AUC for two classes', () => {
    const y = [0, 1, 1, 0, 1];
    const p1 = [0.2, 0.9, 0.4, 0.4, 0.6];
    const rows = p1.map((p) => [1 - p, p]);
    expectClose(value(rocAucOvr(y, rows)), value(rocAuc(y, p1)));
  });
});

describe('ranking errors', () => {
  type Bad = { name: string; run: () => { ok: boolean; error?: { code: string } }; code: string };
  const cases: Bad[] = [
    {
      name: 'one class (rocAuc)',
      run: () => rocAuc([1, 1, 1], [0.1, 0.2, 0.3]),
      code: 'SINGLE_CATEGORY',
    },
    {
      name: 'one class (AP)',
      run: () => averagePrecision([0, 0], [0.1, 0.2]),
      code: 'SINGLE_CATEGORY',
    },
    {
      name: 'three classes',
      run: () => rocAuc([0, 1, 2], [0.1, 0.2, 0.3]),
      code: 'INVALID_ARGUMENT',
    },
    { name: 'NaN score', run: () => rocAuc([0, 1], [0.1, Number.NaN]), code: 'INVALID_ARGUMENT' },
    { name: 'length mismatch', run: () => rocAuc([0, 1], [0.1]), code: 'LENGTH_MISMATCH' },
    { name: 'empty', run: () => averagePrecision([], []), code: 'EMPTY_SAMPLE' },
    {
      name: 'unknown posLabel',
      run: () => averagePrecision([0, 1], [0.1, 0.2], { posLabel: 2 }),
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'rows not summing to 1',
      run: () =>
        rocAucOvr(
          [0, 1, 2],
          [
            [0.5, 0.5, 0.5],
            [0.2, 0.3, 0.5],
            [0.1, 0.1, 0.8],
          ],
        ),
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'column count differs from classes',
      run: () =>
        rocAucOvr(
          [0, 1, 2],
          [
            [0.5, 0.5],
            [0.2, 0.8],
            [0.1, 0.9],
          ],
        ),
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'ovr with one class',
      run: () => rocAucOvr([1, 1], [[1], [1]]),
      code: 'SINGLE_CATEGORY',
    },
  ];
  it.each(cases)('$name → $code', ({ run, code }) => {
    const r = run();
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe(code);
  });
});
