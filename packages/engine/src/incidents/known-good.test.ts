import { describe, expect, it } from 'vitest';
import { lastKnownGood, servedIntervals } from './known-good.js';

const history = [
  { timeMs: 0, version: '1' },
  { timeMs: 10, version: '2' },
  { timeMs: 20, version: '3' },
];

describe('lastKnownGood', () => {
  it('skips versions that had an incident and the current one', () => {
    const r = lastKnownGood(history, [{ openedMs: 12 }, { openedMs: 25 }], 30);
    expect(r).toEqual({ ok: true, value: { version: '1', fromMs: 0, toMs: 10 } });
  });
  it('takes the latest clean interval', () => {
    const r = lastKnownGood(history, [{ openedMs: 25 }], 30);
    expect(r.ok && r.value.version).toBe('2');
  });
  it('never returns the current version, even from an earlier clean stint', () => {
    const h = [...history, { timeMs: 30, version: '1' }];
    const r = lastKnownGood(h, [{ openedMs: 3 }, { openedMs: 15 }, { openedMs: 31 }], 40);
    expect(r.ok && r.value.version).toBe('3');
  });
  it('refuses without a clean earlier version', () => {
    const r = lastKnownGood([{ timeMs: 0, version: '1' }], [{ openedMs: 5 }], 10);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NO_KNOWN_GOOD');
    expect(lastKnownGood([], [], 10).ok).toBe(false);
  });
  it('builds served intervals, skipping removals and empty stints', () => {
    expect(
      servedIntervals(
        [
          { timeMs: 0, version: '1' },
          { timeMs: 5, version: null },
          { timeMs: 7, version: '2' },
          { timeMs: 7, version: '3' },
        ],
        9,
      ),
    ).toEqual([
      { version: '1', fromMs: 0, toMs: 5 },
      { version: '3', fromMs: 7, toMs: 9 },
    ]);
  });
});
