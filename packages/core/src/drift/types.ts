import type { Result } from '../result.js';

/**
 * ColumnKind is how a column is compared. `numerical` columns hold numbers, `categorical` columns
 * hold labels, `text` columns hold free text (compared through the distribution of their lengths
 * in characters, see `driftTest`).
 */
export type ColumnKind = 'numerical' | 'categorical' | 'text';

/**
 * DriftMethodName lists the drift methods, with Evidently 0.7's names (legacy stattests) so that
 * users moving from it keep their configuration.
 */
export type DriftMethodName =
  | 'ks'
  | 'chisquare'
  | 'z'
  | 'jensenshannon'
  | 'kl_div'
  | 'psi'
  | 'wasserstein'
  | 'anderson'
  | 'fisher_exact'
  | 'cramer_von_mises'
  | 'g_test'
  | 'hellinger'
  | 'mannw'
  | 'ed'
  | 'es'
  | 't_test'
  | 'TVD'
  | 'empirical_mmd';

/**
 * ColumnData is one column of one dataset. Missing values are dropped before every test:
 * NaN and ±Infinity for numerical data, `null` and the empty string for categorical and text data.
 * The arrays are read, never modified.
 */
export type ColumnData =
  | { readonly kind: 'numerical'; readonly values: Float64Array }
  | { readonly kind: 'categorical'; readonly values: ReadonlyArray<string | null> }
  | { readonly kind: 'text'; readonly values: ReadonlyArray<string | null> };

/**
 * DriftOptions tunes one drift test. `method` defaults to `defaultMethod(...)`; `threshold` to the
 * method's default; `bins` sets the number of equal-width bins of a numerical column for the binned
 * methods (psi, kl_div, jensenshannon, hellinger), where Evidently ignores its `n_bins`; `seed`
 * seeds the permutation tests (TVD, empirical_mmd; default `DEFAULT_DRIFT_SEED`); `includeBins`
 * adds the histogram of both samples to the result.
 */
export interface DriftOptions {
  method?: DriftMethodName;
  threshold?: number;
  bins?: number;
  seed?: number;
  includeBins?: boolean;
}

/**
 * EffectSize is a sample-size-free measure of how different the two samples are, so that a monitor
 * can ignore drift that is only significant because n is huge. `name` is one of `ks_d`,
 * `cramers_v`, `cohens_h`, `cohens_d`, `rank_biserial`, or the method name for distances (the
 * distance is its own effect size).
 */
export interface EffectSize {
  readonly name: string;
  readonly value: number;
}

/**
 * DriftBins is the histogram of both samples, for plotting: `edges` (length k + 1) for equal-width
 * bins of a numerical column, or `categories` (length k) for one bin per value; `reference` and
 * `current` are counts (length k).
 */
export interface DriftBins {
  readonly edges?: number[];
  readonly categories?: string[];
  readonly reference: number[];
  readonly current: number[];
}

/**
 * DriftResult is the outcome of one drift test on one column.
 * `score` is the p-value for tests (`pValue` equals it) and the distance for distances (`pValue`
 * is null); `statistic` is the test statistic (KS D, chi-square, z, U, t, A2, ...) or the distance.
 * `statistic` may be ±Infinity (chi-square with a category absent from the reference); `score` is
 * always a finite number. `drifted` applies the method's rule to `score` and `threshold`.
 * Counts are after dropping missing values; `dropped*` count the missing values dropped.
 */
export interface DriftResult {
  readonly method: DriftMethodName;
  readonly kind: ColumnKind;
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
  readonly effectSize: EffectSize | null;
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly droppedReference: number;
  readonly droppedCurrent: number;
  readonly bins?: DriftBins;
}

/** ScoreKind says whether a method's score is a p-value (small = drift) or a distance (large = drift). */
export type ScoreKind = 'p_value' | 'distance';

/**
 * DriftRule is the comparison that flags drift: `lt` score < threshold, `lte` score <= threshold,
 * `gte` score >= threshold, `gt` score > threshold.
 */
export type DriftRule = 'lt' | 'lte' | 'gte' | 'gt';

/**
 * DriftMethod describes a method in the registry: which column kinds it accepts, what its score is,
 * its default threshold and drift rule, and the name of the effect size it reports.
 */
export interface DriftMethod {
  readonly name: DriftMethodName;
  readonly displayName: string;
  readonly kinds: readonly ColumnKind[];
  readonly scoreKind: ScoreKind;
  readonly defaultThreshold: number;
  readonly rule: DriftRule;
  readonly effectSizeName: string;
}

/**
 * NumericSample is a numerical sample of finite values. Without missing values it is the caller's
 * array (`owned` false, never modified); `sortedValues` copies it before sorting in place, once.
 * @internal
 */
export interface NumericSample {
  values: Float64Array;
  sorted: boolean;
  owned: boolean;
}

/**
 * CategoryCounts is a pair reduced to counts, one per key for each sample. `ordered` says the keys
 * are ascending (always for numbers, which come from sorted samples); labels keep their first-seen
 * order.
 * @internal
 */
export interface CategoryCounts {
  readonly keys: readonly string[];
  readonly reference: Float64Array;
  readonly current: Float64Array;
  readonly referenceTotal: number;
  readonly currentTotal: number;
  readonly ordered: boolean;
}

/**
 * PreparedPair is the input of a method after missing values are dropped.
 * @internal
 */
export type PreparedPair =
  | {
      readonly kind: 'numerical';
      readonly reference: NumericSample;
      readonly current: NumericSample;
    }
  | { readonly kind: 'categorical'; readonly counts: CategoryCounts };

/**
 * MethodOptions are the resolved options handed to a method implementation.
 * @internal
 */
export interface MethodOptions {
  readonly bins: number | undefined;
  readonly seed: number;
}

/**
 * MethodOutput is what a method implementation computes; `driftTest` adds threshold and decision.
 * @internal
 */
export interface MethodOutput {
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly score: number;
  readonly effectSize: EffectSize | null;
}

/**
 * DriftMethodImpl is a registry entry with its implementation.
 * @internal
 */
export interface DriftMethodImpl extends DriftMethod {
  compute(pair: PreparedPair, options: MethodOptions): Result<MethodOutput>;
}
