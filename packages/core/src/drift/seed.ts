/**
 * DEFAULT_DRIFT_SEED seeds the permutation tests (TVD, empirical_mmd) when no seed is given, so
 * that the same data always gives the same p-value. The generator is the shared xoshiro128** of
 * `random/`, not numpy's Mersenne Twister: permutation p-values cannot equal Evidently's bit for
 * bit (they are Monte Carlo estimates either way).
 */
export const DEFAULT_DRIFT_SEED = 20240601;
