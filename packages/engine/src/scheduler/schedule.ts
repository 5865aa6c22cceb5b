// Scheduler arithmetic: each monitor ticks on its own grid, offset by a hash of its id so that
// monitors with the same cadence spread over the interval instead of all firing at :00
// (Prometheus rules/group.go, EvalTimestamp). A late tick runs the latest slot once and counts
// the slots it skipped; it never replays them in a burst.
import { fnv1a64 } from '../hash.js';

function checkInterval(intervalMs: number): void {
  if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) {
    throw new RangeError(`intervalMs must be a positive integer, got ${intervalMs}`);
  }
}

/**
 * scheduleOffsetMs is the monitor's deterministic offset in its interval: fnv1a64(monitorId) mod
 * intervalMs, in [0, intervalMs). Same id, same offset, on every machine and restart.
 * Throws RangeError if intervalMs is not a positive integer (validate cadences at the boundary).
 * Example: scheduleOffsetMs('m1', 3_600_000) → 2_115_051 (35 min 15 s past the hour).
 */
export function scheduleOffsetMs(monitorId: string, intervalMs: number): number {
  checkInterval(intervalMs);
  return Number(fnv1a64(monitorId) % BigInt(intervalMs));
}

/**
 * slotAtOrBefore is the latest slot (t ≡ offsetMs mod intervalMs) at or before `t`.
 * Example: interval 60 s, offset 7 s, t = 12:00:05 → 11:59:07.
 */
export function slotAtOrBefore(t: number, intervalMs: number, offsetMs: number): number {
  checkInterval(intervalMs);
  return Math.floor((t - offsetMs) / intervalMs) * intervalMs + offsetMs;
}

/**
 * nextDueAt is the first slot strictly after `t`. Example: interval 60 s, offset 7 s,
 * t = 12:00:07 → 12:01:07.
 */
export function nextDueAt(t: number, intervalMs: number, offsetMs: number): number {
  return slotAtOrBefore(t, intervalMs, offsetMs) + intervalMs;
}

/** TickPlan says what a scheduler tick at `now` should do for one monitor. */
export interface TickPlan {
  /** true when a slot is due that was not evaluated yet. */
  readonly due: boolean;
  /** The slot to evaluate (its windows end at or before it); the latest slot <= now. */
  readonly slotAt: number;
  /** Slots strictly between the last evaluated slot and slotAt: counted, never replayed. */
  readonly missed: number;
  /** The next slot after slotAt: when to wake up for this monitor. */
  readonly nextAt: number;
}

/** PlanTickOptions are the inputs of planTick. */
export interface PlanTickOptions {
  readonly now: number;
  /** The slot evaluated last (TickPlan.slotAt of the last run); null if never evaluated. */
  readonly lastSlotAt: number | null;
  readonly intervalMs: number;
  readonly offsetMs: number;
}

/**
 * planTick decides one tick: evaluate the latest slot at or before `now` if it is newer than
 * the last evaluated one, and count the slots in between as missed (a process that slept 3 h on
 * an hourly monitor runs once, with missed = 2). A first run has missed = 0. A slot already
 * evaluated is not due. Example: interval 1 h, offset 0, last 09:00, now 12:30 → slot 12:00,
 * missed 2 (10:00 and 11:00), next 13:00.
 */
export function planTick(options: PlanTickOptions): TickPlan {
  const { now, lastSlotAt, intervalMs, offsetMs } = options;
  const slotAt = slotAtOrBefore(now, intervalMs, offsetMs);
  const nextAt = slotAt + intervalMs;
  if (lastSlotAt !== null && slotAt <= lastSlotAt) return { due: false, slotAt, missed: 0, nextAt };
  // lastSlotAt may be off the grid after a cadence change: count whole intervals only.
  const missed =
    lastSlotAt === null ? 0 : Math.max(0, Math.ceil((slotAt - lastSlotAt) / intervalMs) - 1);
  return { due: true, slotAt, missed, nextAt };
}
