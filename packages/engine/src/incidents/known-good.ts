// The last known-good version: the last version that served as production without an incident,
// read from the alias's append-only history and the model's incident intervals.
import { ok, type Result } from '@vigil/core';
import type { IncidentError } from './types.js';

/** AliasMove is one entry of an alias history: from `timeMs` on, the alias pointed at `version`. */
export interface AliasMove {
  readonly timeMs: number;
  /** The version moved to; null when the alias was removed. */
  readonly version: string | null;
}

/** IncidentInterval is when one incident of the model was opened (and resolved, if it was). */
export interface IncidentInterval {
  readonly openedMs: number;
}

/** ServedInterval is a version's time behind the alias: [fromMs, toMs). */
export interface ServedInterval {
  readonly version: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** servedIntervals turns an alias history into the intervals each version served, oldest first. */
export function servedIntervals(history: readonly AliasMove[], now: number): ServedInterval[] {
  const moves = [...history].sort((a, b) => a.timeMs - b.timeMs);
  const out: ServedInterval[] = [];
  for (let i = 0; i < moves.length; i++) {
    const m = moves[i];
    const toMs = i + 1 < moves.length ? moves[i + 1].timeMs : now;
    if (m.version !== null && toMs > m.timeMs)
      out.push({ version: m.version, fromMs: m.timeMs, toMs });
  }
  return out;
}

/**
 * lastKnownGood finds the version to roll back to: among the intervals the alias served before
 * the current one, the latest whose version is not the current version and during which no
 * incident of the model was opened (an incident belongs to the version serving when it opened).
 * NO_KNOWN_GOOD when there is no such interval (a first version, or every earlier one had an
 * incident). Example: v1 [0, 10) clean, v2 [10, 20) incident at 12, v3 [20, now) incident at 25 →
 * v1.
 */
export function lastKnownGood(
  history: readonly AliasMove[],
  incidents: readonly IncidentInterval[],
  now: number,
): Result<ServedInterval, IncidentError> {
  const served = servedIntervals(history, now);
  const current = [...history].sort((a, b) => a.timeMs - b.timeMs).at(-1)?.version ?? null;
  for (let i = served.length - 1; i >= 0; i--) {
    const s = served[i];
    if (s.version === current) continue;
    const hit = incidents.some((x) => x.openedMs >= s.fromMs && x.openedMs < s.toMs);
    if (!hit) return ok(s);
  }
  return {
    ok: false,
    error: {
      code: 'NO_KNOWN_GOOD',
      message:
        served.length === 0
          ? 'the alias has no history: no version to roll back to'
          : 'no earlier version served without an incident: no known-good version to roll back to',
    },
  };
}
