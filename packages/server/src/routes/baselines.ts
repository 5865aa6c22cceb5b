// Baselines: a model's reference profiles, here built from a window of already ingested events.
import { LIMITS, NAME_PATTERN, timeSchema } from '@vigil/contracts';
import { profileSummary } from '@vigil/core';
import { createBaselineFromWindow } from '@vigil/store';
import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { modelParamsSchema } from '../http/schemas.js';

/** baselineFromWindowSchema is the body of POST /v1/models/:model/baselines. */
export const baselineFromWindowSchema = z
  .strictObject({
    from: timeSchema.describe('window start, inclusive (epoch ms or ISO 8601)'),
    to: timeSchema.describe('window end, exclusive (epoch ms or ISO 8601)'),
    name: z
      .string()
      .min(1)
      .max(LIMITS.maxNameLength)
      .regex(NAME_PATTERN, 'use letters, digits, ".", "_", "-", starting with a letter or digit')
      .optional()
      .describe('default: window-<from>-<to>'),
    activate: z.boolean().default(true).describe("make it the model's active baseline"),
  })
  .refine((b) => b.from < b.to, { message: '"from" must be before "to"', path: ['to'] });

/** baselineResponseSchema is a created baseline with a summary of each column. */
export const baselineResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  model: z.string(),
  source: z.record(z.string(), z.unknown()),
  row_count: z.number().int(),
  active: z.boolean(),
  created_at: z.number().int(),
  columns: z.array(
    z.object({
      role: z.enum(['feature', 'prediction', 'latency']),
      name: z.string(),
      summary: z.record(z.string(), z.unknown()),
    }),
  ),
});

/** BASELINE_ROUTES create baselines. */
export const BASELINE_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/models/:model/baselines',
    auth: 'key',
    tag: 'baselines',
    summary:
      "Create a baseline from the model's ingested window [from, to): its hourly profiles merged per column",
    params: modelParamsSchema,
    body: baselineFromWindowSchema,
    responses: {
      201: { description: 'created', schema: baselineResponseSchema },
      400: { description: 'bad window, or no ingested predictions in it' },
      404: { description: 'no such model in this project' },
      409: { description: 'a baseline of that name exists' },
    },
    async handler({ identity, params, body, deps, reply }) {
      const { baseline, columns } = await createBaselineFromWindow(deps.store, identity.projectId, {
        model: params.model,
        name: body.name ?? `window-${body.from}-${body.to}`,
        fromMs: body.from,
        toMs: body.to,
        activate: body.activate,
      });
      reply.status(201);
      return {
        id: baseline.id,
        name: baseline.meta.name,
        model: baseline.meta.model,
        source: baseline.meta.source,
        row_count: baseline.meta.row_count,
        active: body.activate,
        created_at: baseline.createdMs,
        columns: columns.map((c) => ({
          role: c.role,
          name: c.name,
          summary: profileSummary(c.profile) as unknown as Record<string, unknown>,
        })),
      };
    },
  }),
];
