// The drift report: the one data structure every output format (JSON, table, HTML) renders.
// Field names are snake_case because this object IS the `--format json` contract (issue 3).

/** ColumnType is the kind a column was analysed as. */
export type ColumnType = 'numerical' | 'categorical' | 'text';

/** Severity grades a data-quality finding. */
export type Severity = 'info' | 'warning' | 'critical';

/** Distribution is what the HTML report draws for one column: reference vs current on shared bins. */
export interface Distribution {
  /** Bin edges (length = counts + 1) for numerical columns. */
  edges?: number[];
  /** Category labels (same order as counts) for categorical columns; the rest folded into "(other)". */
  categories?: string[];
  reference: number[];
  current: number[];
}

/** ColumnDrift is one column's drift result. `score` is what was compared with `threshold`. */
export interface ColumnDrift {
  column: string;
  type: ColumnType;
  method: string;
  statistic: number | null;
  p_value: number | null;
  score: number | null;
  threshold: number;
  drifted: boolean;
  effect_size: { name: string; value: number } | null;
  /** Set when the column could not be tested (e.g. all values missing); then drifted is false. */
  error?: { code: string; message: string };
  distribution?: Distribution;
  /**
   * error_bound is set by the sketch engine only: the largest possible |score − exact score| for
   * wasserstein (for ks: exact D lies in [statistic, statistic + error_bound]); 0 when the score is
   * exact (binned methods on the same bins, t_test from exact moments); null when unbounded.
   */
  error_bound?: number | null;
}

/** QualityFinding is one data-quality observation, e.g. a new category or a missing column. */
export interface QualityFinding {
  column: string | null;
  check: string;
  severity: Severity;
  message: string;
  value?: number;
}

/** ColumnQuality is the per-column data-quality summary on both sides. */
export interface ColumnQuality {
  column: string;
  type: ColumnType;
  reference: {
    missing_share: number;
    min?: number;
    max?: number;
    distinct?: number;
    top_share: number;
  };
  current: {
    missing_share: number;
    min?: number;
    max?: number;
    distinct?: number;
    top_share: number;
  };
  new_categories?: string[];
  out_of_range_share?: number;
}

/** DataQuality is the always-on data-quality block of the report. */
export interface DataQuality {
  columns: ColumnQuality[];
  schema: {
    missing_in_current: string[];
    new_in_current: string[];
    changed_type: { column: string; reference: ColumnType; current: ColumnType }[];
  };
  duplicate_share: {
    reference: number;
    current: number;
    /** Sketch engine: the shares are HyperLogLog estimates with this standard error (absolute). */
    standard_error?: number;
  };
  findings: QualityFinding[];
}

/** Performance compares model quality on the two sides when --target/--prediction are given. */
export interface Performance {
  task: 'classification' | 'regression';
  target: string;
  prediction: string;
  reference: Record<string, number>;
  current: Record<string, number>;
  change: Record<string, number>;
  concept_drift: boolean;
  rule: string;
  prediction_drift: ColumnDrift | null;
}

/** DriftReport is the whole `vigil drift` result. */
export interface DriftReport {
  reference: { rows: number; source: string };
  current: { rows: number; source: string };
  columns: ColumnDrift[];
  dataset: {
    drifted_columns: number;
    columns: number;
    share: number;
    threshold: number;
    drifted: boolean;
  };
  data_quality: DataQuality;
  performance: Performance | null;
  timing_ms?: { read: number; analyse: number; total: number };
  /**
   * engine says how the report was computed: 'exact' from every value, 'sketch' from streamed
   * mergeable profiles (bounded memory; see each column's error_bound).
   */
  engine?: 'exact' | 'sketch';
}
