// Ingestion over HTTP against both stores: per-item results, duplicates, gzip, and every kind of
// bad input refused with a clear 4xx while the server stays up.
import { gzipSync } from 'node:zlib';
import { LIMITS } from '@vigil/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, prediction, startHarness, T0 } from '../helpers/harness.js';

const WINDOW = `from=${T0}&to=${T0 + 86_400_000}`;

describe.each(BACKENDS)('ingest on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());

  describe('ingest', () => {
    it('stores a valid batch (200), and a retried batch is all duplicates, stored once', async () => {
      const events = Array.from({ length: 50 }, (_, n) => prediction(`ok-${n}`, n));
      const first = await h.request('POST', '/v1/ingest', { key: h.a.key, body: { events } });
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ accepted: 50, duplicates: 0, rejected: 0 });
      expect(first.json.results[7]).toEqual({ index: 7, event_id: 'ok-7', status: 'accepted' });
      const retry = await h.request('POST', '/v1/ingest', { key: h.a.key, body: { events } });
      expect(retry.status).toBe(200);
      expect(retry.json).toMatchObject({ accepted: 0, duplicates: 50, rejected: 0 });
      const read = await h.request('GET', `/v1/events?type=prediction&${WINDOW}&limit=10000`, {
        key: h.a.key,
      });
      const ids = read.json.events.map((e: { event: { event_id: string } }) => e.event.event_id);
      expect(ids.filter((id: string) => id.startsWith('ok-')).length).toBe(50);
    });

    it('accepts gzip bodies', async () => {
      const r = await h.request('POST', '/v1/ingest', {
        key: h.a.key,
        body: { events: [prediction('gz-1', 1), prediction('gz-2', 2)] },
        gzip: true,
      });
      expect(r.status).toBe(200);
      expect(r.json.accepted).toBe(2);
    });

    it('reports each item: 207 with the field and reason of every rejected event', async () => {
      const events = [
        prediction('mix-1', 1),
        { ...prediction('mix-2', 2), features: { x: { nested: true } } },
        { ...prediction('mix-3', 3), time: 'yesterday' },
        prediction('mix-1', 4),
        { ...prediction('mix-5', 5), model: 'ghost' },
        { type: 'label', event_id: 'mix-6', prediction_id: 'mix-1', label: 1, time: T0 },
        { ...prediction('mix-7', 7), colour: 'red' },
      ];
      const r = await h.request('POST', '/v1/ingest', { key: h.a.key, body: { events } });
      expect(r.status).toBe(207);
      expect(r.json).toMatchObject({ accepted: 2, duplicates: 1, rejected: 4 });
      const byIndex = r.json.results;
      expect(byIndex[0].status).toBe('accepted');
      expect(byIndex[1].errors[0].field).toBe('events[1].features.x');
      expect(byIndex[2].errors[0].field).toBe('events[2].time');
      expect(byIndex[3]).toEqual({ index: 3, event_id: 'mix-1', status: 'duplicate' });
      expect(byIndex[4].errors).toEqual([
        {
          field: 'events[4].model',
          reason: 'unknown model "ghost": create it first with POST /v1/models',
        },
      ]);
      expect(byIndex[5].status).toBe('accepted');
      expect(byIndex[6].errors).toEqual([
        { field: 'events[6].colour', reason: 'unknown key "colour"' },
      ]);
    });

    type Bad = {
      name: string;
      send: () => Promise<{ status: number; json: { error?: { code: string; message: string } } }>;
      status: number;
      code: string;
      message: RegExp;
    };
    const bad: Bad[] = [
      {
        name: 'malformed JSON',
        send: () =>
          h.request('POST', '/v1/ingest', {
            key: h.a.key,
            raw: '{"events": [',
            headers: { 'content-type': 'application/json' },
          }),
        status: 400,
        code: 'INVALID_JSON',
        message: /not valid JSON/,
      },
      {
        name: 'empty body',
        send: () =>
          h.request('POST', '/v1/ingest', {
            key: h.a.key,
            raw: '',
            headers: { 'content-type': 'application/json' },
          }),
        status: 400,
        code: 'INVALID_JSON',
        message: /empty/,
      },
      {
        name: 'wrong outer shape',
        send: () => h.request('POST', '/v1/ingest', { key: h.a.key, body: [prediction('x')] }),
        status: 400,
        code: 'VALIDATION_FAILED',
        message: /events/,
      },
      {
        name: 'every event of an unknown model',
        send: () =>
          h.request('POST', '/v1/ingest', {
            key: h.a.key,
            body: { events: [prediction('u1', 0, 'nope')] },
          }),
        status: 400,
        code: 'VALIDATION_FAILED',
        message: /unknown model "nope"/,
      },
      {
        name: 'too many events',
        send: () =>
          h.request('POST', '/v1/ingest', {
            key: h.a.key,
            body: {
              events: Array.from({ length: LIMITS.maxBatchEvents + 1 }, (_, n) =>
                prediction(`big-${n}`, n),
              ),
            },
          }),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: new RegExp(`at most ${LIMITS.maxBatchEvents}`),
      },
      {
        name: 'a body over the byte limit',
        send: () =>
          h.request('POST', '/v1/ingest', {
            key: h.a.key,
            raw: `{"events":[],"pad":"${'x'.repeat(LIMITS.maxBodyBytes)}"}`,
            headers: { 'content-type': 'application/json' },
          }),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: new RegExp(`larger than ${LIMITS.maxBodyBytes} bytes`),
      },
      {
        name: 'a gzip bomb (100 MB of zeros in ~100 kB)',
        send: () =>
          h.request('POST', '/v1/ingest', {
            key: h.a.key,
            raw: gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x20)),
            headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          }),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: /inflated request body is larger than/,
      },
      {
        name: 'an unsupported Content-Encoding',
        send: () =>
          h.request('POST', '/v1/ingest', {
            key: h.a.key,
            raw: '{}',
            headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
          }),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: /"br"/,
      },
      {
        name: 'a non-JSON Content-Type',
        send: () =>
          h.request('POST', '/v1/ingest', {
            key: h.a.key,
            raw: 'a,b',
            headers: { 'content-type': 'text/csv' },
          }),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: /application\/json/,
      },
      {
        name: 'an undecodable URL',
        send: () => h.request('GET', '/v1/models/%E0%A4%A', { key: h.a.key }),
        status: 400,
        code: 'BAD_REQUEST',
        message: /not a valid url component/,
      },
      {
        name: 'no key',
        send: () => h.request('POST', '/v1/ingest', { body: { events: [] } }),
        status: 401,
        code: 'UNAUTHENTICATED',
        message: /missing Authorization/,
      },
      {
        name: 'a malformed Authorization header',
        send: () =>
          h.request('POST', '/v1/ingest', {
            headers: { authorization: 'Basic abc' },
            body: { events: [] },
          }),
        status: 401,
        code: 'UNAUTHENTICATED',
        message: /malformed Authorization/,
      },
      {
        name: 'an unknown key',
        send: () =>
          h.request('POST', '/v1/ingest', {
            key: `vgl_a-project_${'x'.repeat(32)}`,
            body: { events: [] },
          }),
        status: 401,
        code: 'UNAUTHENTICATED',
        message: /invalid or revoked/,
      },
    ];
    it.each(bad)('refuses $name with a clear $status', async ({ send, status, code, message }) => {
      const r = await send();
      expect(r.status).toBe(status);
      expect(r.json.error?.code).toBe(code);
      expect(r.json.error?.message).toMatch(message);
      expect(JSON.stringify(r.json)).not.toMatch(/at .*\.(ts|js):\d+/);
      expect((await h.request('GET', '/healthz')).status).toBe(200);
    });
    it('cuts a chunked body (no Content-Length) off at the limit with 413', async () => {
      const chunk = new Uint8Array(1024 * 1024).fill(0x20);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          // Up to twice the limit: the server must answer before reading it all.
          if (sent > 2 * LIMITS.maxBodyBytes) c.close();
          else {
            sent += chunk.length;
            c.enqueue(chunk);
          }
        },
      });
      const r = await fetch(`${h.url}/v1/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.a.key}`, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(r.status).toBe(413);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe(
        'PAYLOAD_TOO_LARGE',
      );
      expect((await h.request('GET', '/healthz')).status).toBe(200);
    });
  });
});
