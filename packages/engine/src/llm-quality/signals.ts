// Per-output signals of LLM quality: refusals, JSON validity, repetition between consecutive
// outputs, the embedding centroid, and reference checks of quoted prices against a knowledge table.
import { cosineSimilarity, rouge } from '@vigil/core';
import { fnv1a64 } from '../hash.js';

// Phrases with which assistants decline; matched case-insensitively near the start of an answer.
const REFUSAL =
  /\b(?:i['’]?m sorry,? but i (?:can(?:['’]?t|not)|am unable|won['’]?t)|i (?:can(?:['’]?t|not)|am unable to|['’]m unable to|am not able to|['’]m not able to|won['’]?t be able to) (?:help|assist|provide|comply|do that|answer|share|support)|as an ai(?: language model)?,? i|i must decline|i['’]?m not allowed to)\b/i;

/** REFUSAL_WINDOW is how many leading characters of an answer are searched for a refusal. */
export const REFUSAL_WINDOW = 300;

/**
 * isRefusal tells whether an answer declines the request ("I'm sorry, but I can't…", "I cannot
 * help with…", "As an AI, I…") within its first REFUSAL_WINDOW characters.
 */
export function isRefusal(text: string): boolean {
  return REFUSAL.test(text.slice(0, REFUSAL_WINDOW));
}

/**
 * isValidJson tells whether a whole answer (trimmed) is one JSON value; with `allowFences` a
 * Markdown ```json fence around it is accepted too.
 */
export function isValidJson(text: string, options: { allowFences?: boolean } = {}): boolean {
  let s = text.trim();
  if (options.allowFences === true) {
    const m = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/.exec(s);
    if (m !== null) s = m[1].trim();
  }
  if (s === '') return false;
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** REPETITIVE_ROUGE_L is DESIGN's threshold: consecutive outputs with ROUGE-L F1 above it repeat. */
export const REPETITIVE_ROUGE_L = 0.85;

/** consecutiveRougeL returns ROUGE-L F1 between each output and the one before it (n - 1 values). */
export function consecutiveRougeL(outputs: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < outputs.length; i++) {
    const r = rouge(outputs[i], outputs[i - 1], { n: 'L' });
    out.push(r.ok ? r.value.fmeasure : 0);
  }
  return out;
}

/**
 * centroid returns the mean of equal-length vectors, or null when there are none or their
 * lengths differ or an entry is not finite.
 */
export function centroid(vectors: readonly ArrayLike<number>[]): Float64Array | null {
  if (vectors.length === 0) return null;
  const dim = vectors[0].length;
  if (dim === 0) return null;
  const sum = new Float64Array(dim);
  for (const v of vectors) {
    if (v.length !== dim) return null;
    for (let i = 0; i < dim; i++) {
      if (!Number.isFinite(v[i])) return null;
      sum[i] += v[i];
    }
  }
  for (let i = 0; i < dim; i++) sum[i] /= vectors.length;
  return sum;
}

/** OUTPUT_DRIFT_COSINE is DESIGN's threshold: a centroid cosine below it to the baseline is drift. */
export const OUTPUT_DRIFT_COSINE = 0.7;

/** centroidCosine is the cosine similarity of two centroids, or null when it is undefined. */
export function centroidCosine(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const r = cosineSimilarity(a, b);
  return r.ok ? r.value : null;
}

/** KnownPrice is one row of a knowledge table: an item, other names for it, and its price. */
export interface KnownPrice {
  readonly item: string;
  readonly aliases?: readonly string[];
  readonly price: number;
}

/** PriceClaim is a price an answer quoted for a known item, and whether it matches the table. */
export interface PriceClaim {
  readonly item: string;
  readonly quoted: number;
  readonly expected: number;
  readonly correct: boolean;
}

const AMOUNT =
  /(?:[$€£]\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?)|(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s?(?:usd|eur|gbp|dollars?|euros?)\b)/gi;

function amounts(sentence: string): { value: number; index: number }[] {
  return [...sentence.matchAll(AMOUNT)].map((m) => {
    const whole = (m[1] ?? m[3]).replace(/,/g, '');
    const cents = m[2] ?? m[4] ?? '0';
    return { value: Number(`${whole}.${cents}`), index: m.index ?? 0 };
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * checkPrices finds, sentence by sentence, the known items an answer names and the amounts it
 * quotes in the same sentence; each item is paired with the nearest amount. A claim is correct
 * when it is within half a cent of the table's price. An answer with an incorrect claim quotes a
 * wrong price: a hallucination against the knowledge table.
 * Example: checkPrices('The Pro plan costs $25 a month.', [{ item: 'Pro plan', price: 20 }]) →
 * [{ item: 'Pro plan', quoted: 25, expected: 20, correct: false }].
 */
export function checkPrices(answer: string, table: readonly KnownPrice[]): PriceClaim[] {
  const claims: PriceClaim[] = [];
  const names = table.map((row) => ({
    row,
    re: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${[row.item, ...(row.aliases ?? [])].map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`,
      'iu',
    ),
  }));
  for (const sentence of answer.split(/(?<=[.!?])\s+|\n+/)) {
    const found = amounts(sentence);
    if (found.length === 0) continue;
    for (const { row, re } of names) {
      const m = re.exec(sentence);
      if (m === null) continue;
      let best = found[0];
      for (const a of found) {
        if (Math.abs(a.index - m.index) < Math.abs(best.index - m.index)) best = a;
      }
      claims.push({
        item: row.item,
        quoted: best.value,
        expected: row.price,
        correct: Math.abs(best.value - row.price) < 0.005,
      });
    }
  }
  return claims;
}

/**
 * selectedForReview tells whether the output `id` falls in the human-review sample of `rate`
 * (0 < rate <= 1): a stable hash of the id, so the same outputs are picked on every replica.
 */
export function selectedForReview(id: string, rate: number): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  return Number(fnv1a64(`review:${id}`) % 1_000_000n) < rate * 1_000_000;
}
