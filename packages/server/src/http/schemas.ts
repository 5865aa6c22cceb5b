// Wire schemas the server adds to the contracts: query strings, path parameters and responses.
// Responses are described here for /openapi.json; handlers build them with the matching types.
import {
  apiKeyInfoSchema,
  EVENT_TYPES,
  ingestEventSchema,
  LIMITS,
  modelNameSchema,
  modelSpecSchema,
  projectSchema,
  timeSchema,
} from '@vigil/contracts';
import { MAX_QUERY_LIMIT } from '@vigil/store';
import { z } from 'zod';

/** queryTimeSchema reads a query-string time: epoch milliseconds or ISO 8601 with offset. */
export const queryTimeSchema = z
  .string()
  .transform((s) => (/^\d{1,16}$/.test(s) ? Number(s) : s))
  .pipe(timeSchema);

const rangeShape = {
  from: queryTimeSchema.describe('window start, inclusive (epoch ms or ISO 8601)'),
  to: queryTimeSchema.describe('window end, exclusive (epoch ms or ISO 8601)'),
};
const rangeCheck = (q: { from: number; to: number }) => q.from < q.to;
const rangeMessage = { message: '"from" must be before "to"', path: ['to'] };

/** eventsQuerySchema selects events of one type in a required time window. */
export const eventsQuerySchema = z
  .strictObject({
    type: z.enum(EVENT_TYPES),
    model: modelNameSchema.optional(),
    ...rangeShape,
    limit: z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(1000),
  })
  .refine(rangeCheck, rangeMessage);

/** profilesQuerySchema selects window profiles of a model in a required time window. */
export const profilesQuerySchema = z
  .strictObject({
    ...rangeShape,
    window: z.enum(['hour', 'day']).default('hour'),
    role: z.enum(['feature', 'prediction', 'latency']).optional(),
    column: z.string().min(1).max(LIMITS.maxNameLength).optional(),
    full: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('true: include the mergeable profile itself, not only its summary'),
  })
  .refine(rangeCheck, rangeMessage);

/** modelParamsSchema is the `:model` path parameter. */
export const modelParamsSchema = z.strictObject({ model: modelNameSchema });
/** keyParamsSchema is the `:keyId` path parameter. */
export const keyParamsSchema = z.strictObject({ keyId: z.string().min(1).max(64) });

/** issueSchema is one input problem: the field path and the reason. */
export const issueSchema = z.object({ field: z.string(), reason: z.string() });

/** errorResponseSchema is every error body. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(issueSchema).optional(),
  }),
});

/** ingestBodySchema documents the ingest body (the handler validates each event on its own). */
export const ingestBodySchema = z.strictObject({
  events: z.array(ingestEventSchema).max(LIMITS.maxBatchEvents),
});

/** itemResultSchema is the verdict on one event of a batch. */
export const itemResultSchema = z.object({
  index: z.number().int(),
  event_id: z.string().optional(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  errors: z.array(issueSchema).optional(),
});

/** ingestResponseSchema answers an ingest batch (200 all ok, 207 some rejected, 400 all). */
export const ingestResponseSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  results: z.array(itemResultSchema),
  error: errorResponseSchema.shape.error.optional(),
});

/** storedEventSchema is an event as read back, with when the server received it. */
export const storedEventSchema = z.object({
  event: z.record(z.string(), z.unknown()),
  received_at: z.number().int(),
});

/** modelResponseSchema is a stored model. */
export const modelResponseSchema = z.object({
  spec: modelSpecSchema,
  active_baseline_id: z.string().nullable(),
  created_at: z.number().int(),
  updated_at: z.number().int(),
});

/** windowProfileSchema is one column's profile over one window. */
export const windowProfileSchema = z.object({
  column: z.string(),
  role: z.enum(['feature', 'prediction', 'latency']),
  layout: z.string(),
  window: z.enum(['hour', 'day']),
  window_start: z.number().int(),
  row_count: z.number().int(),
  summary: z.record(z.string(), z.unknown()),
  profile: z.record(z.string(), z.unknown()).optional(),
});

/** createdKeySchema is a new API key: `key` is shown this once and never again. */
export const createdKeySchema = z.object({ key: z.string(), info: apiKeyInfoSchema });

/** createdProjectSchema answers project creation with the project's first key. */
export const createdProjectSchema = z.object({ project: projectSchema, api_key: createdKeySchema });
