import { MAX_TIME_MS as CONTRACT_MAX_TIME, LIMITS } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import { checkModel, checkTags, checkTime, MAX_TIME_MS, SDK_LIMITS } from './check.js';

describe('SDK_LIMITS', () => {
  it('equals the contracts LIMITS at runtime too', () => {
    expect(SDK_LIMITS).toEqual(LIMITS);
    expect(MAX_TIME_MS).toBe(CONTRACT_MAX_TIME);
  });
});

describe('checkTime', () => {
  const cases = [
    { name: 'epoch ms', v: 1000, want: 1000 },
    { name: 'Date', v: new Date(1000), want: 1000 },
    { name: 'ISO with Z', v: '1970-01-01T00:00:01Z', want: 1000 },
    { name: 'ISO with offset', v: '1970-01-01T01:00:01+01:00', want: 1000 },
    { name: 'ISO without offset', v: '1970-01-01T00:00:01', want: null },
    { name: 'fractional ms', v: 1.5, want: null },
    { name: 'negative', v: -1, want: null },
    { name: 'after year 9999', v: MAX_TIME_MS + 1, want: null },
    { name: 'invalid Date', v: new Date(Number.NaN), want: null },
    { name: 'not a time', v: {}, want: null },
  ];
  it.each(cases)('$name', ({ v, want }) => {
    const r = checkTime(v);
    expect(r.ok ? r.ms : null).toBe(want);
  });
});

describe('checkModel and checkTags', () => {
  const cases = [
    { name: 'model ok', got: checkModel('fraud-v2.1_x'), ok: true },
    { name: 'model empty', got: checkModel(''), ok: false },
    { name: 'model starts with dot', got: checkModel('.m'), ok: false },
    { name: 'model with space', got: checkModel('a b'), ok: false },
    { name: 'model too long', got: checkModel('m'.repeat(129)), ok: false },
    { name: 'tags ok', got: checkTags({ country: 'FR' }), ok: true },
    { name: 'tags non-string value', got: checkTags({ n: 1 }), ok: false },
    {
      name: 'too many tags',
      got: checkTags(Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`t${i}`, 'v']))),
      ok: false,
    },
  ];
  it.each(cases)('$name', ({ got, ok }) => {
    expect(got === null).toBe(ok);
  });
});
