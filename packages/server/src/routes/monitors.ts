// Monitors: `vigil/v1` documents applied as YAML or JSON (every problem reported with its line),
// read back, deleted, and their evaluations queried as a time series. Changes are audited.
import {
  formatMonitorFileIssue,
  type MonitorDefinition,
  monitorDefinitionSchema,
  parseMonitorFile,
} from '@vigil/contracts';
import { MAX_QUERY_LIMIT, type StoredMonitor } from '@vigil/store';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { rawBodyText } from '../http/body.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { queryTimeSchema } from '../http/schemas.js';
import { actorOf, dryRunQuerySchema, sameJson } from './channels.js';

// What a dry run reports for a monitor that does not exist yet.
const dryRunMonitor = (projectId: string, definition: MonitorDefinition): StoredMonitor => ({
  projectId,
  definition,
  enabled: true,
  createdMs: 0,
  updatedMs: 0,
  lastSlotMs: null,
});

/** monitorParamsSchema is the `:name` path parameter. */
export const monitorParamsSchema = z.strictObject({ name: z.string().min(1).max(200) });

/** monitorResponseSchema is a stored monitor. */
export const monitorResponseSchema = z.object({
  definition: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  created_at: z.number().int(),
  updated_at: z.number().int(),
  last_evaluated_slot: z.number().int().nullable(),
});

/** evaluationPointSchema is one stored evaluation point. */
export const evaluationPointSchema = z.object({
  series: z.string(),
  time: z.number().int(),
  window_start: z.number().int(),
  window_end: z.number().int(),
  status: z.enum(['ok', 'triggered', 'no_data', 'error']),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  sample_size: z.number().int(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** evaluationsQuerySchema selects a monitor's points in a required time window. */
export const evaluationsQuerySchema = z
  .strictObject({
    from: queryTimeSchema.describe('window start, inclusive (epoch ms or ISO 8601)'),
    to: queryTimeSchema.describe('window end, exclusive (epoch ms or ISO 8601)'),
    series: z
      .string()
      .max(500)
      .optional()
      .describe("one series: a feature, or '' for the monitor's headline value"),
    limit: z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(1000),
  })
  .refine((q) => q.from < q.to, { message: '"from" must be before "to"', path: ['to'] });

/** monitorToWire renders a stored monitor for the API. */
export function monitorToWire(m: StoredMonitor): z.output<typeof monitorResponseSchema> {
  return {
    definition: m.definition as unknown as Record<string, unknown>,
    enabled: m.enabled,
    created_at: m.createdMs,
    updated_at: m.updatedMs,
    last_evaluated_slot: m.lastSlotMs,
  };
}

function documentText(body: unknown, raw: string | undefined): string {
  if (raw !== undefined) return raw;
  if (typeof body === 'string') return body;
  throw new AppError({
    code: 'BAD_REQUEST',
    message: 'send a vigil/v1 monitor document as YAML (application/yaml) or JSON',
  });
}

/** MONITOR_ROUTES apply, list, read and delete monitors and read their evaluations. */
export const MONITOR_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'PUT',
    url: '/v1/monitors',
    auth: 'key',
    tag: 'monitors',
    summary:
      'Apply monitors: a vigil/v1 document (YAML with `---` separators, or JSON), created or replaced by name',
    body: monitorDefinitionSchema,
    validateBody: false,
    query: dryRunQuerySchema,
    responses: {
      200: {
        description: 'applied (all or none); with dry_run=true, what would be applied',
        schema: z.object({
          created: z.array(z.string()),
          updated: z.array(z.string()),
          unchanged: z
            .array(z.string())
            .describe('identical to the stored definition: not rewritten'),
          monitors: z.array(monitorResponseSchema),
        }),
      },
      400: { description: 'every problem of the document, with its line and column' },
    },
    async handler({ request, body, query, identity, deps }) {
      const text = documentText(body, rawBodyText(request));
      const parsed = parseMonitorFile(text, { fileName: 'body' });
      if (!parsed.ok) {
        throw new AppError({
          code: 'VALIDATION_FAILED',
          message: `invalid monitor document: ${formatMonitorFileIssue(parsed.issues[0])}${parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more)` : ''}`,
          issues: parsed.issues.map((i) => ({
            field: i.path === '' ? 'body' : `body.${i.path}`,
            reason:
              i.line === null ? i.message : `line ${i.line}, column ${i.column}: ${i.message}`,
          })),
        });
      }
      // Check every model first, so the document applies all or nothing.
      const models = new Set(
        (await deps.store.listModels(identity.projectId)).map((m) => m.spec.name),
      );
      const unknown = parsed.monitors
        .map((m, i) => ({ m, i }))
        .filter(({ m }) => !models.has(m.spec.model));
      if (unknown.length > 0) {
        throw new AppError({
          code: 'VALIDATION_FAILED',
          message: `unknown model "${unknown[0].m.spec.model}": create it first (POST /v1/models)`,
          issues: unknown.map(({ m, i }) => ({
            field: parsed.monitors.length > 1 ? `body[${i}].spec.model` : 'body.spec.model',
            reason: `no model "${m.spec.model}" in this project`,
          })),
        });
      }
      const created: string[] = [];
      const updated: string[] = [];
      const unchanged: string[] = [];
      const stored: StoredMonitor[] = [];
      const actor = actorOf(identity);
      for (const def of parsed.monitors as MonitorDefinition[]) {
        const name = def.metadata.name;
        const before = await deps.store.getMonitor(identity.projectId, name);
        if (before !== null && sameJson(before.definition, def)) {
          stored.push(before);
          unchanged.push(name);
          continue;
        }
        if (query.dry_run === 'true') {
          (before !== null ? updated : created).push(name);
          stored.push(before ?? dryRunMonitor(identity.projectId, def));
          continue;
        }
        stored.push(await deps.store.upsertMonitor(identity.projectId, def, { actor }));
        (before !== null ? updated : created).push(name);
      }
      return { created, updated, unchanged, monitors: stored.map(monitorToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/monitors',
    auth: 'key',
    tag: 'monitors',
    summary: "List the project's monitors",
    responses: {
      200: {
        description: 'the monitors',
        schema: z.object({ monitors: z.array(monitorResponseSchema) }),
      },
    },
    async handler({ identity, deps }) {
      return { monitors: (await deps.store.listMonitors(identity.projectId)).map(monitorToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/monitors/:name',
    auth: 'key',
    tag: 'monitors',
    summary: 'Get one monitor',
    params: monitorParamsSchema,
    responses: {
      200: { description: 'the monitor', schema: monitorResponseSchema },
      404: { description: 'no such monitor in this project' },
    },
    async handler({ identity, params, deps }) {
      const m = await deps.store.getMonitor(identity.projectId, params.name);
      if (m === null)
        throw new AppError({ code: 'NOT_FOUND', message: `no monitor "${params.name}"` });
      return monitorToWire(m);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/monitors/:name',
    auth: 'key',
    tag: 'monitors',
    summary: 'Delete a monitor (its stored evaluations stay queryable)',
    params: monitorParamsSchema,
    responses: {
      204: { description: 'deleted' },
      404: { description: 'no such monitor in this project' },
    },
    async handler({ identity, params, deps, reply }) {
      const actor = actorOf(identity);
      if (!(await deps.store.deleteMonitor(identity.projectId, params.name, { actor }))) {
        throw new AppError({ code: 'NOT_FOUND', message: `no monitor "${params.name}"` });
      }
      return reply.status(204).send();
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/monitors/:name/evaluations',
    auth: 'key',
    tag: 'monitors',
    summary: "A monitor's evaluation points whose time is in [from, to), oldest first",
    params: monitorParamsSchema,
    query: evaluationsQuerySchema,
    responses: {
      200: {
        description: 'the points',
        schema: z.object({ evaluations: z.array(evaluationPointSchema) }),
      },
      404: { description: 'no such monitor in this project' },
    },
    async handler({ identity, params, query, deps }) {
      if ((await deps.store.getMonitor(identity.projectId, params.name)) === null) {
        throw new AppError({ code: 'NOT_FOUND', message: `no monitor "${params.name}"` });
      }
      const points = await deps.store.queryEvaluations(identity.projectId, {
        monitor: params.name,
        ...(query.series === undefined ? {} : { series: query.series }),
        range: { fromMs: query.from, toMs: query.to },
        limit: query.limit,
      });
      return {
        evaluations: points.map((p) => ({
          series: p.series,
          time: p.timeMs,
          window_start: p.windowStartMs,
          window_end: p.windowEndMs,
          status: p.status,
          value: p.value,
          threshold: p.threshold,
          sample_size: p.sampleSize,
          ...(p.details === undefined ? {} : { details: p.details }),
        })),
      };
    },
  }),
];
