// A built-in local text embedder: hashed character n-grams into a fixed-dimension vector. No model
// weights, no network: the regression gate's `similar` assertion and the LLM monitors share it.
import type { Result } from '../result.js';
import { err, ok } from '../result.js';

/** HashedEmbeddingOptions configures {@link hashedEmbedding}. */
export interface HashedEmbeddingOptions {
  /** dimensions of the vector (buckets); default 512. */
  readonly dimensions?: number;
  /** minN is the shortest character n-gram; default 3. */
  readonly minN?: number;
  /** maxN is the longest character n-gram; default 3. */
  readonly maxN?: number;
}

/** DEFAULT_EMBEDDING_DIMENSIONS is the default vector length of {@link hashedEmbedding}. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 512;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;

/**
 * normalizeForEmbedding lowercases `text`, collapses runs of whitespace into one space, trims it
 * and pads it with one space on each side (so that word starts and ends form their own n-grams),
 * returning the code points. Example: "  Hi\tYou " → code points of " hi you ".
 */
export function normalizeForEmbedding(text: string): number[] {
  const collapsed = text.toLowerCase().replace(/\s+/gu, ' ').trim();
  if (collapsed === '') return [];
  const out = [SPACE];
  for (const ch of collapsed) out.push(ch.codePointAt(0) ?? 0);
  out.push(SPACE);
  return out;
}

/**
 * hashedEmbedding maps a text to a unit vector of hashed character n-gram counts (the "hashing
 * trick", Weinberger et al. 2009).
 *
 * After {@link normalizeForEmbedding}, every n-gram of code points with minN ≤ n ≤ maxN is hashed
 * with 32-bit FNV-1a over its code points (h ← (h XOR cp) · 16777619 mod 2³²); it adds +1 to
 * bucket h mod dimensions when bit 31 of h is clear and −1 when it is set (signed hashing keeps
 * collisions from biasing the cosine upward). The vector is then L2-normalised. Policy: a text
 * shorter than minN code points after padding, or one whose counts cancel to zero, gives the zero
 * vector (its similarity to anything is undefined: see {@link embeddingSimilarity}).
 * Errors: INVALID_ARGUMENT for dimensions or orders that are not positive integers with minN ≤ maxN.
 * Example: hashedEmbedding('ab', { dimensions: 4 }) hashes the one trigram " ab" into one bucket,
 * giving a vector with a single entry ±1.
 */
export function hashedEmbedding(
  text: string,
  options: HashedEmbeddingOptions = {},
): Result<Float64Array> {
  const { dimensions = DEFAULT_EMBEDDING_DIMENSIONS, minN = 3, maxN = 3 } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    return err('INVALID_ARGUMENT', `dimensions must be a positive integer, got ${dimensions}`);
  }
  if (!Number.isInteger(minN) || !Number.isInteger(maxN) || minN < 1 || maxN < minN) {
    return err('INVALID_ARGUMENT', `orders must be integers with 1 ≤ minN ≤ maxN`);
  }
  const cps = normalizeForEmbedding(text);
  const vector = new Float64Array(dimensions);
  for (let start = 0; start < cps.length; start++) {
    let h = FNV_OFFSET;
    for (let n = 1; n <= maxN && start + n <= cps.length; n++) {
      // FNV-1a is a running hash: the prefix of length n is the n-gram starting here.
      h = Math.imul(h ^ cps[start + n - 1], FNV_PRIME) >>> 0;
      if (n < minN) continue;
      const bucket = h % dimensions;
      vector[bucket] += h >= 0x80000000 ? -1 : 1;
    }
  }
  let norm = 0;
  for (let i = 0; i < dimensions; i++) norm += vector[i] * vector[i];
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < dimensions; i++) vector[i] *= inv;
  }
  return ok(vector);
}

/**
 * embeddingSimilarity is the cosine similarity of the hashed embeddings of two texts, in [−1, 1]
 * (both vectors are unit length, so it is their dot product, clamped against rounding).
 *
 * Errors: NOT_COMPUTABLE when either text has no n-gram (empty or whitespace only), as the angle
 * to a zero vector is undefined; INVALID_ARGUMENT for bad options.
 * Example: embeddingSimilarity('the cat sat', 'the cat sat') → 1.
 */
export function embeddingSimilarity(
  a: string,
  b: string,
  options: HashedEmbeddingOptions = {},
): Result<number> {
  const ea = hashedEmbedding(a, options);
  if (!ea.ok) return ea;
  const eb = hashedEmbedding(b, options);
  if (!eb.ok) return eb;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < ea.value.length; i++) {
    dot += ea.value[i] * eb.value[i];
    na += ea.value[i] * ea.value[i];
    nb += eb.value[i] * eb.value[i];
  }
  if (na === 0 || nb === 0) {
    return err('NOT_COMPUTABLE', 'a text without characters has no embedding direction');
  }
  return ok(Math.max(-1, Math.min(1, dot)));
}
