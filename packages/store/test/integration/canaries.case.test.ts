// Canaries on both adapters: create (with its clear errors), per-variant stats from stored events
// (the new `variant` column, labels and outcomes joined by prediction id), decisions as
// compare-and-set with the audit entry and, for a promotion, the alias move in one transaction.
import { DEFAULT_CANARY_POLICY, type IngestEvent } from '@vigil/contracts';
import { type NewCanary, type SqlStore, StoreError } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2026, 4, 1);
const ALL = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };

const canary = (name: string, model = 'churn', candidate = 2): NewCanary => ({
  name,
  model,
  baseline: { variant: 'baseline', version: 1, weight: 0.9 },
  candidate: { variant: 'candidate', version: candidate, weight: 0.1 },
  policy: DEFAULT_CANARY_POLICY,
  createdBy: 'key:k1',
});

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof StoreError ? e.code : String(e);
  }
};

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name canaries', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  beforeAll(async () => {
    store = backend.open();
    await migrateOrExplain(backend, store);
    for (const p of ['p1', 'p2']) {
      await store.createProject({ id: p, name: p });
      for (const m of ['churn', 'fraud', 'promo']) {
        await store.upsertModel(p, { name: m, task: 'classification', features: [] });
        for (let v = 0; v < 3; v++)
          await store.registry.createVersion(p, m, { artifactUri: `s3://m/${v}`, createdBy: 'x' });
      }
    }
    await store.registry.setAlias('p1', 'promo', 'production', 1, { actor: 'x', reason: 'r' });
  });
  afterAll(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('creates a running canary, audited, visible only in its project', async () => {
    const c = await store.canaries.create('p1', canary('churn-v2'));
    expect(c).toMatchObject({
      name: 'churn-v2',
      model: 'churn',
      state: 'running',
      revision: 1,
      endMs: null,
      baseline: { variant: 'baseline', version: 1, weight: 0.9 },
      candidate: { variant: 'candidate', version: 2, weight: 0.1 },
    });
    expect(c.policy).toEqual(DEFAULT_CANARY_POLICY);
    expect((await store.canaries.list('p1')).map((x) => x.name)).toEqual(['churn-v2']);
    expect(await store.canaries.list('p2')).toEqual([]);
    expect(await store.canaries.get('p2', 'churn-v2')).toBeNull();
    expect((await store.canaries.listActive()).map((x) => `${x.projectId}/${x.name}`)).toContain(
      'p1/churn-v2',
    );
    const audit = await store.audit.query('p1', { range: ALL, targetKind: 'canary' });
    expect(audit.map((a) => a.action)).toEqual(['canary.create']);
  });

  it('refuses an unknown model or version, a taken name, a second active canary', async () => {
    expect(await code(store.canaries.create('p1', canary('x', 'nope')))).toBe('NOT_FOUND');
    expect(await code(store.canaries.create('p1', canary('x', 'fraud', 9)))).toBe('NOT_FOUND');
    expect(await code(store.canaries.create('p1', canary('churn-v2', 'fraud')))).toBe('CONFLICT');
    await expect(store.canaries.create('p1', canary('churn-again'))).rejects.toThrow(
      'already has an active canary (churn-v2)',
    );
    // The same name in another project is another canary.
    expect(await code(store.canaries.create('p2', canary('churn-v2')))).toBe('ok');
  });

  it('computes per-variant stats from the stored events, keeping the variant on read', async () => {
    const events: IngestEvent[] = [];
    const pred = (id: string, variant: string, extra: Partial<IngestEvent> = {}) =>
      events.push({
        type: 'prediction',
        event_id: id,
        model: 'fraud',
        time: T0 + 1000,
        features: {},
        variant,
        ...extra,
      } as IngestEvent);
    pred('b1', 'baseline', { prediction: 'yes', latency_ms: 10 } as Partial<IngestEvent>);
    pred('b2', 'baseline', { prediction: 'no', latency_ms: 20 } as Partial<IngestEvent>);
    pred('b3', 'baseline', { prediction: 1, error: 'timeout' } as Partial<IngestEvent>);
    pred('c1', 'candidate', { prediction: 'yes', latency_ms: 30 } as Partial<IngestEvent>);
    pred('c2', 'candidate', { prediction: 'no', time: T0 - 1 } as Partial<IngestEvent>); // outside
    pred('o1', 'other', { prediction: 'yes' } as Partial<IngestEvent>); // another variant
    events.push(
      { type: 'label', event_id: 'l1', prediction_id: 'b1', label: 'yes', time: T0 + 5000 },
      { type: 'label', event_id: 'l2', prediction_id: 'b2', label: 'yes', time: T0 + 5000 },
      { type: 'label', event_id: 'l3', prediction_id: 'b3', label: 1, time: T0 + 5000 },
      { type: 'label', event_id: 'l4', prediction_id: 'c1', label: 'yes', time: T0 + 5000 },
      {
        type: 'outcome',
        event_id: 'u1',
        name: 'revenue',
        value: 3,
        prediction_id: 'b1',
        time: T0 + 9000,
        variant: 'baseline',
      },
      {
        type: 'outcome',
        event_id: 'u2',
        name: 'revenue',
        value: 4,
        prediction_id: 'b1',
        time: T0 + 9000,
      },
      {
        type: 'outcome',
        event_id: 'u3',
        name: 'revenue',
        value: 2,
        prediction_id: 'b2',
        time: T0 + 9000,
      },
    );
    await store.appendEvents('p1', events);
    const [stored] = await store.queryEvents('p1', {
      type: 'prediction',
      model: 'fraud',
      range: { fromMs: T0 + 1000, toMs: T0 + 1001 },
      limit: 1,
    });
    expect(stored.event.variant).toBeDefined();
    const [outcome] = await store.queryEvents('p1', { type: 'outcome', range: ALL, limit: 1 });
    expect(outcome.event).toMatchObject({ event_id: 'u1', variant: 'baseline' });

    const c = await store.canaries.create('p1', canary('fraud-v2', 'fraud'));
    const s = await store.canaries.variantStats('p1', c, { fromMs: T0, toMs: T0 + 86_400_000 });
    expect(s.baseline).toEqual({
      variant: 'baseline',
      predictions: 3,
      errors: 1,
      latencyMs: { count: 2, sum: 30, sumSquares: 500 },
      labelled: 3,
      correct: 2,
      // b1 totals 7, b2 totals 2: sum 9, squares 49 + 4.
      outcomes: { revenue: { count: 2, sum: 9, sumSquares: 53 } },
    });
    expect(s.candidate).toEqual({
      variant: 'candidate',
      predictions: 1,
      errors: 0,
      latencyMs: { count: 1, sum: 30, sumSquares: 900 },
      labelled: 1,
      correct: 1,
      outcomes: {},
    });
    const none = await store.canaries.variantStats('p2', c, { fromMs: T0, toMs: T0 + 1 });
    expect(none.baseline.predictions + none.candidate.predictions).toBe(0);
  });

  it('records decisions as compare-and-set, with the audit entry when asked', async () => {
    const c = await store.canaries.get('p1', 'fraud-v2');
    if (c === null) throw new Error('missing');
    const paused = await store.canaries.recordDecision('p1', 'fraud-v2', {
      expectedRevision: c.revision,
      actor: 'system:canary',
      action: 'pause',
      state: 'paused',
      reasons: ['no data'],
      evidence: { looked: 1 },
      sequential: { error_rate: { looks: 1 } },
      audit: true,
    });
    expect(paused).toMatchObject({ state: 'paused', revision: c.revision + 1 });
    expect(paused.sequential).toEqual({ error_rate: { looks: 1 } });
    // A second worker holding the old revision loses, and writes nothing.
    expect(
      await code(
        store.canaries.recordDecision('p1', 'fraud-v2', {
          expectedRevision: c.revision,
          actor: 'system:canary',
          action: 'continue',
          state: 'running',
          reasons: [],
          evidence: {},
          audit: false,
        }),
      ),
    ).toBe('CONFLICT');
    const rolled = await store.canaries.recordDecision('p1', 'fraud-v2', {
      expectedRevision: paused.revision,
      actor: 'system:canary',
      action: 'rollback',
      state: 'rolled_back',
      reasons: ['error_rate significantly worse'],
      evidence: {},
      weights: { baseline: 1, candidate: 0 },
      audit: true,
    });
    expect(rolled).toMatchObject({
      state: 'rolled_back',
      baseline: { weight: 1 },
      candidate: { weight: 0 },
    });
    expect(rolled.endMs).not.toBeNull();
    const decisions = await store.canaries.decisions('p1', 'fraud-v2');
    expect(decisions.map((d) => [d.seq, d.action, d.state])).toEqual([
      [1, 'pause', 'paused'],
      [2, 'rollback', 'rolled_back'],
    ]);
    expect(decisions[1].reasons).toEqual(['error_rate significantly worse']);
    const audit = await store.audit.query('p1', { range: ALL, target: 'fraud-v2' });
    expect(audit.map((a) => a.action)).toEqual([
      'canary.create',
      'canary.pause',
      'canary.rollback',
    ]);
    // Ended: no more decisions, and a new canary of the model may start.
    expect(
      await code(
        store.canaries.recordDecision('p1', 'fraud-v2', {
          expectedRevision: rolled.revision,
          actor: 'x',
          action: 'continue',
          state: 'running',
          reasons: [],
          evidence: {},
          audit: false,
        }),
      ),
    ).toBe('CONFLICT');
    expect(await store.canaries.hasFinishedCanary('p1', 'fraud', 2)).toBe(false);
  });

  it('promotes by moving the alias in the same transaction, or not at all', async () => {
    const c = await store.canaries.create('p1', canary('promo-v2', 'promo'));
    // The alias moved meanwhile (expected 2, it is 1): CONFLICT and nothing written.
    expect(
      await code(
        store.canaries.recordDecision('p1', 'promo-v2', {
          expectedRevision: c.revision,
          actor: 'system:canary',
          action: 'promote',
          state: 'promoted',
          reasons: ['7 days'],
          evidence: {},
          promote: { alias: 'production', expectedFrom: 2 },
          audit: true,
        }),
      ),
    ).toBe('CONFLICT');
    expect((await store.canaries.get('p1', 'promo-v2'))?.state).toBe('running');
    expect(await store.canaries.decisions('p1', 'promo-v2')).toEqual([]);
    const done = await store.canaries.recordDecision('p1', 'promo-v2', {
      expectedRevision: c.revision,
      actor: 'system:canary',
      action: 'promote',
      state: 'promoted',
      reasons: ['7 days'],
      evidence: {},
      promote: { alias: 'production', expectedFrom: 1 },
      audit: true,
    });
    expect(done.state).toBe('promoted');
    expect((await store.registry.getAlias('p1', 'promo', 'production'))?.version).toBe(2);
    const history = await store.registry.aliasHistory('p1', 'promo', { alias: 'production' });
    expect(history.at(-1)).toMatchObject({ fromVersion: 1, toVersion: 2, actor: 'system:canary' });
    const audit = await store.audit.query('p1', { range: ALL, actor: 'system:canary' });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['alias.move', 'canary.promote']),
    );
    expect(await store.canaries.hasFinishedCanary('p1', 'promo', 2)).toBe(true);
    expect(await store.canaries.hasFinishedCanary('p2', 'promo', 2)).toBe(false);
    expect(await store.canaries.hasFinishedCanary('p1', 'promo', 1)).toBe(false);
  });
});
