// The LLM store on both adapters: spans idempotent by (trace, span), filtered queries and trace
// reads, price table versions, budgets audited, usage counters incremented in the generation's
// transaction (thresholds crossed once per period) and exact under concurrent writers.
import {
  type NewGeneration,
  periodEnd,
  periodStart,
  type SqlStore,
  usdToNanos,
} from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const DAY = 86_400_000;

function gen(over: Partial<NewGeneration> & { spanId: string }): NewGeneration {
  return {
    traceId: 't1',
    parentSpanId: null,
    name: 'chat',
    operation: 'chat',
    startMs: T0,
    endMs: T0 + 250,
    modelRequested: 'gpt-4o',
    modelServed: 'gpt-4o-2024-11-20',
    provider: 'openai',
    promptName: null,
    promptVersion: null,
    input: [{ role: 'user', content: 'hi' }],
    output: [{ role: 'assistant', content: 'hello' }],
    tokens: { input: 10, output: 5, cachedInput: null, reasoning: null },
    costUsd: 0.001,
    costSource: 'caller',
    priceTableVersion: null,
    status: 'ok',
    error: null,
    user: 'u1',
    session: 's1',
    service: 'bot',
    apiKeyId: 'k1',
    tags: [],
    variant: null,
    attempt: 0,
    flags: [],
    attributes: {},
    ...over,
  };
}

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name llm store', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  let clock = T0;
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

  it('stores spans once per (trace, span), in a batch and across batches', async () => {
    const r1 = await store.llm.recordGenerations('p1', [
      gen({ spanId: 'a', tags: ['beta', 'x%y'] }),
      gen({ spanId: 'a', name: 'repeat in batch' }),
      gen({
        spanId: 'b',
        parentSpanId: 'a',
        startMs: T0 + 10,
        costUsd: null,
        costSource: 'unknown',
        flags: ['cost_unknown'],
      }),
      gen({
        spanId: 'a',
        traceId: 't2',
        operation: null,
        name: 'plain',
        modelRequested: null,
        modelServed: null,
      }),
    ]);
    expect(r1.items.map((i) => i.inserted)).toEqual([true, false, true, true]);
    const r2 = await store.llm.recordGenerations('p1', [
      gen({ spanId: 'b' }),
      gen({ spanId: 'c', startMs: T0 + 20, status: 'error', error: 'boom' }),
    ]);
    expect(r2.items.map((i) => i.inserted)).toEqual([false, true]);

    const trace = await store.llm.getTrace('p1', 't1');
    expect(trace.map((g) => g.spanId)).toEqual(['a', 'b', 'c']);
    const a = trace[0];
    expect(a.name).toBe('chat');
    expect(a.latencyMs).toBe(250);
    expect(a.input).toEqual([{ role: 'user', content: 'hi' }]);
    expect(a.tokens).toEqual({ input: 10, output: 5, cachedInput: null, reasoning: null });
    expect(a.tags).toEqual(['beta', 'x%y']);
    expect(trace[1].parentSpanId).toBe('a');
    expect(trace[1].costUsd).toBeNull();
    expect(trace[1].flags).toEqual(['cost_unknown']);
    expect(await store.llm.getTrace('p2', 't1')).toEqual([]);
  });

  it('queries by window and filters, newest first', async () => {
    const range = { fromMs: T0 - 1000, toMs: T0 + 1000 };
    const all = await store.llm.queryGenerations('p1', { range });
    expect(all.map((g) => `${g.traceId}/${g.spanId}`)).toEqual(['t1/c', 't1/b', 't1/a', 't2/a']);
    expect((await store.llm.queryGenerations('p1', { range, llmOnly: true })).length).toBe(3);
    expect(
      (await store.llm.queryGenerations('p1', { range, tag: 'x%y' })).map((g) => g.spanId),
    ).toEqual(['a']);
    expect(await store.llm.queryGenerations('p1', { range, tag: 'x' })).toEqual([]);
    expect((await store.llm.queryGenerations('p1', { range, flag: 'cost_unknown' })).length).toBe(
      1,
    );
    expect(
      (await store.llm.queryGenerations('p1', { range, status: 'error' })).map((g) => g.error),
    ).toEqual(['boom']);
    expect(
      (await store.llm.queryGenerations('p1', { range, model: 'gpt-4o-2024-11-20' })).length,
    ).toBe(3);
    expect((await store.llm.queryGenerations('p1', { range, limit: 1 })).length).toBe(1);
    expect(await store.llm.queryGenerations('p2', { range })).toEqual([]);
    await expect(
      store.llm.queryGenerations('p1', { range: { fromMs: 5, toMs: 5 } }),
    ).rejects.toThrow('time window');

    const t = await store.llm.totals('p1', { range });
    expect(t).toEqual({
      calls: 3,
      errors: 1,
      inputTokens: 30,
      outputTokens: 15,
      costUsd: 0.002,
      costUnknownCalls: 1,
    });
    expect(await store.llm.countCalls('p1', 'session', 's1', range)).toEqual({
      calls: 3,
      retries: 0,
    });
    expect(await store.llm.countCallsByGroup('p1', 'trace', ['t1', 't2', 'none'], range)).toEqual(
      new Map([['t1', { calls: 3, retries: 0 }]]),
    );
    expect(await store.llm.addFlag('p1', 't1', ['a', 'b', 'zz'], 'runaway')).toBe(2);
    expect(await store.llm.addFlag('p1', 't1', ['a'], 'runaway')).toBe(0);
    expect((await store.llm.queryGenerations('p1', { range, flag: 'runaway' })).length).toBe(2);
  });

  it('keeps price tables as versions, picks the one in force, and audits them', async () => {
    const entry = {
      match: 'gpt-4o*',
      matchKind: 'glob' as const,
      inputPer1M: 2.5,
      outputPer1M: 10,
      cachedInputPer1M: 1.25,
      reasoningPer1M: null,
    };
    const v1 = await store.llm.createPriceTable(
      'p1',
      { effectiveFromMs: T0 - DAY, entries: [entry] },
      'key:k1',
    );
    const v2 = await store.llm.createPriceTable(
      'p1',
      { effectiveFromMs: T0 + DAY, entries: [{ ...entry, inputPer1M: 2 }], note: 'price cut' },
      'alice',
    );
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await store.llm.priceTableAt('p1', T0))?.version).toBe(1);
    expect((await store.llm.priceTableAt('p1', T0 + DAY))?.version).toBe(2);
    expect(await store.llm.priceTableAt('p1', T0 - 2 * DAY)).toBeNull();
    expect(await store.llm.priceTableAt('p2', T0)).toBeNull();
    expect((await store.llm.getPriceTable('p1', 2))?.note).toBe('price cut');
    expect((await store.llm.listPriceTables('p1')).map((t) => t.version)).toEqual([1, 2]);
    const audit = await store.audit.query('p1', {
      range: { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER },
      targetKind: 'price_table',
    });
    expect(audit.map((e) => [e.action, e.target, e.actor])).toEqual([
      ['price_table.create', '1', 'key:k1'],
      ['price_table.create', '2', 'alice'],
    ]);
  });

  it('counts spend per budget and subject, crossing each threshold once per period', async () => {
    const b = await store.llm.upsertBudget(
      'p1',
      {
        name: 'bot-daily',
        scope: 'service',
        match: 'bot',
        period: 'daily',
        limitUsd: 1,
        block: true,
        alertThresholds: [0.8, 1],
        channels: ['ops'],
      },
      'key:k1',
    );
    const perUser = await store.llm.upsertBudget(
      'p1',
      {
        name: 'per-user',
        scope: 'user',
        match: '*',
        period: 'monthly',
        limitUsd: 10,
        block: false,
        alertThresholds: [0.8, 1],
      },
      'key:k1',
    );
    await store.llm.upsertBudget(
      'p1',
      {
        name: 'other',
        scope: 'model',
        match: 'claude-*',
        period: 'daily',
        limitUsd: 1,
        block: false,
        alertThresholds: [0.8, 1],
      },
      'key:k1',
    );
    const day2 = T0 + DAY;
    const at = (i: number, over: Partial<NewGeneration>) =>
      gen({ traceId: 'tb', spanId: `b${i}`, startMs: day2 + i, endMs: day2 + i + 1, ...over });

    const r1 = await store.llm.recordGenerations('p1', [
      at(1, { costUsd: 0.5 }),
      at(2, { costUsd: 0.29, user: 'u2' }),
    ]);
    expect(r1.crossings).toEqual([]);
    const r2 = await store.llm.recordGenerations('p1', [at(3, { costUsd: 0.01 })]);
    expect(r2.crossings.map((c) => [c.budget.name, c.subject, c.threshold, c.spendNanos])).toEqual([
      ['bot-daily', 'bot', 0.8, usdToNanos(0.8)],
    ]);
    const r3 = await store.llm.recordGenerations('p1', [
      at(4, { costUsd: 0.1 }),
      at(1, { costUsd: 5 }),
    ]);
    expect(r3.items.map((i) => i.inserted)).toEqual([true, false]);
    expect(r3.crossings).toEqual([]);
    const r4 = await store.llm.recordGenerations('p1', [
      at(5, { costUsd: 0.2, service: 'other' }),
      at(6, { costUsd: 0.1 }),
      at(7, { costUsd: null, costSource: 'unknown' }),
    ]);
    expect(r4.crossings.map((c) => [c.budget.name, c.threshold])).toEqual([['bot-daily', 1]]);
    expect(r4.crossings[0].budget.channels).toEqual(['ops']);
    const r5 = await store.llm.recordGenerations('p1', [at(8, { costUsd: 1 })]);
    expect(r5.crossings).toEqual([]);

    const usage = await store.llm.getUsage('p1', b.id, periodStart('daily', day2));
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({
      subject: 'bot',
      spendNanos: usdToNanos(2),
      calls: 7,
      alertedLevel: 1,
    });
    const users = await store.llm.getUsage('p1', perUser.id, periodStart('monthly', day2));
    expect(users.map((u) => [u.subject, u.spendNanos, u.calls])).toEqual([
      ['u1', [0.5, 0.01, 0.1, 0.2, 0.1, 1].reduce((n, c) => n + usdToNanos(c), 0), 7],
      ['u2', usdToNanos(0.29), 1],
    ]);
    expect(
      await store.llm.getUsage('p1', perUser.id, periodStart('monthly', day2), 'u2'),
    ).toHaveLength(1);
    // The next day starts a new period: counters and thresholds start again.
    const r6 = await store.llm.recordGenerations('p1', [
      gen({
        traceId: 'tb',
        spanId: 'next',
        startMs: periodEnd('daily', day2),
        endMs: periodEnd('daily', day2),
        costUsd: 0.9,
      }),
    ]);
    expect(r6.crossings.map((c) => [c.budget.name, c.threshold])).toEqual([['bot-daily', 0.8]]);
    // Another project's budgets are not touched.
    const r7 = await store.llm.recordGenerations('p2', [
      gen({ traceId: 'tb', spanId: 'p2', startMs: day2, endMs: day2, costUsd: 100 }),
    ]);
    expect(r7.crossings).toEqual([]);
  });

  it('counts a model budget under the model asked for, else the one that answered', async () => {
    const each = await store.llm.upsertBudget(
      'p1',
      {
        name: 'per-model',
        scope: 'model',
        match: '*',
        period: 'daily',
        limitUsd: 1,
        block: false,
        alertThresholds: [1],
      },
      'a',
    );
    const t = T0 + 5 * DAY;
    await store.llm.recordGenerations('p1', [
      gen({
        traceId: 'm',
        spanId: '1',
        startMs: t,
        endMs: t,
        modelRequested: 'gpt-4o',
        modelServed: 'gpt-4o-2024-11-20',
        costUsd: 0.1,
      }),
      gen({
        traceId: 'm',
        spanId: '2',
        startMs: t,
        endMs: t,
        modelRequested: null,
        modelServed: 'claude-3-haiku',
        costUsd: 0.2,
      }),
      gen({
        traceId: 'm',
        spanId: '3',
        startMs: t,
        endMs: t,
        modelRequested: 'my-alias',
        modelServed: 'claude-3-opus',
        costUsd: 0.3,
      }),
    ]);
    const rows = await store.llm.getUsage('p1', each.id, periodStart('daily', t));
    expect(rows.map((u) => [u.subject, u.calls])).toEqual([
      ['claude-3-haiku', 1],
      ['gpt-4o', 1],
      ['my-alias', 1],
    ]);
    const claude = await store.llm.getBudgetByName('p1', 'other');
    const [c] = await store.llm.getUsage('p1', claude?.id ?? '', periodStart('daily', t));
    expect([c.subject, c.calls, c.spendNanos]).toEqual([
      'claude-*',
      2,
      usdToNanos(0.2) + usdToNanos(0.3),
    ]);
    await store.llm.deleteBudget('p1', each.id, 'a');
  });

  it('audits budget changes and deletes a budget with its counters', async () => {
    const b1 = await store.llm.getBudgetByName('p1', 'bot-daily');
    expect(b1).not.toBeNull();
    const b2 = await store.llm.upsertBudget(
      'p1',
      {
        name: 'bot-daily',
        scope: 'service',
        match: 'bot',
        period: 'daily',
        limitUsd: 3,
        block: false,
        alertThresholds: [0.5, 1],
        description: 'raised',
      },
      'alice',
    );
    expect(b2.id).toBe(b1?.id);
    expect(b2.createdMs).toBe(b1?.createdMs);
    expect((await store.llm.getBudget('p1', b2.id))?.limitUsd).toBe(3);
    expect(await store.llm.getBudget('p2', b2.id)).toBeNull();
    expect((await store.llm.listBudgets('p1')).map((b) => b.name)).toEqual([
      'bot-daily',
      'other',
      'per-user',
    ]);
    expect(await store.llm.deleteBudget('p2', b2.id, 'mallory')).toBe(false);
    expect(await store.llm.deleteBudget('p1', b2.id, 'alice')).toBe(true);
    expect(await store.llm.getBudget('p1', b2.id)).toBeNull();
    expect(await store.llm.getUsage('p1', b2.id, periodStart('daily', T0 + DAY))).toEqual([]);
    const audit = await store.audit.query('p1', {
      range: { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER },
      targetKind: 'budget',
      target: 'bot-daily',
    });
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['budget.create', 'key:k1'],
      ['budget.update', 'alice'],
      ['budget.delete', 'alice'],
    ]);
    expect(audit[1].details).toMatchObject({
      from: { limitUsd: 1, block: true },
      to: { limitUsd: 3, block: false },
    });
  });

  it('refuses bad budgets and generations with a message naming the field', async () => {
    const base = {
      name: 'x',
      scope: 'service' as const,
      match: 'a',
      period: 'daily' as const,
      limitUsd: 1,
      block: false,
      alertThresholds: [0.8, 1],
    };
    await expect(store.llm.upsertBudget('p1', { ...base, limitUsd: 0 }, 'a')).rejects.toThrow(
      'limitUsd',
    );
    await expect(store.llm.upsertBudget('p1', { ...base, name: 'a b' }, 'a')).rejects.toThrow(
      'name',
    );
    await expect(
      store.llm.upsertBudget('p1', { ...base, alertThresholds: [1, 0.8] }, 'a'),
    ).rejects.toThrow('alertThresholds');
    await expect(store.llm.recordGenerations('p1', [gen({ spanId: '' })])).rejects.toThrow(
      'spanId',
    );
    await expect(
      store.llm.recordGenerations('p1', [gen({ spanId: 'z', costUsd: -1 })]),
    ).rejects.toThrow('costUsd');
    expect(await store.llm.getBudgetByName('p1', 'x')).toBeNull();
  });

  it('keeps spend exact under concurrent writers on separate connections', async () => {
    const b = await store.llm.upsertBudget(
      'p1',
      {
        name: 'race',
        scope: 'project',
        match: '*',
        period: 'monthly',
        limitUsd: 1e6,
        block: false,
        alertThresholds: [0.8, 1],
      },
      'a',
    );
    const writers = 6;
    const batches = 8;
    const perBatch = 5;
    const stores = Array.from({ length: writers }, () => backend.open());
    let expected = 0;
    const costOf = (w: number, k: number, i: number) =>
      ((w * 131 + k * 17 + i * 7) % 97) / 1000 + 0.000123;
    for (let w = 0; w < writers; w++)
      for (let k = 0; k < batches; k++)
        for (let i = 0; i < perBatch; i++) expected += usdToNanos(costOf(w, k, i));
    const t = T0 + 3 * DAY;
    try {
      await Promise.all(
        stores.map(async (s, w) => {
          for (let k = 0; k < batches; k++) {
            await s.llm.recordGenerations(
              'p1',
              Array.from({ length: perBatch }, (_, i) =>
                gen({
                  traceId: `race-${w}`,
                  spanId: `${k}-${i}`,
                  startMs: t,
                  endMs: t,
                  costUsd: costOf(w, k, i),
                }),
              ),
            );
          }
        }),
      );
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
    const [u] = await store.llm.getUsage('p1', b.id, periodStart('monthly', t));
    expect(u.calls).toBe(writers * batches * perBatch);
    expect(u.spendNanos).toBe(expected);
    clock = u.updatedMs;
    expect(clock).toBeGreaterThan(0);
  });
});
