// A bounded worker pool: at most `concurrency` tasks in flight; the first failure stops the pool
// from starting new tasks, waits for the ones in flight, and is rethrown.

/**
 * runPool runs `task(i)` for i in [0, count) with at most `concurrency` at once. On the first
 * rejection no further task starts; `onFailure` is called once (to abort work in flight), the
 * pool waits for running tasks to settle and rejects with that first error.
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
  onFailure: (error: unknown) => void = () => {},
): Promise<void> {
  let next = 0;
  let failed = false;
  let first: unknown;
  const worker = async (): Promise<void> => {
    while (!failed && next < count) {
      const i = next++;
      try {
        await task(i);
      } catch (e) {
        if (!failed) {
          failed = true;
          first = e;
          onFailure(e);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  if (failed) throw first;
}

/** median is the middle of the sorted values (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
