// Ingest events: what models see and do (predictions), what happened later (labels, outcomes), and
// how the serving stack behaved (infrastructure samples). Every object is strict: an unknown key is
// an error, so a typo never silently drops data.
import { z } from 'zod';
import { LIMITS, NAME_PATTERN } from './limits.js';
import { timeSchema } from './time.js';

const name = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(LIMITS.maxNameLength, `${what} longer than ${LIMITS.maxNameLength} characters`);

/** eventIdSchema is a client-chosen id, unique per project: a retried event is a duplicate. */
export const eventIdSchema = name('event_id');

/** modelNameSchema is a model's name: letters, digits, `.`, `_`, `-`, at most 128 characters. */
export const modelNameSchema = name('model').regex(
  NAME_PATTERN,
  'model must start with a letter or digit and hold only letters, digits, ".", "_", "-"',
);

const text = z
  .string()
  .max(LIMITS.maxStringLength, `longer than ${LIMITS.maxStringLength} characters`);
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** featureValueSchema is one feature value: a number, a string, a boolean, or null (missing). */
export const featureValueSchema = z.union([z.number(), text, z.boolean(), z.null()], {
  error: 'expected a number, string, boolean or null',
});

const tagsSchema = z
  .record(name('tag name'), text)
  .refine((t) => Object.keys(t).length <= LIMITS.maxTags, `more than ${LIMITS.maxTags} tags`);

/**
 * eventVariantSchema is the experiment variant that served the event (`assignVariant`'s answer):
 * canaries compare their variants by it. Optional on every event type.
 */
export const eventVariantSchema = name('variant').regex(
  NAME_PATTERN,
  'variant must start with a letter or digit and hold only letters, digits, ".", "_", "-"',
);

/** predictionEventSchema is one model call: inputs, output, class probabilities, latency, error. */
export const predictionEventSchema = z.strictObject({
  type: z.literal('prediction'),
  event_id: eventIdSchema,
  model: modelNameSchema,
  model_version: name('model_version').optional(),
  time: timeSchema,
  variant: eventVariantSchema.optional(),
  features: z
    .record(name('feature name'), featureValueSchema)
    .refine(
      (f) => Object.keys(f).length <= LIMITS.maxFeatures,
      `more than ${LIMITS.maxFeatures} features`,
    ),
  prediction: z.union([finite, text], { error: 'expected a number or a string' }).optional(),
  probabilities: z
    .record(name('class'), z.number().min(0).max(1))
    .refine(
      (p) => Object.keys(p).length <= LIMITS.maxClasses,
      `more than ${LIMITS.maxClasses} classes`,
    )
    .optional(),
  latency_ms: z.number().min(0).refine(Number.isFinite, 'must be finite').optional(),
  error: text.nullable().optional(),
  tags: tagsSchema.optional(),
});

/** labelEventSchema is the ground truth of an earlier prediction, joined by `prediction_id`. */
export const labelEventSchema = z.strictObject({
  type: z.literal('label'),
  event_id: eventIdSchema,
  prediction_id: eventIdSchema,
  label: z.union([finite, text, z.boolean()], { error: 'expected a number, string or boolean' }),
  time: timeSchema,
  variant: eventVariantSchema.optional(),
});

/** outcomeEventSchema is a named business value joined by `prediction_id` or by a free `key`. */
export const outcomeEventSchema = z
  .strictObject({
    type: z.literal('outcome'),
    event_id: eventIdSchema,
    name: name('name'),
    value: finite,
    prediction_id: eventIdSchema.optional(),
    key: name('key').optional(),
    time: timeSchema,
    variant: eventVariantSchema.optional(),
    tags: tagsSchema.optional(),
  })
  .refine((o) => (o.prediction_id === undefined) !== (o.key === undefined), {
    message: 'give exactly one of prediction_id and key',
    path: ['prediction_id'],
  });

/** infraEventSchema is one sample of the serving stack's health for a model. */
export const infraEventSchema = z.strictObject({
  type: z.literal('infra'),
  event_id: eventIdSchema,
  model: modelNameSchema,
  model_version: name('model_version').optional(),
  time: timeSchema,
  variant: eventVariantSchema.optional(),
  latency_ms: z.number().min(0).refine(Number.isFinite, 'must be finite').optional(),
  status: z.enum(['ok', 'error']).default('ok'),
  error: text.nullable().optional(),
  cpu_percent: z.number().min(0).max(100_000).optional(),
  memory_bytes: z.number().int().min(0).optional(),
  gpu_percent: z.number().min(0).max(100_000).optional(),
  requests: z.number().int().min(0).optional(),
});

/** ingestEventSchema is any one event, discriminated by `type`. */
export const ingestEventSchema = z.discriminatedUnion('type', [
  predictionEventSchema,
  labelEventSchema,
  outcomeEventSchema,
  infraEventSchema,
]);

/** EVENT_TYPES lists the `type` values of ingest events. */
export const EVENT_TYPES = ['prediction', 'label', 'outcome', 'infra'] as const;

/** PredictionEvent is a validated prediction; `time` is epoch milliseconds. */
export type PredictionEvent = z.output<typeof predictionEventSchema>;
/** LabelEvent is a validated label; `time` is epoch milliseconds. */
export type LabelEvent = z.output<typeof labelEventSchema>;
/** OutcomeEvent is a validated business outcome; `time` is epoch milliseconds. */
export type OutcomeEvent = z.output<typeof outcomeEventSchema>;
/** InfraEvent is a validated infrastructure sample; `time` is epoch milliseconds. */
export type InfraEvent = z.output<typeof infraEventSchema>;
/** IngestEvent is any validated event. */
export type IngestEvent = z.output<typeof ingestEventSchema>;
/** IngestEventInput is an event as a client sends it (time as ISO text or epoch ms). */
export type IngestEventInput = z.input<typeof ingestEventSchema>;
/** FeatureValue is one feature value. */
export type FeatureValue = z.output<typeof featureValueSchema>;
/** EventType is the `type` of an event. */
export type EventType = (typeof EVENT_TYPES)[number];
