// The store's one error type: a stable code the server maps to HTTP, a message, and the cause.

/** StoreErrorCode lists the conditions callers branch on. */
export type StoreErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_ARGUMENT'
  | 'UNAVAILABLE'
  | 'MIGRATION_FAILED';

/** StoreError is thrown by every Store method for expected failures; `code` is stable API. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** TimeRange is a half-open time window [fromMs, toMs) in epoch milliseconds. */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/** MAX_QUERY_LIMIT caps the rows one query returns; callers page by time. */
export const MAX_QUERY_LIMIT = 10_000;

/**
 * checkRange throws INVALID_ARGUMENT unless the range is finite with fromMs < toMs: every query
 * API takes a time window, so no call scans a project's whole history by accident.
 */
export function checkRange(range: TimeRange): void {
  if (
    range === undefined ||
    !Number.isFinite(range.fromMs) ||
    !Number.isFinite(range.toMs) ||
    range.fromMs >= range.toMs
  ) {
    throw new StoreError('INVALID_ARGUMENT', 'a time window { fromMs < toMs } is required');
  }
}

/** checkLimit returns a row limit in 1..MAX_QUERY_LIMIT (default 1000) or throws. */
export function checkLimit(limit: number | undefined): number {
  const n = limit ?? 1000;
  if (!Number.isInteger(n) || n < 1 || n > MAX_QUERY_LIMIT) {
    throw new StoreError('INVALID_ARGUMENT', `limit must be an integer in 1..${MAX_QUERY_LIMIT}`);
  }
  return n;
}
