// variantFor against the real server (SQLite store in a temp dir): the SDK hashes units with the
// config of GET /v1/experiments/:name into the same variants as assignVariant, records the variant
// on every event type, caches the config, and never throws (unknown experiment, outage: it
// reports EXPERIMENT_FETCH_FAILED and returns null or the last config marked stale).
import { assignVariant } from '@vigil/contracts';
import { VigilClient, type VigilClientOptions, type VigilSdkError } from '@vigil/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, T0, type TestServer } from '../helpers/server.js';

const P = 'sdk-project';
let server: TestServer;
const CONFIG = [
  { name: 'stable', weight: 0.9 },
  { name: 'fresh', weight: 0.1 },
];

beforeAll(async () => {
  server = await openTestServer();
  for (const n of [1, 2]) {
    await server.store.registry.createVersion(P, 'm', {
      artifactUri: `s3://m/${n}`,
      createdBy: 't',
    });
  }
  await server.store.registry.setAlias(P, 'm', 'production', 1, { actor: 't', reason: 't' });
  const r = await fetch(`${server.url}/v1/canaries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'm-v2',
      model: 'm',
      variants: [
        { name: 'stable', role: 'baseline' },
        { name: 'fresh', role: 'candidate', version: 2, weight: 0.1 },
      ],
    }),
  });
  expect(r.status).toBe(201);
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
      if (url.includes('/v1/experiments/')) requests++;
      return globalThis.fetch(url, init);
    },
    ...extra,
  });
  return { client, errors, requests: () => requests };
}

describe('variantFor', () => {
  it('assigns units exactly as assignVariant does, with the variant version', async () => {
    const { client, errors, requests } = sdk();
    const counts: Record<string, number> = { stable: 0, fresh: 0 };
    for (let i = 0; i < 400; i++) {
      const a = await client.variantFor('m-v2', `user-${i}`);
      expect(a?.variant).toBe(assignVariant(`user-${i}`, 'm-v2', CONFIG));
      expect(a?.version).toBe(a?.variant === 'fresh' ? 2 : 1);
      expect(a?.modelVersion).toBe(String(a?.version));
      expect(a?.stale).toBe(false);
      counts[a?.variant ?? '']++;
    }
    expect(counts.fresh).toBeGreaterThan(20);
    expect(counts.fresh).toBeLessThan(70);
    // One request for 400 assignments: the config is cached.
    expect(requests()).toBe(1);
    expect(errors).toEqual([]);
    await client.close();
  });

  it('records the variant on every event type', async () => {
    const { client, errors } = sdk();
    const a = await client.variantFor('m-v2', 'user-7');
    if (a === null) throw new Error('no assignment');
    const id = client.logPrediction({
      model: 'm',
      features: { x: 1 },
      prediction: 1,
      time: T0,
      variant: a.variant,
      modelVersion: a.modelVersion,
    });
    client.logLabel({ predictionId: id, label: 1, time: T0, variant: a.variant });
    client.logOutcome({ name: 'click', value: 1, predictionId: id, time: T0, variant: a.variant });
    client.logInfra({ model: 'm', time: T0, latencyMs: 5, variant: a.variant });
    client.logPrediction({ model: 'm', features: {}, time: T0, variant: 'bad variant!' });
    await client.close();
    for (const type of ['prediction', 'label', 'outcome', 'infra']) {
      const events = await server.events(type);
      expect(events.some((e) => e.variant === a.variant)).toBe(true);
    }
    expect(errors.map((e) => e.code)).toEqual(['INVALID_EVENT']);
    expect(errors[0].issues[0].field).toBe('variant');
  });

  it('never throws: unknown experiment, bad input and an outage', async () => {
    const { client, errors } = sdk({ experimentCacheMs: 0, maxRetries: 0 });
    expect(await client.variantFor('nope', 'u1')).toBeNull();
    expect(await client.variantFor('bad name!', 'u1')).toBeNull();
    expect(await client.variantFor('m-v2', '')).toBeNull();
    const before = await client.variantFor('m-v2', 'user-3');
    await server.down();
    try {
      const during = await client.variantFor('m-v2', 'user-3');
      // The last config is used, marked stale: the unit keeps its variant during the outage.
      expect(during).toEqual({ ...before, stale: true });
      const { client: cold, errors: coldErrors } = sdk();
      expect(await cold.variantFor('m-v2', 'user-3')).toBeNull();
      expect(coldErrors.map((e) => e.code)).toEqual(['EXPERIMENT_FETCH_FAILED']);
      await cold.close();
    } finally {
      await server.up();
    }
    expect(errors.map((e) => e.code)).toEqual([
      'EXPERIMENT_FETCH_FAILED',
      'EXPERIMENT_FETCH_FAILED',
      'EXPERIMENT_FETCH_FAILED',
      'EXPERIMENT_FETCH_FAILED',
    ]);
    await client.close();
  });
});
