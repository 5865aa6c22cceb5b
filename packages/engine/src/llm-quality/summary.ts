// One window of LLM outputs summarised into the series the LLM quality monitors watch.
import { detectLanguage, LANGUAGE_UNDETERMINED } from './language.js';
import { type Blocklist, findBlocked, findPii, type PiiKind } from './pii.js';
import {
  centroid,
  centroidCosine,
  consecutiveRougeL,
  isRefusal,
  isValidJson,
  REPETITIVE_ROUGE_L,
} from './signals.js';

/** LlmOutput is one generation's answer, in time order within its window. */
export interface LlmOutput {
  readonly text: string;
  /** The output's embedding, when the caller or an embedder provided one. */
  readonly embedding?: ArrayLike<number>;
}

/** OutputBaseline is what the current window is compared with: from a reference window. */
export interface OutputBaseline {
  readonly centroid?: ArrayLike<number>;
  /** Share of outputs per language (summing to 1). */
  readonly languageShares?: Readonly<Record<string, number>>;
  readonly meanChars?: number;
}

/** SummaryOptions say what the outputs should be and what is unsafe. */
export interface SummaryOptions {
  readonly baseline?: OutputBaseline;
  readonly blocklist?: Blocklist;
  /** Outputs are supposed to be JSON: report the valid share. */
  readonly expectJson?: boolean;
  /** false: skip personal-data detection (default true). */
  readonly pii?: boolean;
}

/** OutputSummary is the window's value for each LLM quality series (null: not computable). */
export interface OutputSummary {
  readonly count: number;
  readonly refusalRate: number | null;
  readonly jsonValidRate: number | null;
  readonly meanChars: number | null;
  readonly p95Chars: number | null;
  /** Share of consecutive pairs with ROUGE-L F1 above REPETITIVE_ROUGE_L. */
  readonly repetitiveShare: number | null;
  readonly meanConsecutiveRougeL: number | null;
  /** Share of outputs with at least one safety violation (PII or blocklist). */
  readonly safetyViolationRate: number | null;
  readonly violationsByKind: Readonly<Partial<Record<PiiKind | 'blocklist', number>>>;
  readonly languageShares: Readonly<Record<string, number>>;
  /** Total variation distance of the language shares to the baseline's (0 same, 1 disjoint). */
  readonly languageDrift: number | null;
  readonly centroid: Float64Array | null;
  /** Cosine similarity of this window's embedding centroid to the baseline's. */
  readonly centroidCosine: number | null;
}

/** quantileLinear is numpy's default (linear) quantile of sorted values. */
export function quantileLinear(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** totalVariation is half the L1 distance between two share maps (missing keys count as 0). */
export function totalVariation(
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
): number {
  let sum = 0;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    sum += Math.abs((a[k] ?? 0) - (b[k] ?? 0));
  }
  return sum / 2;
}

/**
 * summarizeOutputs computes every LLM quality series for one window of outputs: refusal rate,
 * JSON validity, length, repetitiveness, safety violations, language shares and their drift, and
 * the embedding centroid with its cosine to the baseline's. An empty window gives count 0 and
 * nulls (the monitor reports NO_DATA).
 */
export function summarizeOutputs(
  outputs: readonly LlmOutput[],
  options: SummaryOptions = {},
): OutputSummary {
  const n = outputs.length;
  const lengths = outputs.map((o) => [...o.text].length).sort((a, b) => a - b);
  const pairs = consecutiveRougeL(outputs.map((o) => o.text));
  const byKind: Partial<Record<PiiKind | 'blocklist', number>> = {};
  let unsafe = 0;
  let refusals = 0;
  let validJson = 0;
  const languages: Record<string, number> = {};
  for (const o of outputs) {
    if (isRefusal(o.text)) refusals++;
    if (options.expectJson === true && isValidJson(o.text, { allowFences: false })) validJson++;
    const found = [
      ...(options.pii === false ? [] : findPii(o.text)),
      ...(options.blocklist === undefined ? [] : findBlocked(o.text, options.blocklist)),
    ];
    if (found.length > 0) unsafe++;
    for (const v of new Set(found.map((f) => f.kind))) byKind[v] = (byKind[v] ?? 0) + 1;
    const lang = detectLanguage(o.text);
    languages[lang] = (languages[lang] ?? 0) + 1;
  }
  const shares: Record<string, number> = {};
  for (const [k, c] of Object.entries(languages)) shares[k] = c / n;
  const embedded = outputs.flatMap((o) => (o.embedding === undefined ? [] : [o.embedding]));
  const center = centroid(embedded);
  const base = options.baseline;
  const determined = (s: Readonly<Record<string, number>>) =>
    Object.fromEntries(Object.entries(s).filter(([k]) => k !== LANGUAGE_UNDETERMINED));
  return {
    count: n,
    refusalRate: n === 0 ? null : refusals / n,
    jsonValidRate: n === 0 || options.expectJson !== true ? null : validJson / n,
    meanChars: n === 0 ? null : lengths.reduce((s, x) => s + x, 0) / n,
    p95Chars: n === 0 ? null : quantileLinear(lengths, 0.95),
    repetitiveShare:
      pairs.length === 0 ? null : pairs.filter((x) => x > REPETITIVE_ROUGE_L).length / pairs.length,
    meanConsecutiveRougeL:
      pairs.length === 0 ? null : pairs.reduce((s, x) => s + x, 0) / pairs.length,
    safetyViolationRate: n === 0 ? null : unsafe / n,
    violationsByKind: byKind,
    languageShares: shares,
    languageDrift: languageDrift(
      n === 0 ? undefined : determined(shares),
      base?.languageShares === undefined ? undefined : determined(base.languageShares),
    ),
    centroid: center,
    centroidCosine:
      center === null || base?.centroid === undefined
        ? null
        : centroidCosine(center, base.centroid),
  };
}

// Total variation between the determined-language shares of both sides, or null when either side
// has none (a window of undetermined answers says nothing about which language they are in).
function languageDrift(
  current: Readonly<Record<string, number>> | undefined,
  baseline: Readonly<Record<string, number>> | undefined,
): number | null {
  if (current === undefined || baseline === undefined) return null;
  const a = normalise(current);
  const b = normalise(baseline);
  if (Object.keys(a).length === 0 || Object.keys(b).length === 0) return null;
  return totalVariation(a, b);
}

function normalise(s: Readonly<Record<string, number>>): Record<string, number> {
  const total = Object.values(s).reduce((a, b) => a + b, 0);
  if (total === 0) return {};
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v / total]));
}
