/** DEFAULT_DRIFT_SHARE: a dataset drifts when at least this share of its columns drift. */
export const DEFAULT_DRIFT_SHARE = 0.5;

/** DatasetDrift summarises the column results of one dataset comparison. */
export interface DatasetDrift {
  readonly driftedColumns: number;
  readonly columns: number;
  readonly share: number;
  readonly threshold: number;
  readonly drifted: boolean;
}

/**
 * datasetDrift applies Evidently's dataset rule: share = drifted columns / columns, and the dataset
 * drifts when share >= driftShare (default 0.5). No columns: share 0, not drifted.
 * Example: 3 of 6 columns drifted → share 0.5, drifted.
 */
export function datasetDrift(
  results: readonly { drifted: boolean }[],
  options: { driftShare?: number } = {},
): DatasetDrift {
  const threshold = options.driftShare ?? DEFAULT_DRIFT_SHARE;
  const columns = results.length;
  let driftedColumns = 0;
  for (const r of results) if (r.drifted) driftedColumns++;
  const share = columns === 0 ? 0 : driftedColumns / columns;
  return { driftedColumns, columns, share, threshold, drifted: columns > 0 && share >= threshold };
}
