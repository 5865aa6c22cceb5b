// Models: a name and a declared feature schema, scoped to the caller's project.
import { modelSpecSchema } from '@vigil/contracts';
import type { StoredModel } from '@vigil/store';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { modelParamsSchema, modelResponseSchema } from '../http/schemas.js';

/** modelToWire renders a stored model for the API. */
export function modelToWire(m: StoredModel): z.output<typeof modelResponseSchema> {
  return {
    spec: m.spec,
    active_baseline_id: m.activeBaselineId,
    created_at: m.createdMs,
    updated_at: m.updatedMs,
  };
}

/** MODEL_ROUTES create, read and list models. */
export const MODEL_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/models',
    auth: 'key',
    tag: 'models',
    summary: 'Create a model with its feature schema, or replace the schema of an existing one',
    body: modelSpecSchema,
    responses: {
      201: { description: 'created', schema: modelResponseSchema },
      200: { description: 'updated', schema: modelResponseSchema },
    },
    async handler({ identity, body, deps, reply }) {
      const existed = (await deps.store.getModel(identity.projectId, body.name)) !== null;
      // The store writes the audit entry (model.create or model.update) in the same transaction.
      const m = await deps.store.upsertModel(identity.projectId, body, {
        actor: `key:${identity.keyId}`,
      });
      deps.forgetModels(identity.projectId);
      reply.status(existed ? 200 : 201);
      return modelToWire(m);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/models',
    auth: 'key',
    tag: 'models',
    summary: "List the project's models",
    responses: {
      200: {
        description: 'the models',
        schema: z.object({ models: z.array(modelResponseSchema) }),
      },
    },
    async handler({ identity, deps }) {
      return { models: (await deps.store.listModels(identity.projectId)).map(modelToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/models/:model',
    auth: 'key',
    tag: 'models',
    summary: 'Get one model',
    params: modelParamsSchema,
    responses: {
      200: { description: 'the model', schema: modelResponseSchema },
      404: { description: 'no such model in this project' },
    },
    async handler({ identity, params, deps }) {
      const m = await deps.store.getModel(identity.projectId, params.model);
      if (m === null) {
        throw new AppError({ code: 'NOT_FOUND', message: `no model "${params.model}"` });
      }
      return modelToWire(m);
    },
  }),
];
