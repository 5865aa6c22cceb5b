// Which features a monitor watches: all of the baseline, a list, or the top N by importance.
import type { FeatureSpec } from '@vigil/contracts';
import { err, ok, type Result } from '@vigil/core';

/** FeatureSelection is a monitor's `features`: 'all', a list of names, or `{ top: N }`. */
export type FeatureSelection = 'all' | readonly string[] | { readonly top: number };

/**
 * selectFeatures resolves a feature selection against the baseline's feature names.
 * 'all' → the baseline features in their order; a list → that list as given (names missing from
 * the baseline are kept so the evaluation reports them); `{ top: N }` → the N features with the
 * highest declared importance (ties by name), among features that declare one. INVALID_ARGUMENT
 * when `{ top }` is asked but no feature declares an importance: silently watching arbitrary
 * features would hide a configuration mistake.
 * Example: top 2 of a (0.5), b (0.9), c (0.5) → ['b', 'a'].
 */
export function selectFeatures(
  selection: FeatureSelection,
  baselineFeatures: readonly string[],
  specs: readonly FeatureSpec[] = [],
): Result<string[]> {
  if (selection === 'all') return ok([...baselineFeatures]);
  if (Array.isArray(selection)) return ok([...selection]);
  const top = (selection as { readonly top: number }).top;
  const ranked = specs
    .filter((s) => s.importance !== undefined)
    .sort((a, b) => (b.importance as number) - (a.importance as number) || cmp(a.name, b.name));
  if (ranked.length === 0) {
    return err(
      'INVALID_ARGUMENT',
      `features { top: ${top} } needs feature importance in the model`,
    );
  }
  return ok(ranked.slice(0, top).map((s) => s.name));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
