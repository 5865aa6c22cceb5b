// Notification channels: `vigil/v1` `kind: Channel` documents applied as YAML or JSON, read back
// with their secrets redacted, and deleted. Every change is audited with the calling key.
import { isDeepStrictEqual } from 'node:util';
import {
  type ChannelDefinition,
  channelDefinitionSchema,
  formatMonitorFileIssue,
  type MonitorFileIssue,
  parseResourceFile,
} from '@vigil/contracts';
import type { StoredChannel } from '@vigil/store';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { rawBodyText } from '../http/body.js';
import { defineRoute, type RouteSpec } from '../http/route.js';

/**
 * sameJson compares two definitions as stored (through JSON), so re-applying the same document is
 * "unchanged": no write, no audit row.
 */
export const sameJson = (a: unknown, b: unknown): boolean =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

/** REDACTED replaces a secret in a channel read back over the API. */
export const REDACTED = '<redacted>';

/** dryRunQuerySchema is `?dry_run=true`: validate and report what would change, write nothing. */
export const dryRunQuerySchema = z.strictObject({
  dry_run: z.enum(['true', 'false']).optional().describe('true: report, do not write'),
});

/** channelParamsSchema is the `:name` path parameter. */
export const channelParamsSchema = z.strictObject({ name: z.string().min(1).max(200) });

/** channelResponseSchema is a stored channel, secrets redacted. */
export const channelResponseSchema = z.object({
  name: z.string(),
  type: z.string(),
  definition: z.record(z.string(), z.unknown()),
  redacted: z.array(z.string()).describe('fields of `definition` whose value was withheld'),
  created_at: z.number().int(),
  updated_at: z.number().int(),
});

/** channelApplySchema is the answer to PUT /v1/channels. */
export const channelApplySchema = z.object({
  created: z.array(z.string()),
  configured: z.array(z.string()),
  unchanged: z.array(z.string()),
  channels: z.array(channelResponseSchema),
});

function redactUrl(url: string, keepPath: boolean): string {
  try {
    const u = new URL(url);
    const secretive = u.username !== '' || u.password !== '' || u.search !== '' || !keepPath;
    if (!secretive) return url;
    // Credentials ride in user info, query strings and (Slack) the path: show only where it goes.
    return `${u.protocol}//${u.host}${keepPath ? u.pathname : '/'}${REDACTED}`;
  } catch {
    return REDACTED;
  }
}

/**
 * redactChannel returns a channel definition safe to show: HMAC secrets, SMTP passwords and
 * PagerDuty routing keys replaced by REDACTED, URL credentials and query strings withheld, and a
 * Slack incoming-webhook URL (itself the credential) cut to its host. `redacted` lists the fields.
 */
export function redactChannel(def: ChannelDefinition): {
  definition: ChannelDefinition;
  redacted: string[];
} {
  const spec: Record<string, unknown> = { ...def.spec };
  const redacted: string[] = [];
  for (const key of ['secret', 'password', 'routingKey']) {
    if (spec[key] !== undefined) {
      spec[key] = REDACTED;
      redacted.push(`spec.${key}`);
    }
  }
  if (typeof spec.url === 'string') {
    const url = redactUrl(spec.url, def.spec.type !== 'slack');
    if (url !== spec.url) {
      spec.url = url;
      redacted.push('spec.url');
    }
  }
  return { definition: { ...def, spec } as ChannelDefinition, redacted };
}

/** channelToWire renders a stored channel for the API, secrets redacted. */
export function channelToWire(c: StoredChannel): z.output<typeof channelResponseSchema> {
  const { definition, redacted } = redactChannel(c.definition);
  return {
    name: c.name,
    type: c.type,
    definition: definition as unknown as Record<string, unknown>,
    redacted,
    created_at: c.createdMs,
    updated_at: c.updatedMs,
  };
}

/**
 * documentError turns the issues of a `vigil/v1` document body into one 400: the first issue in
 * the message (with line and column), all of them in `issues`.
 */
export function documentError(what: string, issues: readonly MonitorFileIssue[]): AppError {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new AppError({
    code: 'VALIDATION_FAILED',
    message: `invalid ${what} document: ${formatMonitorFileIssue(issues[0])}${more}`,
    issues: issues.map((i) => ({
      field: i.path === '' ? 'body' : `body.${i.path}`,
      reason: i.line === null ? i.message : `line ${i.line}, column ${i.column}: ${i.message}`,
    })),
  });
}

/** actorOf is the audit actor of an API key. */
export function actorOf(identity: { keyId: string }): string {
  return `key:${identity.keyId}`;
}

/** CHANNEL_ROUTES apply, list, read and delete notification channels. */
export const CHANNEL_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'PUT',
    url: '/v1/channels',
    auth: 'key',
    tag: 'alerts',
    summary:
      'Apply channels: vigil/v1 `kind: Channel` documents (YAML with `---` separators, or JSON), created or replaced by name',
    body: channelDefinitionSchema,
    validateBody: false,
    query: dryRunQuerySchema,
    responses: {
      200: { description: 'applied (all or none), secrets redacted', schema: channelApplySchema },
      400: { description: 'every problem of the document, with its line and column' },
    },
    async handler({ request, body, query, identity, deps }) {
      const text = rawBodyText(request) ?? (typeof body === 'string' ? body : undefined);
      if (text === undefined) {
        throw new AppError({
          code: 'BAD_REQUEST',
          message: 'send vigil/v1 Channel documents as YAML (application/yaml) or JSON',
        });
      }
      const parsed = parseResourceFile(text, { fileName: 'body' });
      if (!parsed.ok) throw documentError('channel', parsed.issues);
      const other = parsed.resources.find((r) => r.kind !== 'Channel');
      if (other !== undefined) {
        throw new AppError({
          code: 'VALIDATION_FAILED',
          message: `document ${other.document + 1} is a ${other.kind}: PUT /v1/channels takes kind Channel`,
          issues: [{ field: 'body.kind', reason: `expected Channel, got ${other.kind}` }],
        });
      }
      const out: z.output<typeof channelApplySchema> = {
        created: [],
        configured: [],
        unchanged: [],
        channels: [],
      };
      for (const r of parsed.resources) {
        if (r.kind !== 'Channel') continue;
        if (query.dry_run === 'true') {
          const before = await deps.store.notify.getChannel(
            identity.projectId,
            r.definition.metadata.name,
          );
          const change =
            before === null
              ? 'created'
              : sameJson(before.definition, r.definition)
                ? 'unchanged'
                : 'configured';
          out[change].push(r.definition.metadata.name);
          out.channels.push(
            channelToWire(
              before ?? {
                name: r.definition.metadata.name,
                type: r.definition.spec.type,
                definition: r.definition,
                createdMs: 0,
                updatedMs: 0,
              },
            ),
          );
          continue;
        }
        const put = await deps.store.notify.putChannel(
          identity.projectId,
          r.definition,
          actorOf(identity),
        );
        out[put.change].push(put.channel.name);
        out.channels.push(channelToWire(put.channel));
      }
      return out;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/channels',
    auth: 'key',
    tag: 'alerts',
    summary: "List the project's channels (secrets redacted)",
    responses: {
      200: {
        description: 'the channels',
        schema: z.object({ channels: z.array(channelResponseSchema) }),
      },
    },
    async handler({ identity, deps }) {
      const channels = await deps.store.notify.listChannels(identity.projectId);
      return { channels: channels.map(channelToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/channels/:name',
    auth: 'key',
    tag: 'alerts',
    summary: 'Get one channel (secrets redacted)',
    params: channelParamsSchema,
    responses: {
      200: { description: 'the channel', schema: channelResponseSchema },
      404: { description: 'no such channel in this project' },
    },
    async handler({ identity, params, deps }) {
      const c = await deps.store.notify.getChannel(identity.projectId, params.name);
      if (c === null)
        throw new AppError({ code: 'NOT_FOUND', message: `no channel "${params.name}"` });
      return channelToWire(c);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/channels/:name',
    auth: 'key',
    tag: 'alerts',
    summary: 'Delete a channel (monitors naming it log failed deliveries until it is back)',
    params: channelParamsSchema,
    responses: {
      204: { description: 'deleted' },
      404: { description: 'no such channel in this project' },
    },
    async handler({ identity, params, deps, reply }) {
      if (
        !(await deps.store.notify.deleteChannel(identity.projectId, params.name, actorOf(identity)))
      ) {
        throw new AppError({ code: 'NOT_FOUND', message: `no channel "${params.name}"` });
      }
      return reply.status(204).send();
    },
  }),
];
