// Channels and silences on both adapters: upserts report created / configured / unchanged, each
// change commits with its audit row, silences move through pending, active and expired, expiring
// early keeps the history, and nothing of one project is visible from another.
import {
  channelDefinitionSchema,
  modelSpecSchema,
  monitorDefinitionSchema,
} from '@vigil/contracts';
import { openPostgresStore, openSqliteStore, type SqlStore, StoreError } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2026, 4, 27, 12);
const HOUR = 3_600_000;
const ALL = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };

const hook = (url: string, secret?: string) =>
  channelDefinitionSchema.parse({
    apiVersion: 'vigil/v1',
    kind: 'Channel',
    metadata: { name: 'hook' },
    spec: { type: 'webhook', url, ...(secret === undefined ? {} : { secret }) },
  });

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name channels and silences', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  let clock = T0;
  beforeAll(async () => {
    const opened = backend.open();
    await migrateOrExplain(backend, opened);
    await opened.close();
    // Reopen with a controllable clock on the same database.
    store =
      backend.name === 'sqlite'
        ? openSqliteStore(backend.target.path ?? '', { now: () => clock })
        : openPostgresStore({
            connectionString: backend.target.url ?? '',
            schema: backend.target.schema ?? '',
            now: () => clock,
          });
    await store.createProject({ id: 'p1', name: 'P1' });
    await store.createProject({ id: 'p2', name: 'P2' });
  });
  afterAll(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('puts a channel: created, unchanged, configured; each change audited', async () => {
    const a = await store.notify.putChannel('p1', hook('http://a.example/h', 's3cret'), 'key:k1');
    expect(a.change).toBe('created');
    expect(a.channel).toMatchObject({ name: 'hook', type: 'webhook', createdMs: T0 });
    clock += 1000;
    const same = await store.notify.putChannel(
      'p1',
      hook('http://a.example/h', 's3cret'),
      'key:k1',
    );
    expect(same.change).toBe('unchanged');
    expect(same.channel.updatedMs).toBe(T0);
    const b = await store.notify.putChannel('p1', hook('http://a.example/h', 'other'), 'key:k2');
    expect(b.change).toBe('configured');
    const got = await store.notify.getChannel('p1', 'hook');
    expect(got?.definition.spec).toMatchObject({
      type: 'webhook',
      secret: 'other',
      timeout: 10_000,
    });
    expect(got).toMatchObject({ createdMs: T0, updatedMs: T0 + 1000 });
    const audit = await store.audit.query('p1', { range: ALL, targetKind: 'channel' });
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['channel.create', 'key:k1'],
      ['channel.update', 'key:k2'],
    ]);
    // The secret never reaches the audit log.
    expect(JSON.stringify(audit)).not.toContain('s3cret');
  });

  it('keeps projects apart and deletes with an audit row', async () => {
    expect(await store.notify.getChannel('p2', 'hook')).toBeNull();
    expect(await store.notify.listChannels('p2')).toEqual([]);
    expect(await store.notify.deleteChannel('p2', 'hook', 'key:x')).toBe(false);
    expect((await store.notify.listChannels('p1')).map((c) => c.name)).toEqual(['hook']);
    expect(await store.notify.deleteChannel('p1', 'hook', 'key:k1')).toBe(true);
    expect(await store.notify.deleteChannel('p1', 'hook', 'key:k1')).toBe(false);
    const audit = await store.audit.query('p1', { range: ALL });
    expect(audit.at(-1)).toMatchObject({ action: 'channel.delete', target: 'hook' });
    expect(await store.audit.query('p2', { range: ALL })).toEqual([]);
  });

  it('refuses a channel of an unknown project', async () => {
    await expect(store.notify.putChannel('nope', hook('http://a.example/h'), 'x')).rejects.toThrow(
      StoreError,
    );
  });

  it('silences go pending, active, expired; activeSilences follows the clock', async () => {
    const matchers = [{ name: 'model', value: 'fraud.*', isRegex: true, isEqual: true }];
    const pending = await store.notify.createSilence(
      'p1',
      {
        matchers,
        startsAtMs: clock + HOUR,
        endsAtMs: clock + 2 * HOUR,
        createdBy: 'alice',
        comment: 'deploy',
      },
      'key:k1',
    );
    expect(pending.state).toBe('pending');
    clock += 1;
    const active = await store.notify.createSilence(
      'p1',
      { matchers, startsAtMs: clock, endsAtMs: clock + HOUR, createdBy: 'bob', comment: 'known' },
      'key:k1',
    );
    expect(active).toMatchObject({ state: 'active', createdBy: 'bob', comment: 'known', matchers });
    expect((await store.notify.activeSilences('p1', clock)).map((s) => s.id)).toEqual([active.id]);
    expect(await store.notify.activeSilences('p2', clock)).toEqual([]);
    expect(await store.notify.getSilence('p2', active.id)).toBeNull();
    expect((await store.notify.activeSilences('p1', clock + HOUR)).map((s) => s.id)).toEqual([
      pending.id,
    ]);
    expect((await store.notify.listSilences('p1', { state: 'pending' })).map((s) => s.id)).toEqual([
      pending.id,
    ]);
    expect((await store.notify.listSilences('p1', { state: 'active' })).map((s) => s.id)).toEqual([
      active.id,
    ]);
    clock += 60_000;
    expect(await store.notify.expireSilence('p2', active.id, 'key:x')).toBeNull();
    const expired = await store.notify.expireSilence('p1', active.id, 'key:k2');
    expect(expired).toMatchObject({ state: 'expired', endsAtMs: clock, expiredMs: clock });
    // Expiring twice changes nothing and writes no second audit row.
    expect(await store.notify.expireSilence('p1', active.id, 'key:k2')).toMatchObject({
      expiredMs: clock,
    });
    clock += 1;
    const early = await store.notify.expireSilence('p1', pending.id, 'key:k2');
    expect(early).toMatchObject({ state: 'expired', startsAtMs: clock, endsAtMs: clock });
    expect(await store.notify.activeSilences('p1', clock)).toEqual([]);
    expect(await store.notify.activeSilences('p1', clock + HOUR + 1)).toEqual([]);
    const all = await store.notify.listSilences('p1');
    expect(all.map((s) => s.state)).toEqual(['expired', 'expired']);
    expect((await store.notify.listSilences('p1', { state: 'expired' })).length).toBe(2);
    const actions = (await store.audit.query('p1', { range: ALL, targetKind: 'silence' })).map(
      (e) => `${e.action}:${e.target === active.id ? 'a' : 'p'}`,
    );
    expect(actions).toEqual([
      'silence.create:p',
      'silence.create:a',
      'silence.expire:a',
      'silence.expire:p',
    ]);
  });

  it.each([
    { name: 'end before start', s: { startsAtMs: T0 + 10, endsAtMs: T0 + 5 } },
    { name: 'end in the past', s: { startsAtMs: 0, endsAtMs: 10 } },
    { name: 'infinite end', s: { startsAtMs: 0, endsAtMs: Number.POSITIVE_INFINITY } },
  ])('refuses a silence with $name', async ({ s }) => {
    await expect(
      store.notify.createSilence(
        'p1',
        {
          matchers: [{ name: 'a', value: 'b', isRegex: false, isEqual: true }],
          createdBy: 'x',
          comment: 'y',
          ...s,
        },
        'x',
      ),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('writes monitor changes with their audit row when given an actor', async () => {
    await store.upsertModel(
      'p1',
      modelSpecSchema.parse({ name: 'm', features: [{ name: 'x', kind: 'numerical' }] }),
    );
    const def = monitorDefinitionSchema.parse({
      apiVersion: 'vigil/v1',
      kind: 'Monitor',
      metadata: { name: 'drift' },
      spec: { type: 'data_drift', model: 'm' },
    });
    clock += 1;
    await store.upsertMonitor('p1', def, { actor: 'key:k1' });
    clock += 1;
    await store.upsertMonitor('p1', def, { actor: 'key:k1' });
    await store.upsertMonitor('p1', def);
    clock += 1;
    expect(await store.deleteMonitor('p1', 'drift', { actor: 'key:k3' })).toBe(true);
    expect(await store.deleteMonitor('p1', 'drift', { actor: 'key:k3' })).toBe(false);
    const audit = await store.audit.query('p1', { range: ALL, targetKind: 'monitor' });
    expect(audit.map((e) => `${e.action}:${e.actor}`)).toEqual([
      'monitor.create:key:k1',
      'monitor.update:key:k1',
      'monitor.delete:key:k3',
    ]);
  });
});
