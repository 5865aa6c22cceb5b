// Budget decisions for the gateway and the API: whether a call may go ahead (blocking budgets
// whose spend reached the limit refuse it), and a budget's spend, share and the forecast of when
// it runs out at the current rate (the period's average spend rate so far).
import {
  budgetSubject,
  NANOS_PER_USD,
  periodEnd,
  periodStart,
  type Store,
  type StoredBudget,
} from '@vigil/store';

/** BudgetCallScope is what a call is counted under: its service, user and model. */
export interface BudgetCallScope {
  readonly service: string | null;
  readonly user: string | null;
  readonly model: string | null;
}

/** BudgetDecision is checkBudgets' answer: allowed, or refused by one blocking budget. */
export interface BudgetDecision {
  readonly allowed: boolean;
  /** The blocking budget that refused the call. */
  readonly budget?: StoredBudget;
  /** One line for the caller, e.g. `budget "daily-bot" exhausted: $10.02 of $10.00 (daily)`. */
  readonly reason?: string;
}

const usd = (nanos: number): string => `$${(nanos / NANOS_PER_USD).toFixed(2)}`;

/**
 * checkBudgets says whether a call with this scope may go ahead at `now`: refused when a budget
 * with `block: true` that counts the call has spent its limit in the current period.
 */
export async function checkBudgets(
  store: Store,
  projectId: string,
  scope: BudgetCallScope,
  now: number,
): Promise<BudgetDecision> {
  const budgets = await store.llm.listBudgets(projectId);
  for (const budget of budgets) {
    if (!budget.block) continue;
    const subject = budgetSubject(budget, scope);
    if (subject === null) continue;
    const start = periodStart(budget.period, now);
    const [usage] = await store.llm.getUsage(projectId, budget.id, start, subject);
    const spent = usage?.spendNanos ?? 0;
    const limit = Math.round(budget.limitUsd * NANOS_PER_USD);
    if (spent >= limit) {
      const who = budget.scope === 'project' ? '' : ` for ${budget.scope} "${subject}"`;
      return {
        allowed: false,
        budget,
        reason: `budget "${budget.name}" exhausted${who}: ${usd(spent)} of ${usd(limit)} (${budget.period})`,
      };
    }
  }
  return { allowed: true };
}

/** SubjectStatus is one counted subject of a budget in the current period. */
export interface SubjectStatus {
  readonly subject: string;
  readonly spendUsd: number;
  readonly calls: number;
  /** spend / limit. */
  readonly share: number;
  /** When spend reaches the limit at the period's average rate; null if not before the reset. */
  readonly forecastExhaustedAt: number | null;
  readonly exhausted: boolean;
}

/** BudgetStatus is a budget's state now: the subject closest to its limit, and every subject. */
export interface BudgetStatus {
  readonly budget: StoredBudget;
  readonly periodStartMs: number;
  readonly periodEndMs: number;
  readonly spendUsd: number;
  readonly share: number;
  readonly forecastExhaustedAt: number | null;
  readonly exhausted: boolean;
  readonly subjects: readonly SubjectStatus[];
}

/**
 * forecastExhaustion is when `spendNanos` reaches `limitNanos` if spending goes on at the average
 * rate since `startMs`: `now` when already reached, null when the rate is zero or the limit would
 * only be reached at or after `endMs` (the budget resets first).
 */
export function forecastExhaustion(
  spendNanos: number,
  limitNanos: number,
  startMs: number,
  endMs: number,
  now: number,
): number | null {
  if (spendNanos >= limitNanos) return now;
  const elapsed = now - startMs;
  if (spendNanos <= 0 || elapsed <= 0) return null;
  const at = now + ((limitNanos - spendNanos) * elapsed) / spendNanos;
  return at < endMs ? Math.ceil(at) : null;
}

/** budgetStatus reads a budget's usage in the period containing `now` and forecasts it. */
export async function budgetStatus(
  store: Store,
  budget: StoredBudget,
  now: number,
): Promise<BudgetStatus> {
  const start = periodStart(budget.period, now);
  const end = periodEnd(budget.period, now);
  const limit = Math.round(budget.limitUsd * NANOS_PER_USD);
  const rows = await store.llm.getUsage(budget.projectId, budget.id, start);
  const subjects: SubjectStatus[] = rows.map((u) => ({
    subject: u.subject,
    spendUsd: u.spendNanos / NANOS_PER_USD,
    calls: u.calls,
    share: u.spendNanos / limit,
    forecastExhaustedAt: forecastExhaustion(u.spendNanos, limit, start, end, now),
    exhausted: u.spendNanos >= limit,
  }));
  subjects.sort((a, b) => b.share - a.share || (a.subject < b.subject ? -1 : 1));
  const top = subjects[0];
  return {
    budget,
    periodStartMs: start,
    periodEndMs: end,
    spendUsd: top?.spendUsd ?? 0,
    share: top?.share ?? 0,
    forecastExhaustedAt: top?.forecastExhaustedAt ?? null,
    exhausted: top?.exhausted ?? false,
    subjects,
  };
}
