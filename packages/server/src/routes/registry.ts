// The model registry over HTTP: immutable numbered versions of a model, aliases moved through the
// promotion guard with a reason, the alias history, and `name@alias` references resolved.
import { modelNameSchema } from '@vigil/contracts';
import {
  type AliasMove,
  aliasNameProblem,
  MAX_QUERY_LIMIT,
  MAX_REGISTRY_METRICS,
  type ModelAlias,
  type ModelVersion,
} from '@vigil/store';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { defineRoute, type HandlerContext, type RouteSpec } from '../http/route.js';
import { modelParamsSchema } from '../http/schemas.js';
import { promoteVersion } from '../registry/guard.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const key = z.string().min(1).max(128);
const reasonSchema = z
  .string()
  .max(2000)
  .refine((s) => s.trim() !== '', 'a reason is required');

/** aliasNameSchema is an alias name: a lower-case letter, then a-z, 0-9, `_`, `-`; not `latest`. */
export const aliasNameSchema = z
  .string()
  .superRefine((s, ctx) => {
    const problem = aliasNameProblem(s);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('alias: a lower-case letter, then a-z, 0-9, "_", "-" (at most 63); not "latest"');

/** versionNumberSchema reads a version number from a path or a body. */
export const versionNumberSchema = z.coerce
  .number({ error: 'version must be a positive integer' })
  .int('version must be a positive integer')
  .min(1, 'version must be a positive integer')
  .max(999_999_999, 'version too large');

/** createVersionBodySchema is a new version: where the artifact is, its baseline, metrics, tags. */
export const createVersionBodySchema = z.strictObject({
  artifact_uri: z.string().min(1, 'artifact_uri must not be empty').max(2048),
  baseline_id: z.string().min(1).max(128).nullable().optional(),
  metrics: z
    .record(key, finite)
    .refine((m) => Object.keys(m).length <= MAX_REGISTRY_METRICS, 'too many metrics')
    .optional(),
  tags: z
    .record(key, z.string().max(1024))
    .refine((m) => Object.keys(m).length <= MAX_REGISTRY_METRICS, 'too many tags')
    .optional(),
  description: z.string().max(2000).optional(),
});

/** versionResponseSchema is one stored version. */
export const versionResponseSchema = z.object({
  model: z.string(),
  version: z.number().int(),
  artifact_uri: z.string(),
  baseline_id: z.string().nullable(),
  metrics: z.record(z.string(), z.number()),
  tags: z.record(z.string(), z.string()),
  description: z.string(),
  created_by: z.string(),
  created_at: z.number().int(),
});

/** aliasResponseSchema is an alias's current target. */
export const aliasResponseSchema = z.object({
  model: z.string(),
  alias: z.string(),
  version: z.number().int(),
  updated_by: z.string(),
  updated_at: z.number().int(),
});

/** aliasMoveResponseSchema is one entry of the alias history. */
export const aliasMoveResponseSchema = z.object({
  seq: z.number().int(),
  alias: z.string(),
  from_version: z.number().int().nullable(),
  to_version: z.number().int().nullable(),
  actor: z.string(),
  time: z.number().int(),
  reason: z.string(),
});

/** setAliasBodySchema moves an alias: the target version and why. */
export const setAliasBodySchema = z.strictObject({
  version: versionNumberSchema,
  reason: reasonSchema,
  force: z
    .boolean()
    .optional()
    .describe('move even if promotion checks refuse (recorded); never allowed for production'),
});

const versionParams = z.strictObject({ model: modelNameSchema, version: versionNumberSchema });
const aliasParams = z.strictObject({ model: modelNameSchema, alias: aliasNameSchema });

/** versionToWire renders a version for the API. */
export function versionToWire(v: ModelVersion): z.output<typeof versionResponseSchema> {
  return {
    model: v.model,
    version: v.version,
    artifact_uri: v.artifactUri,
    baseline_id: v.baselineId,
    metrics: { ...v.metrics },
    tags: { ...v.tags },
    description: v.description,
    created_by: v.createdBy,
    created_at: v.createdMs,
  };
}

function aliasToWire(a: ModelAlias): z.output<typeof aliasResponseSchema> {
  return {
    model: a.model,
    alias: a.alias,
    version: a.version,
    updated_by: a.updatedBy,
    updated_at: a.updatedMs,
  };
}

function moveToWire(m: AliasMove): z.output<typeof aliasMoveResponseSchema> {
  return {
    seq: m.seq,
    alias: m.alias,
    from_version: m.fromVersion,
    to_version: m.toVersion,
    actor: m.actor,
    time: m.timeMs,
    reason: m.reason,
  };
}

/** actorOf names the caller in the audit log and the alias history: `key:<api key id>`. */
export function actorOf(ctx: Pick<HandlerContext<unknown, unknown, unknown>, 'identity'>): string {
  return `key:${ctx.identity.keyId}`;
}

const noModel = (model: string) =>
  new AppError({ code: 'NOT_FOUND', message: `no model "${model}"` });

/** REGISTRY_ROUTES serve model versions, aliases, their history and reference resolution. */
export const REGISTRY_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/models/:model/versions',
    auth: 'key',
    tag: 'registry',
    summary: 'Register a new immutable version of a model (numbered 1, 2, 3, ...)',
    params: modelParamsSchema,
    body: createVersionBodySchema,
    responses: {
      201: { description: 'created', schema: versionResponseSchema },
      404: { description: 'no such model, or no such baseline of it' },
    },
    async handler(ctx) {
      const { identity, params, body, deps, reply } = ctx;
      const v = await deps.store.registry.createVersion(identity.projectId, params.model, {
        artifactUri: body.artifact_uri,
        baselineId: body.baseline_id ?? null,
        metrics: body.metrics ?? {},
        tags: body.tags ?? {},
        description: body.description ?? '',
        createdBy: actorOf(ctx),
      });
      reply.status(201);
      return versionToWire(v);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/models/:model/versions',
    auth: 'key',
    tag: 'registry',
    summary: "A model's versions, newest first",
    params: modelParamsSchema,
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(1000),
    }),
    responses: {
      200: {
        description: 'the versions',
        schema: z.object({ versions: z.array(versionResponseSchema) }),
      },
      404: { description: 'no such model' },
    },
    async handler({ identity, params, query, deps }) {
      const vs = await deps.store.registry.listVersions(identity.projectId, params.model, {
        limit: query.limit,
      });
      return { versions: vs.map(versionToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/models/:model/versions/:version',
    auth: 'key',
    tag: 'registry',
    summary: 'One version of a model',
    params: versionParams,
    responses: {
      200: { description: 'the version', schema: versionResponseSchema },
      404: { description: 'no such model or version' },
    },
    async handler({ identity, params, deps }) {
      const v = await deps.store.registry.getVersion(
        identity.projectId,
        params.model,
        params.version,
      );
      if (v === null) {
        if ((await deps.store.getModel(identity.projectId, params.model)) === null) {
          throw noModel(params.model);
        }
        throw new AppError({
          code: 'NOT_FOUND',
          message: `no version ${params.version} of model "${params.model}"`,
        });
      }
      return versionToWire(v);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/models/:model/aliases/:alias',
    auth: 'key',
    tag: 'registry',
    summary: 'Point an alias at a version, after every promotion check passes',
    params: aliasParams,
    body: setAliasBodySchema,
    responses: {
      200: {
        description: 'moved',
        schema: z.object({
          model: z.string(),
          alias: z.string(),
          from: z.number().int().nullable(),
          to: z.number().int(),
          overridden: z.array(z.object({ check: z.string(), reason: z.string() })),
        }),
      },
      400: { description: 'bad alias name or version, missing reason, or force on production' },
      404: { description: 'no such model or version' },
      409: { description: 'a promotion check refused the move, or the alias moved meanwhile' },
    },
    async handler(ctx) {
      const { identity, params, body, deps } = ctx;
      const r = await promoteVersion(deps.store, identity.projectId, {
        model: params.model,
        alias: params.alias,
        version: body.version,
        actor: actorOf(ctx),
        reason: body.reason,
        ...(body.force === undefined ? {} : { force: body.force }),
      });
      return { model: params.model, alias: params.alias, ...r };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/models/:model/aliases',
    auth: 'key',
    tag: 'registry',
    summary: "A model's aliases and the versions they point at",
    params: modelParamsSchema,
    responses: {
      200: {
        description: 'the aliases',
        schema: z.object({ aliases: z.array(aliasResponseSchema) }),
      },
      404: { description: 'no such model' },
    },
    async handler({ identity, params, deps }) {
      const as = await deps.store.registry.listAliases(identity.projectId, params.model);
      return { aliases: as.map(aliasToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/models/:model/aliases/:alias',
    auth: 'key',
    tag: 'registry',
    summary: 'One alias and the version it points at',
    params: aliasParams,
    responses: {
      200: { description: 'the alias', schema: aliasResponseSchema },
      404: { description: 'no such model or alias' },
    },
    async handler({ identity, params, deps }) {
      const a = await deps.store.registry.getAlias(identity.projectId, params.model, params.alias);
      if (a === null) {
        if ((await deps.store.getModel(identity.projectId, params.model)) === null) {
          throw noModel(params.model);
        }
        throw new AppError({
          code: 'NOT_FOUND',
          message: `model "${params.model}" has no alias "${params.alias}"`,
        });
      }
      return aliasToWire(a);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/models/:model/aliases/:alias',
    auth: 'key',
    tag: 'registry',
    summary: 'Remove an alias (recorded in the alias history with the reason)',
    params: aliasParams,
    query: z.strictObject({ reason: reasonSchema }),
    responses: {
      200: { description: 'removed', schema: z.object({ from: z.number().int() }) },
      404: { description: 'no such model or alias' },
    },
    async handler(ctx) {
      const { identity, params, query, deps } = ctx;
      const r = await deps.store.registry.deleteAlias(
        identity.projectId,
        params.model,
        params.alias,
        { actor: actorOf(ctx), reason: query.reason },
      );
      if (r === null) {
        throw new AppError({
          code: 'NOT_FOUND',
          message: `model "${params.model}" has no alias "${params.alias}"`,
        });
      }
      return r;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/models/:model/alias-history',
    auth: 'key',
    tag: 'registry',
    summary: "Every move of a model's aliases (optionally one alias), oldest first",
    params: modelParamsSchema,
    query: z.strictObject({
      alias: aliasNameSchema.optional(),
      limit: z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(1000),
    }),
    responses: {
      200: {
        description: 'the moves',
        schema: z.object({ moves: z.array(aliasMoveResponseSchema) }),
      },
      404: { description: 'no such model' },
    },
    async handler({ identity, params, query, deps }) {
      const ms = await deps.store.registry.aliasHistory(identity.projectId, params.model, {
        ...(query.alias === undefined ? {} : { alias: query.alias }),
        limit: query.limit,
      });
      return { moves: ms.map(moveToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/registry/resolve',
    auth: 'key',
    tag: 'registry',
    summary:
      'Resolve a reference: `name` or `name@latest` (highest version), `name@3`, `name@alias`',
    query: z.strictObject({ ref: z.string().min(1).max(300) }),
    responses: {
      200: {
        description: 'the version the reference points at',
        schema: z.object({
          ref: z.string(),
          model: z.string(),
          alias: z.string().nullable(),
          version: versionResponseSchema,
        }),
      },
      400: { description: 'a malformed reference' },
      404: { description: 'nothing matches the reference' },
    },
    async handler({ identity, query, deps }) {
      const r = await deps.store.registry.resolve(identity.projectId, query.ref);
      if (r === null) {
        throw new AppError({ code: 'NOT_FOUND', message: `nothing matches "${query.ref}"` });
      }
      return { ref: r.ref, model: r.model, alias: r.alias, version: versionToWire(r.version) };
    },
  }),
];
