// Scored assertions over the core's text metrics (ROUGE-N/L, BLEU with nltk smoothing 1,
// Levenshtein similarity, chrF, hashed-embedding cosine) and the numeric, latency, cost and label
// checks.
import {
  bleu,
  chrf,
  embeddingSimilarity,
  levenshteinSimilarity,
  type Result,
  rouge,
} from '@vigil/core';
import type { AssertionSpec, AssertionType } from '../golden/types.js';
import { referenceText } from './text.js';
import type { AssertionContext, AssertionOutcome } from './types.js';
import { outcome } from './types.js';

/** METRIC_THRESHOLDS are the default minimum scores of the scored assertions. */
export const METRIC_THRESHOLDS: Readonly<Partial<Record<AssertionType, number>>> = {
  'rouge-n': 0.5,
  'rouge-l': 0.5,
  bleu: 0.3,
  levenshtein: 0.8,
  chrf: 0.5,
  // DESIGN: an LLM output below 0.7 cosine similarity to its reference has drifted.
  similar: 0.7,
};

function metricValue(spec: AssertionSpec, output: string, ref: string): Result<number> {
  switch (spec.type) {
    case 'rouge-n': {
      const r = rouge(output, ref, { n: spec.n ?? 1 });
      return r.ok ? { ok: true, value: r.value.fmeasure } : r;
    }
    case 'rouge-l': {
      const r = rouge(output, ref, { n: 'L' });
      return r.ok ? { ok: true, value: r.value.fmeasure } : r;
    }
    case 'bleu':
      return bleu(output, [ref], { smoothing: 1 });
    case 'levenshtein':
      return { ok: true, value: levenshteinSimilarity(output, ref) };
    case 'chrf':
      return chrf(output, ref);
    default: {
      // similar: an empty side has no direction; it is simply not similar.
      const r = embeddingSimilarity(output, ref);
      return r.ok || r.error.code !== 'NOT_COMPUTABLE' ? r : { ok: true, value: 0 };
    }
  }
}

/** metricAssertion scores the output against the reference text and passes at the threshold. */
export function metricAssertion(spec: AssertionSpec, ctx: AssertionContext): AssertionOutcome {
  const ref = referenceText(spec, ctx);
  if (ref === undefined) return outcome(false, 'no reference text (value or expected)');
  const r = metricValue(spec, ctx.output, ref);
  if (!r.ok) return outcome(false, r.error.message);
  const score = Math.max(0, Math.min(1, r.value));
  const threshold = spec.threshold ?? METRIC_THRESHOLDS[spec.type] ?? 0.5;
  const pass = score >= threshold;
  return {
    pass,
    score,
    reason: `${spec.type} ${score.toFixed(3)} ${pass ? '≥' : '<'} ${threshold}`,
  };
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;

/** numericAssertion reads the first number of the output and compares it within `tolerance`. */
export function numericAssertion(spec: AssertionSpec, ctx: AssertionContext): AssertionOutcome {
  const target = Number(spec.value ?? ctx.expected);
  if (!Number.isFinite(target)) return outcome(false, 'no numeric value to compare with');
  const m = NUMBER.exec(ctx.output.replace(/(\d),(?=\d{3}\b)/g, '$1'));
  if (!m) return outcome(false, 'no number in the output');
  const got = Number(m[0]);
  const tolerance = spec.tolerance ?? 0;
  const pass = Math.abs(got - target) <= tolerance;
  return outcome(pass, `${got} ${pass ? 'within' : 'outside'} ${target} ± ${tolerance}`);
}

/** latencyAssertion passes when the call took at most `threshold` (or `value`) milliseconds. */
export function latencyAssertion(spec: AssertionSpec, ctx: AssertionContext): AssertionOutcome {
  const max = Number(spec.threshold ?? spec.value);
  const pass = ctx.latencyMs <= max;
  return outcome(pass, `${Math.round(ctx.latencyMs)} ms ${pass ? '≤' : '>'} ${max} ms`);
}

/** costAssertion passes when the call cost at most `threshold` (or `value`) US dollars. */
export function costAssertion(spec: AssertionSpec, ctx: AssertionContext): AssertionOutcome {
  const max = Number(spec.threshold ?? spec.value);
  if (ctx.costUsd === null) return outcome(false, 'the target reported no cost');
  const pass = ctx.costUsd <= max;
  return outcome(pass, `$${ctx.costUsd.toPrecision(3)} ${pass ? '≤' : '>'} $${max}`);
}

/** labelAssertion compares a classifier's label (trimmed) with the value or the expected label. */
export function labelAssertion(spec: AssertionSpec, ctx: AssertionContext): AssertionOutcome {
  const want = spec.value ?? ctx.expected;
  if (want === undefined || want === null) return outcome(false, 'no expected label');
  const pass = ctx.output.trim() === String(want).trim();
  return outcome(
    pass,
    pass ? `label ${String(want)}` : `label ${ctx.output.trim()} ≠ ${String(want)}`,
  );
}
