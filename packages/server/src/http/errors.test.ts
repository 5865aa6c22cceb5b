import { openSqliteStore, StoreError } from '@vigil/store';
import { describe, expect, it } from 'vitest';
import { ZodError, z } from 'zod';
import { AppError, type AppErrorCode } from '../errors.js';
import type { LogFields, Logger } from '../logger.js';
import { buildApp } from '../server.js';
import { APP_ERROR_TO_HTTP, normalizeError } from './errors.js';

describe('normalizeError', () => {
  const zodError = (() => {
    const r = z.object({ a: z.number() }).safeParse({ a: 'x' });
    return r.success ? new ZodError([]) : r.error;
  })();
  type Case = { name: string; input: unknown; code: AppErrorCode; status: number };
  const cases: Case[] = [
    {
      name: 'AppError keeps its code',
      input: new AppError({ code: 'CONFLICT', message: 'm' }),
      code: 'CONFLICT',
      status: 409,
    },
    {
      name: 'ZodError is a 400 with issues',
      input: zodError,
      code: 'VALIDATION_FAILED',
      status: 400,
    },
    {
      name: 'StoreError NOT_FOUND',
      input: new StoreError('NOT_FOUND', 'no model'),
      code: 'NOT_FOUND',
      status: 404,
    },
    {
      name: 'StoreError UNAVAILABLE',
      input: new StoreError('UNAVAILABLE', 'db down'),
      code: 'UNAVAILABLE',
      status: 503,
    },
    {
      name: "Fastify's body limit",
      input: Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }),
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
    },
    {
      name: 'an unknown 4xx',
      input: Object.assign(new Error('bad'), { statusCode: 400 }),
      code: 'BAD_REQUEST',
      status: 400,
    },
    {
      name: 'anything else is INTERNAL',
      input: new TypeError('x is undefined'),
      code: 'INTERNAL',
      status: 500,
    },
    { name: 'a thrown string', input: 'boom', code: 'INTERNAL', status: 500 },
  ];
  it.each(cases)('$name', ({ input, code, status }) => {
    const e = normalizeError(input);
    expect(e.code).toBe(code);
    expect(APP_ERROR_TO_HTTP[e.code]).toBe(status);
  });

  it('names the field of a zod issue', () => {
    expect(normalizeError(zodError).issues).toEqual([
      { field: 'a', reason: expect.stringContaining('number') },
    ]);
  });
});

describe('the error handler', () => {
  it('answers 500 without a stack and logs the failure with its stack', async () => {
    const store = openSqliteStore(':memory:');
    await store.migrate();
    // A store that fails unexpectedly on every authentication.
    store.authenticate = async () => {
      throw new TypeError('secret internal detail');
    };
    const logged: Array<{ msg: string; fields?: LogFields }> = [];
    const logger: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (msg, fields) => logged.push({ msg, ...(fields ? { fields } : {}) }),
    };
    const { app } = buildApp({ store, logger });
    const r = await app.inject({
      method: 'GET',
      url: '/v1/models',
      headers: { authorization: `Bearer vgl_a_${'x'.repeat(32)}` },
    });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(r.body).not.toContain('secret internal detail');
    expect(logged).toHaveLength(1);
    expect(logged[0].fields).toMatchObject({
      status: 500,
      route: '/v1/models',
      err: 'secret internal detail',
    });
    expect(String(logged[0].fields?.stack)).toContain('TypeError');
    await app.close();
    await store.close();
  });
});
