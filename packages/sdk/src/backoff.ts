// Retry timing: exponential backoff with full jitter, and the server's Retry-After when it gives one.

/** BackoffOptions shape the retry delays. */
export interface BackoffOptions {
  /** Delay cap of the first retry, ms. */
  readonly baseMs: number;
  /** Largest delay cap, ms. */
  readonly maxMs: number;
  /** Uniform random source in [0, 1); Math.random by default, injectable for tests. */
  readonly random: () => number;
}

/**
 * backoffDelayMs is the wait before retry number `attempt` (0 for the first retry), with "full
 * jitter": delay = floor(random() * min(maxMs, baseMs * 2^attempt)), so it lies in
 * [0, min(maxMs, baseMs * 2^attempt)). Spreading retries uniformly over the whole window keeps
 * many clients that failed together from retrying together. A random source returning values
 * outside [0, 1) is clamped into it. Example: baseMs 100, maxMs 10_000, attempt 3, random 0.5 →
 * floor(0.5 * 800) = 400.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions): number {
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 52));
  let r = options.random();
  if (!(r >= 0)) r = 0;
  else if (r >= 1) r = 1 - Number.EPSILON;
  return Math.floor(r * cap);
}

/**
 * parseRetryAfterMs reads a Retry-After header: delta-seconds (`"120"`) or an HTTP date. Returns
 * milliseconds to wait (0 for a date in the past), or undefined when absent or unreadable.
 * Example: parseRetryAfterMs('2', 0) → 2000.
 */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names its month and zone; this keeps '-3' from parsing as year -3.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
