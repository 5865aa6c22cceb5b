// The scheduler runtime: evaluating monitors on their cadence from stored profiles.

export type { EvaluationSpan, GatheredInput } from './inputs.js';
export { gatherInputs, SCHEDULED_TYPES } from './inputs.js';
export type {
  Scheduler,
  SchedulerOptions,
  TickEvaluation,
  TickReport,
} from './scheduler.js';
export {
  alertFingerprint,
  createScheduler,
  evaluationPoints,
  STATE_GAUGE,
} from './scheduler.js';
