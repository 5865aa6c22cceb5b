// LLM output quality: safety, language, refusal, JSON, repetition, centroid drift and reference
// checks, and the window summary the LLM quality monitors evaluate.
export { detectLanguage, LANGUAGE_UNDETERMINED } from './language.js';
export type { Blocklist, PiiKind, SafetyViolation } from './pii.js';
export { compileBlocklist, findBlocked, findPii, ibanValid, luhnValid } from './pii.js';
export type { KnownPrice, PriceClaim } from './signals.js';
export {
  centroid,
  centroidCosine,
  checkPrices,
  consecutiveRougeL,
  isRefusal,
  isValidJson,
  OUTPUT_DRIFT_COSINE,
  REFUSAL_WINDOW,
  REPETITIVE_ROUGE_L,
  selectedForReview,
} from './signals.js';
export type { LlmOutput, OutputBaseline, OutputSummary, SummaryOptions } from './summary.js';
export { quantileLinear, summarizeOutputs, totalVariation } from './summary.js';
