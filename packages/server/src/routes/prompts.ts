// Prompts and model versions: create prompt versions, read one by label or version (with an
// ETag), move and revert labels; model pins per service; the model deprecation calendar; and the
// per-model call counts (with calls that used an unpinned alias).
import {
  createPromptSchema,
  promptContentOf,
  promptLabelSchema,
  promptMessageSchema,
  promptModelConfigSchema,
  promptNameSchema,
  timeSchema,
} from '@vigil/contracts';
import type { LabelHistoryEntry, ModelDeprecation, ModelPin, PromptVersion } from '@vigil/store';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { lookupsFor } from '../gateway/lookups.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { queryTimeSchema } from '../http/schemas.js';

const modelIdSchema = z.string().min(1).max(200).regex(/^\S+$/, 'no spaces');
const serviceSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^(\*|[A-Za-z0-9][A-Za-z0-9._-]*)$/, '"*" or letters, digits, ".", "_", "-"');

/** promptVersionSchema is one prompt version on the wire. */
export const promptVersionSchema = z.object({
  name: z.string(),
  version: z.number().int(),
  type: z.enum(['chat', 'text']),
  messages: z.array(promptMessageSchema).optional(),
  template: z.string().optional(),
  variables: z.array(z.string()),
  config: promptModelConfigSchema,
  labels: z.array(z.string()),
  content_hash: z.string(),
  created_at: z.number().int(),
  created_by: z.string(),
  commit_message: z.string().nullable(),
});

/** versionToWire renders a stored version for the API. */
export function versionToWire(v: PromptVersion): z.output<typeof promptVersionSchema> {
  const c = v.content;
  return {
    name: v.name,
    version: v.version,
    type: c.type,
    ...(c.type === 'chat' ? { messages: [...c.messages] } : { template: c.template }),
    variables: [...c.variables],
    config: c.config,
    labels: [...v.labels],
    content_hash: v.contentHash,
    created_at: v.createdMs,
    created_by: v.createdBy,
    commit_message: v.commitMessage,
  };
}

const historySchema = z.object({
  label: z.string(),
  seq: z.number().int(),
  version: z.number().int(),
  previous_version: z.number().int().nullable(),
  action: z.enum(['create', 'move', 'revert']),
  time: z.number().int(),
  actor: z.string(),
});

function historyToWire(e: LabelHistoryEntry): z.output<typeof historySchema> {
  return {
    label: e.label,
    seq: e.seq,
    version: e.version,
    previous_version: e.previousVersion,
    action: e.action,
    time: e.timeMs,
    actor: e.actor,
  };
}

const pinSchema = z.object({
  service: z.string(),
  model: z.string(),
  pinned: z.string(),
  updated_at: z.number().int(),
  actor: z.string(),
});
const pinToWire = (p: ModelPin): z.output<typeof pinSchema> => ({
  service: p.service,
  model: p.model,
  pinned: p.pinned,
  updated_at: p.updatedMs,
  actor: p.actor,
});

const deprecationSchema = z.object({
  model: z.string(),
  retires_at: z.number().int(),
  replacement: z.string().nullable(),
  channels: z.array(z.string()),
  note: z.string().nullable(),
  updated_at: z.number().int(),
});
const deprecationToWire = (d: ModelDeprecation): z.output<typeof deprecationSchema> => ({
  model: d.model,
  retires_at: d.retiresMs,
  replacement: d.replacement,
  channels: [...d.channels],
  note: d.note,
  updated_at: d.updatedMs,
});

const nameParams = z.strictObject({ name: promptNameSchema });
const labelParams = z.strictObject({ name: promptNameSchema, label: promptLabelSchema });
const getQuery = z
  .strictObject({
    label: promptLabelSchema.optional(),
    version: z
      .string()
      .regex(/^[1-9]\d{0,8}$/, 'a positive integer')
      .transform(Number)
      .optional(),
  })
  .refine((q) => q.label === undefined || q.version === undefined, {
    message: 'give "label" or "version", not both',
    path: ['version'],
  });

const actorOf = (keyId: string) => `key:${keyId}`;

/** etagOf is the strong validator of one version: its name, number and content hash. */
export function etagOf(v: PromptVersion): string {
  return `"${v.name}@${v.version}-${v.contentHash.slice(0, 16)}"`;
}

const notFound = (message: string) => new AppError({ code: 'NOT_FOUND', message });

/** PROMPT_ROUTES manage prompts, labels, model pins and deprecations. */
export const PROMPT_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/prompts',
    auth: 'key',
    tag: 'prompts',
    summary:
      'Create the next version of a prompt (none when the content equals the newest version) and move labels to it',
    body: createPromptSchema,
    responses: {
      201: {
        description: 'a new version',
        schema: promptVersionSchema.extend({ created: z.boolean() }),
      },
      200: {
        description: 'content unchanged: the newest version',
        schema: promptVersionSchema.extend({ created: z.boolean() }),
      },
    },
    async handler({ identity, body, deps, reply }) {
      const r = await deps.store.prompts.createVersion(identity.projectId, {
        name: body.name,
        content: promptContentOf(body),
        ...(body.labels === undefined ? {} : { labels: body.labels }),
        ...(body.commit_message === undefined ? {} : { commitMessage: body.commit_message }),
        actor: actorOf(identity.keyId),
      });
      lookupsFor(deps.store).forget(identity.projectId);
      reply.status(r.created ? 201 : 200);
      return { ...versionToWire(r.version), created: r.created };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/prompts',
    auth: 'key',
    tag: 'prompts',
    summary: "List the project's prompts with their newest version and labels",
    responses: {
      200: {
        description: 'the prompts',
        schema: z.object({
          prompts: z.array(
            z.object({
              name: z.string(),
              latest_version: z.number().int(),
              labels: z.record(z.string(), z.number().int()),
              updated_at: z.number().int(),
            }),
          ),
        }),
      },
    },
    async handler({ identity, deps }) {
      const rows = await deps.store.prompts.listPrompts(identity.projectId);
      return {
        prompts: rows.map((p) => ({
          name: p.name,
          latest_version: p.latestVersion,
          labels: p.labels,
          updated_at: p.updatedMs,
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/prompts/:name',
    auth: 'key',
    tag: 'prompts',
    summary:
      'Get a prompt version by label (default production) or by number; answers 304 to a matching If-None-Match',
    params: nameParams,
    query: getQuery,
    responses: {
      200: { description: 'the version', schema: promptVersionSchema },
      304: { description: 'unchanged since the ETag given' },
      404: { description: 'no such prompt, label or version' },
    },
    async handler({ identity, params, query, deps, request, reply }) {
      const p = deps.store.prompts;
      const label = query.label ?? 'production';
      const v =
        query.version !== undefined
          ? await p.getVersion(identity.projectId, params.name, query.version)
          : await p.getByLabel(identity.projectId, params.name, label);
      if (v === null) {
        throw notFound(
          query.version !== undefined
            ? `prompt "${params.name}" has no version ${query.version}`
            : `prompt "${params.name}" has no label "${label}"`,
        );
      }
      const etag = etagOf(v);
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      const given = request.headers['if-none-match'];
      if (given?.split(',').some((t) => t.trim() === etag)) {
        return reply.status(304).send();
      }
      return versionToWire(v);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/prompts/:name/versions',
    auth: 'key',
    tag: 'prompts',
    summary: "A prompt's versions, newest first",
    params: nameParams,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
    responses: {
      200: {
        description: 'the versions',
        schema: z.object({ versions: z.array(promptVersionSchema) }),
      },
      404: { description: 'no such prompt' },
    },
    async handler({ identity, params, query, deps }) {
      const rows = await deps.store.prompts.listVersions(
        identity.projectId,
        params.name,
        query.limit,
      );
      if (rows.length === 0) throw notFound(`no prompt "${params.name}"`);
      return { versions: rows.map(versionToWire) };
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/prompts/:name/labels/:label',
    auth: 'key',
    tag: 'prompts',
    summary: 'Point a label at a version (latest cannot be moved by hand)',
    params: labelParams,
    body: z.strictObject({ version: z.number().int().min(1) }),
    responses: {
      200: { description: 'the move, as recorded in the label history', schema: historySchema },
      404: { description: 'no such version' },
    },
    async handler({ identity, params, body, deps }) {
      const e = await deps.store.prompts.moveLabel(identity.projectId, {
        name: params.name,
        label: params.label,
        version: body.version,
        actor: actorOf(identity.keyId),
      });
      lookupsFor(deps.store).forget(identity.projectId);
      return historyToWire(e);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/prompts/:name/labels/:label/revert',
    auth: 'key',
    tag: 'prompts',
    summary: 'Move a label back to the version it pointed at before (one step per call)',
    params: labelParams,
    responses: {
      200: { description: 'the move, as recorded in the label history', schema: historySchema },
      404: { description: 'no such prompt or label' },
      409: { description: 'the label has no earlier version' },
    },
    async handler({ identity, params, deps }) {
      const e = await deps.store.prompts.revertLabel(identity.projectId, {
        name: params.name,
        label: params.label,
        actor: actorOf(identity.keyId),
      });
      lookupsFor(deps.store).forget(identity.projectId);
      return historyToWire(e);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/prompts/:name/labels/:label/history',
    auth: 'key',
    tag: 'prompts',
    summary: "A label's moves, oldest first",
    params: labelParams,
    responses: {
      200: { description: 'the history', schema: z.object({ history: z.array(historySchema) }) },
    },
    async handler({ identity, params, deps }) {
      const rows = await deps.store.prompts.labelHistory(
        identity.projectId,
        params.name,
        params.label,
      );
      return { history: rows.map(historyToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/model-pins',
    auth: 'key',
    tag: 'models',
    summary: "The project's model pins (service `*` applies to every service without its own)",
    responses: { 200: { description: 'the pins', schema: z.object({ pins: z.array(pinSchema) }) } },
    async handler({ identity, deps }) {
      return { pins: (await deps.store.prompts.listPins(identity.projectId)).map(pinToWire) };
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/model-pins',
    auth: 'key',
    tag: 'models',
    summary: 'Pin a model alias to a version for one service (or `*`); the gateway rewrites calls',
    body: z.strictObject({
      service: serviceSchema.default('*'),
      model: modelIdSchema,
      pinned: modelIdSchema,
    }),
    responses: { 200: { description: 'the pin', schema: pinSchema } },
    async handler({ identity, body, deps }) {
      if (body.model === body.pinned) {
        throw new AppError({
          code: 'VALIDATION_FAILED',
          message: 'invalid body: pinned: must differ from model',
          issues: [{ field: 'body.pinned', reason: 'must differ from model' }],
        });
      }
      const p = await deps.store.prompts.upsertPin(identity.projectId, {
        ...body,
        actor: actorOf(identity.keyId),
      });
      lookupsFor(deps.store).forget(identity.projectId);
      return pinToWire(p);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/model-pins',
    auth: 'key',
    tag: 'models',
    summary: 'Remove the pin of a model for a service',
    query: z.strictObject({ service: serviceSchema.default('*'), model: modelIdSchema }),
    responses: {
      204: { description: 'removed' },
      404: { description: 'no such pin' },
    },
    async handler({ identity, query, deps, reply }) {
      const ok = await deps.store.prompts.deletePin(identity.projectId, {
        ...query,
        actor: actorOf(identity.keyId),
      });
      if (!ok) throw notFound(`no pin of "${query.model}" for service "${query.service}"`);
      lookupsFor(deps.store).forget(identity.projectId);
      return reply.status(204).send();
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/model-deprecations',
    auth: 'key',
    tag: 'models',
    summary: 'The deprecation calendar: models, retirement dates and replacements',
    responses: {
      200: {
        description: 'the calendar, soonest retirement first',
        schema: z.object({ deprecations: z.array(deprecationSchema) }),
      },
    },
    async handler({ identity, deps }) {
      const rows = await deps.store.prompts.listDeprecations(identity.projectId);
      return { deprecations: rows.map(deprecationToWire) };
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/model-deprecations',
    auth: 'key',
    tag: 'models',
    summary:
      'Add or replace a retirement date; models seen in traffic alert 6 months, 30 days and 7 days before',
    body: z.strictObject({
      model: modelIdSchema,
      retires_at: timeSchema,
      replacement: modelIdSchema.nullable().optional(),
      channels: z.array(z.string().min(1).max(128)).max(20).optional(),
      note: z.string().max(2000).nullable().optional(),
    }),
    responses: { 200: { description: 'the entry', schema: deprecationSchema } },
    async handler({ identity, body, deps }) {
      const d = await deps.store.prompts.upsertDeprecation(identity.projectId, {
        model: body.model,
        retiresMs: body.retires_at,
        replacement: body.replacement ?? null,
        channels: body.channels ?? [],
        note: body.note ?? null,
        actor: actorOf(identity.keyId),
      });
      return deprecationToWire(d);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/model-deprecations',
    auth: 'key',
    tag: 'models',
    summary: 'Remove a model from the deprecation calendar',
    query: z.strictObject({ model: modelIdSchema }),
    responses: { 204: { description: 'removed' }, 404: { description: 'not in the calendar' } },
    async handler({ identity, query, deps, reply }) {
      const ok = await deps.store.prompts.deleteDeprecation(
        identity.projectId,
        query.model,
        actorOf(identity.keyId),
      );
      if (!ok) throw notFound(`"${query.model}" is not in the deprecation calendar`);
      return reply.status(204).send();
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/model-usage',
    auth: 'key',
    tag: 'models',
    summary: 'Calls per served model and UTC day, with the calls that named an unpinned alias',
    query: z
      .strictObject({
        from: queryTimeSchema,
        to: queryTimeSchema,
        model: modelIdSchema.optional(),
      })
      .refine((q) => q.from < q.to, { message: '"from" must be before "to"', path: ['to'] }),
    responses: {
      200: {
        description: 'daily counts',
        schema: z.object({
          usage: z.array(
            z.object({
              model: z.string(),
              day: z.number().int(),
              calls: z.number().int(),
              unpinned_calls: z.number().int(),
              last_seen: z.number().int(),
            }),
          ),
        }),
      },
    },
    async handler({ identity, query, deps }) {
      const rows = await deps.store.prompts.queryModelUsage(identity.projectId, {
        range: { fromMs: query.from, toMs: query.to },
        ...(query.model === undefined ? {} : { model: query.model }),
      });
      return {
        usage: rows.map((r) => ({
          model: r.model,
          day: r.dayMs,
          calls: r.calls,
          unpinned_calls: r.unpinnedCalls,
          last_seen: r.lastSeenMs,
        })),
      };
    },
  }),
];
