// The incident runtime: worker, guard and the operations the routes and the CLI share.

export {
  containIncident,
  findKnownGood,
  pinLlmModel,
  revertPromptLabel,
  undoContainment,
} from './contain.js';
export type { ValidationEvidence } from './guard.js';
export {
  GUARDED_ALIAS,
  INCIDENT_GUARD,
  incidentPromotionCheck,
  NO_EVIDENCE,
  registerIncidentGuard,
} from './guard.js';
export type { StoredDiagnosis, StoredImpact } from './records.js';
export { SYSTEM_ACTOR } from './records.js';
export { buildPostmortem, projectStats, refreshDraft } from './report.js';
export {
  assignIncident,
  moveIncident,
  requireIncident,
  setSeverityOverride,
} from './service.js';
export type { IncidentTickReport, IncidentWorker, IncidentWorkerOptions } from './worker.js';
export { createIncidentWorker } from './worker.js';
