import { describe, expect, it } from 'vitest';
import { median, runPool } from './pool.js';
import { decideCase } from './runner.js';
import type { RepeatResult } from './types.js';

const rep = (pass: boolean, score: number): RepeatResult => ({
  output: '',
  latencyMs: 1,
  costUsd: null,
  pass,
  score,
  assertions: [],
});

describe('decideCase', () => {
  it.each([
    {
      name: 'all pass',
      repeats: [rep(true, 1), rep(true, 1), rep(true, 1)],
      threshold: undefined,
      pass: true,
      flaky: false,
    },
    {
      name: 'majority pass',
      repeats: [rep(true, 1), rep(false, 0.4), rep(true, 1)],
      threshold: undefined,
      pass: true,
      flaky: true,
    },
    {
      name: 'majority fail',
      repeats: [rep(false, 0.2), rep(false, 0.4), rep(true, 1)],
      threshold: undefined,
      pass: false,
      flaky: true,
    },
    {
      name: 'a tie of two fails (median 0.5 < 1)',
      repeats: [rep(true, 1), rep(false, 0)],
      threshold: undefined,
      pass: false,
      flaky: true,
    },
    {
      name: 'median score reaches the threshold',
      repeats: [rep(true, 0.9), rep(false, 0.5), rep(true, 0.7)],
      threshold: 0.7,
      pass: true,
      flaky: true,
    },
    {
      name: 'median score below the threshold',
      repeats: [rep(true, 0.9), rep(false, 0.5), rep(false, 0.6)],
      threshold: 0.7,
      pass: false,
      flaky: true,
    },
  ])('$name', ({ repeats, threshold, pass, flaky }) => {
    expect(decideCase(repeats, threshold)).toMatchObject({
      pass,
      flaky,
      passes: repeats.filter((r) => r.pass).length,
    });
  });

  it('reports the median weighted score', () => {
    expect(decideCase([rep(true, 0.9), rep(false, 0.2), rep(true, 0.8)], undefined).score).toBe(
      0.8,
    );
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('runPool', () => {
  it('stops starting tasks after the first failure and rethrows it', async () => {
    const started: number[] = [];
    let aborted = 0;
    const e = await runPool(
      100,
      2,
      async (i) => {
        started.push(i);
        await new Promise((r) => setTimeout(r, 1));
        if (i === 3) throw new Error('boom');
      },
      () => aborted++,
    ).catch((x) => x);
    expect(e.message).toBe('boom');
    expect(aborted).toBe(1);
    expect(started.length).toBeLessThanOrEqual(6);
  });
});
