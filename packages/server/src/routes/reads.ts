// Reading back what was ingested: raw events and per-window column profiles. Both require a
// time window (`from`, `to`), so that no request scans a project's whole history.
import { profileSummary, profileToJSON } from '@vigil/core';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import {
  eventsQuerySchema,
  modelParamsSchema,
  profilesQuerySchema,
  storedEventSchema,
  windowProfileSchema,
} from '../http/schemas.js';

/** READ_ROUTES return events and window profiles of the caller's project. */
export const READ_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'GET',
    url: '/v1/events',
    auth: 'key',
    tag: 'read',
    summary: 'Events of one type (optionally one model) in a time window, oldest first',
    query: eventsQuerySchema,
    responses: {
      200: { description: 'the events', schema: z.object({ events: z.array(storedEventSchema) }) },
    },
    async handler({ identity, query, deps }) {
      const rows = await deps.store.queryEvents(identity.projectId, {
        type: query.type,
        ...(query.model === undefined ? {} : { model: query.model }),
        range: { fromMs: query.from, toMs: query.to },
        limit: query.limit,
      });
      return { events: rows.map((r) => ({ event: r.event, received_at: r.receivedMs })) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/models/:model/profiles',
    auth: 'key',
    tag: 'read',
    summary: "A model's per-window column profiles whose window starts in [from, to)",
    params: modelParamsSchema,
    query: profilesQuerySchema,
    responses: {
      200: {
        description: 'the profiles',
        schema: z.object({ profiles: z.array(windowProfileSchema) }),
      },
      404: { description: 'no such model in this project' },
    },
    async handler({ identity, params, query, deps }) {
      if ((await deps.store.getModel(identity.projectId, params.model)) === null) {
        throw new AppError({ code: 'NOT_FOUND', message: `no model "${params.model}"` });
      }
      const rows = await deps.store.queryWindowProfiles(identity.projectId, {
        model: params.model,
        range: { fromMs: query.from, toMs: query.to },
        windowKind: query.window,
        ...(query.role === undefined ? {} : { role: query.role }),
        ...(query.column === undefined ? {} : { column: query.column }),
      });
      return {
        profiles: rows.map((p) => ({
          column: p.column,
          role: p.role,
          layout: p.layout,
          window: p.windowKind,
          window_start: p.windowStartMs,
          row_count: p.rowCount,
          summary: profileSummary(p.profile),
          ...(query.full ? { profile: profileToJSON(p.profile) } : {}),
        })),
      };
    },
  }),
];
