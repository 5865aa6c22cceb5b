import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { decodeBody } from './body.js';

const LIMIT = 1024 * 1024;

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${e.message}` : `other: ${String(e)}`;
  }
}

describe('decodeBody', () => {
  const json = Buffer.from('{"events":[]}');
  type Case = { name: string; raw: Buffer; encoding: string | undefined; expected: string };
  const cases: Case[] = [
    { name: 'identity passes through', raw: json, encoding: undefined, expected: 'ok' },
    { name: 'gzip inflates', raw: gzipSync(json), encoding: 'gzip', expected: 'ok' },
    {
      name: 'x-gzip and case are accepted',
      raw: gzipSync(json),
      encoding: ' X-GZIP ',
      expected: 'ok',
    },
    {
      name: 'a decompression bomb stops at the limit',
      raw: gzipSync(Buffer.alloc(64 * LIMIT)),
      encoding: 'gzip',
      expected: `PAYLOAD_TOO_LARGE: inflated request body is larger than ${LIMIT} bytes`,
    },
    {
      name: 'bytes that are not gzip',
      raw: json,
      encoding: 'gzip',
      expected: 'BAD_REQUEST: body is not valid gzip data',
    },
    {
      name: 'truncated gzip',
      raw: gzipSync(json).subarray(0, 12),
      encoding: 'gzip',
      expected: 'BAD_REQUEST: body is not valid gzip data',
    },
    {
      name: 'unsupported encodings are named',
      raw: json,
      encoding: 'br',
      expected:
        'UNSUPPORTED_MEDIA_TYPE: Content-Encoding "br" is not supported: send identity or gzip',
    },
  ];
  it.each(cases)('$name', async ({ raw, encoding, expected }) => {
    expect(await code(decodeBody(raw, encoding, LIMIT))).toBe(expected);
  });

  it('returns the inflated bytes', async () => {
    expect((await decodeBody(gzipSync(json), 'gzip', LIMIT)).toString()).toBe('{"events":[]}');
  });
});
