// /openapi.json, generated from the same route specs that register the handlers, with every
// schema rendered from zod by z.toJSONSchema (input side: what a client sends).
import { z } from 'zod';
import type { RouteSpec } from './http/route.js';
import { errorResponseSchema } from './http/schemas.js';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', reused: 'inline' }) as Json;

// `/v1/models/:model` → `/v1/models/{model}` (OpenAPI path templating).
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(spec: RouteSpec): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (schema === undefined) continue;
    const js = schemaOf(schema, 'input') as {
      properties?: Record<string, Json>;
      required?: string[];
    };
    for (const [name, s] of Object.entries(js.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (js.required ?? []).includes(name),
        schema: s,
        ...(typeof s.description === 'string' ? { description: s.description } : {}),
      });
    }
  }
  return out;
}

/**
 * buildOpenApi describes every route in `specs` as an OpenAPI 3.1 document: parameters, request
 * bodies, responses, the bearer-key security scheme, and the error responses every route shares.
 */
export function buildOpenApi(specs: readonly RouteSpec[], options: { version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const error = { 'application/json': { schema: schemaOf(errorResponseSchema, 'output') } };
  for (const spec of specs) {
    const responses: Record<string, Json> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      const ct = r.contentType ?? 'application/json';
      responses[status] = {
        description: r.description,
        ...(r.schema
          ? { content: { [ct]: { schema: schemaOf(r.schema, 'output') } } }
          : Number(status) >= 400
            ? { content: error }
            : {}),
      };
    }
    const shared: Array<[string, string]> = [['500', 'internal error (no details are sent)']];
    if (spec.body || spec.query || spec.params)
      shared.push(['400', 'invalid input; issues name each field']);
    if (spec.body) {
      shared.push(
        ['413', 'request body too large'],
        ['415', 'unsupported Content-Type or Content-Encoding'],
      );
    }
    if (spec.auth !== 'public') shared.push(['401', 'missing, malformed, unknown or revoked key']);
    if (spec.auth === 'admin') shared.push(['403', 'admin routes disabled (no VIGIL_ADMIN_TOKEN)']);
    for (const [status, description] of shared) {
      responses[status] ??= { description, content: error };
    }
    const op: Json = {
      operationId: `${spec.method.toLowerCase()}${spec.url.replace(/[/:{}]+(\w)?/g, (_m, c?: string) => (c ?? '').toUpperCase())}`,
      summary: spec.summary,
      tags: [spec.tag],
      security:
        spec.auth === 'public' ? [] : [{ [spec.auth === 'admin' ? 'adminToken' : 'apiKey']: [] }],
      parameters: parameters(spec),
      responses,
    };
    if (spec.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(spec.body, 'input') } },
      };
    }
    const path = toOpenApiPath(spec.url);
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigil API',
      version: options.version,
      description:
        'Ingest what models see and do, and read it back by time window. Every /v1 route but project creation needs "Authorization: Bearer <API key>"; a key reads and writes only its own project.',
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'a project API key, vgl_<project>_<secret>',
        },
        adminToken: { type: 'http', scheme: 'bearer', description: 'the VIGIL_ADMIN_TOKEN value' },
      },
    },
    paths,
  };
}
