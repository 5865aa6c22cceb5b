// Silences: label matchers (Alertmanager v2 semantics) with an author, a comment and a time span
// that mute matching notifications at delivery time. Created, listed, read, and expired early
// (never deleted: the history of what was muted stays). Every change is audited.
import { silenceSpecSchema } from '@vigil/contracts';
import { MAX_QUERY_LIMIT, type StoredSilence } from '@vigil/store';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { actorOf } from './channels.js';

/** silenceParamsSchema is the `:id` path parameter. */
export const silenceParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

/** silencesQuerySchema filters silences by their state now. */
export const silencesQuerySchema = z.strictObject({
  state: z.enum(['pending', 'active', 'expired']).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(1000),
});

/** silenceResponseSchema is a stored silence. */
export const silenceResponseSchema = z.object({
  id: z.string(),
  state: z.enum(['pending', 'active', 'expired']),
  matchers: z.array(
    z.object({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean() }),
  ),
  starts_at: z.number().int(),
  ends_at: z.number().int(),
  created_by: z.string(),
  comment: z.string(),
  created_at: z.number().int(),
  updated_at: z.number().int(),
  expired_at: z.number().int().nullable(),
});

/** silenceToWire renders a stored silence for the API. */
export function silenceToWire(s: StoredSilence): z.output<typeof silenceResponseSchema> {
  return {
    id: s.id,
    state: s.state,
    matchers: s.matchers.map((m) => ({ ...m })),
    starts_at: s.startsAtMs,
    ends_at: s.endsAtMs,
    created_by: s.createdBy,
    comment: s.comment,
    created_at: s.createdMs,
    updated_at: s.updatedMs,
    expired_at: s.expiredMs,
  };
}

/** SILENCE_ROUTES create, list, read and expire silences. */
export const SILENCE_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/silences',
    auth: 'key',
    tag: 'alerts',
    summary:
      'Create a silence: matchers (objects or `name=~"regex"` text), comment, optional author, startsAt, endsAt or duration (default 2h)',
    body: silenceSpecSchema,
    responses: {
      201: { description: 'created', schema: silenceResponseSchema },
      400: { description: 'invalid matchers or times' },
    },
    async handler({ body, identity, deps, reply }) {
      const s = await deps.store.notify.createSilence(
        identity.projectId,
        {
          matchers: body.matchers,
          ...(body.startsAt === undefined ? {} : { startsAtMs: body.startsAt }),
          ...(body.endsAt === undefined ? {} : { endsAtMs: body.endsAt }),
          ...(body.duration === undefined ? {} : { durationMs: body.duration }),
          createdBy: body.createdBy ?? actorOf(identity),
          comment: body.comment,
        },
        actorOf(identity),
      );
      return reply.status(201).send(silenceToWire(s));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/silences',
    auth: 'key',
    tag: 'alerts',
    summary: "The project's silences, latest end first, optionally by state",
    query: silencesQuerySchema,
    responses: {
      200: {
        description: 'the silences',
        schema: z.object({ silences: z.array(silenceResponseSchema) }),
      },
    },
    async handler({ identity, query, deps }) {
      const rows = await deps.store.notify.listSilences(identity.projectId, {
        ...(query.state === undefined ? {} : { state: query.state }),
        limit: query.limit,
      });
      return { silences: rows.map(silenceToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/silences/:id',
    auth: 'key',
    tag: 'alerts',
    summary: 'Get one silence',
    params: silenceParamsSchema,
    responses: {
      200: { description: 'the silence', schema: silenceResponseSchema },
      404: { description: 'no such silence in this project' },
    },
    async handler({ identity, params, deps }) {
      const s = await deps.store.notify.getSilence(identity.projectId, params.id);
      if (s === null)
        throw new AppError({ code: 'NOT_FOUND', message: `no silence "${params.id}"` });
      return silenceToWire(s);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/silences/:id',
    auth: 'key',
    tag: 'alerts',
    summary: 'Expire a silence now (it stays listed as expired)',
    params: silenceParamsSchema,
    responses: {
      200: { description: 'the expired silence', schema: silenceResponseSchema },
      404: { description: 'no such silence in this project' },
    },
    async handler({ identity, params, deps }) {
      const s = await deps.store.notify.expireSilence(
        identity.projectId,
        params.id,
        actorOf(identity),
      );
      if (s === null)
        throw new AppError({ code: 'NOT_FOUND', message: `no silence "${params.id}"` });
      return silenceToWire(s);
    },
  }),
];
