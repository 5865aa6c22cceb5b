// The LLM side of the server: recording generations (API, OTLP, gateway), pricing, budgets,
// runaway detection and OTLP decoding, re-exported for the package index.
export { raiseLlmAlert, type LlmAlert } from './alerts.js';
export {
  type BudgetCallScope,
  type BudgetDecision,
  type BudgetStatus,
  budgetStatus,
  checkBudgets,
  forecastExhaustion,
  type SubjectStatus,
} from './budgets.js';
export { DEFAULT_PRICE_ENTRIES, DEFAULT_PRICES_AS_OF } from './default-prices.js';
export {
  decodeOtlpJson,
  decodeOtlpProtobuf,
  decodeOtlpResponse,
  encodeOtlpRequest,
  encodeOtlpResponse,
  type OtlpDecoded,
  type OtlpSpan,
  spanToGeneration,
} from './otlp.js';
export { computeCost, findPrice, lookupPrice, type PriceLookup, tableAt } from './prices.js';
export {
  type GenerationInput,
  prepareGeneration,
  type RecordedItem,
  type RecorderDeps,
  type RecordOutcome,
  recordGenerations,
  type RunawayFinding,
} from './record.js';
export {
  DEFAULT_RUNAWAY_OPTIONS,
  judgeRunaway,
  type RunawayOptions,
  type RunawayVerdict,
} from './runaway.js';
export { countTokens, encodingFor } from './tokens.js';
