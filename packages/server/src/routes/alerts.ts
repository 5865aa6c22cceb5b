// Alerts: the current state of each monitor's alert, as the scheduler last left it.
import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route.js';

const ALERT_STATES = ['ok', 'pending', 'firing', 'resolved', 'no_data'] as const;

/** alertsQuerySchema filters the current alerts. */
export const alertsQuerySchema = z.strictObject({
  state: z.enum(ALERT_STATES).optional(),
  monitor: z.string().min(1).max(200).optional(),
});

/** alertResponseSchema is one alert's current state. */
export const alertResponseSchema = z.object({
  fingerprint: z.string(),
  monitor: z.string(),
  state: z.enum(ALERT_STATES),
  severity: z.string(),
  started_at: z.number().int(),
  updated_at: z.number().int(),
  resolved_at: z.number().int().nullable(),
  last_notified_at: z.number().int().nullable(),
  value: z.number().nullable(),
  labels: z.record(z.string(), z.string()),
  summary: z.string(),
});

/** ALERT_ROUTES read alert states. */
export const ALERT_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'GET',
    url: '/v1/alerts',
    auth: 'key',
    tag: 'alerts',
    summary: "The current state of the project's alerts, most recently updated first",
    query: alertsQuerySchema,
    responses: {
      200: {
        description: 'the alerts',
        schema: z.object({ alerts: z.array(alertResponseSchema) }),
      },
    },
    async handler({ identity, query, deps }) {
      const rows = await deps.store.listAlerts(identity.projectId, {
        ...(query.state === undefined ? {} : { state: query.state }),
        ...(query.monitor === undefined ? {} : { monitor: query.monitor }),
      });
      return {
        alerts: rows.map((a) => ({
          fingerprint: a.fingerprint,
          monitor: a.monitor,
          state: a.state,
          severity: a.severity,
          started_at: a.startedMs,
          updated_at: a.updatedMs,
          resolved_at: a.resolvedMs,
          last_notified_at: a.lastNotifiedMs,
          value: a.value,
          labels: a.labels,
          summary: a.summary,
        })),
      };
    },
  }),
];
