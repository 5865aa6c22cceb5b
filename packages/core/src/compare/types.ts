/**
 * Alternative names the alternative hypothesis of a test, with scipy's spelling: 'greater' means
 * the first sample's parameter exceeds the second's (difference a − b > 0), 'less' the reverse.
 */
export type Alternative = 'two-sided' | 'greater' | 'less';

/**
 * ConfidenceInterval is a closed interval [lower, upper] at confidence `level`. One-sided intervals
 * (alternative 'greater' or 'less') have an infinite bound (−Infinity or +Infinity), never NaN.
 */
export interface ConfidenceInterval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}
