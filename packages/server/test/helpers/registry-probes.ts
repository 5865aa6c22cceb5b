// Cross-project isolation probes for the registry and audit routes, spread into the PROBES of
// isolation.case.test.ts: B registers versions and aliases (on its private model and on the
// model `m` both projects have), and A's key must see, move or delete none of them.
import { expect } from 'vitest';
import type { Harness, Reply } from './harness.js';

type Probe = (h: Harness, b: { keyId: string }) => Promise<Reply[]>;

const echoed = (r: Reply, name: string): Reply => ({
  ...r,
  text: r.text.replaceAll(name, '(sent)'),
});

/** seedRegistryB gives project B versions, aliases and audit entries holding "b-secret". */
export async function seedRegistryB(h: Harness): Promise<void> {
  for (const model of ['b-only-model', 'm']) {
    for (const n of [1, 2]) {
      const r = await h.request('POST', `/v1/models/${model}/versions`, {
        key: h.b.key,
        body: { artifact_uri: `s3://b-secret/${model}/${n}`, tags: { owner: 'b-secret' } },
      });
      expect(r.status).toBe(201);
    }
    const a = await h.request('PUT', `/v1/models/${model}/aliases/production`, {
      key: h.b.key,
      body: { version: 2, reason: 'b-secret launch' },
    });
    expect(a.status).toBe(200);
  }
}

async function bProduction(h: Harness, model: string): Promise<number> {
  const r = await h.request('GET', `/v1/models/${model}/aliases/production`, { key: h.b.key });
  expect(r.status).toBe(200);
  return r.json.version;
}

/** REGISTRY_PROBES has one probe per registry and audit route. */
export const REGISTRY_PROBES: Record<string, Probe> = {
  'POST /v1/models/:model/versions': async (h) => {
    const other = await h.request('POST', '/v1/models/b-only-model/versions', {
      key: h.a.key,
      body: { artifact_uri: 's3://a/1' },
    });
    expect(other.status).toBe(404);
    // On the shared name `m`, A numbers its own versions from 1; B's list is unchanged.
    const own = await h.request('POST', '/v1/models/m/versions', {
      key: h.a.key,
      body: { artifact_uri: 's3://a/m/1' },
    });
    expect(own.status).toBe(201);
    expect(own.json.version).toBe(1);
    const b = await h.request('GET', '/v1/models/m/versions', { key: h.b.key });
    expect(b.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    return [echoed(other, 'b-only-model'), own];
  },
  'GET /v1/models/:model/versions': async (h) => {
    const other = await h.request('GET', '/v1/models/b-only-model/versions', { key: h.a.key });
    expect(other.status).toBe(404);
    const own = await h.request('GET', '/v1/models/m/versions', { key: h.a.key });
    expect(own.status).toBe(200);
    return [echoed(other, 'b-only-model'), own];
  },
  'GET /v1/models/:model/versions/:version': async (h) => {
    const other = await h.request('GET', '/v1/models/b-only-model/versions/1', { key: h.a.key });
    expect(other.status).toBe(404);
    const two = await h.request('GET', '/v1/models/m/versions/2', { key: h.a.key });
    expect(two.status).toBe(404);
    return [echoed(other, 'b-only-model'), two];
  },
  'PUT /v1/models/:model/aliases/:alias': async (h) => {
    const other = await h.request('PUT', '/v1/models/b-only-model/aliases/production', {
      key: h.a.key,
      body: { version: 1, reason: 'a tries' },
    });
    expect(other.status).toBe(404);
    // A's version 2 of `m` does not exist, whatever B has.
    const two = await h.request('PUT', '/v1/models/m/aliases/production', {
      key: h.a.key,
      body: { version: 2, reason: 'a tries' },
    });
    expect(two.status).toBe(404);
    const own = await h.request('PUT', '/v1/models/m/aliases/a-alias', {
      key: h.a.key,
      body: { version: 1, reason: 'a own' },
    });
    expect(own.status).toBe(200);
    expect(await bProduction(h, 'b-only-model')).toBe(2);
    expect(await bProduction(h, 'm')).toBe(2);
    return [echoed(other, 'b-only-model'), two, own];
  },
  'GET /v1/models/:model/aliases': async (h) => {
    const other = await h.request('GET', '/v1/models/b-only-model/aliases', { key: h.a.key });
    expect(other.status).toBe(404);
    const own = await h.request('GET', '/v1/models/m/aliases', { key: h.a.key });
    expect(own.status).toBe(200);
    expect(own.json.aliases.map((a: { alias: string }) => a.alias)).not.toContain('production');
    return [echoed(other, 'b-only-model'), own];
  },
  'GET /v1/models/:model/aliases/:alias': async (h) => {
    const other = await h.request('GET', '/v1/models/b-only-model/aliases/production', {
      key: h.a.key,
    });
    expect(other.status).toBe(404);
    const shared = await h.request('GET', '/v1/models/m/aliases/production', { key: h.a.key });
    expect(shared.status).toBe(404);
    return [echoed(other, 'b-only-model'), shared];
  },
  'DELETE /v1/models/:model/aliases/:alias': async (h) => {
    const other = await h.request('DELETE', '/v1/models/b-only-model/aliases/production?reason=x', {
      key: h.a.key,
    });
    expect(other.status).toBe(404);
    const shared = await h.request('DELETE', '/v1/models/m/aliases/production?reason=x', {
      key: h.a.key,
    });
    expect(shared.status).toBe(404);
    expect(await bProduction(h, 'b-only-model')).toBe(2);
    expect(await bProduction(h, 'm')).toBe(2);
    return [echoed(other, 'b-only-model'), shared];
  },
  'GET /v1/models/:model/alias-history': async (h) => {
    const other = await h.request('GET', '/v1/models/b-only-model/alias-history', {
      key: h.a.key,
    });
    expect(other.status).toBe(404);
    const shared = await h.request('GET', '/v1/models/m/alias-history', { key: h.a.key });
    expect(shared.status).toBe(200);
    expect(shared.json.moves.every((m: { alias: string }) => m.alias !== 'production')).toBe(true);
    return [echoed(other, 'b-only-model'), shared];
  },
  'GET /v1/registry/resolve': async (h) => {
    const rs: Reply[] = [];
    for (const ref of ['b-only-model@production', 'b-only-model', 'm@production', 'm@2']) {
      const r = await h.request('GET', `/v1/registry/resolve?ref=${ref}`, { key: h.a.key });
      expect(r.status, ref).toBe(404);
      rs.push(echoed(r, ref));
    }
    return rs;
  },
  'GET /v1/audit': async (h, b) => {
    const all = await h.request('GET', '/v1/audit?limit=10000', { key: h.a.key });
    expect(all.status).toBe(200);
    const bKeys = (await h.request('GET', '/v1/keys', { key: h.b.key })).json.keys.map(
      (k: { id: string }) => `key:${k.id}`,
    );
    expect(bKeys).toContain(`key:${b.keyId}`);
    for (const e of all.json.entries) expect(bKeys).not.toContain(e.actor);
    const named = await h.request('GET', '/v1/audit?target=b-only-model@production', {
      key: h.a.key,
    });
    expect(named.json.entries).toEqual([]);
    const csv = await h.request('GET', '/v1/audit?format=csv', { key: h.a.key });
    expect(csv.status).toBe(200);
    // B's own key sees its entries: the emptiness above is isolation, not an empty log.
    const bOwn = await h.request('GET', '/v1/audit?target=b-only-model@production', {
      key: h.b.key,
    });
    expect(bOwn.json.entries).toHaveLength(1);
    // Other probes make A objects named like B's (a monitor, a channel): those entries are A's own.
    const own = (r: Reply): Reply => ({
      ...r,
      text: r.text.replaceAll(/b-secret-(monitor|channel)/g, '(sent)'),
    });
    return [own(all), echoed(named, 'b-only-model@production'), own(csv)];
  },
};
