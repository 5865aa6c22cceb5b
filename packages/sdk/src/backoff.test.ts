import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from './backoff.js';

const opts = (random: () => number) => ({ baseMs: 100, maxMs: 10_000, random });

// A deterministic uniform source (LCG, Numerical Recipes constants) for the bound checks.
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('backoffDelayMs', () => {
  const cases = [
    { name: 'random 0 gives 0', attempt: 3, r: 0, want: 0 },
    { name: 'half of the first cap', attempt: 0, r: 0.5, want: 50 },
    { name: 'cap doubles per attempt', attempt: 3, r: 0.5, want: 400 },
    { name: 'cap stops at maxMs', attempt: 20, r: 0.5, want: 5000 },
    { name: 'huge attempt stays finite', attempt: 5000, r: 0.5, want: 5000 },
    { name: 'just below 1 stays below the cap', attempt: 2, r: 0.999999, want: 399 },
    { name: 'random >= 1 is clamped below the cap', attempt: 2, r: 1, want: 399 },
    { name: 'NaN random is treated as 0', attempt: 2, r: Number.NaN, want: 0 },
    { name: 'negative random is treated as 0', attempt: 2, r: -0.3, want: 0 },
  ];
  it.each(cases)('$name', ({ attempt, r, want }) => {
    expect(
      backoffDelayMs(
        attempt,
        opts(() => r),
      ),
    ).toBe(want);
  });

  it('stays in [0, min(maxMs, base * 2^attempt)) and spreads over the window (full jitter)', () => {
    const random = lcg(42);
    for (let attempt = 0; attempt < 12; attempt++) {
      const cap = Math.min(10_000, 100 * 2 ** attempt);
      let lo = Number.POSITIVE_INFINITY;
      let hi = 0;
      for (let i = 0; i < 2000; i++) {
        const d = backoffDelayMs(attempt, opts(random));
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(cap);
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
      // Full jitter uses the whole window, not just its upper half.
      expect(lo).toBeLessThan(cap * 0.05);
      expect(hi).toBeGreaterThan(cap * 0.95 - 1);
    }
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.UTC(2024, 0, 1);
  const cases = [
    { name: 'absent', h: null, want: undefined },
    { name: 'delta seconds', h: '2', want: 2000 },
    { name: 'zero', h: ' 0 ', want: 0 },
    { name: 'http date in the future', h: new Date(now + 5000).toUTCString(), want: 5000 },
    { name: 'http date in the past', h: new Date(now - 5000).toUTCString(), want: 0 },
    { name: 'garbage', h: 'soon', want: undefined },
    { name: 'negative number is not delta-seconds', h: '-3', want: undefined },
  ];
  it.each(cases)('$name', ({ h, want }) => {
    expect(parseRetryAfterMs(h, now)).toBe(want);
  });
});
