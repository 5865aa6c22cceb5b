// Drift methods (Evidently 0.7 legacy stattests definitions), the registry and the column driver.

export type { DatasetDrift } from './dataset.js';
export { DEFAULT_DRIFT_SHARE, datasetDrift } from './dataset.js';
export { driftTest } from './drift-test.js';
export { MMD_MAX_SAMPLE, MMD_PERMUTATIONS } from './empirical-mmd.js';
export { DRIFT_METHOD_NAMES, DRIFT_METHODS, isDriftMethodName } from './registry.js';
export { DEFAULT_DRIFT_SEED } from './seed.js';
export { defaultMethod, inferColumnKind } from './select.js';
export { TVD_PERMUTATIONS } from './tvd.js';
export type {
  ColumnData,
  ColumnKind,
  DriftBins,
  DriftMethod,
  DriftMethodName,
  DriftOptions,
  DriftResult,
  DriftRule,
  EffectSize,
  ScoreKind,
} from './types.js';
