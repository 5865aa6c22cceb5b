// Reading JSON bodies: plain or gzip, with hard caps on both the bytes on the wire and the bytes
// after inflating, so a small decompression bomb can never allocate more than the limit.
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const gunzipAsync = promisify(gunzip);

const tooLarge = (what: string, limit: number) =>
  new AppError({
    code: 'PAYLOAD_TOO_LARGE',
    message: `${what} is larger than ${limit} bytes`,
  });

/**
 * readRawBody collects a request stream up to `limitBytes`, failing with PAYLOAD_TOO_LARGE as soon
 * as the declared Content-Length or the bytes received pass the limit (the rest is not buffered).
 */
export function readRawBody(
  request: IncomingMessage,
  limitBytes: number,
  what: string,
): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    return Promise.reject(tooLarge(what, limitBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        // Keep draining without buffering, so the socket can still carry the 413 answer.
        request.resume();
        reject(tooLarge(what, limitBytes));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (cause: Error) => {
      cleanup();
      reject(new AppError({ code: 'BAD_REQUEST', message: 'request body aborted', cause }));
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

/**
 * decodeBody returns the body's bytes for its Content-Encoding: identity as is, gzip inflated with
 * the output capped at `limitBytes` (zlib stops and fails past it). Anything else is refused (415).
 */
export async function decodeBody(
  raw: Buffer,
  encoding: string | undefined,
  limitBytes: number,
): Promise<Buffer> {
  const enc = (encoding ?? 'identity').trim().toLowerCase();
  if (enc === 'identity' || enc === '') return raw;
  if (enc !== 'gzip' && enc !== 'x-gzip') {
    throw new AppError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `Content-Encoding "${enc}" is not supported: send identity or gzip`,
    });
  }
  try {
    return await gunzipAsync(raw, { maxOutputLength: limitBytes });
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge('inflated request body', limitBytes);
    }
    throw new AppError({ code: 'BAD_REQUEST', message: 'body is not valid gzip data', cause });
  }
}

const rawTexts = new WeakMap<FastifyRequest, string>();

/**
 * rawBodyText is the request body as text, as the client sent it (after gzip): a JSON body's
 * source, or a YAML/plain-text body. Undefined when the request had no such body. Routes that
 * report positions in the document (monitor files: line and column) read it.
 */
export function rawBodyText(request: FastifyRequest): string | undefined {
  return rawTexts.get(request);
}

/** TEXT_CONTENT_TYPES are the YAML and plain-text media types read as text (monitor files). */
export const TEXT_CONTENT_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
] as const;

/**
 * installTextBodyParser reads YAML and plain-text bodies as a UTF-8 string (gzip accepted, the
 * same limits as JSON); the route decides what the text means.
 */
export function installTextBodyParser(app: FastifyInstance, limitBytes: number): void {
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    [...TEXT_CONTENT_TYPES],
    async (request: FastifyRequest, payload: IncomingMessage) => {
      const raw = await readRawBody(payload, limitBytes, 'request body');
      const text = (
        await decodeBody(raw, request.headers['content-encoding'], limitBytes)
      ).toString('utf8');
      rawTexts.set(request, text);
      return text;
    },
  );
}

/**
 * installJsonBodyParser replaces Fastify's JSON parser with one that accepts gzip and enforces
 * `limitBytes` on the wire and after inflating, parsing with prototype-poisoning protection.
 */
export function installJsonBodyParser(app: FastifyInstance, limitBytes: number): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    async (request: FastifyRequest, payload: IncomingMessage) => {
      const raw = await readRawBody(payload, limitBytes, 'request body');
      const body = await decodeBody(raw, request.headers['content-encoding'], limitBytes);
      if (body.length === 0) {
        throw new AppError({ code: 'INVALID_JSON', message: 'request body is empty: send JSON' });
      }
      return new Promise((resolve, reject) => {
        const text = body.toString('utf8');
        rawTexts.set(request, text);
        parseJson(request, text, (err, value) => {
          if (err === null) resolve(value);
          else
            reject(new AppError({ code: 'INVALID_JSON', message: invalidJsonMessage(text, err) }));
        });
      });
    },
  );
}

// The secure parser reports a generic message; JSON.parse's names the position of the problem.
function invalidJsonMessage(text: string, err: Error): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return `request body is not valid JSON: ${(e as Error).message}`;
  }
  // Valid JSON refused by the secure parser: it holds a __proto__ or constructor key.
  return `request body refused: ${err.message}`;
}
