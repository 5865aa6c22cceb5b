// Scheduler arithmetic and window boundaries: public API.
export type { PlanTickOptions, TickPlan } from './schedule.js';
export { nextDueAt, planTick, scheduleOffsetMs, slotAtOrBefore } from './schedule.js';
export type { BatchWindow, EvaluationWindow, EventWindow, TimeWindow } from './windows.js';
export { evaluationWindow, eventWindowOf, timeWindowContaining } from './windows.js';
