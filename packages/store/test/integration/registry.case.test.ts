// The model registry on both adapters: numbered immutable versions, aliases, the append-only
// alias history written with its audit rows in one transaction, references, bad input that
// changes nothing, and concurrent alias moves that leave one consistent history.
import { type NewModelVersion, type SqlStore, StoreError } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2024, 0, 1);
const ALL = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
const by = (actor: string, reason = 'test') => ({ actor, reason });

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StoreError) return e.code;
    throw e;
  }
  return 'OK';
}

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name model registry', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  beforeAll(async () => {
    store = backend.open();
    await migrateOrExplain(backend, store);
    await store.createProject({ id: 'p1', name: 'P1' });
    await store.createProject({ id: 'p2', name: 'P2' });
    await store.upsertModel('p1', { name: 'churn', task: 'classification', features: [] });
    await store.upsertModel('p1', { name: 'fraud', task: 'classification', features: [] });
    await store.upsertModel('p2', { name: 'churn', task: 'classification', features: [] });
  });
  afterAll(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('numbers versions 1, 2, 3 per model and reads them back unchanged', async () => {
    const v1 = await store.registry.createVersion('p1', 'churn', {
      artifactUri: 's3://models/churn/1',
      metrics: { auc: 0.91, logloss: 0.32 },
      tags: { framework: 'sklearn' },
      description: 'first',
      createdBy: 'alice',
    });
    expect(v1.version).toBe(1);
    expect(v1.baselineId).toBeNull();
    const v2 = await store.registry.createVersion('p1', 'churn', {
      artifactUri: 's3://models/churn/2',
      createdBy: 'key:k1',
    });
    expect(v2.version).toBe(2);
    expect(v2.metrics).toEqual({});
    expect(v2.description).toBe('');
    // Numbering is per model and per project.
    const f1 = await store.registry.createVersion('p1', 'fraud', {
      artifactUri: 'x',
      createdBy: 'a',
    });
    expect(f1.version).toBe(1);
    const other = await store.registry.createVersion('p2', 'churn', {
      artifactUri: 'p2',
      createdBy: 'b',
    });
    expect(other.version).toBe(1);

    expect(await store.registry.getVersion('p1', 'churn', 1)).toEqual(v1);
    expect(await store.registry.getVersion('p1', 'churn', 9)).toBeNull();
    expect(await store.registry.getVersion('p2', 'churn', 2)).toBeNull();
    const list = await store.registry.listVersions('p1', 'churn');
    expect(list.map((v) => v.version)).toEqual([2, 1]);
    expect(list[1]).toEqual(v1);
    expect(await store.registry.listVersions('p1', 'churn', { limit: 1 })).toHaveLength(1);

    const audit = await store.audit.query('p1', { range: ALL, targetKind: 'model_version' });
    expect(audit.map((a) => a.target)).toEqual(['churn@1', 'churn@2', 'fraud@1']);
    expect(audit[0].actor).toBe('alice');
  });

  it('links a version to a baseline of the same model only', async () => {
    const b = await store.createBaseline(
      'p1',
      { name: 'jan', model: 'churn', source: { kind: 'file', path: 'jan.csv' }, row_count: 0 },
      [],
      { activate: false },
    );
    const v = await store.registry.createVersion('p1', 'churn', {
      artifactUri: 's3://models/churn/3',
      baselineId: b.id,
      createdBy: 'alice',
    });
    expect(v.baselineId).toBe(b.id);
    expect((await store.registry.getVersion('p1', 'churn', v.version))?.baselineId).toBe(b.id);
    expect(
      await code(
        store.registry.createVersion('p1', 'fraud', {
          artifactUri: 'x',
          baselineId: b.id,
          createdBy: 'a',
        }),
      ),
    ).toBe('NOT_FOUND');
    // Another project's baseline id is unknown here.
    expect(
      await code(
        store.registry.createVersion('p2', 'churn', {
          artifactUri: 'x',
          baselineId: b.id,
          createdBy: 'a',
        }),
      ),
    ).toBe('NOT_FOUND');
    expect((await store.registry.listVersions('p2', 'churn')).map((x) => x.version)).toEqual([1]);
  });

  it('refuses versions of unknown models and malformed input, storing nothing', async () => {
    const before = await store.audit.query('p1', { range: ALL });
    expect(
      await code(store.registry.createVersion('p1', 'nope', { artifactUri: 'x', createdBy: 'a' })),
    ).toBe('NOT_FOUND');
    // p2's model does not exist in p1.
    await store.upsertModel('p2', { name: 'only-p2', task: 'other', features: [] });
    expect(
      await code(
        store.registry.createVersion('p1', 'only-p2', { artifactUri: 'x', createdBy: 'a' }),
      ),
    ).toBe('NOT_FOUND');
    for (const input of [
      { artifactUri: '', createdBy: 'a' },
      { artifactUri: 'x', createdBy: '' },
      { artifactUri: 'x', createdBy: 'a', metrics: { auc: Number.NaN } },
      { artifactUri: 'x', createdBy: 'a', metrics: { auc: Number.POSITIVE_INFINITY } },
      { artifactUri: 'x', createdBy: 'a', metrics: { '': 1 } },
      { artifactUri: 'x', createdBy: 'a', tags: { t: 3 as unknown as string } },
      { artifactUri: 'x', createdBy: 'a', description: 'd'.repeat(2001) },
    ] as NewModelVersion[]) {
      expect(await code(store.registry.createVersion('p1', 'fraud', input))).toBe(
        'INVALID_ARGUMENT',
      );
    }
    expect(
      await code(
        store.registry.createVersion('p1', 'bad name!', { artifactUri: 'x', createdBy: 'a' }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(await code(store.registry.listVersions('p1', 'nope'))).toBe('NOT_FOUND');
    expect(await code(store.registry.getVersion('p1', 'churn', 0))).toBe('INVALID_ARGUMENT');
    expect((await store.registry.listVersions('p1', 'fraud')).map((v) => v.version)).toEqual([1]);
    expect(await store.audit.query('p1', { range: ALL })).toEqual(before);
  });

  it('moves aliases, keeps every move in the history and the audit log', async () => {
    const r1 = await store.registry.setAlias('p1', 'churn', 'production', 1, by('alice', 'launch'));
    expect(r1).toEqual({ from: null, to: 1 });
    const r2 = await store.registry.setAlias(
      'p1',
      'churn',
      'production',
      2,
      by('bob', 'better auc'),
    );
    expect(r2).toEqual({ from: 1, to: 2 });
    await store.registry.setAlias('p1', 'churn', 'canary', 3, by('bob'));
    const a = await store.registry.getAlias('p1', 'churn', 'production');
    expect(a).toMatchObject({ model: 'churn', alias: 'production', version: 2, updatedBy: 'bob' });
    expect(
      (await store.registry.listAliases('p1', 'churn')).map((x) => [x.alias, x.version]),
    ).toEqual([
      ['canary', 3],
      ['production', 2],
    ]);
    // Same name, other project: untouched.
    expect(await store.registry.getAlias('p2', 'churn', 'production')).toBeNull();
    expect(await store.registry.listAliases('p2', 'churn')).toEqual([]);

    const h = await store.registry.aliasHistory('p1', 'churn');
    expect(h.map((m) => [m.seq, m.alias, m.fromVersion, m.toVersion, m.actor])).toEqual([
      [1, 'production', null, 1, 'alice'],
      [2, 'production', 1, 2, 'bob'],
      [3, 'canary', null, 3, 'bob'],
    ]);
    expect(h[0].reason).toBe('launch');
    const prod = await store.registry.aliasHistory('p1', 'churn', { alias: 'production' });
    expect(prod.map((m) => m.seq)).toEqual([1, 2]);
    expect(await store.registry.aliasHistory('p2', 'churn')).toEqual([]);

    const audit = await store.audit.query('p1', { range: ALL, targetKind: 'alias' });
    expect(audit.map((e) => [e.action, e.target, e.details.from, e.details.to])).toEqual([
      ['alias.move', 'churn@production', null, 1],
      ['alias.move', 'churn@production', 1, 2],
      ['alias.move', 'churn@canary', null, 3],
    ]);
    expect(audit[1].details.reason).toBe('better auc');
  });

  it('refuses a move to a missing version or with a bad alias, changing nothing', async () => {
    const history = await store.registry.aliasHistory('p1', 'churn');
    const audit = await store.audit.query('p1', { range: ALL });
    expect(await code(store.registry.setAlias('p1', 'churn', 'production', 99, by('x')))).toBe(
      'NOT_FOUND',
    );
    expect(await code(store.registry.setAlias('p1', 'nope', 'production', 1, by('x')))).toBe(
      'NOT_FOUND',
    );
    // p2's churn has version 1 only; p1's version 3 is not p2's.
    expect(await code(store.registry.setAlias('p2', 'churn', 'production', 3, by('x')))).toBe(
      'NOT_FOUND',
    );
    for (const alias of ['Production', '1abc', 'latest', '', 'a b', 'x'.repeat(64), 'a@b']) {
      expect(await code(store.registry.setAlias('p1', 'churn', alias, 1, by('x')))).toBe(
        'INVALID_ARGUMENT',
      );
    }
    expect(
      await code(
        store.registry.setAlias('p1', 'churn', 'production', 1, { actor: 'x', reason: ' ' }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(await code(store.registry.setAlias('p1', 'churn', 'production', 1.5, by('x')))).toBe(
      'INVALID_ARGUMENT',
    );
    expect((await store.registry.getAlias('p1', 'churn', 'production'))?.version).toBe(2);
    expect(await store.registry.aliasHistory('p1', 'churn')).toEqual(history);
    expect(await store.audit.query('p1', { range: ALL })).toEqual(audit);
  });

  it('moves only from the expected version (compare and set)', async () => {
    expect(
      await code(
        store.registry.setAlias('p1', 'churn', 'production', 3, { ...by('x'), expectedFrom: 1 }),
      ),
    ).toBe('CONFLICT');
    expect(
      await code(
        store.registry.setAlias('p1', 'churn', 'champion', 3, { ...by('x'), expectedFrom: 2 }),
      ),
    ).toBe('CONFLICT');
    expect((await store.registry.getAlias('p1', 'churn', 'production'))?.version).toBe(2);
    expect(await store.registry.getAlias('p1', 'churn', 'champion')).toBeNull();
    const r = await store.registry.setAlias('p1', 'churn', 'champion', 3, {
      ...by('x'),
      expectedFrom: null,
    });
    expect(r).toEqual({ from: null, to: 3 });
  });

  it('deletes an alias and records the deletion', async () => {
    const d = await store.registry.deleteAlias('p1', 'churn', 'champion', by('carol', 'retired'));
    expect(d).toEqual({ from: 3 });
    expect(await store.registry.getAlias('p1', 'churn', 'champion')).toBeNull();
    expect(await store.registry.deleteAlias('p1', 'churn', 'champion', by('carol'))).toBeNull();
    const h = await store.registry.aliasHistory('p1', 'churn', { alias: 'champion' });
    expect(h.map((m) => [m.fromVersion, m.toVersion, m.actor, m.reason])).toEqual([
      [null, 3, 'x', 'test'],
      [3, null, 'carol', 'retired'],
    ]);
    const audit = await store.audit.query('p1', { range: ALL, target: 'churn@champion' });
    expect(audit.map((e) => e.action)).toEqual(['alias.move', 'alias.delete']);
    expect(await code(store.registry.deleteAlias('p1', 'nope', 'x', by('a')))).toBe('NOT_FOUND');
  });

  it('resolves name, name@latest, name@N and name@alias', async () => {
    const latest = await store.registry.resolve('p1', 'churn');
    expect(latest?.version.version).toBe(3);
    expect(latest?.alias).toBeNull();
    expect((await store.registry.resolve('p1', 'churn@latest'))?.version.version).toBe(3);
    expect((await store.registry.resolve('p1', 'churn@1'))?.version.artifactUri).toBe(
      's3://models/churn/1',
    );
    const prod = await store.registry.resolve('p1', 'churn@production');
    expect(prod).toMatchObject({ ref: 'churn@production', model: 'churn', alias: 'production' });
    expect(prod?.version.version).toBe(2);
    expect(await store.registry.resolve('p1', 'churn@nope')).toBeNull();
    expect(await store.registry.resolve('p1', 'churn@99')).toBeNull();
    expect(await store.registry.resolve('p1', 'nope')).toBeNull();
    expect(await store.registry.resolve('p2', 'churn@production')).toBeNull();
    expect((await store.registry.resolve('p2', 'churn'))?.version.artifactUri).toBe('p2');
    for (const ref of ['', '@production', 'churn@', 'churn@0', 'churn@Prod', 'ch urn', 'a@b@c']) {
      expect(await code(store.registry.resolve('p1', ref)), ref).toBe('INVALID_ARGUMENT');
    }
  });

  it('runs a move and its caller-side rows in one transaction', async () => {
    const { moveAliasIn } = await import('@vigil/store');
    const before = await store.registry.aliasHistory('p1', 'fraud');
    await expect(
      store.driver.tx(async (q) => {
        await moveAliasIn(
          q,
          store.driver.forUpdate,
          'p1',
          T0,
          { model: 'fraud', alias: 'production', version: 1 },
          by('system:incidents', 'rollback'),
        );
        throw new Error('incident write failed');
      }),
    ).rejects.toThrow('incident write failed');
    expect(await store.registry.getAlias('p1', 'fraud', 'production')).toBeNull();
    expect(await store.registry.aliasHistory('p1', 'fraud')).toEqual(before);
    expect(await store.audit.query('p1', { range: ALL, target: 'fraud@production' })).toEqual([]);
  });

  it('writes model creation and updates to the audit log with the change', async () => {
    await store.upsertModel(
      'p1',
      { name: 'audited', task: 'other', features: [] },
      { actor: 'alice' },
    );
    await store.upsertModel(
      'p1',
      { name: 'audited', task: 'regression', features: [{ name: 'x', kind: 'numerical' }] },
      { actor: 'bob' },
    );
    const audit = await store.audit.query('p1', {
      range: ALL,
      targetKind: 'model',
      target: 'audited',
    });
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['model.create', 'alice'],
      ['model.update', 'bob'],
    ]);
    expect(audit[1].details).toMatchObject({ from: { task: 'other' }, to: { task: 'regression' } });
    // An upsert of an unknown project writes nothing at all.
    expect(await code(store.upsertModel('nope', { name: 'x', task: 'other', features: [] }))).toBe(
      'NOT_FOUND',
    );
    expect(await store.audit.query('nope', { range: ALL })).toEqual([]);
  });

  it('keeps one consistent history under concurrent moves and version creation', async () => {
    await store.upsertModel('p1', { name: 'race', task: 'other', features: [] });
    // Concurrent creation: numbers 1..8, no gaps, no duplicates.
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.registry.createVersion('p1', 'race', { artifactUri: `u${i}`, createdBy: `w${i}` }),
      ),
    );
    expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // A second store on the same database: two processes moving the same alias.
    const other = backend.open();
    try {
      const moves = Array.from({ length: 16 }, (_, i) =>
        (i % 2 === 0 ? store : other).registry.setAlias(
          'p1',
          'race',
          'production',
          (i % 8) + 1,
          by(`w${i}`),
        ),
      );
      const results = await Promise.all(moves);
      const h = await store.registry.aliasHistory('p1', 'race');
      expect(h).toHaveLength(16);
      expect(h.map((m) => m.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      // Each move starts where the previous one ended: the history is one unbroken chain.
      expect(h[0].fromVersion).toBeNull();
      for (let i = 1; i < h.length; i++) expect(h[i].fromVersion).toBe(h[i - 1].toVersion);
      // Every caller was told the truth about its own move.
      for (const m of h) {
        const i = Number(m.actor.slice(1));
        expect(results[i]).toEqual({ from: m.fromVersion, to: m.toVersion });
      }
      const current = await store.registry.getAlias('p1', 'race', 'production');
      expect(current?.version).toBe(h[15].toVersion);
      const audit = await store.audit.query('p1', { range: ALL, target: 'race@production' });
      expect(audit).toHaveLength(16);
    } finally {
      await other.close();
    }
  });
});
