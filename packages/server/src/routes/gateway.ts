// The OpenAI-compatible gateway's routes: POST /v1/chat/completions (JSON or SSE stream) and
// POST /v1/embeddings, authenticated by a Vigil API key (`Authorization: Bearer vgl_…`, the
// `apiKey` of an OpenAI client pointed at Vigil). Errors use the OpenAI error shape.
import { z } from 'zod';
import type { Gateway } from '../gateway/gateway.js';
import { defineRoute, type RouteSpec } from '../http/route.js';

const openAiErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});

const chatBodySchema = z
  .looseObject({
    model: z.string(),
    messages: z.array(z.looseObject({ role: z.string() })),
    stream: z.boolean().optional(),
  })
  .describe('An OpenAI chat completion request; every other field is forwarded as sent');

const embeddingsBodySchema = z
  .looseObject({ model: z.string(), input: z.unknown() })
  .describe('An OpenAI embeddings request, forwarded as sent');

const GATEWAY_HEADERS =
  'Headers: x-vigil-service (pins and budgets; default "default"), x-vigil-user, x-vigil-session, ' +
  'x-vigil-trace-id, x-vigil-parent-span-id, x-vigil-prompt (name@label or name@version), ' +
  'x-vigil-unit (the unit a prompt canary hashes when the body has no `user`). ' +
  'Answers under a prompt canary carry x-vigil-variant.';

const errors = {
  400: { description: 'invalid request', schema: openAiErrorSchema },
  404: { description: 'no upstream serves the model', schema: openAiErrorSchema },
  429: { description: 'refused by a blocking budget', schema: openAiErrorSchema },
  502: { description: 'the upstream failed or is unreachable', schema: openAiErrorSchema },
  504: { description: 'the upstream did not answer in time', schema: openAiErrorSchema },
};

/** gatewayRoutes are the gateway's endpoints, served by `gateway`. */
export function gatewayRoutes(gateway: Gateway): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/chat/completions',
      auth: 'key',
      tag: 'gateway',
      summary: `OpenAI-compatible chat completions through Vigil (pins, budgets, recording). ${GATEWAY_HEADERS}`,
      body: chatBodySchema,
      validateBody: false,
      responses: {
        200: {
          description:
            'the upstream answer (application/json, or text/event-stream when stream: true)',
        },
        ...errors,
      },
      handler: ({ request, reply, identity, body }) =>
        gateway.handle('chat', { request, reply, identity, body }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/embeddings',
      auth: 'key',
      tag: 'gateway',
      summary: `OpenAI-compatible embeddings through Vigil. ${GATEWAY_HEADERS}`,
      body: embeddingsBodySchema,
      validateBody: false,
      responses: { 200: { description: 'the upstream answer' }, ...errors },
      handler: ({ request, reply, identity, body }) =>
        gateway.handle('embeddings', { request, reply, identity, body }),
    }),
  ];
}
