// The budget forecast: when spend reaches the limit at the period's average rate so far.
import { describe, expect, it } from 'vitest';
import { forecastExhaustion } from './budgets.js';

describe('forecastExhaustion', () => {
  const start = 0;
  const end = 1000;
  it('extrapolates the average rate since the period start', () => {
    // 25 spent in 100 ms: 0.25 per ms, 75 left -> 300 ms more.
    expect(forecastExhaustion(25, 100, start, end, 100)).toBe(400);
    expect(forecastExhaustion(1, 3, start, end, 300)).toBe(900);
  });
  it('is now once the limit is reached', () => {
    expect(forecastExhaustion(100, 100, start, end, 500)).toBe(500);
    expect(forecastExhaustion(150, 100, start, end, 500)).toBe(500);
  });
  it('is null when nothing is spent or the budget resets first', () => {
    expect(forecastExhaustion(0, 100, start, end, 500)).toBeNull();
    expect(forecastExhaustion(10, 100, start, end, 500)).toBeNull();
    expect(forecastExhaustion(10, 100, start, end, 0)).toBeNull();
  });
});
