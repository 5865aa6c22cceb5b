export type { BleuOptions, BleuSmoothing } from './bleu.js';
export { bleu } from './bleu.js';
export type { ChrfOptions } from './chrf.js';
export { chrf } from './chrf.js';
export type { ConfusionMatrix } from './classification.js';
export { accuracy, confusionMatrix } from './classification.js';
export { cosineSimilarity } from './cosine.js';
export type { ExactMatchOptions } from './exact-match.js';
export { exactMatch } from './exact-match.js';
export type { Label, LabelArray } from './labels.js';
export { levenshtein, levenshteinSimilarity } from './levenshtein.js';
export type { LogLossOptions } from './log-loss.js';
export { logLoss } from './log-loss.js';
export type {
  AverageMethod,
  FlaggedScore,
  PrecisionRecallFscore,
  PrfOptions,
} from './precision-recall.js';
export {
  f1Score,
  fbetaScore,
  precisionRecallFscore,
  precisionScore,
  recallScore,
} from './precision-recall.js';
export { averagePrecision, rocAuc, rocAucOvr } from './ranking.js';
export { mae, mape, mse, r2, rmse } from './regression.js';
export type { RougeOptions, RougeScore } from './rouge.js';
export { rouge } from './rouge.js';
