// Incidents: severity, grouping, lifecycle, response targets, triage, diagnosis, known-good
// version, postmortem draft and response statistics. Pure functions of their inputs and `now`.
export type {
  DriftedFeature,
  DriftObservation,
  LabelledRow,
  MetricPoint,
  Onset,
  SegmentImpact,
} from './diagnosis.js';
export {
  effectSize,
  locateOnset,
  measureImpact,
  rankDriftedFeatures,
  rankSegments,
} from './diagnosis.js';
export type {
  AlertSignal,
  GroupingDecision,
  OpenIncidentRef,
  OpenRule,
} from './grouping.js';
export { failureModeOf, groupAlert } from './grouping.js';
export type { AliasMove, IncidentInterval, ServedInterval } from './known-good.js';
export { lastKnownGood, servedIntervals } from './known-good.js';
export type { LifecycleAction, LifecycleState } from './lifecycle.js';
export { transition } from './lifecycle.js';
export type { IncidentNoticeEvent, IncidentNoticeInput } from './notice.js';
export {
  INCIDENT_NOTICE_SEVERITY,
  incidentFingerprint,
  incidentNotice,
  incidentPath,
  responseTargetText,
} from './notice.js';
export type { Postmortem, PostmortemInput } from './postmortem.js';
export { draftPostmortem, formatDuration, suggestMonitor } from './postmortem.js';
export type { ImpactEvidence, SeverityAssessment } from './severity.js';
export {
  assessSeverity,
  effectiveSeverity,
  judgedWrongShare,
  SEVERITY_LIMITS,
  severityRank,
  WRONG_ANSWER_CHECKS,
} from './severity.js';
export type { IncidentTimes, ResponseTimes, SeverityStats } from './stats.js';
export { incidentStats, responseTimes } from './stats.js';
export type { EscalationNotice } from './targets.js';
export {
  escalationsDue,
  MAX_ESCALATION_LEVEL,
  nextBusinessDayEnd,
  RESPONSE_TARGET_MS,
  responseDueAt,
} from './targets.js';
export type { Triage, TriageInput, TriageSignal } from './triage.js';
export { triage } from './triage.js';
export type {
  FailureMode,
  IncidentError,
  IncidentErrorCode,
  IncidentSeverity,
  IncidentStatus,
  TriageCategory,
} from './types.js';
export {
  FAILURE_MODES,
  INCIDENT_STATUSES,
  isSeverity,
  SEVERITIES,
  TRIAGE_CATEGORIES,
} from './types.js';
