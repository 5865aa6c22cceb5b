// The channels and silences API on both stores: documents applied as YAML or JSON with
// created / configured / unchanged and ?dry_run=true, secrets withheld on every read, and bad
// input answered with a 400 naming the field (never a 5xx); monitors report unchanged re-applies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/harness.js';

const yaml = { 'content-type': 'application/yaml' };
const CHANNEL = (secret: string) => `apiVersion: vigil/v1
kind: Channel
metadata: { name: pager }
spec: { type: pagerduty, routingKey: ${secret}, url: "http://127.0.0.1:9/enqueue" }
`;

describe.each(BACKENDS)('channels and silences API on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());
  const put = (path: string, raw: string, headers: Record<string, string> = yaml) =>
    h.request('PUT', path, { key: h.a.key, raw, headers });

  it('applies a channel: dry run, created, unchanged, configured; reads never show the key', async () => {
    const dry = await put('/v1/channels?dry_run=true', CHANNEL('rk-1'));
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ created: ['pager'], configured: [], unchanged: [] });
    expect((await h.request('GET', '/v1/channels', { key: h.a.key })).json.channels).toEqual([]);
    expect((await put('/v1/channels', CHANNEL('rk-1'))).json.created).toEqual(['pager']);
    expect((await put('/v1/channels', CHANNEL('rk-1'))).json.unchanged).toEqual(['pager']);
    expect((await put('/v1/channels?dry_run=true', CHANNEL('rk-2'))).json.configured).toEqual([
      'pager',
    ]);
    // JSON is accepted too.
    const json = await put(
      '/v1/channels',
      JSON.stringify({
        apiVersion: 'vigil/v1',
        kind: 'Channel',
        metadata: { name: 'pager' },
        spec: { type: 'pagerduty', routingKey: 'rk-2', url: 'http://127.0.0.1:9/enqueue' },
      }),
      { 'content-type': 'application/json' },
    );
    expect(json.json.configured).toEqual(['pager']);
    const one = await h.request('GET', '/v1/channels/pager', { key: h.a.key });
    expect(one.json).toMatchObject({
      name: 'pager',
      type: 'pagerduty',
      redacted: ['spec.routingKey'],
      definition: { spec: { routingKey: '<redacted>', timeout: 10_000 } },
    });
    for (const r of [one, json, await h.request('GET', '/v1/channels', { key: h.a.key })]) {
      expect(r.text).not.toContain('rk-1');
      expect(r.text).not.toContain('rk-2');
    }
  });

  type Bad = {
    name: string;
    method: string;
    path: string;
    raw?: string;
    body?: unknown;
    status: number;
    field?: string;
    message: RegExp;
  };
  const bad: Bad[] = [
    {
      name: 'a channel with an unknown type',
      method: 'PUT',
      path: '/v1/channels',
      raw: 'apiVersion: vigil/v1\nkind: Channel\nmetadata: { name: x }\nspec: { type: fax }\n',
      status: 400,
      field: 'body.spec.type',
      message: /^invalid channel document: body:4:/,
    },
    {
      name: 'a Monitor sent to /v1/channels',
      method: 'PUT',
      path: '/v1/channels',
      raw: 'apiVersion: vigil/v1\nkind: Monitor\nmetadata: { name: x }\nspec: { type: data_drift, model: m }\n',
      status: 400,
      field: 'body.kind',
      message: /PUT \/v1\/channels takes kind Channel/,
    },
    {
      name: 'broken YAML',
      method: 'PUT',
      path: '/v1/channels',
      raw: 'kind: [Channel\n',
      status: 400,
      message: /YAML/,
    },
    {
      name: 'an unknown channel',
      method: 'GET',
      path: '/v1/channels/nope',
      status: 404,
      message: /no channel "nope"/,
    },
    {
      name: 'deleting an unknown channel',
      method: 'DELETE',
      path: '/v1/channels/nope',
      status: 404,
      message: /no channel "nope"/,
    },
    {
      name: 'a silence without comment',
      method: 'POST',
      path: '/v1/silences',
      body: { matchers: ['model="m"'] },
      status: 400,
      field: 'body.comment',
      message: /^invalid body: body.comment: /,
    },
    {
      name: 'a silence matching every alert',
      method: 'POST',
      path: '/v1/silences',
      body: { matchers: ['model=~".*"'], comment: 'all' },
      status: 400,
      field: 'body.matchers',
      message: /body.matchers: at least one matcher must not match the empty string/,
    },
    {
      name: 'a silence with a broken regex',
      method: 'POST',
      path: '/v1/silences',
      body: { matchers: ['model=~"(("'], comment: 'x' },
      status: 400,
      field: 'body.matchers[0]',
      message: /body.matchers\[0\]: invalid regular expression "\(\("/,
    },
    {
      name: 'a silence that ended in the past',
      method: 'POST',
      path: '/v1/silences',
      body: { matchers: ['model="m"'], comment: 'x', startsAt: 1000, endsAt: 2000 },
      status: 400,
      message: /must end in the future/,
    },
    {
      name: 'an unknown silence',
      method: 'DELETE',
      path: '/v1/silences/00000000-0000-0000-0000-000000000000',
      status: 404,
      message: /no silence/,
    },
    {
      name: 'an unknown silence state',
      method: 'GET',
      path: '/v1/silences?state=sleeping',
      status: 400,
      field: 'query.state',
      message: /^invalid query: query.state: /,
    },
  ];
  it.each(bad)('refuses $name', async ({ method, path, raw, body, status, field, message }) => {
    const r = await h.request(method, path, {
      key: h.a.key,
      ...(raw === undefined ? {} : { raw, headers: yaml }),
      ...(body === undefined ? {} : { body }),
    });
    expect(r.status, r.text).toBe(status);
    expect(r.json.error.message).toMatch(message);
    if (field !== undefined) {
      expect(r.json.error.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
  });

  it('lists silences by state and expires one early', async () => {
    const s = await h.request('POST', '/v1/silences', {
      key: h.a.key,
      body: {
        matchers: [{ name: 'monitor', value: 'x' }],
        comment: 'c',
        startsAt: Date.now() + 3_600_000,
        duration: '1h',
      },
    });
    expect(s.status).toBe(201);
    expect(s.json.state).toBe('pending');
    const pending = await h.request('GET', '/v1/silences?state=pending', { key: h.a.key });
    expect(pending.json.silences.map((x: { id: string }) => x.id)).toEqual([s.json.id]);
    const del = await h.request('DELETE', `/v1/silences/${s.json.id}`, { key: h.a.key });
    expect(del.json).toMatchObject({ state: 'expired' });
    expect(del.json.expired_at).toBe(del.json.ends_at);
    const expired = await h.request('GET', '/v1/silences?state=expired', { key: h.a.key });
    expect(expired.json.silences.map((x: { id: string }) => x.id)).toEqual([s.json.id]);
    // Expiring again is harmless.
    expect((await h.request('DELETE', `/v1/silences/${s.json.id}`, { key: h.a.key })).status).toBe(
      200,
    );
  });

  it('re-applying an identical monitor is unchanged; dry_run writes nothing', async () => {
    const doc = (t: number) =>
      `apiVersion: vigil/v1\nkind: Monitor\nmetadata: { name: mon }\nspec: { type: data_drift, model: m, threshold: ${t} }\n`;
    expect((await put('/v1/monitors?dry_run=true', doc(0.2))).json.created).toEqual(['mon']);
    expect((await h.request('GET', '/v1/monitors/mon', { key: h.a.key })).status).toBe(404);
    expect((await put('/v1/monitors', doc(0.2))).json.created).toEqual(['mon']);
    expect((await put('/v1/monitors', doc(0.2))).json).toMatchObject({
      unchanged: ['mon'],
      updated: [],
    });
    expect((await put('/v1/monitors?dry_run=true', doc(0.3))).json.updated).toEqual(['mon']);
    const m = await h.request('GET', '/v1/monitors/mon', { key: h.a.key });
    expect(m.json.definition.spec.threshold).toBe(0.2);
    const audit = await h.store.audit.query('a-project', {
      range: { fromMs: 0, toMs: Date.now() + 1000 },
      targetKind: 'monitor',
    });
    expect(audit.map((e) => e.action)).toEqual(['monitor.create']);
  });

  it('answers 600 mutated channel, silence and monitor payloads with 2xx or 4xx, never a 5xx', async () => {
    // Seeded LCG so a failure replays; each payload is a valid one with a few bytes changed.
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const ALPHABET = ' :{}[]",\n-~=!\\#&*|>0aZ.';
    const mutate = (text: string) => {
      let t = text;
      for (let k = 1 + rnd(4); k > 0; k--) {
        const at = rnd(t.length + 1);
        const op = rnd(3);
        const ch = ALPHABET[rnd(ALPHABET.length)];
        t =
          op === 0
            ? t.slice(0, at) + t.slice(at + 1)
            : op === 1
              ? t.slice(0, at) + ch + t.slice(at)
              : t.slice(0, at) + ch + t.slice(at + 1);
      }
      return t;
    };
    const silence = JSON.stringify({
      matchers: ['monitor=~"fraud.*"', { name: 'severity', value: 'critical', isEqual: false }],
      comment: 'fuzz',
      startsAt: '2030-01-01T00:00:00Z',
      duration: '1h',
    });
    const statuses = new Map<number, number>();
    const monitor = `apiVersion: vigil/v1
kind: Monitor
metadata: { name: fuzz, labels: { team: ml } }
spec: { type: data_drift, model: m, method: psi, alert: { for: 5m, channels: [pager] } }
`;
    for (let i = 0; i < 600; i++) {
      const r =
        i % 3 === 0
          ? await put('/v1/channels', mutate(CHANNEL('rk-fuzz')))
          : i % 3 === 1
            ? await h.request('POST', '/v1/silences', {
                key: h.a.key,
                raw: mutate(silence),
                headers: { 'content-type': 'application/json' },
              })
            : await put('/v1/monitors', mutate(monitor));
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expect(r.status, `${r.text} ${i}`).toBeLessThan(500);
    }
    // Both outcomes happened: the mutations are neither all harmless nor all fatal.
    expect([...statuses.keys()].some((c) => c < 300)).toBe(true);
    expect([...statuses.keys()].some((c) => c >= 400)).toBe(true);
    expect((await h.request('GET', '/healthz')).status).toBe(200);
  });
});
