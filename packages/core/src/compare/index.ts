export type {
  BootstrapMethod,
  BootstrapOptions,
  BootstrapResult,
  BootstrapStatisticName,
  TwoSampleData,
} from './bootstrap.js';
export { bootstrapCI } from './bootstrap.js';
export type { StatisticFn } from './bootstrap-plans.js';
export type { McNemarInput, McNemarMethod, McNemarOptions, McNemarResult } from './mcnemar.js';
export { mcnemarTest } from './mcnemar.js';
export type {
  MixtureSprtLook,
  MixtureSprtOptions,
  MixtureSprtState,
  TwoSampleSummary,
} from './msprt.js';
export { mixtureSprt, mixtureSprtUpdate, proportionsSummary } from './msprt.js';
export type {
  ProportionSample,
  TwoProportionZTestOptions,
  TwoProportionZTestResult,
} from './proportions.js';
export { twoProportionZTest } from './proportions.js';
export type { SampleRatioMismatchOptions, SampleRatioMismatchResult } from './srm.js';
export { sampleRatioMismatch } from './srm.js';
export type { Alternative, ConfidenceInterval } from './types.js';
export type { WelchTTestOptions, WelchTTestResult } from './welch.js';
export { welchTTest } from './welch.js';
