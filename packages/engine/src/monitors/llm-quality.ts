// LLM quality monitors: one metric of a window of LLM answers (drift of the output-embedding
// centroid, repetitiveness, refusals, JSON validity, length, language drift, safety violations)
// or of judgements about them (review verdicts, reference checks, user feedback), tested against
// the monitor's condition or the metric's default alert level.
import { type Condition, DEFAULT_LLM_QUALITY, type MonitorSpec } from '@vigil/contracts';
import { compileBlocklist } from '../llm-quality/pii.js';
import { type LlmOutput, type OutputSummary, summarizeOutputs } from '../llm-quality/summary.js';
import { conditionCheck, failedCheck, summarize, tooFewCheck } from './checks.js';
import type { CheckResult, MonitorEvaluation } from './types.js';

/** LlmQualitySpec is the spec of an `llm_quality` monitor. */
export type LlmQualitySpec = Extract<MonitorSpec, { type: 'llm_quality' }>;

/** LlmJudged counts judged items of a rate metric: how many were judged and how many failed. */
export interface LlmJudged {
  readonly total: number;
  readonly failed: number;
}

/**
 * LlmQualityInput is one window's data: its answers in time order (with embeddings for
 * output_drift) and the reference window's answers, or, for hallucination_rate,
 * wrong_price_rate and negative_feedback_rate, the judged counts.
 */
export interface LlmQualityInput {
  readonly outputs?: readonly LlmOutput[];
  readonly reference?: readonly LlmOutput[];
  readonly judged?: LlmJudged;
}

const RATE_METRICS = new Set(['hallucination_rate', 'wrong_price_rate', 'negative_feedback_rate']);

/** llmQualityStatistic is the statistic a monitor watches: its own, else the metric's first. */
export function llmQualityStatistic(spec: LlmQualitySpec): string | null {
  if (spec.metric === 'repetitiveness') return spec.statistic ?? 'share';
  if (spec.metric === 'output_length') return spec.statistic ?? 'mean';
  return null;
}

/**
 * llmQualityCondition is the condition a value is tested against: the monitor's `condition`, else
 * the metric's default from DEFAULT_LLM_QUALITY. output_length has no fixed default: it is the
 * reference value ± maxRelativeChange (default 50 %), or null without a reference value.
 * Example: output_drift → { below: 0.7 }; output_length with a reference mean of 200 → { above: 300, below: 100 }.
 */
export function llmQualityCondition(
  spec: LlmQualitySpec,
  referenceValue: number | null = null,
): Condition | null {
  if (spec.condition !== undefined) return spec.condition;
  const d = DEFAULT_LLM_QUALITY;
  switch (spec.metric) {
    case 'output_drift':
      return { below: d.outputDriftBelow };
    case 'repetitiveness':
      return llmQualityStatistic(spec) === 'mean'
        ? { above: d.repetitiveMeanAbove }
        : { above: d.repetitiveShareAbove };
    case 'refusal_rate':
      return { above: d.refusalRateAbove };
    case 'json_validity':
      return { below: d.jsonValidityBelow };
    case 'language_drift':
      return { above: d.languageDriftAbove };
    case 'safety_violation_rate':
      return { above: d.safetyViolationRateAbove };
    case 'hallucination_rate':
      return { above: d.hallucinationRateAbove };
    case 'wrong_price_rate':
      return { above: d.wrongPriceRateAbove };
    case 'negative_feedback_rate':
      return { above: d.negativeFeedbackRateAbove };
    case 'output_length': {
      if (referenceValue === null) return null;
      const r = spec.maxRelativeChange ?? d.outputLengthMaxRelativeChange;
      return { above: referenceValue * (1 + r), below: referenceValue * Math.max(0, 1 - r) };
    }
  }
}

function lengthOf(s: OutputSummary, statistic: string | null): number | null {
  return statistic === 'p95' ? s.p95Chars : s.meanChars;
}

/**
 * evaluateLlmQuality computes the monitor's metric on one window and tests it.
 *
 * Output metrics need at least minSampleSize answers in the window (else NO_DATA); those compared
 * with a reference (output_drift, language_drift, output_length without a condition) need as many
 * in the reference window too. Values: output_drift = cosine similarity of the window's embedding
 * centroid to the reference's; repetitiveness = share of consecutive pairs with ROUGE-L F1 above
 * 0.85 (statistic share) or their mean ROUGE-L (mean); refusal_rate, json_validity and
 * safety_violation_rate = shares of answers; output_length = mean or p95 characters;
 * language_drift = total variation distance of language shares. Rate metrics need minSampleSize
 * judged items; value = failed / total.
 * Example: 50 identical generic answers against a varied reference → output_drift 0.4 < 0.7 BREACH.
 */
export function evaluateLlmQuality(
  name: string,
  spec: LlmQualitySpec,
  input: LlmQualityInput,
): MonitorEvaluation {
  const statistic = llmQualityStatistic(spec);
  const base = {
    subject: spec.metric,
    check: statistic === null ? spec.metric : `${spec.metric}_${statistic}`,
    direction: 'above' as const,
  };
  const min = spec.minSampleSize;
  const one = (c: CheckResult) => summarize(name, 'llm_quality', [c]);
  const test = (value: number | null, n: number, condition: Condition | null, why: string) => {
    if (value === null) return one(failedCheck(base, 'NO_DATA', n, why));
    if (condition === null) return one(failedCheck(base, 'NO_DATA', n, why));
    return one(conditionCheck(base, condition, value, n));
  };

  if (RATE_METRICS.has(spec.metric)) {
    const j = input.judged;
    if (j === undefined) return one(failedCheck(base, 'ERROR', 0, 'no judged items were gathered'));
    if (j.total < min) return one(tooFewCheck(base, j.total, min));
    return test(j.failed / j.total, j.total, llmQualityCondition(spec), '');
  }

  const outputs = input.outputs;
  if (outputs === undefined) return one(failedCheck(base, 'ERROR', 0, 'no answers were gathered'));
  const n = outputs.length;
  if (n < min) return one(tooFewCheck(base, n, min));
  const needsReference =
    spec.metric === 'output_drift' ||
    spec.metric === 'language_drift' ||
    (spec.metric === 'output_length' && spec.condition === undefined);
  let reference: OutputSummary | null = null;
  if (needsReference) {
    const ref = input.reference ?? [];
    if (ref.length < min) {
      return one(
        failedCheck(
          base,
          'NO_DATA',
          n,
          `the reference holds ${ref.length} answers < minSampleSize ${min}`,
        ),
      );
    }
    reference = summarizeOutputs(ref, { pii: false });
  }
  const summary = summarizeOutputs(outputs, {
    expectJson: spec.metric === 'json_validity',
    pii: spec.metric === 'safety_violation_rate' ? spec.pii : false,
    ...(spec.metric === 'safety_violation_rate' && spec.blocklist !== undefined
      ? { blocklist: compileBlocklist(spec.blocklist) }
      : {}),
    ...(reference === null
      ? {}
      : {
          baseline: {
            ...(reference.centroid === null ? {} : { centroid: reference.centroid }),
            languageShares: reference.languageShares,
          },
        }),
  });
  switch (spec.metric) {
    case 'output_drift': {
      if (summary.centroid === null || reference?.centroid === null) {
        return one(
          failedCheck(
            base,
            'ERROR',
            n,
            'answers carry no usable embeddings (missing, of different lengths, or not finite)',
          ),
        );
      }
      return test(
        summary.centroidCosine,
        n,
        llmQualityCondition(spec),
        'a centroid is the zero vector',
      );
    }
    case 'repetitiveness':
      return test(
        statistic === 'mean' ? summary.meanConsecutiveRougeL : summary.repetitiveShare,
        n,
        llmQualityCondition(spec),
        'fewer than 2 answers',
      );
    case 'refusal_rate':
      return test(summary.refusalRate, n, llmQualityCondition(spec), '');
    case 'json_validity':
      return test(summary.jsonValidRate, n, llmQualityCondition(spec), '');
    case 'safety_violation_rate':
      return test(summary.safetyViolationRate, n, llmQualityCondition(spec), '');
    case 'language_drift':
      return test(
        summary.languageDrift,
        n,
        llmQualityCondition(spec),
        'no answer in a determined language',
      );
    case 'output_length': {
      const refValue = reference === null ? null : lengthOf(reference, statistic);
      return test(
        lengthOf(summary, statistic),
        n,
        llmQualityCondition(spec, refValue),
        'no reference length',
      );
    }
    default:
      return one(failedCheck(base, 'ERROR', n, `unknown metric ${spec.metric}`));
  }
}
