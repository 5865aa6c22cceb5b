import { buildApp } from '@vigil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  BACKENDS,
  type Harness,
  prediction,
  startHarness,
  T0,
} from '../helpers/harness.js';

const WINDOW = `from=${T0}&to=${T0 + 86_400_000}`;

describe.each(BACKENDS)('server API on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());

  describe('keys', () => {
    it('creates, lists (without secrets) and revokes keys; revocation is immediate', async () => {
      const created = await h.request('POST', '/v1/keys', { key: h.a.key, body: { name: 'ci' } });
      expect(created.status).toBe(201);
      const k = created.json.key as string;
      expect(k.startsWith('vgl_a-project_')).toBe(true);
      expect((await h.request('GET', '/v1/project', { key: k })).json.id).toBe('a-project');
      const list = await h.request('GET', '/v1/keys', { key: h.a.key });
      expect(list.json.keys.map((i: { name: string }) => i.name)).toContain('ci');
      expect(list.text).not.toContain(k);
      const del = await h.request('DELETE', `/v1/keys/${created.json.info.id}`, { key: h.a.key });
      expect(del.status).toBe(204);
      const after = await h.request('GET', '/v1/project', { key: k });
      expect(after.status).toBe(401);
      expect(
        (await h.request('DELETE', `/v1/keys/${created.json.info.id}`, { key: h.a.key })).status,
      ).toBe(404);
      // The stored form is a hash: the key text appears nowhere in the listing of any key.
      expect(JSON.stringify(await h.store.listApiKeys('a-project'))).not.toContain(k.slice(14));
    });

    type AdminCase = {
      name: string;
      token: string | null;
      body: unknown;
      status: number;
      field?: string;
    };
    const admin: AdminCase[] = [
      { name: 'no token', token: null, body: { id: 'p1', name: 'P' }, status: 401 },
      {
        name: 'a wrong token',
        token: 'not-the-admin-token',
        body: { id: 'p1', name: 'P' },
        status: 401,
      },
      {
        name: 'a bad project id',
        token: ADMIN_TOKEN,
        body: { id: 'Bad_Id', name: 'P' },
        status: 400,
        field: 'body.id',
      },
      {
        name: 'an unknown key in the body',
        token: ADMIN_TOKEN,
        body: { id: 'p2', name: 'P', x: 1 },
        status: 400,
        field: 'body.x',
      },
      {
        name: 'an existing project',
        token: ADMIN_TOKEN,
        body: { id: 'a-project', name: 'Again' },
        status: 409,
      },
    ];
    it.each(admin)('project creation refuses $name', async ({ token, body, status, field }) => {
      const r = await h.request('POST', '/v1/projects', { key: token, body });
      expect(r.status).toBe(status);
      if (field !== undefined) expect(r.json.error.issues[0].field).toBe(field);
    });

    it('project keys cannot act as the admin token', async () => {
      const r = await h.request('POST', '/v1/projects', {
        key: h.a.key,
        body: { id: 'p3', name: 'P' },
      });
      expect(r.status).toBe(401);
    });
  });

  describe('models and reads', () => {
    it('creates (201), updates (200), gets, lists and 404s models', async () => {
      const spec = {
        name: 'churn',
        task: 'classification',
        features: [{ name: 'age', kind: 'numerical', importance: 0.4 }],
      };
      expect((await h.request('POST', '/v1/models', { key: h.a.key, body: spec })).status).toBe(
        201,
      );
      const upd = await h.request('POST', '/v1/models', {
        key: h.a.key,
        body: { ...spec, description: 'v2' },
      });
      expect(upd.status).toBe(200);
      const got = await h.request('GET', '/v1/models/churn', { key: h.a.key });
      expect(got.json.spec).toMatchObject({
        name: 'churn',
        description: 'v2',
        features: [{ name: 'age', importance: 0.4 }],
      });
      const list = await h.request('GET', '/v1/models', { key: h.a.key });
      expect(list.json.models.map((m: { spec: { name: string } }) => m.spec.name)).toEqual([
        'churn',
        'm',
      ]);
      const missing = await h.request('GET', '/v1/models/nope', { key: h.a.key });
      expect(missing.status).toBe(404);
      expect(missing.json.error.message).toBe('no model "nope"');
      const badKind = await h.request('POST', '/v1/models', {
        key: h.a.key,
        body: { name: 'x', features: [{ name: 'a', kind: 'float' }] },
      });
      expect(badKind.status).toBe(400);
      expect(badKind.json.error.issues[0].field).toBe('body.features[0].kind');
      // A model created now is known to ingestion at once.
      const r = await h.request('POST', '/v1/ingest', {
        key: h.a.key,
        body: { events: [prediction('churn-1', 1, 'churn')] },
      });
      expect(r.status).toBe(200);
    });

    type ReadCase = { name: string; path: string; field: string };
    const reads: ReadCase[] = [
      { name: 'events without a window', path: '/v1/events?type=prediction', field: 'query.from' },
      {
        name: 'events with from >= to',
        path: `/v1/events?type=prediction&from=${T0}&to=${T0}`,
        field: 'query.to',
      },
      {
        name: 'events of an unknown type',
        path: `/v1/events?type=click&${WINDOW}`,
        field: 'query.type',
      },
      {
        name: 'events over the row limit',
        path: `/v1/events?type=label&${WINDOW}&limit=10001`,
        field: 'query.limit',
      },
      { name: 'profiles without a window', path: '/v1/models/m/profiles', field: 'query.from' },
      {
        name: 'profiles with a bad time',
        path: '/v1/models/m/profiles?from=yesterday&to=1',
        field: 'query.from',
      },
    ];
    it.each(reads)('requires a valid time window: $name', async ({ path, field }) => {
      const r = await h.request('GET', path, { key: h.a.key });
      expect(r.status).toBe(400);
      expect(r.json.error.issues.map((i: { field: string }) => i.field)).toContain(field);
    });

    it('reads events (ISO or epoch windows) and per-window profiles', async () => {
      await h.request('POST', '/v1/ingest', {
        key: h.a.key,
        body: {
          events: Array.from({ length: 20 }, (_, n) => prediction(`rd-${n}`, 3_600_000 + n)),
        },
      });
      const iso = (ms: number) => new Date(ms).toISOString();
      const ev = await h.request(
        'GET',
        `/v1/events?type=prediction&model=m&from=${iso(T0 + 3_600_000)}&to=${iso(T0 + 7_200_000)}`,
        { key: h.a.key },
      );
      expect(ev.status).toBe(200);
      expect(ev.json.events.map((e: { event: { event_id: string } }) => e.event.event_id)).toEqual(
        Array.from({ length: 20 }, (_, n) => `rd-${n}`),
      );
      const pr = await h.request(
        'GET',
        `/v1/models/m/profiles?from=${T0 + 3_600_000}&to=${T0 + 7_200_000}&column=x&full=true`,
        { key: h.a.key },
      );
      expect(pr.status).toBe(200);
      expect(pr.json.profiles).toHaveLength(1);
      expect(pr.json.profiles[0]).toMatchObject({
        column: 'x',
        role: 'feature',
        row_count: 20,
        window_start: T0 + 3_600_000,
      });
      expect(pr.json.profiles[0].summary).toMatchObject({
        kind: 'numeric',
        count: 20,
        min: 3_600_000 % 97,
        max: (3_600_000 % 97) + 19,
      });
      expect(pr.json.profiles[0].profile.kind).toBe('numeric');
    });
  });

  describe('health, metrics, OpenAPI', () => {
    it('answers /healthz without a key', async () => {
      const r = await h.request('GET', '/healthz');
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ status: 'ok', store: backend });
    });

    it("exposes Vigil's own health in Prometheus text", async () => {
      await h.request('POST', '/v1/ingest', {
        key: h.a.key,
        body: { events: [prediction('metrics-1'), prediction('metrics-2', 0, 'ghost')] },
      });
      await h.request('POST', '/v1/ingest', {
        key: h.a.key,
        body: { events: Array.from({ length: 5001 }, () => ({})) },
      });
      const r = await h.request('GET', '/metrics');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(r.text).toMatch(
        /^vigil_ingest_events_total\{type="prediction",outcome="accepted"\} [1-9]\d*$/m,
      );
      expect(r.text).toMatch(
        /^vigil_ingest_events_total\{type="prediction",outcome="rejected"\} [1-9]/m,
      );
      expect(r.text).toMatch(
        /^vigil_http_request_duration_seconds_count\{method="POST",route="\/v1\/ingest",status="200"\} \d+/m,
      );
      expect(r.text).toMatch(
        /^vigil_http_errors_total\{route="\/v1\/ingest",code="PAYLOAD_TOO_LARGE"\} \d+/m,
      );
      expect(r.text).toContain('# TYPE vigil_monitor_value gauge');
      expect(r.text).toContain('vigil_process_resident_memory_bytes');
    });

    it('describes every route in /openapi.json, with auth and error responses', async () => {
      const r = await h.request('GET', '/openapi.json');
      expect(r.status).toBe(200);
      expect(r.json.openapi).toBe('3.1.0');
      const { routes } = buildApp({ store: h.store });
      const documented = Object.entries(r.json.paths).flatMap(([p, ops]) =>
        Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`),
      );
      const served = routes.map((s) => `${s.method} ${s.url.replace(/:(\w+)/g, '{$1}')}`);
      expect(documented.sort()).toEqual(served.sort());
      for (const s of routes) {
        const op = r.json.paths[s.url.replace(/:(\w+)/g, '{$1}')][s.method.toLowerCase()];
        if (s.auth !== 'public') expect(op.responses['401'], `${s.method} ${s.url}`).toBeDefined();
        expect(op.responses['500']).toBeDefined();
      }
      const ingest = r.json.paths['/v1/ingest'].post;
      const event = ingest.requestBody.content['application/json'].schema.properties.events.items;
      expect(
        event.oneOf.map(
          (o: { properties: { type: { const?: string; enum?: string[] } } }) =>
            o.properties.type.enum?.[0] ?? o.properties.type.const,
        ),
      ).toEqual(['prediction', 'label', 'outcome', 'infra']);
      expect(Object.keys(ingest.responses)).toEqual(
        expect.arrayContaining(['200', '207', '400', '401', '413', '415']),
      );
    });

    it('answers unknown routes with 404 naming the route', async () => {
      const r = await h.request('GET', '/v1/nothing');
      expect(r.status).toBe(404);
      expect(r.json.error.message).toBe('no route GET /v1/nothing');
    });
  });
});
