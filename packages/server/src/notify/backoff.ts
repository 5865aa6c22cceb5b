// Retry delays: exponential backoff with jitter, so a receiver that comes back up is not hit by
// every queued retry at the same instant.

/** RetryPolicy sets the backoff of failed deliveries. */
export interface RetryPolicy {
  /** Delay before the second attempt, ms; default 5 s. */
  readonly baseMs: number;
  /** Longest delay between two attempts, ms; default 5 min. */
  readonly maxMs: number;
}

/** DEFAULT_RETRY_POLICY is 5 s, 10 s, 20 s, … capped at 5 min (before jitter). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 5_000, maxMs: 300_000 };

/**
 * backoffMs is the wait after failed attempt `attempt` (1-based): d = min(maxMs, baseMs · 2^(attempt−1)),
 * then "equal jitter": d/2 + random · d/2, so the wait is in [d/2, d] and never 0.
 * `random` is in [0, 1) (Math.random; tests inject it). Example: base 5 s, attempt 3,
 * random 0.5 → d = 20 s → 15 s.
 */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
