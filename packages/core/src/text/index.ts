// Text representations shared by the regression gate and the LLM monitors.
export type { HashedEmbeddingOptions } from './embed.js';
export {
  DEFAULT_EMBEDDING_DIMENSIONS,
  embeddingSimilarity,
  hashedEmbedding,
  normalizeForEmbedding,
} from './embed.js';
