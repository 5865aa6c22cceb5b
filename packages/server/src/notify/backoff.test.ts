import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY_POLICY } from './backoff.js';

describe('backoffMs', () => {
  it.each([
    { name: 'first retry, no jitter draw', attempt: 1, random: 0, want: 2_500 },
    { name: 'first retry, top of range', attempt: 1, random: 0.999999, want: 5_000 },
    { name: 'third attempt, middle', attempt: 3, random: 0.5, want: 15_000 },
    { name: 'capped at maxMs', attempt: 12, random: 0.999999, want: 300_000 },
    { name: 'capped, bottom of range', attempt: 30, random: 0, want: 150_000 },
  ])('$name', ({ attempt, random, want }) => {
    expect(backoffMs(attempt, DEFAULT_RETRY_POLICY, () => random)).toBe(want);
  });

  it('grows until the cap and stays within [d/2, d]', () => {
    const policy = { baseMs: 100, maxMs: 1_000 };
    for (let a = 1; a <= 10; a++) {
      const d = Math.min(1_000, 100 * 2 ** (a - 1));
      for (const r of [0, 0.25, 0.75, 0.9999]) {
        const w = backoffMs(a, policy, () => r);
        expect(w).toBeGreaterThanOrEqual(d / 2);
        expect(w).toBeLessThanOrEqual(d);
      }
    }
  });
});
