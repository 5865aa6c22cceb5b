// Public routes: liveness, Prometheus metrics and the OpenAPI document. No key needed, and none
// of them reads tenant data.
import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route.js';

/** systemRoutes builds the public routes; `openapi` returns the document of every route. */
export function systemRoutes(openapi: () => unknown): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/healthz',
      auth: 'public',
      tag: 'system',
      summary: 'Liveness: the process answers and its store is open',
      responses: {
        200: {
          description: 'alive',
          schema: z.object({ status: z.literal('ok'), store: z.enum(['sqlite', 'postgres']) }),
        },
      },
      async handler({ deps }) {
        return { status: 'ok', store: deps.store.dialect };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/metrics',
      auth: 'public',
      tag: 'system',
      summary: "Vigil's own health and monitor values in Prometheus text format",
      responses: {
        200: {
          description: 'Prometheus exposition format',
          contentType: 'text/plain',
          schema: z.string(),
        },
      },
      async handler({ deps, reply }) {
        const text = await deps.metrics.registry.metrics();
        return reply.type(deps.metrics.registry.contentType).send(text);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/openapi.json',
      auth: 'public',
      tag: 'system',
      summary: 'This API described as OpenAPI 3.1',
      responses: {
        200: { description: 'the OpenAPI document', schema: z.record(z.string(), z.unknown()) },
      },
      async handler() {
        return openapi();
      },
    }),
  ];
}
