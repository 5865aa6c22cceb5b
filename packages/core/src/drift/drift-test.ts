import { err, ok, type Result } from '../result.js';
import { type BinnedPair, binPair, equalWidthPair } from './binning.js';
import { DRIFT_METHODS, isDriftMethodName, methodImplementation } from './registry.js';
import { distinctOverBoth, finiteSample, sortedCounts, stringCounts } from './samples.js';
import { DEFAULT_DRIFT_SEED } from './seed.js';
import { defaultMethod } from './select.js';
import type {
  ColumnData,
  ColumnKind,
  DriftBins,
  DriftOptions,
  DriftResult,
  DriftRule,
  NumericSample,
  PreparedPair,
} from './types.js';

// Display bins: past this many one-per-value bins, plot equal-width bins instead.
const MAX_DISPLAY_VALUE_BINS = 100;

interface Prepared {
  readonly pair: PreparedPair;
  readonly droppedReference: number;
  readonly droppedCurrent: number;
}

/** textLengths maps non-missing strings to their length in code points. */
function textLengths(values: ReadonlyArray<string | null>): {
  sample: NumericSample;
  dropped: number;
} {
  const lengths: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '') continue;
    let count = 0;
    for (let k = 0; k < v.length; k++) {
      const c = v.charCodeAt(k);
      // A high surrogate followed by a low one is a single code point.
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < v.length) {
        const d = v.charCodeAt(k + 1);
        if (d >= 0xdc00 && d <= 0xdfff) k++;
      }
      count++;
    }
    lengths.push(count);
  }
  return {
    sample: { values: Float64Array.from(lengths), sorted: false, owned: true },
    dropped: values.length - lengths.length,
  };
}

function prepare(reference: ColumnData, current: ColumnData): Prepared {
  if (reference.kind === 'numerical' && current.kind === 'numerical') {
    const r = finiteSample(reference.values);
    const c = finiteSample(current.values);
    return {
      pair: { kind: 'numerical', reference: r.sample, current: c.sample },
      droppedReference: r.dropped,
      droppedCurrent: c.dropped,
    };
  }
  if (reference.kind === 'text' && current.kind === 'text') {
    const r = textLengths(reference.values);
    const c = textLengths(current.values);
    return {
      pair: { kind: 'numerical', reference: r.sample, current: c.sample },
      droppedReference: r.dropped,
      droppedCurrent: c.dropped,
    };
  }
  const s = stringCounts(
    reference.values as ReadonlyArray<string | null>,
    current.values as ReadonlyArray<string | null>,
  );
  return {
    pair: { kind: 'categorical', counts: s.counts },
    droppedReference: s.droppedReference,
    droppedCurrent: s.droppedCurrent,
  };
}

function sampleSize(pair: PreparedPair, which: 'reference' | 'current'): number {
  if (pair.kind === 'categorical')
    return which === 'reference' ? pair.counts.referenceTotal : pair.counts.currentTotal;
  return pair[which].values.length;
}

function applyRule(rule: DriftRule, score: number, threshold: number): boolean {
  switch (rule) {
    case 'lt':
      return score < threshold;
    case 'lte':
      return score <= threshold;
    case 'gte':
      return score >= threshold;
    case 'gt':
      return score > threshold;
  }
}

function displayBins(pair: PreparedPair, bins: number | undefined): DriftBins {
  let b: BinnedPair = pair.kind === 'categorical' ? sortedCounts(pair.counts) : binPair(pair, bins);
  if (pair.kind === 'numerical' && b.keys !== undefined && b.keys.length > MAX_DISPLAY_VALUE_BINS) {
    b = equalWidthPair(pair.reference, pair.current, undefined);
  }
  return {
    ...(b.edges !== undefined ? { edges: Array.from(b.edges) } : {}),
    ...(b.keys !== undefined ? { categories: [...b.keys] } : {}),
    reference: Array.from(b.reference),
    current: Array.from(b.current),
  };
}

function validateOptions(options: DriftOptions): Result<true> {
  if (options.method !== undefined && !isDriftMethodName(options.method)) {
    return err('UNKNOWN_METHOD', `unknown drift method '${String(options.method)}'`);
  }
  const { threshold, bins, seed } = options;
  if (threshold !== undefined && !(Number.isFinite(threshold) && threshold >= 0)) {
    return err('INVALID_ARGUMENT', `threshold must be a finite number >= 0, got ${threshold}`);
  }
  if (bins !== undefined && !(Number.isInteger(bins) && bins >= 1 && bins <= 1_000_000)) {
    return err('INVALID_ARGUMENT', `bins must be an integer in [1, 1000000], got ${bins}`);
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    return err('INVALID_ARGUMENT', `seed must be an integer, got ${seed}`);
  }
  return ok(true);
}

/**
 * driftTest compares one column of a reference dataset with the same column of a current dataset.
 *
 * Missing values are dropped first (NaN and ±Infinity; null and ''), and counted in
 * `droppedReference` / `droppedCurrent`. Without `options.method`, `defaultMethod` picks one from
 * the kind, the reference rows left and the distinct values over both samples. The method's score
 * (p-value or distance) is compared with `options.threshold` (default: the method's) by the
 * method's rule (`DRIFT_METHODS[method].rule`). Text columns are compared through the distribution
 * of their lengths in code points with the numerical methods (Evidently trains a domain classifier
 * instead, which is not a two-sample statistic).
 * Errors (never thrown): kinds that differ or do not suit the method (WRONG_KIND), unknown method
 * (UNKNOWN_METHOD), bad options (INVALID_ARGUMENT), a sample empty (EMPTY_REFERENCE,
 * EMPTY_CURRENT) or left empty by dropping missing values (ALL_MISSING), and method-specific
 * conditions (SINGLE_CATEGORY, CONSTANT, TOO_FEW_VALUES, NOT_COMPUTABLE).
 * Example: driftTest({ kind: 'numerical', values: ref }, { kind: 'numerical', values: cur },
 * { method: 'psi' }) → ok({ method: 'psi', score: 0.137, drifted: true, ... }).
 */
export function driftTest(
  reference: ColumnData,
  current: ColumnData,
  options: DriftOptions = {},
): Result<DriftResult> {
  if (reference.kind !== current.kind) {
    return err(
      'WRONG_KIND',
      `reference column is ${reference.kind} but current column is ${current.kind}`,
    );
  }
  const valid = validateOptions(options);
  if (!valid.ok) return valid;
  const kind: ColumnKind = reference.kind;
  const { pair, droppedReference, droppedCurrent } = prepare(reference, current);
  const referenceCount = sampleSize(pair, 'reference');
  const currentCount = sampleSize(pair, 'current');
  if (referenceCount === 0) {
    return droppedReference > 0
      ? err(
          'ALL_MISSING',
          `reference has no values left after dropping ${droppedReference} missing`,
        )
      : err('EMPTY_REFERENCE', 'reference sample is empty');
  }
  if (currentCount === 0) {
    return droppedCurrent > 0
      ? err('ALL_MISSING', `current has no values left after dropping ${droppedCurrent} missing`)
      : err('EMPTY_CURRENT', 'current sample is empty');
  }
  const method = options.method ?? defaultMethod(kind, referenceCount, distinctOverBoth(pair, 5));
  const meta = DRIFT_METHODS[method];
  if (!meta.kinds.includes(kind)) {
    return err(
      'WRONG_KIND',
      `${method} does not apply to ${kind} columns (it takes ${meta.kinds.join(', ')})`,
    );
  }
  if (meta.scoreKind === 'p_value' && options.threshold !== undefined && options.threshold > 1) {
    return err(
      'INVALID_ARGUMENT',
      `${method} compares a p-value: threshold must be in [0, 1], got ${options.threshold}`,
    );
  }
  const out = methodImplementation(method).compute(pair, {
    bins: options.bins,
    seed: options.seed ?? DEFAULT_DRIFT_SEED,
  });
  if (!out.ok) return out;
  if (!Number.isFinite(out.value.score)) {
    return err('NOT_COMPUTABLE', `${method}: the score is not finite for this data`);
  }
  const threshold = options.threshold ?? meta.defaultThreshold;
  return ok({
    method,
    kind,
    statistic: out.value.statistic,
    pValue: out.value.pValue,
    score: out.value.score,
    threshold,
    drifted: applyRule(meta.rule, out.value.score, threshold),
    effectSize: out.value.effectSize,
    referenceCount,
    currentCount,
    droppedReference,
    droppedCurrent,
    ...(options.includeBins === true ? { bins: displayBins(pair, options.bins) } : {}),
  });
}
