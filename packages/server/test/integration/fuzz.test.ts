// 10,000 random and mutated payloads (seeded) at the ingest and admin routes: every answer is a
// 2xx or a 4xx, never a 5xx, and the server still answers /healthz afterwards.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Harness, prediction, startHarness } from '../helpers/harness.js';

const RUNS = 10_000;
const SEED = 20_261_127;

type Shot = {
  method: 'POST' | 'GET' | 'DELETE';
  path: string;
  key: 'a' | 'admin' | 'none' | 'junk';
  body: string | Buffer;
  headers: Record<string, string>;
};

const json = fc.jsonValue({ maxDepth: 4 });
const valid = fc.nat({ max: 1_000_000 }).map((n) => prediction(`fz-${n}`, n));
const label = fc.nat().map((n) => ({
  type: 'label',
  event_id: `fl-${n}`,
  prediction_id: `fz-${n}`,
  label: n % 2,
  time: n,
}));

// A valid event with one field deleted, replaced by random JSON, or an unknown key added.
const mutated = fc
  .tuple(
    fc.oneof(valid, label),
    fc.constantFrom('delete', 'replace', 'add', 'features'),
    fc.string({ maxLength: 12 }),
    json,
  )
  .map(([e, op, k, v]) => {
    const o: Record<string, unknown> = { ...e };
    const keys = Object.keys(o);
    const target = keys[k.length % keys.length];
    if (op === 'delete') delete o[target];
    else if (op === 'replace') o[target] = v;
    else if (op === 'add') o[k || 'x'] = v;
    else o.features = { [k]: v };
    return o;
  });

const ingestBody = fc.oneof(
  fc
    .array(fc.oneof(valid, mutated, json), { maxLength: 20 })
    .map((events) => JSON.stringify({ events })),
  json.map((v) => JSON.stringify(v)),
  fc.array(mutated, { maxLength: 5 }).map((events) => JSON.stringify({ events, extra: 1 })),
  // Truncated or corrupted JSON text.
  fc
    .tuple(fc.array(valid, { minLength: 1, maxLength: 5 }), fc.nat(), fc.string({ maxLength: 3 }))
    .map(([events, cut, junk]) => {
      const t = JSON.stringify({ events });
      return t.slice(0, cut % t.length) + junk + t.slice(cut % t.length);
    }),
  fc.string({ maxLength: 200 }),
);

const adminBody = fc.oneof(
  fc
    .record({ id: fc.string({ maxLength: 70 }), name: fc.string({ maxLength: 30 }) })
    .map((v) => JSON.stringify(v)),
  json.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 100 }),
);

const modelBody = fc.oneof(
  fc
    .record({
      name: fc.string({ maxLength: 20 }),
      features: fc.array(
        fc.record({
          name: fc.string({ maxLength: 8 }),
          kind: fc.constantFrom('numerical', 'categorical', 'text', 'float'),
        }),
        { maxLength: 4 },
      ),
    })
    .map((v) => JSON.stringify(v)),
  json.map((v) => JSON.stringify(v)),
);

const headerVariant = fc.constantFrom<Record<string, string>>(
  { 'content-type': 'application/json' },
  { 'content-type': 'application/json; charset=utf-8' },
  { 'content-type': 'text/plain' },
  { 'content-type': 'application/json', 'content-encoding': 'gzip' },
  { 'content-type': 'application/json', 'content-encoding': 'deflate' },
);

const shot: fc.Arbitrary<Shot> = fc.oneof(
  {
    weight: 7,
    arbitrary: fc
      .record({
        body: ingestBody,
        headers: headerVariant,
        gz: fc.boolean(),
        key: fc.constantFrom<Shot['key']>('a', 'a', 'a', 'none', 'junk'),
      })
      .map(({ body, headers, gz, key }) => ({
        method: 'POST' as const,
        path: '/v1/ingest',
        key,
        // Half of the "gzip" requests carry real gzip, the others plain bytes under a gzip header.
        body: headers['content-encoding'] === 'gzip' && gz ? gzipSync(body) : body,
        headers,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ body: adminBody, key: fc.constantFrom<Shot['key']>('admin', 'a', 'none') })
      .map(({ body, key }) => ({
        method: 'POST' as const,
        path: '/v1/projects',
        key,
        body,
        headers: { 'content-type': 'application/json' },
      })),
  },
  {
    weight: 1,
    arbitrary: modelBody.map((body) => ({
      method: 'POST' as const,
      path: '/v1/models',
      key: 'a' as const,
      body,
      headers: { 'content-type': 'application/json' },
    })),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(adminBody, fc.string({ maxLength: 40 })).map((x) => ({
      method: 'DELETE' as const,
      path: `/v1/keys/${encodeURIComponent(x).slice(0, 80)}`,
      key: 'a' as const,
      body: '',
      headers: {},
    })),
  },
);

describe('fuzz: 10,000 random and mutated payloads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
  });
  afterAll(() => h?.close());

  it('never answers 5xx and stays up', { timeout: 240_000 }, async () => {
    const shots = fc.sample(shot, { seed: SEED, numRuns: RUNS });
    expect(shots).toHaveLength(RUNS);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    const keyOf = (k: Shot['key']) =>
      k === 'a'
        ? h.a.key
        : k === 'admin'
          ? ADMIN_TOKEN
          : k === 'junk'
            ? 'vgl_a-project_0123456789abcdefABCDEF0123456789'
            : null;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < shots.length) {
          const s = shots[next++];
          const r = await h.request(s.method, s.path, {
            key: keyOf(s.key),
            ...(s.method === 'DELETE' ? {} : { raw: s.body }),
            headers: s.headers,
          });
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          const shapeOk =
            r.status === 204 ||
            r.json?.error?.code !== undefined ||
            r.json?.results !== undefined ||
            r.status < 300;
          if (r.status >= 500 || !shapeOk) {
            failures.push(
              `${r.status} ${s.method} ${s.path} ${String(s.body).slice(0, 200)} -> ${r.text.slice(0, 200)}`,
            );
          }
        }
      }),
    );
    expect(failures.slice(0, 5)).toEqual([]);
    // The mix exercised acceptance, partial acceptance and refusals alike.
    for (const code of [200, 207, 400, 401, 415])
      expect(statuses.get(code) ?? 0, `status ${code}`).toBeGreaterThan(0);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
    const health = await h.request('GET', '/healthz');
    expect(health.status).toBe(200);
    // And it still ingests.
    const ok = await h.request('POST', '/v1/ingest', {
      key: h.a.key,
      body: { events: [prediction('after-fuzz')] },
    });
    expect(ok.status).toBe(200);
  });
});
