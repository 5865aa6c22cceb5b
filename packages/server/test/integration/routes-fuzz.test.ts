// Every authenticated route (the list the server registers, so a new route is fuzzed without
// being named here) gets seeded random requests: odd path parameters, random query strings and
// random JSON, YAML or text bodies. Every answer is a 2xx, 3xx or 4xx, never a 5xx, and the
// server still answers /healthz afterwards. Complements fuzz.test.ts (ingest, 10,000 payloads).
import { buildApp } from '@vigil/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/harness.js';

// FUZZ_PER_ROUTE raises the count for a longer local run (CI uses the default).
const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_127);

const segment = fc.oneof(
  fc.constantFrom('m', 'a-project', '1', '0', '-1', 'production', 'latest', 'x'.repeat(300)),
  fc.string({ minLength: 1, maxLength: 20 }),
  // Any code point, NUL and lone surrogates included (PostgreSQL refuses NUL in text).
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
  fc.uuid(),
);
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
);
const query = fc.dictionary(
  fc.constantFrom('from', 'to', 'limit', 'state', 'model', 'version', 'format', 'ref', 'bucket'),
  fc.oneof(
    fc.constantFrom('0', '1', '2026-01-01', 'NaN', '-5', '1e400', '7d', 'json', 'csv', ''),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
  ),
  { maxKeys: 4 },
);
const body = fc.oneof(
  json.map((v) => ({ text: JSON.stringify(v), type: 'application/json' })),
  fc.string({ maxLength: 200 }).map((t) => ({ text: t, type: 'application/json' })),
  fc.string({ maxLength: 200 }).map((t) => ({ text: t, type: 'application/yaml' })),
  json.map((v) => ({
    text: `apiVersion: vigil/v1\nspec: ${JSON.stringify(v)}\n`,
    type: 'application/yaml',
  })),
);

describe.each(BACKENDS)('every authenticated route under random requests on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());

  it('answers every one with a non-5xx status and stays up', async () => {
    const { routes } = buildApp({ store: h.store });
    const guarded = routes.filter((r) => r.auth === 'key');
    expect(guarded.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let sent = 0;
    for (const [i, route] of guarded.entries()) {
      const shots = fc.sample(
        fc.record({ params: fc.array(segment, { minLength: 4, maxLength: 4 }), query, body }),
        {
          seed: SEED + i,
          numRuns: PER_ROUTE,
        },
      );
      for (const s of shots) {
        let n = 0;
        const path = route.url.replace(/:[A-Za-z]+/g, () => encodeURIComponent(s.params[n++ % 4]));
        const qs = new URLSearchParams(s.query).toString();
        const r = await h.request(route.method, `${path}${qs === '' ? '' : `?${qs}`}`, {
          key: h.a.key,
          ...(route.method === 'GET' || route.method === 'DELETE'
            ? {}
            : { raw: s.body.text, headers: { 'content-type': s.body.type } }),
        });
        sent++;
        if (r.status >= 500) {
          failures.push(
            `${route.method} ${path}?${qs} ${s.body.text.slice(0, 80)} -> ${r.status} ${r.text.slice(0, 120)}`,
          );
        }
      }
    }
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([]);
    expect(sent).toBe(guarded.length * PER_ROUTE);
    expect((await h.request('GET', '/healthz')).status).toBe(200);
  });
});
