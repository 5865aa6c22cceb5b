// resolveModel against the real server (SQLite store in a temp dir): references resolve to the
// registry's versions, answers are cached, unknown references and outages never throw (they
// report RESOLVE_FAILED), and an outage serves the last answer marked stale.
import {
  ModelResolver,
  VigilClient,
  type VigilClientOptions,
  type VigilSdkError,
} from '@vigil/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../helpers/server.js';

const P = 'sdk-project';
const by = { actor: 'test', reason: 'test' };
let server: TestServer;

beforeAll(async () => {
  server = await openTestServer();
  for (const n of [1, 2, 3]) {
    await server.store.registry.createVersion(P, 'm', {
      artifactUri: `s3://m/${n}`,
      metrics: { auc: [0.81, 0.82, 0.83][n - 1] },
      createdBy: 'test',
    });
  }
  await server.store.registry.setAlias(P, 'm', 'production', 2, by);
});
afterAll(() => server?.close());

function sdk(extra: VigilClientOptions = {}) {
  const errors: VigilSdkError[] = [];
  let requests = 0;
  const client = new VigilClient({
    endpoint: server.url,
    apiKey: server.key,
    flushOnExit: false,
    onError: (e) => errors.push(e),
    fetch: (url, init) => {
      requests++;
      return globalThis.fetch(url, init);
    },
    ...extra,
  });
  return { client, errors, requests: () => requests };
}

describe('resolveModel', () => {
  it('resolves name@alias, name@N and name to registry versions', async () => {
    const { client, errors } = sdk();
    const prod = await client.resolveModel('m@production');
    expect(prod).toMatchObject({
      ref: 'm@production',
      model: 'm',
      alias: 'production',
      version: 2,
      artifactUri: 's3://m/2',
      baselineId: null,
      metrics: { auc: 0.82 },
      stale: false,
    });
    expect((await client.resolveModel('m@1'))?.artifactUri).toBe('s3://m/1');
    expect((await client.resolveModel('m'))?.version).toBe(3);
    expect(errors).toEqual([]);
    await client.close();
  });

  it('reuses an answer for resolveCacheMs and asks once for concurrent calls', async () => {
    const { client, requests } = sdk({ resolveCacheMs: 86_400_000 });
    const both = await Promise.all([
      client.resolveModel('m@canary'),
      client.resolveModel('m@canary'),
    ]);
    expect(both).toEqual([undefined, undefined]);
    expect(requests()).toBe(1);
    await server.store.registry.setAlias(P, 'm', 'canary', 3, by);
    // Still cached (the "no such alias" answer too): no new request.
    expect(await client.resolveModel('m@canary')).toBeUndefined();
    expect(requests()).toBe(1);
    const { client: fresh, requests: freshRequests } = sdk({ resolveCacheMs: 0 });
    expect((await fresh.resolveModel('m@canary'))?.version).toBe(3);
    await server.store.registry.setAlias(P, 'm', 'canary', 1, by);
    expect((await fresh.resolveModel('m@canary'))?.version).toBe(1);
    expect(freshRequests()).toBe(2);
    await client.close();
    await fresh.close();
  });

  it('reports unknown and malformed references without throwing', async () => {
    const { client, errors } = sdk();
    expect(await client.resolveModel('m@nope')).toBeUndefined();
    expect(await client.resolveModel('nope@production')).toBeUndefined();
    expect(await client.resolveModel('m@Bad!')).toBeUndefined();
    expect(await client.resolveModel('')).toBeUndefined();
    expect(await client.resolveModel(42 as unknown as string)).toBeUndefined();
    expect(errors.map((e) => [e.code, e.status])).toEqual([
      ['RESOLVE_FAILED', 404],
      ['RESOLVE_FAILED', 404],
      ['RESOLVE_FAILED', 400],
      ['RESOLVE_FAILED', undefined],
      ['RESOLVE_FAILED', undefined],
    ]);
    expect(errors[0].message).toBe('resolving m@nope: HTTP 404: nothing matches "m@nope"');
    // A handler that throws changes nothing for the caller.
    const { client: rough } = sdk({
      onError: () => {
        throw new Error('handler bug');
      },
    });
    expect(await rough.resolveModel('m@nope')).toBeUndefined();
    await client.close();
    await rough.close();
  });

  it('serves the last answer marked stale while the server is down, undefined without one', async () => {
    let t = 0;
    const failures: string[] = [];
    const resolver = new ModelResolver({
      baseUrl: server.url,
      apiKey: server.key,
      fetch: (url, init) => globalThis.fetch(url, init),
      timeoutMs: 5000,
      cacheMs: 1000,
      now: () => t,
      report: (f) => failures.push(f.message),
    });
    const first = await resolver.resolve('m@production');
    expect(first).toMatchObject({ version: 2, stale: false, fetchedAt: 0 });
    await server.down();
    try {
      t = 500; // within cacheMs: the cache answers, nothing is asked
      expect(await resolver.resolve('m@production')).toEqual(first);
      expect(failures).toEqual([]);
      t = 5000; // expired, server down: the old answer, marked stale, and a report
      expect(await resolver.resolve('m@production')).toEqual({ ...first, stale: true });
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatch(/^resolving m@production: /);
      expect(await resolver.resolve('m@1')).toBeUndefined();
      expect(failures).toHaveLength(2);
      // Through the client too: never a rejection.
      const { client, errors } = sdk();
      expect(await client.resolveModel('m@production')).toBeUndefined();
      expect(errors.map((e) => e.code)).toEqual(['RESOLVE_FAILED']);
      await client.close();
    } finally {
      await server.up();
    }
    t = 6000;
    expect(await resolver.resolve('m@production')).toMatchObject({
      version: 2,
      stale: false,
      fetchedAt: 6000,
    });
  });

  it('reports a refused key as a failure', async () => {
    const { client, errors } = sdk({ apiKey: 'vk_nope' });
    expect(await client.resolveModel('m@production')).toBeUndefined();
    expect(errors[0].code).toBe('RESOLVE_FAILED');
    expect(errors[0].status).toBe(401);
    await client.close();
  });
});
