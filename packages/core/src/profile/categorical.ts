// Categorical column profile: counts, Misra-Gries frequent items and an HLL distinct count.

import { err, ok, type Result } from '../result.js';
import { createFrequentItems, frequentItemsAdd } from './frequent-items.js';
import { type Hash64, hashString64 } from './hash.js';
import { createHll, hllAdd } from './hll.js';
import { DEFAULT_HLL_PRECISION, validatePrecision } from './numeric.js';
import type { CategoricalProfile, CategoricalProfileOptions } from './types.js';

/** DEFAULT_ITEM_CAPACITY is the default number of frequent-item counters. */
export const DEFAULT_ITEM_CAPACITY = 1024;
/** MAX_CAPACITY bounds the counters (a profile is meant to stay small). */
export const MAX_CAPACITY = 1_000_000;

/**
 * createCategoricalProfile makes an empty categorical profile.
 *
 * Errors (INVALID_ARGUMENT): capacity not an integer in 1..1,000,000, hllPrecision outside 4..16.
 * Example: `createCategoricalProfile({ capacity: 100 })` counts up to 100 categories exactly.
 */
export function createCategoricalProfile(
  options: CategoricalProfileOptions = {},
): Result<CategoricalProfile> {
  const capacity = options.capacity ?? DEFAULT_ITEM_CAPACITY;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    return err('INVALID_ARGUMENT', `capacity must be an integer in [1, ${MAX_CAPACITY}]`);
  }
  const p = validatePrecision(options.hllPrecision ?? DEFAULT_HLL_PRECISION);
  if (!p.ok) return p;
  return ok({
    kind: 'categorical',
    count: 0,
    missing: 0,
    items: createFrequentItems(capacity),
    hll: createHll(p.value),
  });
}

const scratchHash: Hash64 = { a: 0, b: 0 };

/**
 * updateCategorical adds a batch of values in place. null, undefined and '' are missing (an empty
 * cell, as DESIGN.md's missing-value rule says). The batch is tallied exactly first, then merged
 * into the frequent items (one Misra-Gries reduction per batch) and hashed once per distinct value.
 * Example: ['a', 'b', 'a', null] → count 3, missing 1, items {a: 2, b: 1}.
 */
export function updateCategorical(
  p: CategoricalProfile,
  values: ReadonlyArray<string | null | undefined>,
): void {
  const batch = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '') {
      missing++;
      continue;
    }
    batch.set(v, (batch.get(v) ?? 0) + 1);
  }
  p.missing += missing;
  p.count += values.length - missing;
  for (const key of batch.keys()) {
    hashString64(key, scratchHash);
    hllAdd(p.hll, scratchHash.a, scratchHash.b);
  }
  frequentItemsAdd(p.items, batch);
}
