import { describe, expect, it } from 'vitest';
import { createRng } from '../random/index.js';
import { medianInPlace } from './select.js';

function sortedMedian(x: Float64Array): number {
  const s = x.slice().sort();
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

describe('medianInPlace', () => {
  const cases = [1, 2, 3, 4, 5, 10, 51, 100, 1001].flatMap((n) => [
    { name: `n=${n} continuous`, n, levels: 0 },
    { name: `n=${n} heavy ties`, n, levels: 3 },
  ]);
  it.each(cases)('$name agrees with sorting', ({ n, levels }) => {
    const rng = createRng(n * 7 + levels);
    for (let trial = 0; trial < 50; trial++) {
      const x = Float64Array.from({ length: n }, () => (levels ? rng.int(levels) : rng.normal()));
      const expected = sortedMedian(x);
      expect(medianInPlace(x)).toBe(expected);
    }
  });
});
