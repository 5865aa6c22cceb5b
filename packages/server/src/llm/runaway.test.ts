// Runaway detection: the recent count against the group's trailing rate, with per-dimension floors.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUNAWAY_OPTIONS, judgeRunaway } from './runaway.js';

const c = (calls: number, retries = 0) => ({ calls, retries });

describe('judgeRunaway', () => {
  it('flags a session far above its own trailing rate', () => {
    const v = judgeRunaway('session', c(60), c(12));
    // 12 calls an hour is 1 per 5 minutes: 60 is 60 times that.
    expect(v).toMatchObject({ runaway: true, measure: 'calls', ratio: 60 });
    expect(v.message).toBe('60 calls in 5 min vs 12 in the previous 60 min');
  });
  it('leaves steady traffic alone, however high', () => {
    // 600 an hour is 50 per 5 minutes: 200 is 4 times that, under the factor of 5.
    expect(judgeRunaway('apiKey', c(200), c(600)).runaway).toBe(false);
    expect(judgeRunaway('apiKey', c(1000), c(12_000)).runaway).toBe(false);
  });
  it('needs the minimum count of the dimension', () => {
    expect(judgeRunaway('trace', c(49), c(0)).runaway).toBe(false);
    expect(judgeRunaway('trace', c(50), c(0))).toMatchObject({
      runaway: true,
      ratio: Number.POSITIVE_INFINITY,
    });
    expect(judgeRunaway('apiKey', c(299), c(0)).runaway).toBe(false);
  });
  it('flags a retry storm even when the call count looks normal', () => {
    const v = judgeRunaway('apiKey', c(100, 40), c(1200, 12));
    expect(v).toMatchObject({ runaway: true, measure: 'retries', ratio: 40 });
    expect(judgeRunaway('apiKey', c(100, 9), c(1200, 0)).runaway).toBe(false);
  });
  it('takes its windows and factor from the options', () => {
    const opts = { ...DEFAULT_RUNAWAY_OPTIONS, recentMs: 60_000, trailingMs: 600_000, factor: 2 };
    // 100 in 10 minutes is 10 per minute; 25 is 2.5 times that.
    expect(
      judgeRunaway('session', c(25), c(100), {
        ...opts,
        minCalls: { apiKey: 1, session: 1, trace: 1 },
      }).runaway,
    ).toBe(true);
  });
});
