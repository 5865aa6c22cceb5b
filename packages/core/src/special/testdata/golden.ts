// Shapes of the golden JSON written by packages/core/scripts/gen-special-golden.py.

/** SpecialGolden maps a function name to rows [...args, scipy, mpmath]. */
export type SpecialGolden = Record<string, number[][]>;

/** KsGolden holds the Kolmogorov-Smirnov tables (rows end with scipy's value). */
export interface KsGolden {
  readonly kolmogorovSf: number[][];
  readonly smirnovSf: number[][];
  readonly kstwoSf: number[][];
  /** [d, n1, n2, method, p (null = NaN), statistic, method used]. */
  readonly ks2sampFromD: [number, number, number, string, number | null, number | null, string][];
  /** [statistic, n1, n2, method, p] from real ks_2samp runs on seeded samples. */
  readonly ks2sampData: [number, number, number, string, number][];
}
