// The composition report: a set's category split against the recommended 60/20/10/10 and its size
// against the recommended 100-500 cases.
import { CATEGORIES, type Category, type GoldenSet } from './types.js';

/** RECOMMENDED_SPLIT is the recommended share of each category. */
export const RECOMMENDED_SPLIT: Readonly<Record<Category, number>> = {
  happy: 0.6,
  edge: 0.2,
  'known-failure': 0.1,
  adversarial: 0.1,
};

/** RECOMMENDED_SIZE is the recommended number of cases. */
export const RECOMMENDED_SIZE = { min: 100, max: 500 } as const;

/** SPLIT_TOLERANCE is how far (absolute share) a category may stray before it is flagged. */
export const SPLIT_TOLERANCE = 0.05;

/** CategoryShare is one row of the composition report. */
export interface CategoryShare {
  readonly category: Category;
  readonly count: number;
  readonly share: number;
  readonly recommended: number;
  /** ok is false when |share − recommended| > SPLIT_TOLERANCE. */
  readonly ok: boolean;
}

/** CompositionReport describes a set's split, size and tags, with advice. */
export interface CompositionReport {
  readonly name: string;
  readonly version: string;
  readonly hash: string;
  readonly total: number;
  readonly categories: readonly CategoryShare[];
  readonly sizeOk: boolean;
  readonly tags: Readonly<Record<string, number>>;
  /** advice lists what to change, one line each; empty when the set follows the recommendation. */
  readonly advice: readonly string[];
  readonly ok: boolean;
}

/**
 * composition counts a set's cases per category and tag and compares the split with
 * {@link RECOMMENDED_SPLIT} (±{@link SPLIT_TOLERANCE}) and the size with {@link RECOMMENDED_SIZE}.
 * Example: 100 cases all `happy` → happy 100 % (flagged), every other category 0 % (flagged).
 */
export function composition(set: GoldenSet): CompositionReport {
  const total = set.cases.length;
  const counts = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
  const tags: Record<string, number> = {};
  for (const c of set.cases) {
    counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    for (const t of c.tags) tags[t] = (tags[t] ?? 0) + 1;
  }
  const advice: string[] = [];
  const categories = CATEGORIES.map((category) => {
    const count = counts.get(category) ?? 0;
    const share = total > 0 ? count / total : 0;
    const recommended = RECOMMENDED_SPLIT[category];
    const ok = Math.abs(share - recommended) <= SPLIT_TOLERANCE + 1e-12;
    if (!ok) {
      const want = Math.round(recommended * total);
      advice.push(
        `${category}: ${count} cases (${pct(share)}), recommended ${pct(recommended)} (about ${want}): ${count < want ? 'add' : 'remove'} ${Math.abs(want - count)}`,
      );
    }
    return { category, count, share, recommended, ok };
  });
  const sizeOk = total >= RECOMMENDED_SIZE.min && total <= RECOMMENDED_SIZE.max;
  if (total < RECOMMENDED_SIZE.min)
    advice.push(`size: ${total} cases, recommended at least ${RECOMMENDED_SIZE.min}`);
  if (total > RECOMMENDED_SIZE.max)
    advice.push(
      `size: ${total} cases, recommended at most ${RECOMMENDED_SIZE.max} (runs get slow and costly)`,
    );
  return {
    name: set.name,
    version: set.version,
    hash: set.hash,
    total,
    categories,
    sizeOk,
    tags,
    advice,
    ok: advice.length === 0,
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(0)} %`;
