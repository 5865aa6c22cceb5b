// Runaway detection: a sudden rise in LLM calls (or in retries) from one API key, session or
// trace compared with that group's own trailing rate. Pure decision plus its default settings;
// record.ts gathers the counts and acts on the verdict.
import type { CallCounts, RateDimension } from '@vigil/store';

/** RunawayOptions tune the detector. */
export interface RunawayOptions {
  /** The recent window compared with the trailing one, ms; default 5 min. */
  readonly recentMs: number;
  /** The trailing window just before the recent one, ms; default 60 min. */
  readonly trailingMs: number;
  /** How many times the trailing rate the recent rate must exceed; default 5. */
  readonly factor: number;
  /** Fewest recent calls that can be a runaway, per dimension. */
  readonly minCalls: Readonly<Record<RateDimension, number>>;
  /** Fewest recent retries that can be a retry storm; default 10. */
  readonly minRetries: number;
}

/** DEFAULT_RUNAWAY_OPTIONS are the detector's defaults. */
export const DEFAULT_RUNAWAY_OPTIONS: RunawayOptions = {
  recentMs: 5 * 60_000,
  trailingMs: 60 * 60_000,
  factor: 5,
  minCalls: { apiKey: 300, session: 50, trace: 50 },
  minRetries: 10,
};

/** RunawayVerdict says whether a group runs away, by what measure, and how far. */
export interface RunawayVerdict {
  readonly runaway: boolean;
  /** `calls` or `retries`: the measure that rose. */
  readonly measure: 'calls' | 'retries' | null;
  /** Recent count divided by the trailing count scaled to the recent window (Infinity from 0). */
  readonly ratio: number;
  readonly message: string;
}

/**
 * judgeRunaway compares a group's recent counts with its trailing counts (both LLM calls) and
 * flags a runaway when the recent count reaches the minimum and exceeds `factor` times the
 * trailing rate scaled to the recent window.
 */
export function judgeRunaway(
  dimension: RateDimension,
  recent: CallCounts,
  trailing: CallCounts,
  options: RunawayOptions = DEFAULT_RUNAWAY_OPTIONS,
): RunawayVerdict {
  const scale = options.recentMs / options.trailingMs;
  const check = (measure: 'calls' | 'retries', now: number, before: number, min: number) => {
    const expected = before * scale;
    const ratio = expected > 0 ? now / expected : now > 0 ? Number.POSITIVE_INFINITY : 0;
    return { measure, ratio, hit: now >= min && now > options.factor * expected };
  };
  const calls = check('calls', recent.calls, trailing.calls, options.minCalls[dimension]);
  const retries = check('retries', recent.retries, trailing.retries, options.minRetries);
  const hit = calls.hit ? calls : retries.hit ? retries : null;
  if (hit === null) return { runaway: false, measure: null, ratio: calls.ratio, message: '' };
  const mins = Math.round(options.recentMs / 60_000);
  const n = hit.measure === 'calls' ? recent.calls : recent.retries;
  const prior = hit.measure === 'calls' ? trailing.calls : trailing.retries;
  return {
    runaway: true,
    measure: hit.measure,
    ratio: hit.ratio,
    message: `${n} ${hit.measure} in ${mins} min vs ${prior} in the previous ${Math.round(options.trailingMs / 60_000)} min`,
  };
}
