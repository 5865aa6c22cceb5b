// Monitor evaluation from profiles and window aggregates: public API.
export type { CheckBase } from './checks.js';
export { computedCheck, conditionCheck, failedCheck, summarize, tooFewCheck } from './checks.js';
export type {
  DataDriftInput,
  DataDriftSpec,
  PredictionDriftInput,
  PredictionDriftSpec,
} from './drift.js';
export { evaluateDataDrift, evaluatePredictionDrift, learnDriftThreshold } from './drift.js';
export type { MonitorInput } from './evaluate.js';
export { evaluateMonitor } from './evaluate.js';
export type { InfrastructureInput, InfrastructureSpec } from './infrastructure.js';
export { evaluateInfrastructure } from './infrastructure.js';
export { learnedBounds, leaveOneOutScores } from './learned.js';
export type { LlmJudged, LlmQualityInput, LlmQualitySpec } from './llm-quality.js';
export { evaluateLlmQuality, llmQualityCondition, llmQualityStatistic } from './llm-quality.js';
export type {
  PerformanceData,
  PerformanceInput,
  PerformanceMetric,
  PerformanceOptions,
  PerformanceSpec,
} from './performance.js';
export { evaluatePerformance, performanceMetric } from './performance.js';
export type { DataQualityInput, DataQualitySpec, OutOfRange } from './quality.js';
export { evaluateDataQuality, newCategoryCount, outOfRange } from './quality.js';
export type { FeatureSelection } from './select.js';
export { selectFeatures } from './select.js';
export type {
  BusinessSpec,
  CustomSpec,
  OutcomeAggregate,
  SeriesInput,
  SeriesPoint,
} from './series.js';
export { aggregateOutcome, evaluateBusiness, evaluateCustom } from './series.js';
export type {
  CheckDirection,
  CheckResult,
  LearnedBounds,
  MonitorEvaluation,
  ProfilesByFeature,
} from './types.js';
