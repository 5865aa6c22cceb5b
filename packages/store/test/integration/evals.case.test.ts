// Stored regression runs on both adapters: record, series per target and version, accept as
// baseline (audited in the same transaction), hasPassingRun for the incident guard, and no run of
// one project visible to another.
import type { NewEvalRun, SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2026, 0, 1);

const run = (id: string, extra: Partial<NewEvalRun> = {}): NewEvalRun => ({
  id,
  target: 'support-bot',
  targetKind: 'openai',
  targetVersion: 'support@1',
  setName: 'support',
  setVersion: '3',
  setHash: 'sha256:abc',
  passRate: 0.97,
  passed: 97,
  counted: 100,
  flaky: 2,
  gatePassed: true,
  startedMs: T0,
  run: { format: 'vigil-regress-run', id, cases: [{ id: 'c1', pass: true }] },
  ...extra,
});

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name eval runs', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  let clock = 0;
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

  it('records runs and reads them back as a series per target and version', async () => {
    clock = Date.now();
    const a = await store.evals.record('p1', run('r1'));
    expect(a).toMatchObject({ id: 'r1', accepted: false, gatePassed: true, passRate: 0.97 });
    await store.evals.record(
      'p1',
      run('r2', { targetVersion: 'support@2', passRate: 0.9, gatePassed: false }),
    );
    await store.evals.record('p1', run('r3', { target: 'other' }));
    const range = { fromMs: clock - 60_000, toMs: clock + 60_000 };
    const series = await store.evals.series('p1', { target: 'support-bot', range });
    expect(series.map((r) => [r.id, r.targetVersion, r.passRate])).toEqual([
      ['r1', 'support@1', 0.97],
      ['r2', 'support@2', 0.9],
    ]);
    expect(
      await store.evals.series('p1', { target: 'support-bot', range, targetVersion: 'support@2' }),
    ).toHaveLength(1);
    const detail = await store.evals.get('p1', 'r1');
    expect(detail?.run).toEqual({
      format: 'vigil-regress-run',
      id: 'r1',
      cases: [{ id: 'c1', pass: true }],
    });
  });

  it('refuses a second run with the same id and a series without a window', async () => {
    await expect(store.evals.record('p1', run('r1'))).rejects.toThrow(/already stored/);
    await expect(
      store.evals.series('p1', { target: 'support-bot', range: { fromMs: 1, toMs: 1 } }),
    ).rejects.toThrow(/time window/);
    await expect(store.evals.record('p1', run('bad', { passRate: 1.5 }))).rejects.toThrow(
      /passRate/,
    );
  });

  it('makes the newest accepted run the baseline, with an audit entry', async () => {
    expect(await store.evals.baseline('p1', 'support-bot')).toBeNull();
    expect(await store.evals.accept('p1', 'missing', 'alice')).toBeNull();
    const accepted = await store.evals.accept('p1', 'r1', 'alice');
    expect(accepted).toMatchObject({ id: 'r1', accepted: true, acceptedBy: 'alice' });
    expect((await store.evals.baseline('p1', 'support-bot'))?.id).toBe('r1');
    await new Promise((r) => setTimeout(r, 5));
    await store.evals.accept('p1', 'r2', 'bob');
    const baseline = await store.evals.baseline('p1', 'support-bot');
    expect(baseline?.id).toBe('r2');
    expect(baseline?.run).toMatchObject({ id: 'r2' });
    const audit = await store.audit.query('p1', {
      range: { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER },
      targetKind: 'regression_run',
    });
    expect(audit.map((e) => [e.action, e.actor, e.target])).toEqual([
      ['regression_run.accept', 'alice', 'support-bot@support@1'],
      ['regression_run.accept', 'bob', 'support-bot@support@2'],
    ]);
  });

  it('answers hasPassingRun per model and version', async () => {
    expect(await store.evals.hasPassingRun('p1', 'support-bot', 'support@1')).toBe(true);
    expect(await store.evals.hasPassingRun('p1', 'support-bot', 'support@2')).toBe(false);
    expect(await store.evals.hasPassingRun('p1', 'support-bot', 'support@9')).toBe(false);
  });

  it("keeps one project's runs from another", async () => {
    // p2 may reuse p1's run id; neither sees the other's runs, baseline or verdicts.
    await store.evals.record('p2', run('r1', { targetVersion: 'p2-version', gatePassed: false }));
    expect((await store.evals.get('p2', 'r1'))?.targetVersion).toBe('p2-version');
    expect((await store.evals.get('p1', 'r1'))?.targetVersion).toBe('support@1');
    expect(await store.evals.get('p2', 'r2')).toBeNull();
    expect(await store.evals.accept('p2', 'r2', 'mallory')).toBeNull();
    expect(await store.evals.baseline('p2', 'support-bot')).toBeNull();
    expect(await store.evals.hasPassingRun('p2', 'support-bot', 'support@1')).toBe(false);
    const all = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
    expect(
      (await store.evals.series('p2', { target: 'support-bot', range: all })).map((r) => r.id),
    ).toEqual(['r1']);
  });
});
