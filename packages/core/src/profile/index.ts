// Mergeable column profiles: public API.

export { PROFILE_MAGIC, profileFromBytes, profileToBytes } from './bytes.js';
export {
  createCategoricalProfile,
  DEFAULT_ITEM_CAPACITY,
  updateCategorical,
} from './categorical.js';
export type { ProfileDriftMethod, ProfileDriftOptions, ProfileDriftResult } from './drift.js';
export {
  checkComparable,
  PROFILE_DRIFT_METHODS,
  profileDrift,
} from './drift.js';
export type { Hll } from './hll.js';
export { hllStandardError } from './hll.js';
export type {
  CategoricalProfileJson,
  HllJson,
  NumericProfileJson,
  ProfileJson,
  StoreJson,
} from './json.js';
export { PROFILE_FORMAT, PROFILE_VERSION, profileFromJSON, profileToJSON } from './json.js';
export { checkCompatible, cloneProfile, mergeAllProfiles, mergeProfiles } from './merge.js';
export {
  createNumericProfile,
  DEFAULT_HLL_PRECISION,
  DEFAULT_SKETCH_ACCURACY,
  defaultSketchMaxBuckets,
  updateNumeric,
} from './numeric.js';
export type { ReferenceEdgesOptions, ReferenceProfileOptions } from './reference.js';
export {
  createProfileLike,
  edgesFromReference,
  numericProfileFromReference,
} from './reference.js';
export type { SketchEdgesOptions } from './sketch-edges.js';
export {
  alignProfile,
  sketchEdges,
  sketchHistogram,
  withSketchHistogram,
} from './sketch-edges.js';
export type { CategoricalSummary, NumericSummary } from './summary.js';
export { profileQuantile, profileSummary, SUMMARY_QUANTILES } from './summary.js';
export type {
  BucketStore,
  CategoricalProfile,
  CategoricalProfileOptions,
  ColumnProfile,
  FixedHistogram,
  FrequentItems,
  NumericProfile,
  NumericProfileOptions,
  QuantileSketch,
} from './types.js';
