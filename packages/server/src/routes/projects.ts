// Projects and API keys. The admin token creates a project and its first key; a project's key
// manages that project's keys (create, list, revoke) and nothing else.
import {
  apiKeyInfoSchema,
  createApiKeySchema,
  createProjectSchema,
  projectSchema,
} from '@vigil/contracts';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { createdKeySchema, createdProjectSchema, keyParamsSchema } from '../http/schemas.js';

/** PROJECT_ROUTES create projects and manage API keys. */
export const PROJECT_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/projects',
    auth: 'admin',
    tag: 'projects',
    summary: 'Create a project and its first API key (admin token)',
    body: createProjectSchema,
    responses: {
      201: { description: 'created; the key is shown once', schema: createdProjectSchema },
      409: { description: 'a project with this id exists' },
    },
    async handler({ body, deps, reply }) {
      const project = await deps.store.createProject(body);
      const key = await deps.store.createApiKey(project.id, 'first key');
      deps.logger.info('project created', { project: project.id });
      reply.status(201);
      return { project, api_key: key };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/project',
    auth: 'key',
    tag: 'projects',
    summary: "The calling key's project",
    responses: { 200: { description: 'the project', schema: projectSchema } },
    async handler({ identity, deps }) {
      const p = await deps.store.getProject(identity.projectId);
      if (p === null) throw new AppError({ code: 'NOT_FOUND', message: 'project not found' });
      return p;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/keys',
    auth: 'key',
    tag: 'keys',
    summary: "Create an API key for the caller's project",
    body: createApiKeySchema,
    responses: { 201: { description: 'created; the key is shown once', schema: createdKeySchema } },
    async handler({ identity, body, deps, reply }) {
      const k = await deps.store.createApiKey(identity.projectId, body.name);
      reply.status(201);
      return k;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/keys',
    auth: 'key',
    tag: 'keys',
    summary: "List the caller's project's keys (never the keys themselves)",
    responses: {
      200: { description: 'the keys', schema: z.object({ keys: z.array(apiKeyInfoSchema) }) },
    },
    async handler({ identity, deps }) {
      return { keys: await deps.store.listApiKeys(identity.projectId) };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/keys/:keyId',
    auth: 'key',
    tag: 'keys',
    summary: "Revoke a key of the caller's project; it stops working at once",
    params: keyParamsSchema,
    responses: {
      204: { description: 'revoked' },
      404: { description: 'no such active key in this project' },
    },
    async handler({ identity, params, deps, reply }) {
      const done = await deps.store.revokeApiKey(identity.projectId, params.keyId);
      if (!done) {
        throw new AppError({
          code: 'NOT_FOUND',
          message: `no active key ${params.keyId} in this project`,
        });
      }
      deps.logger.info('api key revoked', { project: identity.projectId, key: params.keyId });
      return reply.status(204).send();
    },
  }),
];
