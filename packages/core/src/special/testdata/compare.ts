// Test helpers for the golden tables of gen-special-golden.py (pure: the tests read the JSON).

/** Values below this are compared on an absolute scale (about DBL_MIN * 1e4): subnormals carry few digits. */
export const TINY = 2.2250738585072014e-304;

/** scaledError is |got - expected| / max(|expected|, TINY); NaN matches only NaN. */
export function scaledError(got: number, expected: number): number {
  if (Number.isNaN(got) || Number.isNaN(expected)) {
    return Number.isNaN(got) && Number.isNaN(expected) ? 0 : Number.POSITIVE_INFINITY;
  }
  if (got === expected) return 0;
  return Math.abs(got - expected) / Math.max(Math.abs(expected), TINY);
}

/** GoldenSummary reports the worst errors and the rows that broke a tolerance. */
export interface GoldenSummary {
  readonly rows: number;
  readonly maxVsTruth: number;
  readonly maxVsScipy: number;
  readonly failures: string[];
}

/**
 * checkSpecialRows evaluates fn on rows [...args, scipy, truth] (truth: mpmath, 50 digits) and
 * requires (1) error vs truth <= truthTol, and (2) error vs scipy <= scipyTol unless scipy itself is
 * further from the truth than we are (scipy 1.10's cephes loses up to 1e-9 and more for large
 * parameters; there we must be at least as accurate as scipy instead of equal to it).
 */
export function checkSpecialRows(
  fn: (...args: number[]) => number,
  rows: readonly (readonly number[])[],
  truthTol: number | ((args: number[]) => number),
  scipyTol: number | ((args: number[]) => number),
): GoldenSummary {
  const failures: string[] = [];
  let maxVsTruth = 0;
  let maxVsScipy = 0;
  for (const row of rows) {
    const args = row.slice(0, -2);
    const scipy = row[row.length - 2];
    const truth = row[row.length - 1];
    const got = fn(...args);
    const eTruth = scaledError(got, truth);
    const eScipy = scaledError(got, scipy);
    const scipyOff = scaledError(scipy, truth);
    maxVsTruth = Math.max(maxVsTruth, eTruth);
    maxVsScipy = Math.max(maxVsScipy, eScipy);
    const tTol = typeof truthTol === 'number' ? truthTol : truthTol(args);
    const sTol = typeof scipyTol === 'number' ? scipyTol : scipyTol(args);
    const scipyOk = eScipy <= sTol || eTruth <= scipyOff;
    if (!(eTruth <= tTol) || !scipyOk) {
      failures.push(
        `${JSON.stringify(args)}: got ${got}, scipy ${scipy}, truth ${truth} ` +
          `(vs truth ${eTruth.toExponential(2)}, vs scipy ${eScipy.toExponential(2)})`,
      );
    }
  }
  return { rows: rows.length, maxVsTruth, maxVsScipy, failures };
}
