// Alert state machine, fingerprints and silences: public API.
export type { AlertConfigOptions } from './config.js';
export { alertConfigFromSpec } from './config.js';
export { alertLabels, fingerprint } from './fingerprint.js';
export { activeSilences, silenceActive, silenceMatches } from './silence.js';
export { INITIAL_ALERT_STATE, pauseAlert, resumeAlert, step } from './state-machine.js';
export type {
  AlertConfig,
  AlertInput,
  AlertNotification,
  AlertState,
  AlertStatus,
  EvaluationStatus,
  NotificationKind,
  Silence,
  SilenceMatcher,
  StepResult,
} from './types.js';
export { ALERT_STATES, EVALUATION_STATUSES } from './types.js';
