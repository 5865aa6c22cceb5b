// Monitor definitions (`apiVersion: vigil/v1`, `kind: Monitor`), from the API or a YAML file.
// Every object is strict; durations are parsed to milliseconds; defaults are exported so the
// server, the docs and the tests agree on them.
import { PROFILE_DRIFT_METHODS, type ProfileDriftMethod } from '@vigil/core';
import { z } from 'zod';
import { modelNameSchema } from './ingest.js';
import { LIMITS, NAME_PATTERN } from './limits.js';
import { LLM_QUALITY_FIELDS, llmQualityIssues } from './monitor-llm.js';
import { durationSchema } from './time.js';

/** MONITOR_API_VERSION is the apiVersion this Vigil reads and writes. */
export const MONITOR_API_VERSION = 'vigil/v1';

/** MONITOR_TYPES lists the monitor types, one per layer the issue names. */
export const MONITOR_TYPES = [
  'data_drift',
  'data_quality',
  'prediction_drift',
  'performance',
  'infrastructure',
  'business',
  'custom',
  'llm_quality',
] as const;

/**
 * DEFAULT_DRIFT_THRESHOLDS are Vigil's thresholds per drift method: PSI > 0.2 and KS p < 0.01
 * (the industry's usual alert levels, stricter than Evidently's 0.1 and 0.05), DESIGN.md's
 * defaults for the rest. For ks the threshold is a p-value (drift when p < threshold); for the
 * others a distance (drift when score >= threshold).
 */
export const DEFAULT_DRIFT_THRESHOLDS: Readonly<Record<ProfileDriftMethod, number>> = {
  psi: 0.2,
  ks: 0.01,
  jensenshannon: 0.1,
  kl_div: 0.1,
  wasserstein: 0.1,
  chisquare: 0.05,
};

/** DEFAULT_MONITOR is what a monitor gets for every omitted common field. */
export const DEFAULT_MONITOR = {
  window: { kind: 'hourly' },
  cadence: '1h',
  minSampleSize: 100,
  driftMethod: 'psi',
} as const;

/** DEFAULT_ALERT holds the alert timing defaults (as duration text, parsed like user input). */
export const DEFAULT_ALERT = {
  for: '0s',
  keepFiringFor: '0s',
  renotifyEvery: '4h',
  severity: 'warning',
} as const;

/** DEFAULT_DATA_QUALITY holds the data-quality limits used when a check is enabled bare. */
export const DEFAULT_DATA_QUALITY = {
  maxMissingShare: 0.05,
  maxNewCategoryShare: 0,
  maxOutOfRangeShare: 0.01,
} as const;

/** DEFAULT_PREDICTION_DRIFT: alert when the prediction mean moves more than 2 baseline std. */
export const DEFAULT_PREDICTION_DRIFT = { meanShiftStd: 2 } as const;

/** DEFAULT_PERFORMANCE: alert when the metric drops more than 3 % (relative) from the baseline. */
export const DEFAULT_PERFORMANCE = { maxRelativeDrop: 0.03 } as const;

/** DEFAULT_LEARNED_THRESHOLD: mean ± 3 std over 10 reference chunks, each left out in turn. */
export const DEFAULT_LEARNED_THRESHOLD = { chunks: 10, stdMultiplier: 3 } as const;

const positiveInt = z.number().int().min(1);
const share = z.number().min(0).max(1);
const nameText = z
  .string()
  .min(1)
  .max(LIMITS.maxNameLength)
  .regex(NAME_PATTERN, 'use letters, digits, ".", "_", "-", starting with a letter or digit');

/** windowSchema is the data window an evaluation looks at: per batch, hour, day or N events. */
export const windowSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('batch') }),
  z.strictObject({ kind: z.literal('hourly') }),
  z.strictObject({ kind: z.literal('daily') }),
  z.strictObject({ kind: z.literal('events'), size: positiveInt }),
]);

/** conditionSchema fires when a value is above and/or below a bound (at least one). */
export const conditionSchema = z
  .strictObject({ above: z.number().optional(), below: z.number().optional() })
  .refine((c) => c.above !== undefined || c.below !== undefined, 'give above, below or both');

const learnedSchema = z.strictObject({
  learned: z
    .strictObject({
      chunks: z.number().int().min(3).default(DEFAULT_LEARNED_THRESHOLD.chunks),
      stdMultiplier: z.number().positive().default(DEFAULT_LEARNED_THRESHOLD.stdMultiplier),
    })
    .default({ ...DEFAULT_LEARNED_THRESHOLD }),
});

/** thresholdSchema is a fixed number or `{ learned: { chunks, stdMultiplier } }`. */
export const thresholdSchema = z.union([z.number().min(0), learnedSchema], {
  error: 'expected a number or { learned: { chunks, stdMultiplier } }',
});

/** featureSelectionSchema picks features: 'all', a list, or `{ top: N }` by importance. */
export const featureSelectionSchema = z.union(
  [z.literal('all'), z.array(z.string().min(1)).min(1), z.strictObject({ top: positiveInt })],
  { error: 'expected "all", a list of feature names, or { top: N }' },
);

/** alertSchema sets how an evaluation turns into an alert; durations become milliseconds. */
export const alertSchema = z.strictObject({
  for: durationSchema.prefault(DEFAULT_ALERT.for),
  keepFiringFor: durationSchema.prefault(DEFAULT_ALERT.keepFiringFor),
  renotifyEvery: durationSchema.prefault(DEFAULT_ALERT.renotifyEvery),
  severity: z.enum(['info', 'warning', 'critical']).default(DEFAULT_ALERT.severity),
  channels: z.array(nameText).default([]),
  /** Optional separate resolve condition against flapping (hysteresis). */
  resolveWhen: conditionSchema.optional(),
});

const common = {
  model: modelNameSchema,
  window: windowSchema.default({ ...DEFAULT_MONITOR.window }),
  cadence: durationSchema.prefault(DEFAULT_MONITOR.cadence),
  minSampleSize: z.number().int().min(1).default(DEFAULT_MONITOR.minSampleSize),
  baseline: z.string().min(1).optional(),
  segment: z.record(z.string(), z.string()).optional(),
  alert: alertSchema.prefault({}),
};

const driftMethod = z.enum(PROFILE_DRIFT_METHODS as [ProfileDriftMethod, ...ProfileDriftMethod[]]);

const dataDrift = z.strictObject({
  ...common,
  type: z.literal('data_drift'),
  features: featureSelectionSchema.default('all'),
  method: driftMethod.default(DEFAULT_MONITOR.driftMethod),
  threshold: thresholdSchema.optional(),
  /** Alert when at least this many selected features drift. */
  minDriftedFeatures: positiveInt.default(1),
});

const dataQuality = z.strictObject({
  ...common,
  type: z.literal('data_quality'),
  features: featureSelectionSchema.default('all'),
  maxMissingShare: share.default(DEFAULT_DATA_QUALITY.maxMissingShare),
  maxNewCategoryShare: share.default(DEFAULT_DATA_QUALITY.maxNewCategoryShare),
  maxOutOfRangeShare: share.default(DEFAULT_DATA_QUALITY.maxOutOfRangeShare),
  schemaChange: z.boolean().default(true),
});

const predictionDrift = z.strictObject({
  ...common,
  type: z.literal('prediction_drift'),
  method: z.union([driftMethod, z.literal('mean_shift')]).default('mean_shift'),
  threshold: thresholdSchema.optional(),
  meanShiftStd: z.number().positive().default(DEFAULT_PREDICTION_DRIFT.meanShiftStd),
});

const performance = z.strictObject({
  ...common,
  type: z.literal('performance'),
  metric: z.enum([
    'accuracy',
    'precision',
    'recall',
    'f1',
    'roc_auc',
    'log_loss',
    'mae',
    'mse',
    'rmse',
    'mape',
    'r2',
  ]),
  maxRelativeDrop: share.default(DEFAULT_PERFORMANCE.maxRelativeDrop),
  condition: conditionSchema.optional(),
});

const infrastructure = z.strictObject({
  ...common,
  type: z.literal('infrastructure'),
  signal: z.enum(['latency_p50', 'latency_p95', 'latency_p99', 'throughput', 'error_rate']),
  condition: conditionSchema,
});

/**
 * business watches a business outcome (ingest `outcome` events named `outcome`) per window.
 *
 * - `join` says which outcomes count. `prediction_id` (the default when absent): outcomes joined
 *   by prediction id to this model's predictions, time of the outcome in the window; their tags
 *   are the prediction's overlaid with the outcome's. `key`: outcomes sent with a free `key`
 *   instead of a prediction id (a click keyed by impression id), time in the window. Keyed
 *   outcomes name no model: every keyed outcome of that name in the project counts, so narrow
 *   them with `tags`; their tags are their own, and they have no model version (groupBy
 *   `model_version` is refused with `join: key`).
 * - `tags` keeps only outcomes whose tags include every given name=value pair (like `segment`,
 *   which also applies to outcomes and, for `per_prediction`, to the predictions counted).
 * - `aggregate`: `mean`, `sum`, `count` (of outcomes), `rate` (sum per second of the window), or
 *   `per_prediction`: the sum divided by the number of this model's predictions in the same
 *   window (a CTR when the outcome is a 0/1 click keyed by impression id). Its sample size is
 *   the prediction count (a window without predictions is NO_DATA; one with predictions and no
 *   outcomes is 0), and it takes no groupBy.
 *
 * Example: `{ type: business, model: ranker, outcome: click, join: key, tags: { surface: home },
 * aggregate: per_prediction, condition: { below: 0.02 } }` → clicks on the home surface per
 * prediction of `ranker` in the window.
 */
const business = z
  .strictObject({
    ...common,
    type: z.literal('business'),
    outcome: z.string().min(1).max(LIMITS.maxNameLength),
    join: z.enum(['prediction_id', 'key']).optional(),
    tags: z.record(z.string().min(1), z.string()).optional(),
    aggregate: z.enum(['mean', 'sum', 'count', 'rate', 'per_prediction']).default('mean'),
    groupBy: z.array(z.enum(['model_version', 'segment'])).default([]),
    condition: conditionSchema,
  })
  .superRefine((spec, ctx) => {
    if (spec.aggregate === 'per_prediction' && spec.groupBy.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['groupBy'],
        message: 'aggregate per_prediction takes no groupBy (the prediction count is per window)',
      });
    }
    if (spec.join === 'key' && spec.groupBy.includes('model_version')) {
      ctx.addIssue({
        code: 'custom',
        path: ['groupBy'],
        message: 'outcomes joined by key carry no model version: group by segment only',
      });
    }
  });

const custom = z.strictObject({
  ...common,
  type: z.literal('custom'),
  /**
   * The series: feature:<name>:<stat>, prediction:<stat>, latency:<stat> (mean, std, min, max,
   * count, missing_share, p50, p90, p95, p99), outcome:<name>:<mean|sum|count|rate>, or
   * monitor:<name>[:<series>] (another monitor's stored values); checked when evaluated.
   */
  series: z.string().min(1).max(500),
  condition: z.union([conditionSchema, learnedSchema], {
    error: 'expected { above, below } or { learned: {...} }',
  }),
});

const llmQuality = z
  .strictObject({
    ...common,
    // LLM answers are compared with `reference` (a time range or the previous windows), not with
    // a stored feature baseline; the key stays (always absent) so every spec reads alike.
    baseline: z
      .never({ error: 'llm_quality monitors compare with `reference`, not a stored baseline' })
      .optional(),
    // Windows of time, or of the last N generations (a batch is a prediction-upload notion).
    window: z
      .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('hourly') }),
        z.strictObject({ kind: z.literal('daily') }),
        z.strictObject({ kind: z.literal('events'), size: positiveInt }),
      ])
      .default({ ...DEFAULT_MONITOR.window }),
    type: z.literal('llm_quality'),
    ...LLM_QUALITY_FIELDS,
    /** Overrides the metric's default alert level (DEFAULT_LLM_QUALITY). */
    condition: conditionSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    for (const [path, message] of llmQualityIssues(spec)) {
      ctx.addIssue({ code: 'custom', path: [path], message });
    }
  });

/** monitorSpecSchema is a monitor's `spec`, discriminated by `type`. */
export const monitorSpecSchema = z.discriminatedUnion('type', [
  dataDrift,
  dataQuality,
  predictionDrift,
  performance,
  infrastructure,
  business,
  custom,
  llmQuality,
]);

/** monitorMetadataSchema names a monitor and carries free labels. */
export const monitorMetadataSchema = z.strictObject({
  name: nameText,
  description: z.string().max(2000).optional(),
  labels: z.record(z.string(), z.string()).default({}),
});

/**
 * monitorDefinitionSchema is a whole monitor document. apiVersion must be `vigil/v1`; kind must be
 * `Monitor`. Use parseMonitorFile for files: it also checks the major version with a clear message.
 */
export const monitorDefinitionSchema = z.strictObject({
  apiVersion: z.literal(MONITOR_API_VERSION, {
    error: `apiVersion must be ${MONITOR_API_VERSION}`,
  }),
  kind: z.literal('Monitor', { error: 'kind must be Monitor' }),
  metadata: monitorMetadataSchema,
  spec: monitorSpecSchema,
});

/** MonitorType is one of MONITOR_TYPES. */
export type MonitorType = (typeof MONITOR_TYPES)[number];
/** MonitorWindow is a validated window. */
export type MonitorWindow = z.output<typeof windowSchema>;
/** Condition is a validated above/below condition. */
export type Condition = z.output<typeof conditionSchema>;
/** Threshold is a fixed number or a learned threshold. */
export type Threshold = z.output<typeof thresholdSchema>;
/** AlertSpec is a validated alert block; durations are milliseconds. */
export type AlertSpec = z.output<typeof alertSchema>;
/** MonitorSpec is a validated monitor spec. */
export type MonitorSpec = z.output<typeof monitorSpecSchema>;
/** MonitorDefinition is a validated monitor document. */
export type MonitorDefinition = z.output<typeof monitorDefinitionSchema>;
/** MonitorDefinitionInput is a monitor document as written (durations as text). */
export type MonitorDefinitionInput = z.input<typeof monitorDefinitionSchema>;
