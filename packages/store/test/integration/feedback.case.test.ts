// LLM feedback on both adapters: feedback idempotent by id, the review queue and verdicts (with
// audit), versioned knowledge tables, reference checks and the rate series, settings and cursor.
import type { SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const ALL = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name LLM feedback', ({ make }) => {
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

  const fb = (id: string, kind: 'thumbs_up' | 'thumbs_down' | 'correction', t: number) => ({
    id,
    timeMs: t,
    traceId: `t-${id}`,
    spanId: null,
    kind,
    value: null,
    comment: kind === 'thumbs_down' ? 'wrong price' : null,
    correction: kind === 'correction' ? 'It costs $20.' : null,
    user: 'u1',
  });

  it('stores feedback once per id and counts it by kind', async () => {
    const first = await store.feedback.addFeedback('p1', [
      fb('f1', 'thumbs_up', T0),
      fb('f2', 'thumbs_down', T0 + 1),
      fb('f3', 'correction', T0 + 2),
    ]);
    expect(first).toEqual({ inserted: 3, duplicates: [] });
    const again = await store.feedback.addFeedback('p1', [fb('f2', 'thumbs_down', T0 + 1)]);
    expect(again).toEqual({ inserted: 0, duplicates: ['f2'] });
    expect(await store.feedback.addFeedback('p2', [fb('f2', 'thumbs_up', T0)])).toEqual({
      inserted: 1,
      duplicates: [],
    });
    const rows = await store.feedback.queryFeedback('p1', { range: ALL });
    expect(rows.map((r) => r.id)).toEqual(['f1', 'f2', 'f3']);
    expect(rows[2].correction).toBe('It costs $20.');
    expect(await store.feedback.feedbackCounts('p1', ALL)).toEqual({
      thumbs_up: 1,
      thumbs_down: 1,
      rating: 0,
      correction: 1,
      reported_error: 0,
    });
    expect(
      await store.feedback.queryFeedback('p1', { range: ALL, kind: 'thumbs_down' }),
    ).toHaveLength(1);
  });

  it('queues sampled answers once, records verdicts with audit, and gives the hallucination rate', async () => {
    const item = (span: string, t: number) => ({
      traceId: 'tr',
      spanId: span,
      timeMs: t,
      model: 'gpt-4o-2024-11-20',
      prompt: 'support@3',
      output: `answer ${span}`,
    });
    expect(
      await store.feedback.enqueueReviews('p1', [
        item('a', T0),
        item('b', T0 + 10),
        item('c', T0 + DAY),
      ]),
    ).toBe(3);
    expect(await store.feedback.enqueueReviews('p1', [item('a', T0)])).toBe(0);
    expect(await store.feedback.listReviews('p1', { range: ALL, state: 'pending' })).toHaveLength(
      3,
    );
    await store.feedback.recordVerdict(
      'p1',
      'tr',
      'a',
      { verdict: 'hallucination', reviewer: 'ann', notes: 'quoted $25' },
      'key:k1',
    );
    await store.feedback.recordVerdict(
      'p1',
      'tr',
      'b',
      { verdict: 'correct', reviewer: 'ann', notes: null },
      'key:k1',
    );
    await store.feedback.recordVerdict(
      'p1',
      'tr',
      'c',
      { verdict: 'correct', reviewer: 'bob', notes: null },
      'key:k1',
    );
    await expect(
      store.feedback.recordVerdict(
        'p2',
        'tr',
        'a',
        { verdict: 'correct', reviewer: 'x', notes: null },
        'k',
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const series = await store.feedback.hallucinationSeries(
      'p1',
      { fromMs: T0, toMs: T0 + 2 * DAY },
      DAY,
    );
    expect(series).toEqual([
      { startMs: T0, total: 2, failed: 1, rate: 0.5 },
      { startMs: T0 + DAY, total: 1, failed: 0, rate: 0 },
    ]);
    const audit = await store.audit.query('p1', { range: ALL, targetKind: 'review' });
    expect(audit.map((a) => a.target)).toEqual(['tr/a', 'tr/b', 'tr/c']);
    expect(audit[0].details).toMatchObject({ from: null, to: 'hallucination' });
    await expect(
      store.feedback.hallucinationSeries('p1', { fromMs: T0, toMs: T0 + DAY }, 10),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('versions knowledge tables and buckets reference checks', async () => {
    const v1 = await store.feedback.putKnowledgeTable(
      'p1',
      'prices',
      [{ item: 'Pro plan', price: 20 }],
      'alice',
    );
    const v2 = await store.feedback.putKnowledgeTable(
      'p1',
      'prices',
      [{ item: 'Pro plan', aliases: ['Pro tier'], price: 22 }],
      'alice',
    );
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await store.feedback.getKnowledgeTable('p1', 'prices'))?.rows[0].price).toBe(22);
    expect((await store.feedback.getKnowledgeTable('p1', 'prices', 1))?.rows[0].price).toBe(20);
    expect(await store.feedback.getKnowledgeTable('p2', 'prices')).toBeNull();
    expect((await store.feedback.listKnowledgeTables('p1')).map((t) => t.version)).toEqual([2]);
    const check = (span: string, t: number, claims: number, wrong: number) => ({
      traceId: 'tr',
      spanId: span,
      knowledge: 'prices',
      knowledgeVersion: 2,
      timeMs: t,
      claims,
      wrong,
      details: wrong > 0 ? [{ item: 'Pro plan', quoted: 25, expected: 22 }] : [],
    });
    await store.feedback.recordReferenceChecks('p1', [
      check('a', T0, 1, 1),
      check('b', T0 + 5, 1, 0),
      check('c', T0 + 6, 0, 0),
    ]);
    // A re-check replaces the earlier result.
    await store.feedback.recordReferenceChecks('p1', [check('b', T0 + 5, 2, 1)]);
    expect(await store.feedback.referenceSeries('p1', { fromMs: T0, toMs: T0 + DAY }, DAY)).toEqual(
      [{ startMs: T0, total: 2, failed: 2, rate: 1 }],
    );
    const wrong = await store.feedback.queryReferenceChecks('p1', { range: ALL, wrongOnly: true });
    expect(wrong.map((c) => c.spanId)).toEqual(['a', 'b']);
    expect(wrong[0].details).toEqual([{ item: 'Pro plan', quoted: 25, expected: 22 }]);
  });

  it('keeps settings per project with a cursor that only moves forward', async () => {
    const s = await store.feedback.putSettings(
      'p1',
      { reviewRate: 0.02, referenceChecks: [{ knowledge: 'prices' }] },
      'alice',
      T0,
    );
    expect(s.cursorMs).toBe(T0);
    expect(await store.feedback.advanceCursor('p1', T0, T0 + 1000)).toBe(true);
    expect(await store.feedback.advanceCursor('p1', T0, T0 + 2000)).toBe(false);
    const again = await store.feedback.putSettings(
      'p1',
      { reviewRate: 0.05, referenceChecks: [] },
      'alice',
      0,
    );
    expect(again.cursorMs).toBe(T0 + 1000);
    expect((await store.feedback.listSettings()).map((x) => x.projectId)).toEqual(['p1']);
    expect(await store.feedback.getSettings('p2')).toBeNull();
  });
});
