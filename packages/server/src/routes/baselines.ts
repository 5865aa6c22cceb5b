// Baselines: a model's reference profiles, built from a window of already ingested events or
// uploaded as profiles made elsewhere (`vigil baseline create --file`, which fixes histogram edges
// from the reference so numeric PSI works on every later window).
import { LIMITS, NAME_PATTERN, timeSchema } from '@vigil/contracts';
import { type ColumnProfile, profileFromBytes, profileFromJSON, profileSummary } from '@vigil/core';
import { type BaselineColumn, createBaselineFromWindow, type StoredBaseline } from '@vigil/store';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { modelParamsSchema } from '../http/schemas.js';

const baselineNameSchema = z
  .string()
  .min(1)
  .max(LIMITS.maxNameLength)
  .regex(NAME_PATTERN, 'use letters, digits, ".", "_", "-", starting with a letter or digit');

/** baselineFromWindowSchema is the body of POST /v1/models/:model/baselines. */
export const baselineFromWindowSchema = z
  .strictObject({
    from: timeSchema.describe('window start, inclusive (epoch ms or ISO 8601)'),
    to: timeSchema.describe('window end, exclusive (epoch ms or ISO 8601)'),
    name: baselineNameSchema.optional().describe('default: window-<from>-<to>'),
    activate: z.boolean().default(true).describe("make it the model's active baseline"),
  })
  .refine((b) => b.from < b.to, { message: '"from" must be before "to"', path: ['to'] });

/** baselineProfilesSchema is the body of POST /v1/models/:model/baselines/profiles. */
export const baselineProfilesSchema = z.strictObject({
  name: baselineNameSchema,
  source: z
    .strictObject({ kind: z.literal('file'), path: z.string().min(1).max(4096) })
    .describe('where the rows came from (shown, not read)'),
  row_count: z.number().int().min(0),
  activate: z.boolean().default(true).describe("make it the model's active baseline"),
  columns: z
    .array(
      z.strictObject({
        role: z.enum(['feature', 'prediction', 'latency']).default('feature'),
        name: z.string().min(1).max(LIMITS.maxNameLength),
        profile: z
          .union([z.string().min(1), z.record(z.string(), z.unknown())])
          .describe('a profile as JSON (vigil.profile) or its binary form in base64'),
      }),
    )
    .min(1)
    .max(LIMITS.maxFeatures + 2),
});

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

type BaselineWire = z.output<typeof baselineResponseSchema>;

function baselineToWire(
  baseline: StoredBaseline,
  columns: readonly BaselineColumn[],
  active: boolean,
): BaselineWire {
  return {
    id: baseline.id,
    name: baseline.meta.name,
    model: baseline.meta.model,
    source: baseline.meta.source,
    row_count: baseline.meta.row_count,
    active,
    created_at: baseline.createdMs,
    columns: columns.map((c) => ({
      role: c.role,
      name: c.name,
      summary: profileSummary(c.profile) as unknown as Record<string, unknown>,
    })),
  };
}

// A profile arrives as JSON or as base64 bytes; either is validated in full by the core.
function decodeProfile(value: string | Record<string, unknown>, index: number): ColumnProfile {
  const r =
    typeof value === 'string'
      ? profileFromBytes(new Uint8Array(Buffer.from(value, 'base64')))
      : profileFromJSON(value);
  if (!r.ok) {
    throw new AppError({
      code: 'BAD_REQUEST',
      message: `columns[${index}].profile: ${r.error.message}`,
    });
  }
  return r.value;
}

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
      return baselineToWire(baseline, columns, body.activate);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/models/:model/baselines/profiles',
    auth: 'key',
    tag: 'baselines',
    summary:
      'Create a baseline from uploaded column profiles (e.g. built from a training file by `vigil baseline create`)',
    params: modelParamsSchema,
    body: baselineProfilesSchema,
    responses: {
      201: { description: 'created', schema: baselineResponseSchema },
      400: { description: 'a profile that does not decode, or a column named twice' },
      404: { description: 'no such model in this project' },
      409: { description: 'a baseline of that name exists' },
    },
    async handler({ identity, params, body, deps, reply }) {
      if ((await deps.store.getModel(identity.projectId, params.model)) === null) {
        throw new AppError({ code: 'NOT_FOUND', message: `no model "${params.model}"` });
      }
      const seen = new Set<string>();
      const columns: BaselineColumn[] = body.columns.map((c, i) => {
        const key = `${c.role}\0${c.name}`;
        if (seen.has(key)) {
          throw new AppError({
            code: 'BAD_REQUEST',
            message: `columns[${i}]: ${c.role} "${c.name}" given twice`,
          });
        }
        seen.add(key);
        return { role: c.role, name: c.name, profile: decodeProfile(c.profile, i) };
      });
      const baseline = await deps.store.createBaseline(
        identity.projectId,
        { name: body.name, model: params.model, source: body.source, row_count: body.row_count },
        columns,
        { activate: body.activate },
      );
      reply.status(201);
      return baselineToWire(baseline, columns, body.activate);
    },
  }),
];
