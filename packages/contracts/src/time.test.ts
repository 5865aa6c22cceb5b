import { describe, expect, it } from 'vitest';
import { durationSchema, parseDurationMs, timeSchema } from './time.js';

describe('parseDurationMs', () => {
  it.each([
    { text: '0s', ms: 0 },
    { text: '90s', ms: 90_000 },
    { text: '15m', ms: 900_000 },
    { text: '1h30m', ms: 5_400_000 },
    { text: '2d', ms: 172_800_000 },
    { text: '1d2h3m4s', ms: 93_784_000 },
    { text: '', ms: null },
    { text: '5 min', ms: null },
    { text: '1m1h', ms: null },
    { text: '-1h', ms: null },
    { text: '1.5h', ms: null },
  ])('$text → $ms', ({ text, ms }) => {
    expect(parseDurationMs(text)).toBe(ms);
    expect(durationSchema.safeParse(text).success).toBe(ms !== null);
  });
});

describe('timeSchema', () => {
  it.each([
    { name: 'epoch ms', input: 1000, out: 1000 },
    { name: 'ISO with Z', input: '1970-01-01T00:00:01Z', out: 1000 },
    { name: 'ISO with offset', input: '2024-05-01T14:00:00+02:00', out: Date.UTC(2024, 4, 1, 12) },
    { name: 'ISO without offset', input: '2024-05-01T12:00:00', out: null },
    { name: 'date only', input: '2024-05-01', out: null },
    { name: 'negative', input: -1, out: null },
    { name: 'fractional ms', input: 1.5, out: null },
    { name: 'year 10000', input: 253_402_300_800_000, out: null },
  ])('$name', ({ input, out }) => {
    const r = timeSchema.safeParse(input);
    expect(r.success ? r.data : null).toBe(out);
  });
});
