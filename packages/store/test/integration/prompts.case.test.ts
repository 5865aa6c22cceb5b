// Prompts, labels, pins, deprecations and model usage on both adapters: immutable numbered
// versions, no version for unchanged content, `latest` following new versions, label history and
// revert walking back, audit rows in the same transaction, per-project isolation, exact counts.
import type { PromptContent } from '@vigil/contracts';
import { SqlPromptStore, type SqlStore, StoreError } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2026, 0, 1);
const ALL = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };

const chat = (system: string): PromptContent => ({
  type: 'chat',
  messages: [
    { role: 'system', content: system },
    { role: 'user', content: '{{question}}' },
  ],
  variables: ['question'],
  config: { model: 'gpt-4o', temperature: 0.2 },
});

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name prompt store', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  let clock = T0;
  let p: SqlPromptStore;
  beforeAll(async () => {
    store = backend.open();
    // The same store over the same driver, with a clock the test moves.
    p = new SqlPromptStore(store.driver, () => clock);
    await migrateOrExplain(backend, store);
    await store.createProject({ id: 'p1', name: 'P1' });
    await store.createProject({ id: 'p2', name: 'P2' });
  });
  afterAll(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('numbers versions, skips unchanged content and moves latest and the given labels', async () => {
    const v1 = await p.createVersion('p1', {
      name: 'bot',
      content: chat('You help.'),
      labels: ['production'],
      actor: 'key:k1',
    });
    expect(v1.created).toBe(true);
    expect(v1.version.version).toBe(1);
    expect(v1.version.labels).toEqual(['latest', 'production']);
    // Same content with keys in another order: no new version.
    const again = await p.createVersion('p1', {
      name: 'bot',
      content: { ...chat('You help.'), config: { temperature: 0.2, model: 'gpt-4o' } },
      actor: 'key:k1',
    });
    expect(again.created).toBe(false);
    expect(again.version.version).toBe(1);
    clock += 1000;
    const v2 = await p.createVersion('p1', {
      name: 'bot',
      content: chat('You help, briefly.'),
      commitMessage: 'abc123',
      actor: 'key:k1',
    });
    expect(v2.created).toBe(true);
    expect(v2.version.version).toBe(2);
    expect(v2.version.commitMessage).toBe('abc123');
    expect(v2.version.labels).toEqual(['latest']);
    expect((await p.getByLabel('p1', 'bot', 'production'))?.version).toBe(1);
    expect((await p.getByLabel('p1', 'bot', 'latest'))?.version).toBe(2);
    expect((await p.getVersion('p1', 'bot', 1))?.content).toEqual(chat('You help.'));
    expect(await p.getVersion('p1', 'bot', 3)).toBeNull();
    expect(await p.getByLabel('p1', 'bot', 'staging')).toBeNull();
    const list = await p.listPrompts('p1');
    expect(list).toEqual([
      { name: 'bot', latestVersion: 2, updatedMs: clock, labels: { latest: 2, production: 1 } },
    ]);
    expect((await p.listVersions('p1', 'bot')).map((v) => v.version)).toEqual([2, 1]);
  });

  it('moves labels, keeps their history and reverts one step per call', async () => {
    await p.createVersion('p1', { name: 'bot', content: chat('v3'), actor: 'a' });
    await p.moveLabel('p1', { name: 'bot', label: 'production', version: 2, actor: 'alice' });
    await p.moveLabel('p1', { name: 'bot', label: 'production', version: 3, actor: 'alice' });
    const r1 = await p.revertLabel('p1', { name: 'bot', label: 'production', actor: 'bob' });
    expect(r1).toMatchObject({ version: 2, previousVersion: 3, action: 'revert', actor: 'bob' });
    const r2 = await p.revertLabel('p1', { name: 'bot', label: 'production', actor: 'bob' });
    expect(r2).toMatchObject({ version: 1, previousVersion: 2, action: 'revert' });
    await expect(
      p.revertLabel('p1', { name: 'bot', label: 'production', actor: 'bob' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const history = await p.labelHistory('p1', 'bot', 'production');
    expect(history.map((h) => [h.seq, h.version, h.action])).toEqual([
      [1, 1, 'create'],
      [2, 2, 'move'],
      [3, 3, 'move'],
      [4, 2, 'revert'],
      [5, 1, 'revert'],
    ]);
    await expect(
      p.moveLabel('p1', { name: 'bot', label: 'production', version: 9, actor: 'a' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      p.moveLabel('p1', { name: 'bot', label: 'latest', version: 1, actor: 'a' }),
    ).rejects.toBeInstanceOf(StoreError);
    await expect(
      p.revertLabel('p1', { name: 'bot', label: 'nope', actor: 'a' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const audit = await store.audit.query('p1', { range: ALL, targetKind: 'prompt' });
    expect(audit.map((a) => a.action)).toEqual([
      'prompt.version.create',
      'prompt.label.move',
      'prompt.version.create',
      'prompt.version.create',
      'prompt.label.move',
      'prompt.label.move',
      'prompt.label.revert',
      'prompt.label.revert',
    ]);
  });

  it('numbers concurrent pushes consecutively', async () => {
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        p.createVersion('p1', { name: 'race', content: chat(`c${i}`), actor: 'a' }),
      ),
    );
    expect(made.map((m) => m.version.version).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect((await p.getByLabel('p1', 'race', 'latest'))?.version).toBe(8);
  });

  it('keeps each project to itself', async () => {
    expect(await p.listPrompts('p2')).toEqual([]);
    expect(await p.getByLabel('p2', 'bot', 'latest')).toBeNull();
    const other = await p.createVersion('p2', { name: 'bot', content: chat('p2'), actor: 'x' });
    expect(other.version.version).toBe(1);
    expect((await p.getByLabel('p1', 'bot', 'latest'))?.version).toBe(3);
  });

  it('stores pins and deprecations with audit rows', async () => {
    await p.upsertPin('p1', {
      service: '*',
      model: 'gpt-4o',
      pinned: 'gpt-4o-2024-08-06',
      actor: 'a',
    });
    await p.upsertPin('p1', {
      service: '*',
      model: 'gpt-4o',
      pinned: 'gpt-4o-2024-11-20',
      actor: 'a',
    });
    await p.upsertPin('p1', {
      service: 'bot',
      model: 'gpt-4o',
      pinned: 'gpt-4o-2024-05-13',
      actor: 'a',
    });
    expect((await p.listPins('p1')).map((x) => [x.service, x.model, x.pinned])).toEqual([
      ['*', 'gpt-4o', 'gpt-4o-2024-11-20'],
      ['bot', 'gpt-4o', 'gpt-4o-2024-05-13'],
    ]);
    expect(await p.listPins('p2')).toEqual([]);
    expect(await p.deletePin('p1', { service: 'bot', model: 'gpt-4o', actor: 'a' })).toBe(true);
    expect(await p.deletePin('p1', { service: 'bot', model: 'gpt-4o', actor: 'a' })).toBe(false);
    const d = await p.upsertDeprecation('p1', {
      model: 'gpt-4-0613',
      retiresMs: T0 + 90 * 86_400_000,
      replacement: 'gpt-4o-2024-11-20',
      channels: ['ops'],
      actor: 'a',
    });
    expect(d.channels).toEqual(['ops']);
    expect(await p.listDeprecations('p1')).toEqual([d]);
    expect(await p.listDeprecations('p2')).toEqual([]);
    expect((await p.listAllDeprecations()).map((x) => x.projectId)).toEqual(['p1']);
    expect(await p.deleteDeprecation('p2', 'gpt-4-0613', 'a')).toBe(false);
    const audit = await store.audit.query('p1', { range: ALL, targetKind: 'model' });
    expect(audit.map((a) => a.action)).toEqual([
      'model.pin',
      'model.pin',
      'model.pin',
      'model.unpin',
      'model.deprecation.upsert',
    ]);
    expect(audit[1].details).toEqual({ from: 'gpt-4o-2024-08-06', to: 'gpt-4o-2024-11-20' });
  });

  it('adds model usage exactly under concurrent batches', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        p.addModelUsage('p1', [
          { model: 'gpt-4o', timeMs: T0 + i, calls: 3, unpinnedCalls: 1 },
          { model: 'gpt-4o', timeMs: T0 + 86_400_000 + i, calls: 1, unpinnedCalls: 0 },
        ]),
      ),
    );
    const rows = await p.queryModelUsage('p1', { range: ALL, model: 'gpt-4o' });
    expect(rows.map((r) => [r.dayMs, r.calls, r.unpinnedCalls, r.lastSeenMs])).toEqual([
      [T0, 60, 20, T0 + 19],
      [T0 + 86_400_000, 20, 0, T0 + 86_400_000 + 19],
    ]);
    expect(await p.queryModelUsage('p2', { range: ALL })).toEqual([]);
  });
});
