// POST /v1/traces: the OTLP/HTTP trace receiver. Protobuf (application/x-protobuf) or OTLP/JSON
// (application/json), gzip accepted; spans are mapped with the GenAI conventions and recorded
// like API generations. Spans that cannot be stored are counted in the OTLP partial-success
// answer (in the request's encoding); a body that is not OTLP is a 400 with the reason.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { decodeBody, readRawBody } from '../http/body.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import {
  decodeOtlpJson,
  decodeOtlpProtobuf,
  encodeOtlpResponse,
  type OtlpDecoded,
  spanToGeneration,
} from '../llm/otlp.js';
import { recordGenerations } from '../llm/record.js';

/** PROTOBUF_CONTENT_TYPE is the media type of OTLP/HTTP protobuf bodies. */
export const PROTOBUF_CONTENT_TYPE = 'application/x-protobuf';

/**
 * installProtobufBodyParser reads application/x-protobuf bodies as bytes (gzip accepted, the same
 * limits as JSON); /v1/traces decodes them.
 */
export function installProtobufBodyParser(app: FastifyInstance, limitBytes: number): void {
  app.addContentTypeParser(
    [PROTOBUF_CONTENT_TYPE, 'application/protobuf'],
    async (request: FastifyRequest, payload: IncomingMessage) => {
      const raw = await readRawBody(payload, limitBytes, 'request body');
      return decodeBody(raw, request.headers['content-encoding'], limitBytes);
    },
  );
}

const partialSuccessSchema = z.object({
  partialSuccess: z
    .object({ rejectedSpans: z.string(), errorMessage: z.string() })
    .optional()
    .describe('present when some spans were rejected'),
});

/** OTLP_ROUTES is the OTLP/HTTP trace receiver. */
export const OTLP_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/traces',
    auth: 'key',
    tag: 'llm',
    summary:
      'OTLP/HTTP trace export (application/x-protobuf or application/json, gzip accepted); GenAI spans become generations',
    validateBody: false,
    responses: {
      200: {
        description: 'ExportTraceServiceResponse, with partialSuccess when spans were rejected',
        schema: partialSuccessSchema,
      },
      400: { description: 'the body is not an OTLP ExportTraceServiceRequest' },
      415: { description: 'neither protobuf nor JSON' },
    },
    async handler({ request, reply, identity, deps }) {
      const body = request.body;
      const binary = body instanceof Uint8Array;
      if (body === undefined || body === null)
        throw new AppError({
          code: 'BAD_REQUEST',
          message: `malformed OTLP request: empty body; send an ExportTraceServiceRequest as ${PROTOBUF_CONTENT_TYPE} or application/json`,
        });
      if (!binary && typeof body !== 'object')
        throw new AppError({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: `send OTLP as ${PROTOBUF_CONTENT_TYPE} or application/json`,
        });
      const decoded: OtlpDecoded = binary ? decodeOtlpProtobuf(body) : decodeOtlpJson(body);
      const inputs = decoded.spans.map((s) => spanToGeneration(s, identity.keyId));
      if (inputs.length > 0)
        await recordGenerations(
          { store: deps.store, logger: deps.logger },
          identity.projectId,
          inputs,
        );
      const rejected = decoded.rejected.length;
      const message =
        rejected === 0
          ? ''
          : `${rejected} of ${decoded.total} spans rejected; first: ${decoded.rejected[0]?.reason ?? ''}`;
      if (rejected > 0)
        deps.logger.warn('otlp spans rejected', { project: identity.projectId, rejected, message });
      if (binary) {
        reply.header('content-type', PROTOBUF_CONTENT_TYPE);
        return Buffer.from(encodeOtlpResponse(rejected, message));
      }
      return rejected === 0
        ? {}
        : { partialSuccess: { rejectedSpans: String(rejected), errorMessage: message } };
    },
  }),
];
