// The audit log on both adapters: append-only, per project, filtered by target and actor, oldest
// first, and written in the same transaction as the change when a concern uses writeAudit.
import { type SqlStore, writeAudit } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2024, 0, 1);

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name audit log', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  beforeAll(async () => {
    store = backend.open();
    await migrateOrExplain(backend, store);
    await store.createProject({ id: 'p1', name: 'P1' });
    await store.createProject({ id: 'p2', name: 'P2' });
  });
  afterAll(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('appends entries and reads them back by window, target and actor', async () => {
    const a = await store.audit.append('p1', {
      actor: 'key:k1',
      action: 'alias.move',
      targetKind: 'alias',
      target: 'churn@production',
      details: { from: 3, to: 4 },
    });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.details).toEqual({ from: 3, to: 4 });
    await store.audit.append('p1', {
      actor: 'alice',
      action: 'monitor.upsert',
      targetKind: 'monitor',
      target: 'drift',
    });
    await store.audit.append('p2', {
      actor: 'key:k9',
      action: 'monitor.upsert',
      targetKind: 'monitor',
      target: 'drift',
    });
    const range = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
    const all = await store.audit.query('p1', { range });
    expect(all.map((e) => e.action)).toEqual(['alias.move', 'monitor.upsert']);
    expect(all[1].details).toEqual({});
    expect(await store.audit.query('p1', { range, targetKind: 'alias' })).toHaveLength(1);
    expect(await store.audit.query('p1', { range, actor: 'alice' })).toHaveLength(1);
    expect(await store.audit.query('p2', { range })).toHaveLength(1);
    expect(await store.audit.query('p1', { range, target: 'nope' })).toEqual([]);
  });

  it('rolls the audit row back with a failed transaction', async () => {
    const range = { fromMs: T0, toMs: T0 + 1 };
    await expect(
      store.driver.tx(async (q) => {
        await writeAudit(q, 'p1', T0, {
          actor: 'x',
          action: 'incident.resolve',
          targetKind: 'incident',
          target: '1',
        });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await store.audit.query('p1', { range })).toEqual([]);
  });

  it('takes NUL in text on both backends: stored as U+FFFD, never an error', async () => {
    const range = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
    expect(await store.audit.query('p2', { range, target: 'no\u0000such' })).toEqual([]);
    const e = await store.audit.append('p2', {
      actor: 'a\u0000b',
      action: 'monitor.upsert',
      targetKind: 'monitor',
      target: 'nul\u0000name',
    });
    expect(e.target).toBe('nul\u0000name');
    const back = await store.audit.query('p2', { range, actor: 'a\u0000b' });
    expect(back.map((x) => [x.actor, x.target])).toEqual([['a\uFFFDb', 'nul\uFFFDname']]);
    expect(await store.getModel('p2', 'm\u0000')).toBeNull();
  });

  it('refuses a query without a window', async () => {
    await expect(store.audit.query('p1', { range: { fromMs: 5, toMs: 5 } })).rejects.toThrow(
      /time window/,
    );
  });
});
