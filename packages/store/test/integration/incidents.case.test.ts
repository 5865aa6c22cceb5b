// Incidents on both adapters: opening with one open incident per model and failure mode,
// attaching alerts, guarded lifecycle updates with a numbered timeline, alias rollback and its
// undo committed with the registry's history, postmortems and policies, every change audited and
// every refusal leaving nothing behind; one project never sees another's incidents.
import { SqlIncidentStore, type SqlStore, StoreError } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2024, 1, 1);
const ALL = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StoreError) return e.code;
    throw e;
  }
  return 'OK';
}

const newIncident = (monitor = 'drift', fp = 'fp-1') => ({
  model: 'churn',
  failureMode: 'data',
  title: 'data incident on churn',
  severity: 'P3' as const,
  severityReason: 'drift, no measured impact yet',
  alert: { fingerprint: fp, monitor, startedMs: T0 - 60_000 },
});

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name incidents', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  let clock = T0;
  let incidents: SqlIncidentStore;
  beforeAll(async () => {
    store = backend.open();
    await migrateOrExplain(backend, store);
    expect(store.incidents).toBeInstanceOf(SqlIncidentStore);
    // The same adapter over the store's driver, with an injected clock.
    incidents = new SqlIncidentStore(store.driver, () => clock);
    await store.createProject({ id: 'p1', name: 'P1' });
    await store.createProject({ id: 'p2', name: 'P2' });
    await store.upsertModel('p1', { name: 'churn', task: 'classification', features: [] });
    for (let v = 1; v <= 3; v++) {
      await store.registry.createVersion('p1', 'churn', {
        artifactUri: `s3://m/churn/${v}`,
        createdBy: 'alice',
      });
    }
    await store.registry.setAlias('p1', 'churn', 'production', 3, {
      actor: 'alice',
      reason: 'ship',
    });
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  let id = '';
  it('opens a triggered incident with its first alert, timeline and audit', async () => {
    const inc = await incidents.open('p1', newIncident(), 'system:incidents');
    id = inc.id;
    expect(inc).toMatchObject({
      model: 'churn',
      failureMode: 'data',
      status: 'triggered',
      severity: 'P3',
      assessedSeverity: 'P3',
      severityOverride: null,
      createdMs: T0,
      openedMs: T0,
      firstAlertMs: T0 - 60_000,
      acknowledgedMs: null,
      escalationLevel: 0,
      triage: null,
    });
    expect(await incidents.listAlerts('p1', id)).toEqual([
      { fingerprint: 'fp-1', monitor: 'drift', startedMs: T0 - 60_000, attachedMs: T0 },
    ]);
    const tl = await incidents.timeline('p1', id);
    expect(tl.map((e) => [e.seq, e.kind])).toEqual([[1, 'incident.open']]);
    const audit = await store.audit.query('p1', { range: ALL, targetKind: 'incident', target: id });
    expect(audit.map((a) => a.action)).toEqual(['incident.open']);
  });

  it('keeps one open incident per model and failure mode', async () => {
    expect(await code(incidents.open('p1', newIncident('other', 'fp-2'), 'x'))).toBe('CONFLICT');
    expect((await incidents.list('p1')).length).toBe(1);
    // Another failure mode, or another project, opens its own.
    const infra = await incidents.open(
      'p1',
      { ...newIncident('lat', 'fp-3'), failureMode: 'infrastructure' },
      'x',
    );
    expect(infra.failureMode).toBe('infrastructure');
    await store.upsertModel('p2', { name: 'churn', task: 'classification', features: [] });
    await incidents.open('p2', newIncident(), 'x');
    expect((await incidents.list('p1')).length).toBe(2);
    expect((await incidents.list('p2')).length).toBe(1);
  });

  it('attaches alerts once, moving the first alert earlier when needed', async () => {
    clock = T0 + 1000;
    expect(
      await incidents.attachAlert(
        'p1',
        id,
        { fingerprint: 'fp-q', monitor: 'quality', startedMs: T0 - 120_000 },
        'system:incidents',
      ),
    ).toBe(true);
    expect(
      await incidents.attachAlert(
        'p1',
        id,
        { fingerprint: 'fp-q', monitor: 'quality', startedMs: T0 },
        'system:incidents',
      ),
    ).toBe(false);
    expect((await incidents.get('p1', id))?.firstAlertMs).toBe(T0 - 120_000);
    expect((await incidents.listAlerts('p1', id)).map((a) => a.monitor)).toEqual([
      'drift',
      'quality',
    ]);
    expect(
      (await incidents.incidentsOfAlert('p1', 'fp-q')).map((a) => [a.incidentId, a.startedMs]),
    ).toEqual([[id, T0 - 120_000]]);
    expect(await incidents.incidentsOfAlert('p2', 'fp-q')).toEqual([]);
    expect(
      await code(
        incidents.attachAlert('p2', id, { fingerprint: 'z', monitor: 'z', startedMs: T0 }, 'x'),
      ),
    ).toBe('NOT_FOUND');
  });

  it('updates guarded by status, with the override sticking and JSON fields round-tripping', async () => {
    clock = T0 + 2000;
    const ack = await incidents.update(
      'p1',
      id,
      { status: 'acknowledged', acknowledgedMs: clock, assignee: 'bob' },
      { actor: 'bob', kind: 'incident.acknowledge', message: 'acknowledged' },
      { expectStatus: 'triggered' },
    );
    expect(ack).toMatchObject({
      status: 'acknowledged',
      acknowledgedMs: T0 + 2000,
      assignee: 'bob',
    });
    // A second acknowledgement loses the race: nothing written.
    const before = await incidents.timeline('p1', id);
    expect(
      await code(
        incidents.update(
          'p1',
          id,
          { status: 'acknowledged' },
          { actor: 'x', kind: 'incident.acknowledge', message: 'x' },
          { expectStatus: 'triggered' },
        ),
      ),
    ).toBe('CONFLICT');
    expect(await incidents.timeline('p1', id)).toEqual(before);
    const o = await incidents.update(
      'p1',
      id,
      { severityOverride: 'P1' },
      { actor: 'bob', kind: 'incident.severity', message: 'override P1' },
    );
    expect([o.severity, o.assessedSeverity]).toEqual(['P1', 'P3']);
    const triage = { category: 'data', evidence: ['psi 0.4 on age'] };
    const re = await incidents.update(
      'p1',
      id,
      { assessedSeverity: 'P2', triage, onsetMs: T0 - 3_600_000 },
      { actor: 'system:incidents', kind: 'incident.reassess', message: 'P2' },
    );
    expect([re.severity, re.assessedSeverity, re.triage, re.onsetMs]).toEqual([
      'P1',
      'P2',
      triage,
      T0 - 3_600_000,
    ]);
    expect(
      await code(
        incidents.update(
          'p1',
          id,
          { severityOverride: 'P9' as 'P1' },
          { actor: 'x', kind: 'k', message: 'm' },
        ),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect((await incidents.list('p1', { severity: 'P1' })).map((i) => i.id)).toEqual([id]);
    expect((await incidents.list('p1', { open: true })).length).toBe(2);
  });

  it('rolls the alias back and undoes it, with registry history and audit in the same commit', async () => {
    clock = T0 + 3000;
    const a = await incidents.rollbackAlias('p1', id, {
      model: 'churn',
      alias: 'production',
      toVersion: 2,
      expectedFrom: 3,
      actor: 'system:incidents',
      reason: 'P1 auto-rollback',
    });
    expect(a).toMatchObject({
      kind: 'alias_rollback',
      target: 'churn@production',
      from: '3',
      to: '2',
      undoneMs: null,
    });
    expect((await store.registry.getAlias('p1', 'churn', 'production'))?.version).toBe(2);
    // The alias moved meanwhile: a second rollback expecting 3 changes nothing.
    expect(
      await code(
        incidents.rollbackAlias('p1', id, {
          model: 'churn',
          alias: 'production',
          toVersion: 1,
          expectedFrom: 3,
          actor: 'x',
          reason: 'r',
        }),
      ),
    ).toBe('CONFLICT');
    expect(
      await code(
        incidents.rollbackAlias('p1', id, {
          model: 'churn',
          alias: 'production',
          toVersion: 9,
          expectedFrom: 2,
          actor: 'x',
          reason: 'r',
        }),
      ),
    ).toBe('NOT_FOUND');
    expect((await incidents.listActions('p1', id)).length).toBe(1);
    clock = T0 + 4000;
    const u = await incidents.undoAction('p1', a.id, 'bob');
    expect(u).toMatchObject({ undoneMs: T0 + 4000, undoneBy: 'bob' });
    expect((await store.registry.getAlias('p1', 'churn', 'production'))?.version).toBe(3);
    expect(await code(incidents.undoAction('p1', a.id, 'bob'))).toBe('CONFLICT');
    expect(await code(incidents.undoAction('p2', a.id, 'bob'))).toBe('NOT_FOUND');
    const history = await store.registry.aliasHistory('p1', 'churn', { alias: 'production' });
    expect(history.map((h) => [h.fromVersion, h.toVersion, h.actor])).toEqual([
      [null, 3, 'alice'],
      [3, 2, 'system:incidents'],
      [2, 3, 'bob'],
    ]);
    const audit = await store.audit.query('p1', { range: ALL, targetKind: 'incident', target: id });
    expect(audit.map((x) => x.action)).toContain('incident.contain');
    expect(audit.map((x) => x.action)).toContain('incident.undo');
  });

  it('records containment made through other stores and marks it undone once', async () => {
    const a = await incidents.recordAction('p1', id, {
      kind: 'model_pin',
      target: 'chat/gpt-4o',
      from: '',
      to: 'gpt-4o-2024-08-06',
      actor: 'bob',
      reason: 'pin during incident',
    });
    expect(await incidents.getAction('p1', a.id)).toEqual(a);
    expect(await incidents.getAction('p2', a.id)).toBeNull();
    const u = await incidents.markUndone('p1', a.id, 'bob');
    expect(u.undoneBy).toBe('bob');
    expect(await code(incidents.markUndone('p1', a.id, 'bob'))).toBe('CONFLICT');
    expect(await code(incidents.recordAction('p2', id, { ...a }))).toBe('NOT_FOUND');
    const alias = (await incidents.listActions('p1', id)).find((x) => x.kind === 'alias_rollback');
    expect(await code(incidents.markUndone('p1', alias?.id ?? '', 'bob'))).toBe('CONFLICT');
    const kinds = (await incidents.timeline('p1', id)).map((e) => e.kind).slice(-2);
    expect(kinds).toEqual(['incident.contain', 'incident.undo']);
  });

  it('resolves, frees the slot, and reopens', async () => {
    clock = T0 + 5000;
    const r = await incidents.update(
      'p1',
      id,
      { status: 'resolved', resolvedMs: clock },
      { actor: 'bob', kind: 'incident.resolve', message: 'resolved' },
      { expectStatus: 'acknowledged' },
    );
    expect(r.status).toBe('resolved');
    const next = await incidents.open('p1', newIncident('drift', 'fp-9'), 'system:incidents');
    expect(next.id).not.toBe(id);
    const re = await incidents.update(
      'p1',
      id,
      {
        status: 'triggered',
        openedMs: clock,
        acknowledgedMs: null,
        resolvedMs: null,
        reopenCount: 1,
      },
      { actor: 'bob', kind: 'incident.reopen', message: 'reopened' },
      { expectStatus: 'resolved' },
    );
    expect(re).toMatchObject({
      status: 'triggered',
      reopenCount: 1,
      acknowledgedMs: null,
      createdMs: T0,
    });
    const tl = await incidents.timeline('p1', id);
    expect(tl.map((e) => e.seq)).toEqual(tl.map((_, i) => i + 1));
    expect(tl.at(-1)?.kind).toBe('incident.reopen');
  });

  it('stores and edits postmortems', async () => {
    expect(await incidents.getPostmortem('p1', id)).toBeNull();
    const d = await incidents.putPostmortem('p1', id, '# draft', {
      actor: 'system:incidents',
      edited: false,
    });
    expect(d).toMatchObject({ markdown: '# draft', edited: false });
    clock = T0 + 6000;
    const e = await incidents.putPostmortem('p1', id, '# edited', { actor: 'bob', edited: true });
    expect(e).toMatchObject({
      markdown: '# edited',
      edited: true,
      updatedBy: 'bob',
      createdMs: d.createdMs,
      updatedMs: T0 + 6000,
    });
    expect(await incidents.getPostmortem('p2', id)).toBeNull();
    expect(await code(incidents.putPostmortem('p2', id, 'x', { actor: 'x', edited: true }))).toBe(
      'NOT_FOUND',
    );
  });

  it('keeps per-model policies with audit', async () => {
    expect(await incidents.getPolicy('p1', 'churn')).toMatchObject({
      autoRollback: false,
      alias: 'production',
      updatedBy: null,
    });
    const p = await incidents.putPolicy('p1', 'churn', { autoRollback: true }, 'alice');
    expect(p).toMatchObject({ autoRollback: true, alias: 'production', updatedBy: 'alice' });
    expect(await code(incidents.putPolicy('p1', 'nope', { autoRollback: true }, 'alice'))).toBe(
      'NOT_FOUND',
    );
    expect(
      await code(
        incidents.putPolicy('p1', 'churn', { autoRollback: true, alias: 'Bad Alias' }, 'alice'),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect((await incidents.getPolicy('p2', 'churn')).autoRollback).toBe(false);
    const audit = await store.audit.query('p1', { range: ALL, target: 'policy:churn' });
    expect(audit.map((a) => a.details)).toEqual([
      {
        model: 'churn',
        from: null,
        to: { autoRollback: true, alias: 'production', notifyChannels: null },
      },
    ]);
    // Notice channels: a list (duplicates dropped) or null for the monitors' own channels.
    const withChannels = await incidents.putPolicy(
      'p1',
      'churn',
      { autoRollback: true, notifyChannels: ['pager', 'ops', 'pager'] },
      'bob',
    );
    expect(withChannels.notifyChannels).toEqual(['pager', 'ops']);
    expect((await incidents.getPolicy('p1', 'churn')).notifyChannels).toEqual(['pager', 'ops']);
    await incidents.putPolicy('p1', 'churn', { autoRollback: true }, 'bob');
    expect((await incidents.getPolicy('p1', 'churn')).notifyChannels).toBeNull();
  });
});
