// One target call with a timeout per attempt and retries with exponential backoff and full jitter.
import type { GoldenCase } from '../golden/types.js';
import { type Target, type TargetCall, TargetCallError } from '../targets/types.js';

/** CallPolicy bounds one call: time per attempt and how often a retryable failure is retried. */
export interface CallPolicy {
  readonly timeoutMs: number;
  readonly retries: number;
  /** backoffMs is the base delay: attempt k waits up to backoffMs · 2^k (full jitter); default 200. */
  readonly backoffMs?: number;
  /** random in [0, 1) for the jitter; default Math.random. */
  readonly random?: () => number;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/**
 * callWithRetry calls the target for one case. Retryable failures (network, timeout, HTTP 408,
 * 429, 5xx) are retried `retries` times; the last failure, or the first one that is not
 * retryable, is thrown. `signal` aborts everything (the run stopped).
 */
export async function callWithRetry(
  target: Target,
  c: GoldenCase,
  policy: CallPolicy,
  signal: AbortSignal,
): Promise<TargetCall> {
  const random = policy.random ?? Math.random;
  const base = policy.backoffMs ?? 200;
  let last: unknown;
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (signal.aborted) throw signal.reason;
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    try {
      return await target.call(c, AbortSignal.any([signal, timeout]));
    } catch (e) {
      if (signal.aborted) throw signal.reason;
      last = timeout.aborted
        ? new TargetCallError(`no answer within ${policy.timeoutMs} ms`, true, { cause: e })
        : e;
      if (!(last instanceof TargetCallError) || !last.retryable) break;
      if (attempt < policy.retries) await sleep(random() * base * 2 ** attempt, signal);
    }
  }
  throw last;
}
