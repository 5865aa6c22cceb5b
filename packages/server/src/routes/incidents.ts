// Incidents: list and read, the lifecycle (acknowledge, resolve, reopen), assignment, severity
// override, containment by hand (alias rollback to the last known-good version) and its undo,
// the postmortem (get, edit, export as Markdown), per-model incident policy, and MTTD/MTTA/MTTR.
// Bad input is a 4xx and changes nothing; a key only ever reaches its own project's incidents.
import { LIMITS, modelNameSchema, NAME_PATTERN } from '@vigil/contracts';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { queryTimeSchema } from '../http/schemas.js';
import {
  containIncident,
  findKnownGood,
  pinLlmModel,
  revertPromptLabel,
  undoContainment,
} from '../incidents/contain.js';
import { buildPostmortem, projectStats, refreshDraft } from '../incidents/report.js';
import {
  assignIncident,
  moveIncident,
  requireIncident,
  setSeverityOverride,
} from '../incidents/service.js';
import {
  actionParams,
  actionSchema,
  actionToWire,
  actorOf,
  by,
  idParams,
  incidentResponseSchema,
  incidentToWire,
  policySchema,
  policyToWire,
  postmortemSchema,
  severity,
  status,
} from '../incidents/wire.js';

const lifecycle = (
  action: 'acknowledge' | 'resolve' | 'reopen',
  summary: string,
  now: () => number,
): RouteSpec =>
  defineRoute({
    method: 'POST',
    url: `/v1/incidents/:id/${action}`,
    auth: 'key',
    tag: 'incidents',
    summary,
    params: idParams,
    body: z.strictObject({ by, note: z.string().max(2000).optional() }).prefault({}),
    responses: {
      200: { description: 'the incident after the change', schema: incidentResponseSchema },
      404: { description: 'no such incident in this project' },
      409: {
        description:
          'not possible from the current status (e.g. acknowledging a resolved incident); nothing changed',
      },
    },
    async handler({ identity, params, body, deps }) {
      const inc = await moveIncident(deps.store, identity.projectId, params.id, action, {
        actor: actorOf(identity, body.by),
        now: now(),
        ...(body.note === undefined ? {} : { note: body.note }),
      });
      return incidentToWire(inc);
    },
  });

const channelNameSchema = z
  .string()
  .min(1)
  .max(LIMITS.maxNameLength)
  .regex(NAME_PATTERN, 'channel names use letters, digits, ".", "_", "-"');

/** incidentRoutes builds the incident routes over a clock (tests inject explicit instants). */
export function incidentRoutes(now: () => number = Date.now): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/incidents',
      auth: 'key',
      tag: 'incidents',
      summary: "The project's incidents, newest first",
      query: z.strictObject({
        status: status.optional(),
        severity: severity.optional(),
        model: modelNameSchema.optional(),
        open: z.enum(['true', 'false']).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      responses: {
        200: {
          description: 'the incidents',
          schema: z.object({ incidents: z.array(incidentResponseSchema) }),
        },
      },
      async handler({ identity, query, deps }) {
        const rows = await deps.store.incidents.list(identity.projectId, {
          limit: query.limit,
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.severity === undefined ? {} : { severity: query.severity }),
          ...(query.model === undefined ? {} : { model: query.model }),
          ...(query.open === 'true' ? { open: true } : {}),
        });
        return { incidents: rows.map(incidentToWire) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/incidents/stats',
      auth: 'key',
      tag: 'incidents',
      summary:
        'MTTD, MTTA and MTTR per severity over the incidents opened in a window (default all)',
      query: z
        .strictObject({ from: queryTimeSchema.optional(), to: queryTimeSchema.optional() })
        .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
          message: '"from" must be before "to"',
          path: ['to'],
        }),
      responses: {
        200: {
          description: 'one row per severity; times in milliseconds, null when none was measured',
          schema: z.object({
            stats: z.array(
              z.object({
                severity,
                incidents: z.number().int(),
                mttd_ms: z.number().nullable(),
                mtta_ms: z.number().nullable(),
                mttr_ms: z.number().nullable(),
              }),
            ),
          }),
        },
      },
      async handler({ identity, query, deps }) {
        const range =
          query.from === undefined && query.to === undefined
            ? undefined
            : { fromMs: query.from ?? 0, toMs: query.to ?? Number.MAX_SAFE_INTEGER };
        const stats = await projectStats(deps.store, identity.projectId, range);
        return {
          stats: stats.map((s) => ({
            severity: s.severity,
            incidents: s.incidents,
            mttd_ms: s.mttdMs,
            mtta_ms: s.mttaMs,
            mttr_ms: s.mttrMs,
          })),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/incidents/:id',
      auth: 'key',
      tag: 'incidents',
      summary: 'One incident with its alerts, timeline and containment actions',
      params: idParams,
      responses: {
        200: {
          description: 'the incident',
          schema: incidentResponseSchema.extend({
            alerts: z.array(
              z.object({
                fingerprint: z.string(),
                monitor: z.string(),
                started_at: z.number(),
                attached_at: z.number(),
              }),
            ),
            timeline: z.array(
              z.object({
                seq: z.number(),
                time: z.number(),
                actor: z.string(),
                kind: z.string(),
                message: z.string(),
                details: z.unknown(),
              }),
            ),
            actions: z.array(actionSchema),
          }),
        },
        404: { description: 'no such incident in this project' },
      },
      async handler({ identity, params, deps }) {
        const inc = await requireIncident(deps.store, identity.projectId, params.id);
        const [alerts, timeline, actions] = await Promise.all([
          deps.store.incidents.listAlerts(identity.projectId, inc.id),
          deps.store.incidents.timeline(identity.projectId, inc.id),
          deps.store.incidents.listActions(identity.projectId, inc.id),
        ]);
        return {
          ...incidentToWire(inc),
          alerts: alerts.map((a) => ({
            fingerprint: a.fingerprint,
            monitor: a.monitor,
            started_at: a.startedMs,
            attached_at: a.attachedMs,
          })),
          timeline: timeline.map((e) => ({
            seq: e.seq,
            time: e.timeMs,
            actor: e.actor,
            kind: e.kind,
            message: e.message,
            details: e.details,
          })),
          actions: actions.map(actionToWire),
        };
      },
    }),
    lifecycle('acknowledge', 'Acknowledge a triggered incident (stops escalation)', now),
    lifecycle('resolve', 'Resolve an incident (writes the postmortem draft)', now),
    lifecycle('reopen', 'Reopen a resolved incident', now),
    defineRoute({
      method: 'POST',
      url: '/v1/incidents/:id/assign',
      auth: 'key',
      tag: 'incidents',
      summary: 'Assign the incident to someone (null unassigns)',
      params: idParams,
      body: z.strictObject({ assignee: z.string().min(1).max(200).nullable(), by }),
      responses: {
        200: { description: 'the incident', schema: incidentResponseSchema },
        404: { description: 'no such incident in this project' },
      },
      async handler({ identity, params, body, deps }) {
        return incidentToWire(
          await assignIncident(
            deps.store,
            identity.projectId,
            params.id,
            body.assignee,
            actorOf(identity, body.by),
          ),
        );
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/incidents/:id/severity',
      auth: 'key',
      tag: 'incidents',
      summary:
        'Override the assessed severity (null clears the override); the override sticks through re-assessment',
      params: idParams,
      body: z.strictObject({
        severity: severity.nullable(),
        reason: z.string().max(2000).optional(),
        by,
      }),
      responses: {
        200: { description: 'the incident', schema: incidentResponseSchema },
        400: { description: 'unknown severity' },
        404: { description: 'no such incident in this project' },
      },
      async handler({ identity, params, body, deps }) {
        return incidentToWire(
          await setSeverityOverride(deps.store, identity.projectId, params.id, body.severity, {
            actor: actorOf(identity, body.by),
            ...(body.reason === undefined ? {} : { reason: body.reason }),
          }),
        );
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/incidents/:id/rollback',
      auth: 'key',
      tag: 'incidents',
      summary:
        "Contain by hand: roll the model's alias back to the last known-good version (or to_version)",
      params: idParams,
      body: z
        .strictObject({
          to_version: z.number().int().min(1).optional(),
          reason: z.string().max(2000).optional(),
          by,
        })
        .prefault({}),
      responses: {
        201: { description: 'the containment action', schema: actionSchema },
        404: { description: 'no such incident, or no such version' },
        409: {
          description:
            'no known-good version, no alias, resolved incident, or the alias moved; nothing changed',
        },
      },
      async handler({ identity, params, body, deps, reply }) {
        const a = await containIncident(deps.store, identity.projectId, params.id, {
          actor: actorOf(identity, body.by),
          now: now(),
          ...(body.to_version === undefined ? {} : { toVersion: body.to_version }),
          ...(body.reason === undefined ? {} : { reason: body.reason }),
        });
        reply.status(201);
        return actionToWire(a);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/incidents/:id/contain',
      auth: 'key',
      tag: 'incidents',
      summary:
        'Contain an LLM incident by hand: revert a prompt label one step, or pin a model version',
      params: idParams,
      body: z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('prompt_revert'),
          prompt: z.string().min(1).max(200),
          label: z.string().min(1).max(63),
          reason: z.string().max(2000).optional(),
          by,
        }),
        z.strictObject({
          kind: z.literal('model_pin'),
          service: z.string().min(1).max(200),
          model: z.string().min(1).max(200),
          pinned: z.string().min(1).max(200),
          reason: z.string().max(2000).optional(),
          by,
        }),
      ]),
      responses: {
        201: { description: 'the containment action', schema: actionSchema },
        404: { description: 'no such incident, prompt or label' },
        409: {
          description:
            'no earlier prompt version, pin already in place, or resolved incident; nothing changed',
        },
      },
      async handler({ identity, params, body, deps, reply }) {
        const actor = actorOf(identity, body.by);
        const reason = body.reason === undefined ? {} : { reason: body.reason };
        const a =
          body.kind === 'prompt_revert'
            ? await revertPromptLabel(deps.store, identity.projectId, params.id, {
                prompt: body.prompt,
                label: body.label,
                actor,
                ...reason,
              })
            : await pinLlmModel(deps.store, identity.projectId, params.id, {
                service: body.service,
                model: body.model,
                pinned: body.pinned,
                actor,
                ...reason,
              });
        reply.status(201);
        return actionToWire(a);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/incidents/:id/known-good',
      auth: 'key',
      tag: 'incidents',
      summary: 'The version a rollback would go to: the last one that served without an incident',
      params: idParams,
      responses: {
        200: {
          description: 'the version and when it served, or null with the reason',
          schema: z.object({
            alias: z.string(),
            version: z.number().int().nullable(),
            served_from: z.number().nullable(),
            served_to: z.number().nullable(),
            reason: z.string(),
          }),
        },
        404: { description: 'no such incident in this project' },
      },
      async handler({ identity, params, deps }) {
        const inc = await requireIncident(deps.store, identity.projectId, params.id);
        const policy = await deps.store.incidents.getPolicy(identity.projectId, inc.model);
        const g = await findKnownGood(
          deps.store,
          identity.projectId,
          inc.model,
          policy.alias,
          now(),
        );
        return {
          alias: policy.alias,
          version: g.interval === null ? null : Number(g.interval.version),
          served_from: g.interval?.fromMs ?? null,
          served_to: g.interval?.toMs ?? null,
          reason: g.reason,
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/incidents/:id/actions/:actionId/undo',
      auth: 'key',
      tag: 'incidents',
      summary:
        'Undo a containment action (moves the alias back if it is still where the action left it)',
      params: actionParams,
      body: z.strictObject({ by }).prefault({}),
      responses: {
        200: { description: 'the action, now undone', schema: actionSchema },
        404: { description: 'no such incident or action in this project' },
        409: { description: 'already undone, or the alias moved since; nothing changed' },
      },
      async handler({ identity, params, body, deps }) {
        const a = await undoContainment(
          deps.store,
          identity.projectId,
          params.id,
          params.actionId,
          actorOf(identity, body.by),
        );
        return actionToWire(a);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/incidents/:id/postmortem',
      auth: 'key',
      tag: 'incidents',
      summary: 'The postmortem: the stored one, or a fresh draft stored now',
      params: idParams,
      responses: {
        200: { description: 'the postmortem', schema: postmortemSchema },
        404: { description: 'no such incident in this project' },
      },
      async handler({ identity, params, deps }) {
        const inc = await requireIncident(deps.store, identity.projectId, params.id);
        const pm =
          (await deps.store.incidents.getPostmortem(identity.projectId, inc.id)) ??
          (await refreshDraft(deps.store, identity.projectId, inc));
        if (pm === null) throw new Error('postmortem vanished after it was stored');
        return {
          incident_id: pm.incidentId,
          markdown: pm.markdown,
          edited: pm.edited,
          updated_by: pm.updatedBy,
          created_at: pm.createdMs,
          updated_at: pm.updatedMs,
        };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/incidents/:id/postmortem',
      auth: 'key',
      tag: 'incidents',
      summary:
        'Replace the postmortem text (root cause, actions…); the worker never overwrites an edit',
      params: idParams,
      body: z.strictObject({ markdown: z.string().min(1).max(200_000), by }),
      responses: {
        200: { description: 'the stored postmortem', schema: postmortemSchema },
        404: { description: 'no such incident in this project' },
      },
      async handler({ identity, params, body, deps }) {
        await requireIncident(deps.store, identity.projectId, params.id);
        const pm = await deps.store.incidents.putPostmortem(
          identity.projectId,
          params.id,
          body.markdown,
          {
            actor: actorOf(identity, body.by),
            edited: true,
          },
        );
        return {
          incident_id: pm.incidentId,
          markdown: pm.markdown,
          edited: pm.edited,
          updated_by: pm.updatedBy,
          created_at: pm.createdMs,
          updated_at: pm.updatedMs,
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/incidents/:id/postmortem/export',
      auth: 'key',
      tag: 'incidents',
      summary: 'The postmortem as a Markdown file (the stored text, else a draft)',
      params: idParams,
      responses: {
        200: { description: 'Markdown', contentType: 'text/markdown' },
        404: { description: 'no such incident in this project' },
      },
      async handler({ identity, params, deps, reply }) {
        const inc = await requireIncident(deps.store, identity.projectId, params.id);
        const stored = await deps.store.incidents.getPostmortem(identity.projectId, inc.id);
        const markdown =
          stored?.markdown ?? (await buildPostmortem(deps.store, identity.projectId, inc)).markdown;
        return reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', `attachment; filename="postmortem-${inc.id}.md"`)
          .send(markdown);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/models/:model/incident-policy',
      auth: 'key',
      tag: 'incidents',
      summary: "The model's incident policy (automatic rollback for P0/P1; off by default)",
      params: z.strictObject({ model: modelNameSchema }),
      responses: {
        200: { description: 'the policy', schema: policySchema },
        404: { description: 'no such model in this project' },
      },
      async handler({ identity, params, deps }) {
        if ((await deps.store.getModel(identity.projectId, params.model)) === null) {
          throw new AppError({ code: 'NOT_FOUND', message: `no model "${params.model}"` });
        }
        return policyToWire(await deps.store.incidents.getPolicy(identity.projectId, params.model));
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/models/:model/incident-policy',
      auth: 'key',
      tag: 'incidents',
      summary:
        "Set the model's incident policy: automatic rollback, the alias it moves, and the channels of incident notices (omitted or null: the channels of the incident's monitors)",
      params: z.strictObject({ model: modelNameSchema }),
      body: z.strictObject({
        auto_rollback: z.boolean(),
        alias: z.string().min(1).max(63).optional(),
        notify_channels: z.array(channelNameSchema).max(50).nullable().optional(),
        by,
      }),
      responses: {
        200: { description: 'the policy', schema: policySchema },
        400: { description: 'a malformed alias' },
        404: { description: 'no such model in this project' },
      },
      async handler({ identity, params, body, deps }) {
        return policyToWire(
          await deps.store.incidents.putPolicy(
            identity.projectId,
            params.model,
            {
              autoRollback: body.auto_rollback,
              ...(body.alias === undefined ? {} : { alias: body.alias }),
              notifyChannels: body.notify_channels ?? null,
            },
            actorOf(identity, body.by),
          ),
        );
      },
    }),
  ];
}

/** INCIDENT_ROUTES are the incident routes on the wall clock. */
export const INCIDENT_ROUTES: readonly RouteSpec[] = incidentRoutes();
