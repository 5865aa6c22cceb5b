// Pattern matching and period arithmetic shared by the LLM store and the server: model globs,
// budget subjects, and the UTC day / month a budget counts in.
import type { BudgetPeriod } from './port.js';

const globCache = new Map<string, RegExp>();

/**
 * globToRegExp turns a glob (`*` any run, `?` one character, everything else literal) into an
 * anchored, case-sensitive RegExp.
 */
export function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (re === undefined) {
    const body = glob.replace(/[.+^${}()|[\]\\*?]/g, (c) =>
      c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`,
    );
    re = new RegExp(`^${body}$`);
    if (globCache.size > 1000) globCache.clear();
    globCache.set(glob, re);
  }
  return re;
}

/** matchesGlob says whether `value` matches the glob `glob`. */
export function matchesGlob(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value);
}

const DAY_MS = 86_400_000;

/** periodStart is the start (epoch ms, UTC) of the budget period containing `timeMs`. */
export function periodStart(period: BudgetPeriod, timeMs: number): number {
  if (period === 'daily') return Math.floor(timeMs / DAY_MS) * DAY_MS;
  const d = new Date(timeMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** periodEnd is the end (exclusive, epoch ms, UTC) of the budget period containing `timeMs`. */
export function periodEnd(period: BudgetPeriod, timeMs: number): number {
  if (period === 'daily') return periodStart(period, timeMs) + DAY_MS;
  const d = new Date(timeMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** NANOS_PER_USD converts USD to the integer nano-USD that budget counters hold. */
export const NANOS_PER_USD = 1_000_000_000;

/** usdToNanos rounds a USD amount to integer nano-USD. */
export function usdToNanos(usd: number): number {
  return Math.round(usd * NANOS_PER_USD);
}
