// Misra-Gries frequent items with the mergeable-summaries merge of Agarwal et al. (2012,
// "Mergeable summaries", section 3): add the counters, then subtract the (k+1)-th largest counter
// from every counter and drop those left at or below zero.

import type { FrequentItems } from './types.js';

/** createFrequentItems makes an empty summary with `capacity` counters. */
export function createFrequentItems(capacity: number): FrequentItems {
  return { capacity, counts: new Map() };
}

/**
 * pruneToCapacity applies the Misra-Gries reduction when more than `capacity` counters exist:
 * with c = the (capacity+1)-th largest count, every counter becomes count − c and counters <= 0
 * go. This removes (capacity+1)·c from the tracked total, which is what bounds the error by
 * (N − Σc)/(capacity+1). Ties at c all drop, so the result never depends on Map order.
 */
export function pruneToCapacity(counts: Map<string, number>, capacity: number): void {
  if (counts.size <= capacity) return;
  const values = new Float64Array(counts.size);
  let i = 0;
  for (const v of counts.values()) values[i++] = v;
  values.sort();
  const c = values[values.length - 1 - capacity];
  for (const [key, v] of counts) {
    if (v > c) counts.set(key, v - c);
    else counts.delete(key);
  }
}

/** frequentItemsAdd adds exact counts (e.g. one batch's tallies) into the summary. */
export function frequentItemsAdd(fi: FrequentItems, batch: ReadonlyMap<string, number>): void {
  const counts = fi.counts;
  for (const [key, v] of batch) counts.set(key, (counts.get(key) ?? 0) + v);
  pruneToCapacity(counts, fi.capacity);
}

/** frequentItemsTracked is Σc, the total held by the counters. */
export function frequentItemsTracked(fi: FrequentItems): number {
  let t = 0;
  for (const v of fi.counts.values()) t += v;
  return t;
}

/**
 * frequentItemsErrorBound is the largest amount any count can be under-estimated by:
 * (N − Σc)/(capacity + 1), 0 while the summary is exact.
 */
export function frequentItemsErrorBound(fi: FrequentItems, total: number): number {
  return (total - frequentItemsTracked(fi)) / (fi.capacity + 1);
}

/** sortedEntries lists the counters sorted by key (UTF-16 code unit order): a canonical order. */
export function sortedEntries(fi: FrequentItems): Array<[string, number]> {
  return [...fi.counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
