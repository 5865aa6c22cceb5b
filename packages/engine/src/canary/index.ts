// Canary decisions: per-variant statistics, guard metrics and the promotion policy.
export type { MetricSample, RunningSum, VariantStats } from './metrics.js';
export { emptyVariantStats, guardDirection, guardKey, metricSample } from './metrics.js';
export type {
  CanaryAction,
  CanaryDecision,
  CanaryLookInput,
  GuardResult,
  GuardStatus,
  SrmResult,
} from './policy.js';
export { DAY_MS, decideCanary, evaluateGuard, srmCheck } from './policy.js';
