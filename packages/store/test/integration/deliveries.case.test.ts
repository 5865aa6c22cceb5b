// The delivery log on both adapters: one row per attempt, read back by time window (oldest first),
// per project and optionally per channel.
import type { DeliveryRecord, SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2024, 0, 1);

const row = (id: string, timeMs: number, over: Partial<DeliveryRecord> = {}): DeliveryRecord => ({
  id,
  timeMs,
  channel: 'hook',
  channelType: 'webhook',
  fingerprint: 'fp1',
  monitor: 'm1',
  kind: 'firing',
  attempt: 1,
  outcome: 'success',
  statusCode: 200,
  error: null,
  durationMs: 12.5,
  ...over,
});

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name delivery log', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  beforeAll(async () => {
    store = backend.open();
    await migrateOrExplain(backend, store);
    await store.createProject({ id: 'p1', name: 'P1' });
    await store.createProject({ id: 'p2', name: 'P2' });
    await store.appendDelivery('p1', row('a', T0 + 10));
    await store.appendDelivery(
      'p1',
      row('b', T0, {
        channel: 'pd',
        channelType: 'pagerduty',
        outcome: 'retry',
        statusCode: null,
        error: 'timed out after 50 ms',
      }),
    );
    await store.appendDelivery('p1', row('c', T0 + 20, { channel: 'pd', attempt: 2 }));
    await store.appendDelivery('p2', row('d', T0 + 5));
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('returns every attempt of the window, oldest first, with all fields', async () => {
    const got = await store.queryDeliveries('p1', { range: { fromMs: T0, toMs: T0 + 100 } });
    expect(got.map((d) => d.id)).toEqual(['b', 'a', 'c']);
    expect(got[0]).toEqual(
      row('b', T0, {
        channel: 'pd',
        channelType: 'pagerduty',
        outcome: 'retry',
        statusCode: null,
        error: 'timed out after 50 ms',
      }),
    );
  });

  it.each([
    { name: 'half-open window', q: { range: { fromMs: T0 + 1, toMs: T0 + 20 } }, ids: ['a'] },
    {
      name: 'one channel',
      q: { range: { fromMs: T0, toMs: T0 + 100 }, channel: 'pd' },
      ids: ['b', 'c'],
    },
    { name: 'limit', q: { range: { fromMs: T0, toMs: T0 + 100 }, limit: 1 }, ids: ['b'] },
  ])('$name', async ({ q, ids }) => {
    expect((await store.queryDeliveries('p1', q)).map((d) => d.id)).toEqual(ids);
  });

  it('keeps projects apart', async () => {
    const got = await store.queryDeliveries('p2', { range: { fromMs: T0, toMs: T0 + 100 } });
    expect(got.map((d) => d.id)).toEqual(['d']);
  });

  it('claims only jobs of the asked kind', async () => {
    await store.enqueueJob('p1', { kind: 'evaluate', payload: { n: 1 }, runAtMs: 0 });
    const notify = await store.enqueueJob('p1', { kind: 'notify', payload: { n: 2 }, runAtMs: 0 });
    const got = await store.claimJobs({ worker: 'w', limit: 10, leaseMs: 60_000, kind: 'notify' });
    expect(got.map((j) => [j.id, j.kind, j.payload])).toEqual([[notify, 'notify', { n: 2 }]]);
    const rest = await store.claimJobs({ worker: 'w', limit: 10, leaseMs: 60_000 });
    expect(rest.map((j) => j.kind)).toEqual(['evaluate']);
  });

  it('requires a window', async () => {
    await expect(store.queryDeliveries('p1', { range: { fromMs: T0, toMs: T0 } })).rejects.toThrow(
      /time window/,
    );
  });
});
