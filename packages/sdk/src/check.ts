// Cheap field checks mirroring the server's schemas (packages/contracts/src/ingest.ts). The SDK
// imports only types from @vigil/contracts, so it stays free of zod at runtime; the limits are
// copied here and typed against the contracts' LIMITS, so a change there fails the build here.
import type { LIMITS } from '@vigil/contracts';

/** SDK_LIMITS is a copy of the contracts' LIMITS; its type forces every value to match. */
export const SDK_LIMITS: typeof LIMITS = {
  maxBatchEvents: 5000,
  maxBodyBytes: 16 * 1024 * 1024,
  maxFeatures: 500,
  maxClasses: 1000,
  maxTags: 32,
  maxStringLength: 4096,
  maxNameLength: 128,
};

/** MAX_TIME_MS is the largest time the server accepts (year 9999), as in the contracts. */
export const MAX_TIME_MS = 253_402_300_799_999;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Issue is one problem with a logged event: the field (in the SDK's names) and why. */
export interface Issue {
  readonly field: string;
  readonly reason: string;
}

/** checkName returns why `v` is not a 1..128-character string, or null when it is one. */
export function checkName(v: unknown): string | null {
  if (typeof v !== 'string') return 'expected a string';
  if (v.length === 0) return 'must not be empty';
  if (v.length > SDK_LIMITS.maxNameLength)
    return `longer than ${SDK_LIMITS.maxNameLength} characters`;
  return null;
}

/** checkId returns why `v` is not a valid event id (a 1..128-character string), or null. */
export function checkId(v: unknown): string | null {
  return checkName(v);
}

/** checkModel returns why `v` is not a valid model name (letters, digits, `.`, `_`, `-`), or null. */
export function checkModel(v: unknown): string | null {
  const n = checkName(v);
  if (n !== null) return n;
  return NAME_PATTERN.test(v as string)
    ? null
    : 'must start with a letter or digit and hold only letters, digits, ".", "_", "-"';
}

/** checkText returns why a string is too long for a feature, prediction, label or error, or null. */
export function checkText(v: string): string | null {
  return v.length > SDK_LIMITS.maxStringLength
    ? `longer than ${SDK_LIMITS.maxStringLength} characters`
    : null;
}

/** checkTags returns why `v` is not a valid tag map (at most 32 string values), or null. */
export function checkTags(v: unknown): string | null {
  if (v === undefined) return null;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'expected an object';
  let n = 0;
  for (const k in v) {
    if (++n > SDK_LIMITS.maxTags) return `more than ${SDK_LIMITS.maxTags} tags`;
    const bad = checkName(k);
    if (bad !== null) return `tag name ${bad}`;
    const t = (v as Record<string, unknown>)[k];
    if (typeof t !== 'string' || checkText(t) !== null) {
      return `tag ${k}: expected a string of at most ${SDK_LIMITS.maxStringLength} characters`;
    }
  }
  return null;
}

/**
 * checkTime converts a Date, epoch milliseconds or ISO 8601 text with an offset into epoch
 * milliseconds in [0, MAX_TIME_MS], or returns the reason it cannot.
 * Example: checkTime('1970-01-01T00:00:01Z') → { ok: true, ms: 1000 }.
 */
export function checkTime(v: unknown): { ok: true; ms: number } | { ok: false; reason: string } {
  let ms: number;
  if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'number') {
    if (!Number.isInteger(v)) return { ok: false, reason: 'expected integer epoch milliseconds' };
    ms = v;
  } else if (typeof v === 'string') {
    if (!OFFSET.test(v))
      return { ok: false, reason: 'expected ISO 8601 text with an offset (e.g. ...Z)' };
    ms = Date.parse(v);
  } else return { ok: false, reason: 'expected a Date, epoch milliseconds or ISO 8601 text' };
  if (!(ms >= 0 && ms <= MAX_TIME_MS))
    return { ok: false, reason: 'time out of range (1970..9999)' };
  return { ok: true, ms };
}
