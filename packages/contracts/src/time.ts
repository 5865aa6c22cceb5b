// Timestamps and durations on the wire, parsed once at the boundary into milliseconds.
import { z } from 'zod';

/** MAX_TIME_MS is the largest accepted timestamp (year 9999), so times stay exact in a float64. */
export const MAX_TIME_MS = 253_402_300_799_999;

/**
 * timeSchema accepts an ISO 8601 date-time with an offset (`2024-05-01T12:00:00Z`) or epoch
 * milliseconds, and outputs epoch milliseconds. Example: '1970-01-01T00:00:01Z' → 1000.
 */
export const timeSchema = z
  .union(
    [
      z.number().int().min(0).max(MAX_TIME_MS),
      z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
    ],
    { error: 'expected an ISO 8601 date-time with offset or epoch milliseconds' },
  )
  .refine((ms) => ms >= 0 && ms <= MAX_TIME_MS, 'time out of range (1970..9999)');

const DURATION_RE = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1000];

/**
 * parseDurationMs reads a duration such as `90s`, `15m`, `1h30m` or `2d` (units d, h, m, s, in
 * that order, each at most once) and returns milliseconds, or null when the text is not one.
 * Example: parseDurationMs('1h30m') → 5_400_000; parseDurationMs('5 min') → null.
 */
export function parseDurationMs(text: string): number | null {
  const m = DURATION_RE.exec(text);
  if (m === null || text === '') return null;
  let ms = 0;
  for (let i = 0; i < 4; i++) if (m[i + 1] !== undefined) ms += Number(m[i + 1]) * UNIT_MS[i];
  return ms;
}

/**
 * durationSchema validates a duration string (see parseDurationMs) and outputs milliseconds;
 * `0s` is allowed (no hold). Example: '15m' → 900_000.
 */
export const durationSchema = z.string().transform((s, ctx) => {
  const ms = parseDurationMs(s);
  if (ms === null) {
    ctx.addIssue({
      code: 'custom',
      message: `invalid duration "${s}": use e.g. 30s, 15m, 1h30m, 2d`,
    });
    return z.NEVER;
  }
  return ms;
});
