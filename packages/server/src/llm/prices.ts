// Pricing a call: find the price entry for a model (the project's table in force at the call's
// time, then the built-in table), and compute the cost from tokens by type. No price: null,
// never zero.
import {
  globToRegExp,
  type PriceEntry,
  type StoredPriceTable,
  type TokenCounts,
} from '@vigil/store';
import { DEFAULT_PRICE_ENTRIES } from './default-prices.js';

const regexCache = new Map<string, RegExp | null>();

function compiled(entry: PriceEntry): RegExp | null {
  if (entry.matchKind === 'glob') return globToRegExp(entry.match);
  const key = entry.match;
  if (!regexCache.has(key)) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(`^(?:${key})$`);
    } catch {
      re = null;
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(key, re);
  }
  return regexCache.get(key) ?? null;
}

/** patternError returns why a price pattern cannot be used, or null when it compiles. */
export function patternError(match: string, kind: PriceEntry['matchKind']): string | null {
  if (kind === 'glob') return null;
  try {
    new RegExp(match);
    return null;
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message}`;
  }
}

/** findPrice returns the first entry whose pattern matches `model` (whole name), or null. */
export function findPrice(entries: readonly PriceEntry[], model: string): PriceEntry | null {
  for (const e of entries) if (compiled(e)?.test(model) === true) return e;
  return null;
}

/** PriceLookup is the entry that priced a model and the table version it came from. */
export interface PriceLookup {
  readonly entry: PriceEntry;
  /** The project's table version, or 0 for the built-in table. */
  readonly version: number;
}

/**
 * tableAt picks the version in force at `timeMs` from a project's tables (latest effectiveFrom
 * <= timeMs, ties to the higher version), or null.
 */
export function tableAt(
  tables: readonly StoredPriceTable[],
  timeMs: number,
): StoredPriceTable | null {
  let best: StoredPriceTable | null = null;
  for (const t of tables) {
    if (t.effectiveFromMs > timeMs) continue;
    if (
      best === null ||
      t.effectiveFromMs > best.effectiveFromMs ||
      (t.effectiveFromMs === best.effectiveFromMs && t.version > best.version)
    )
      best = t;
  }
  return best;
}

/**
 * lookupPrice prices `model` at `timeMs`: the project's table in force then, else the built-in
 * table (version 0); null when neither has the model.
 */
export function lookupPrice(
  tables: readonly StoredPriceTable[],
  model: string,
  timeMs: number,
): PriceLookup | null {
  const table = tableAt(tables, timeMs);
  if (table !== null) {
    const entry = findPrice(table.entries, model);
    if (entry !== null) return { entry, version: table.version };
  }
  const entry = findPrice(DEFAULT_PRICE_ENTRIES, model);
  return entry === null ? null : { entry, version: 0 };
}

/**
 * computeCost is the USD cost of `tokens` at `entry`'s prices: uncached input, cached input,
 * non-reasoning output and reasoning output each at their own price. Null when input and output
 * are both unknown; an unknown one of the two counts as zero tokens.
 */
export function computeCost(entry: PriceEntry, tokens: TokenCounts): number | null {
  if (tokens.input === null && tokens.output === null) return null;
  const input = tokens.input ?? 0;
  const cached = Math.min(tokens.cachedInput ?? 0, input);
  const output = tokens.output ?? 0;
  const reasoning = Math.min(tokens.reasoning ?? 0, output);
  const micro =
    (input - cached) * entry.inputPer1M +
    cached * (entry.cachedInputPer1M ?? entry.inputPer1M) +
    (output - reasoning) * entry.outputPer1M +
    reasoning * (entry.reasoningPer1M ?? entry.outputPer1M);
  return micro / 1_000_000;
}
