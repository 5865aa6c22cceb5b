// The parts of an `llm_quality` monitor (LLM answer quality as a first-class monitor): which
// metric, which generations (filter), what the window is compared with (reference), where output
// embeddings come from, and the default thresholds. monitor.ts assembles them into the spec.
import { z } from 'zod';
import { timeSchema } from './time.js';

/**
 * LLM_QUALITY_METRICS are the series an `llm_quality` monitor can watch: output_drift (cosine of
 * the window's output-embedding centroid to the reference's), repetitiveness (ROUGE-L between
 * consecutive outputs), refusal_rate, json_validity (share of answers that are one JSON value),
 * output_length (characters), language_drift (total variation of language shares to the
 * reference's), safety_violation_rate (PII patterns and blocklist), hallucination_rate (human
 * review verdicts), wrong_price_rate (reference checks against a knowledge table) and
 * negative_feedback_rate (user feedback).
 */
export const LLM_QUALITY_METRICS = [
  'output_drift',
  'repetitiveness',
  'refusal_rate',
  'json_validity',
  'output_length',
  'language_drift',
  'safety_violation_rate',
  'hallucination_rate',
  'wrong_price_rate',
  'negative_feedback_rate',
] as const;

/** LlmQualityMetric is one of LLM_QUALITY_METRICS. */
export type LlmQualityMetric = (typeof LLM_QUALITY_METRICS)[number];

/**
 * DEFAULT_LLM_QUALITY holds the alert levels used when a monitor gives no `condition`: DESIGN's
 * output-embedding cosine below 0.7 and consecutive ROUGE-L above 0.85 (as a mean, or more than
 * half the consecutive pairs above it as a share), answer length more than 50 % off the
 * reference mean, and rates an operator would look at. The reference defaults to the 3 windows
 * before the current one, embeddings to the built-in hashed character n-gram embedder.
 */
export const DEFAULT_LLM_QUALITY = {
  outputDriftBelow: 0.7,
  repetitiveShareAbove: 0.5,
  repetitiveMeanAbove: 0.85,
  refusalRateAbove: 0.1,
  jsonValidityBelow: 0.95,
  outputLengthMaxRelativeChange: 0.5,
  languageDriftAbove: 0.2,
  safetyViolationRateAbove: 0.01,
  hallucinationRateAbove: 0.05,
  wrongPriceRateAbove: 0.05,
  negativeFeedbackRateAbove: 0.2,
  reference: { previousWindows: 3 },
  embeddings: { source: 'hashed' },
} as const;

/** LLM_QUALITY_STATISTICS say which statistic of a metric is watched, for the metrics that have several. */
export const LLM_QUALITY_STATISTICS: Readonly<
  Partial<Record<LlmQualityMetric, readonly string[]>>
> = {
  repetitiveness: ['share', 'mean'],
  output_length: ['mean', 'p95'],
};

/** LLM_REFERENCE_METRICS compare the window with a reference window (the others use fixed levels). */
export const LLM_REFERENCE_METRICS: ReadonlySet<LlmQualityMetric> = new Set([
  'output_drift',
  'language_drift',
  'output_length',
]);

const text = (max: number) => z.string().min(1).max(max);

/** llmFilterSchema selects generations: by service, model (requested or served), prompt and version. */
export const llmFilterSchema = z
  .strictObject({
    service: text(256).optional(),
    model: text(256).optional(),
    prompt: text(128).optional(),
    promptVersion: z.number().int().min(1).optional(),
  })
  .refine((f) => f.promptVersion === undefined || f.prompt !== undefined, {
    message: 'promptVersion needs prompt',
    path: ['promptVersion'],
  });

/**
 * llmReferenceSchema is what the window is compared with: a fixed time range `{ from, to }`
 * (ISO 8601 or epoch ms), or `{ previousWindows: N }`, the N windows just before the current one.
 */
export const llmReferenceSchema = z.union(
  [
    z
      .strictObject({ from: timeSchema, to: timeSchema })
      .refine((r) => r.from < r.to, { message: '"from" must be before "to"', path: ['to'] }),
    z.strictObject({ previousWindows: z.number().int().min(1).max(1000) }),
  ],
  { error: 'expected { from, to } or { previousWindows: N }' },
);

/**
 * llmEmbeddingsSchema says where output embeddings come from: `hashed` (the built-in local
 * embedder of hashed character n-grams, no provider needed), `attribute` (the caller sent them as
 * a generation attribute, default `embedding`), or `endpoint` (an OpenAI-compatible
 * `POST {url}/embeddings`, its key read from the environment variable `apiKeyEnv`).
 */
export const llmEmbeddingsSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('hashed') }),
  z.strictObject({
    source: z.literal('attribute'),
    attribute: text(128).default('embedding'),
  }),
  z.strictObject({
    source: z.literal('endpoint'),
    url: z.url({ protocol: /^https?$/ }),
    model: text(256),
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')
      .optional(),
  }),
]);

/** LLM_QUALITY_FIELDS are the keys an `llm_quality` spec adds to the common monitor keys. */
export const LLM_QUALITY_FIELDS = {
  metric: z.enum(LLM_QUALITY_METRICS),
  /** repetitiveness: share (default) or mean; output_length: mean (default) or p95. */
  statistic: z.enum(['share', 'mean', 'p95']).optional(),
  filter: llmFilterSchema.default({}),
  reference: llmReferenceSchema.default({ ...DEFAULT_LLM_QUALITY.reference }),
  embeddings: llmEmbeddingsSchema.default({ ...DEFAULT_LLM_QUALITY.embeddings }),
  /** safety_violation_rate: words or phrases that must not appear (case-insensitive). */
  blocklist: z.array(text(200)).max(1000).optional(),
  /** safety_violation_rate: false skips personal-data patterns (default true). */
  pii: z.boolean().default(true),
  /** wrong_price_rate: only checks against this knowledge table (default all). */
  knowledge: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'letters, digits, _ . - (1-128)')
    .optional(),
  /** output_length without a condition: alert when the mean moves more than this share. */
  maxRelativeChange: z.number().positive().optional(),
} as const;

/** LlmFilter is a validated generation filter. */
export type LlmFilter = z.output<typeof llmFilterSchema>;
/** LlmReference is a validated reference (time range or previous windows). */
export type LlmReference = z.output<typeof llmReferenceSchema>;
/** LlmEmbeddings is a validated embeddings source. */
export type LlmEmbeddings = z.output<typeof llmEmbeddingsSchema>;

/**
 * llmQualityIssues lists the keys of an `llm_quality` spec that do not fit its metric (a
 * statistic the metric lacks, a blocklist outside safety checks…), as [path, message] pairs.
 */
export function llmQualityIssues(spec: {
  readonly metric: LlmQualityMetric;
  readonly statistic?: string;
  readonly blocklist?: readonly string[];
  readonly knowledge?: string;
  readonly maxRelativeChange?: number;
  readonly embeddings?: { readonly source: string };
}): [string, string][] {
  const out: [string, string][] = [];
  const allowed = LLM_QUALITY_STATISTICS[spec.metric];
  if (spec.statistic !== undefined && !allowed?.includes(spec.statistic)) {
    out.push([
      'statistic',
      allowed === undefined
        ? `${spec.metric} has no statistic to choose`
        : `${spec.metric} takes statistic ${allowed.join(' or ')}`,
    ]);
  }
  if (spec.blocklist !== undefined && spec.metric !== 'safety_violation_rate') {
    out.push(['blocklist', 'blocklist applies to metric safety_violation_rate only']);
  }
  if (spec.knowledge !== undefined && spec.metric !== 'wrong_price_rate') {
    out.push(['knowledge', 'knowledge applies to metric wrong_price_rate only']);
  }
  if (spec.maxRelativeChange !== undefined && spec.metric !== 'output_length') {
    out.push(['maxRelativeChange', 'maxRelativeChange applies to metric output_length only']);
  }
  if (
    spec.embeddings !== undefined &&
    spec.embeddings.source !== 'hashed' &&
    spec.metric !== 'output_drift'
  ) {
    out.push(['embeddings', 'embeddings apply to metric output_drift only']);
  }
  return out;
}
