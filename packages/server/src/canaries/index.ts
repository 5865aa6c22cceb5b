// Canaries in the server: the worker that acts on the policy, one look, the guard's evidence.
export { canaryEvidence, hasFinishedCanary } from './evidence.js';
export type { CanaryLook } from './look.js';
export { lookAtCanary, lookEvidence, stateAfter } from './look.js';
export type {
  CanaryTickResult,
  CanaryWorker,
  CanaryWorkerOptions,
} from './worker.js';
export { createCanaryWorker, PRODUCTION_ALIAS } from './worker.js';
