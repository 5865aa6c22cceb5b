// The delivery log: every attempt to deliver a notification to a channel, read by time window.
import { MAX_QUERY_LIMIT } from '@vigil/store';
import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { queryTimeSchema } from '../http/schemas.js';

/** deliveriesQuerySchema selects delivery attempts in a required time window. */
export const deliveriesQuerySchema = z
  .strictObject({
    from: queryTimeSchema.describe('window start, inclusive (epoch ms or ISO 8601)'),
    to: queryTimeSchema.describe('window end, exclusive (epoch ms or ISO 8601)'),
    channel: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(1000),
  })
  .refine((q) => q.from < q.to, { message: '"from" must be before "to"', path: ['to'] });

/** deliveryResponseSchema is one delivery attempt. */
export const deliveryResponseSchema = z.object({
  id: z.string(),
  time: z.number().int(),
  channel: z.string(),
  channel_type: z.string(),
  fingerprint: z.string(),
  monitor: z.string(),
  kind: z.string(),
  attempt: z.number().int(),
  outcome: z.enum(['success', 'retry', 'failed', 'silenced']),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number(),
});

/** DELIVERY_ROUTES read the delivery log. */
export const DELIVERY_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'GET',
    url: '/v1/deliveries',
    auth: 'key',
    tag: 'alerts',
    summary: 'Notification delivery attempts that started in a time window, oldest first',
    query: deliveriesQuerySchema,
    responses: {
      200: {
        description: 'the attempts',
        schema: z.object({ deliveries: z.array(deliveryResponseSchema) }),
      },
    },
    async handler({ identity, query, deps }) {
      const rows = await deps.store.queryDeliveries(identity.projectId, {
        range: { fromMs: query.from, toMs: query.to },
        ...(query.channel === undefined ? {} : { channel: query.channel }),
        limit: query.limit,
      });
      return {
        deliveries: rows.map((d) => ({
          id: d.id,
          time: d.timeMs,
          channel: d.channel,
          channel_type: d.channelType,
          fingerprint: d.fingerprint,
          monitor: d.monitor,
          kind: d.kind,
          attempt: d.attempt,
          outcome: d.outcome,
          status_code: d.statusCode,
          error: d.error,
          duration_ms: d.durationMs,
        })),
      };
    },
  }),
];
