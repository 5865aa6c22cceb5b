// The LLM API end to end on both backends: generations posted in batches (per-item results,
// tokens counted and cost computed when missing, unknown models priced as unknown), price table
// versions, budget files with errors, budget alerts at 80 % and 100 % through the alert path,
// blocking, the spend forecast, and runaway detection of a looping session.
import { periodStart } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/harness.js';

const yaml = { 'content-type': 'application/yaml' };

const BUDGETS = `apiVersion: vigil/v1
kind: Budget
metadata: { name: bot-daily, description: support bot spend }
spec:
  scope: service
  match: support-bot
  period: daily
  limitUsd: 0.01
  block: true
  channels: [ops]
---
apiVersion: vigil/v1
kind: Budget
metadata: { name: per-user }
spec: { scope: user, match: "*", period: monthly, limitUsd: 100 }
`;

describe.each(BACKENDS)('LLM API on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());

  const post = (generations: unknown[], key = h.a.key) =>
    h.request('POST', '/v1/llm/generations', { key, body: { generations } });

  it('records a batch item by item: cost computed, tokens counted, unknown model flagged', async () => {
    const t = Date.now() - 60_000;
    const r = await post([
      {
        span_id: 'g1',
        trace_id: 'api-trace',
        start_time: t,
        latency_ms: 800,
        model: 'gpt-4o',
        usage: { input_tokens: 1000, cached_input_tokens: 400, output_tokens: 200 },
        service: 'api-test',
        tags: ['x'],
      },
      {
        span_id: 'g2',
        trace_id: 'api-trace',
        parent_span_id: 'g1',
        start_time: new Date(t + 10).toISOString(),
        model: 'gpt-4o-mini',
        input: [{ role: 'user', content: 'hello world' }],
        output: 'Hello! How can I help you today?',
        service: 'api-test',
      },
      {
        span_id: 'g3',
        start_time: t,
        model: 'in-house-llm-7b',
        usage: { input_tokens: 10, output_tokens: 10 },
      },
      { span_id: 'g4', start_time: t, model: 'gpt-4o', cost_usd: 0.5, usage: { input_tokens: 1 } },
      { span_id: 'bad', start_time: 'yesterday', model: 'gpt-4o' },
      { span_id: 'g1', trace_id: 'api-trace', start_time: t, model: 'gpt-4o' },
    ]);
    expect(r.status).toBe(207);
    expect([r.json.accepted, r.json.duplicates, r.json.rejected]).toEqual([4, 1, 1]);
    const res = r.json.results;
    // gpt-4o built-in: $2.50 in, $1.25 cached in, $10 out per 1M tokens.
    expect(res[0].cost_usd).toBeCloseTo((600 * 2.5 + 400 * 1.25 + 200 * 10) / 1e6, 12);
    expect(res[1].flags).toEqual(['tokens_estimated']);
    expect(res[2]).toMatchObject({ status: 'accepted', cost_usd: null, flags: ['cost_unknown'] });
    expect(res[3].cost_usd).toBe(0.5);
    expect(res[4].status).toBe('rejected');
    expect(res[4].errors[0].field).toBe('generations[4].start_time');
    expect(res[5].status).toBe('duplicate');

    const trace = await h.request('GET', '/v1/llm/traces/api-trace', { key: h.a.key });
    expect(trace.status).toBe(200);
    const [g1] = trace.json.spans;
    expect(g1).toMatchObject({
      span_id: 'g1',
      latency_ms: 800,
      cost_source: 'computed',
      price_table_version: 0,
      tags: ['x'],
    });
    const g2 = g1.children[0];
    expect(g2.span_id).toBe('g2');
    // o200k_base: "hello world" is 2 tokens, plus the chat format's 3 per message and 3 priming;
    // the role is counted as text too ("user" + newline + "hello world" = 4 tokens).
    expect(g2.usage.input_tokens).toBe(4 + 3 + 3);
    expect(g2.usage.output_tokens).toBe(9);
    expect(g2.cost_usd).toBeCloseTo((10 * 0.15 + 9 * 0.6) / 1e6, 12);

    const bad = await h.request('POST', '/v1/llm/generations', {
      key: h.a.key,
      body: { generations: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe(
      'body must be { "generations": [ ... ] } with at least one item',
    );
    const none = await post([{ span_id: 'x' }]);
    expect(none.status).toBe(400);
    expect(none.json.error.message).toMatch(
      /^every generation was rejected; first: generations\[0\]\.start_time/,
    );
  });

  it('prices calls with the price table version in force at the call time', async () => {
    const now = Date.now();
    const v = await h.request('POST', '/v1/llm/price-tables', {
      key: h.a.key,
      body: {
        effectiveFrom: now - 3_600_000,
        note: 'negotiated',
        entries: [
          { match: 'in-house-llm-\\d+b', matchKind: 'regex', inputPer1M: 1, outputPer1M: 2 },
          { match: 'gpt-4o', inputPer1M: 2, outputPer1M: 8, cachedInputPer1M: 0.5 },
        ],
      },
    });
    expect(v.status).toBe(201);
    expect(v.json.version).toBe(1);
    const r = await post([
      {
        span_id: 'p-old',
        start_time: now - 7_200_000,
        model: 'gpt-4o',
        usage: { input_tokens: 1e6, output_tokens: 0 },
      },
      {
        span_id: 'p-new',
        start_time: now - 60_000,
        model: 'gpt-4o',
        usage: { input_tokens: 1e6, output_tokens: 0 },
      },
      {
        span_id: 'p-reg',
        start_time: now - 60_000,
        model: 'in-house-llm-7b',
        usage: { input_tokens: 1e6, output_tokens: 1e6 },
      },
      {
        span_id: 'p-fallback',
        start_time: now - 60_000,
        model: 'gpt-4o-mini',
        usage: { input_tokens: 1e6, output_tokens: 0 },
      },
    ]);
    expect(r.status).toBe(200);
    expect(r.json.results.map((x: { cost_usd: number }) => x.cost_usd)).toEqual([2.5, 2, 3, 0.15]);
    const rows = await h.request(
      'GET',
      `/v1/llm/generations?from=${now - 86_400_000}&to=${now}&model=gpt-4o`,
      { key: h.a.key },
    );
    const versions = Object.fromEntries(
      rows.json.generations.map((g: { span_id: string; price_table_version: number }) => [
        g.span_id,
        g.price_table_version,
      ]),
    );
    expect(versions).toMatchObject({ 'p-old': 0, 'p-new': 1 });

    const badRegex = await h.request('POST', '/v1/llm/price-tables', {
      key: h.a.key,
      body: {
        effectiveFrom: now,
        entries: [{ match: '(', matchKind: 'regex', inputPer1M: 1, outputPer1M: 1 }],
      },
    });
    expect(badRegex.status).toBe(400);
    expect(badRegex.json.error.message).toMatch(
      /^invalid body: body\.entries\[0\]\.match: invalid regular expression/,
    );
    const negative = await h.request('POST', '/v1/llm/price-tables', {
      key: h.a.key,
      body: { effectiveFrom: now, entries: [{ match: 'x', inputPer1M: -1, outputPer1M: 1 }] },
    });
    expect(negative.status).toBe(400);
    expect(negative.json.error.message).toContain('body.entries[0].inputPer1M');
    const list = await h.request('GET', '/v1/llm/price-tables', { key: h.a.key });
    expect(list.json.tables.map((t: { version: number }) => t.version)).toEqual([1]);
    expect(list.json.builtin.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await h.request('GET', '/v1/llm/price-tables/1', { key: h.a.key })).json.note).toBe(
      'negotiated',
    );
    expect((await h.request('GET', '/v1/llm/price-tables/2', { key: h.a.key })).status).toBe(404);
  });

  it('reports every problem of a budget file with its line and applies nothing', async () => {
    const broken = BUDGETS.replace('limitUsd: 0.01', 'limitUsd: -2')
      .replace('period: monthly', 'period: weekly')
      .replace('  block: true', '  block: true\n  blok: true');
    const r = await h.request('PUT', '/v1/llm/budgets', {
      key: h.a.key,
      raw: broken,
      headers: yaml,
    });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(
      /^invalid budget file: line 8, column 13: spec\.limitUsd: .* \(and 2 more\)$/,
    );
    expect(r.json.error.issues.map((i: { field: string }) => i.field)).toEqual([
      'body.spec.limitUsd',
      'body.spec.blok',
      'body.spec.period',
    ]);
    expect(r.json.error.issues[1].reason).toBe('line 10, column 3: unknown key "blok"');
    const syntax = await h.request('PUT', '/v1/llm/budgets', {
      key: h.a.key,
      raw: 'kind: Budget\nspec: [unclosed\n',
      headers: yaml,
    });
    expect(syntax.status).toBe(400);
    expect(syntax.json.error.message).toMatch(/^invalid budget file: line \d+, column \d+: YAML:/);
    const flat = await h.request('PUT', '/v1/llm/budgets', {
      key: h.a.key,
      body: { name: 'x', scope: 'team', period: 'daily', limitUsd: 1 },
    });
    expect(flat.status).toBe(400);
    expect(flat.json.error.message).toMatch(/^invalid budget: body\.scope: /);
    expect((await h.request('GET', '/v1/llm/budgets', { key: h.a.key })).json.budgets).toEqual([]);
  });

  it('alerts at 80 % and 100 %, blocks, and forecasts exhaustion', async () => {
    const applied = await h.request('PUT', '/v1/llm/budgets', {
      key: h.a.key,
      raw: BUDGETS,
      headers: yaml,
    });
    expect(applied.status).toBe(200);
    expect(applied.json.created).toEqual(['bot-daily', 'per-user']);
    const id = applied.json.budgets[0].id as string;
    const again = await h.request('PUT', '/v1/llm/budgets', {
      key: h.a.key,
      raw: BUDGETS,
      headers: yaml,
    });
    expect(again.json.updated).toEqual(['bot-daily', 'per-user']);

    const check = () =>
      h.request('POST', '/v1/llm/budgets/check', {
        key: h.a.key,
        body: { service: 'support-bot', user: 'u1', model: 'gpt-4o' },
      });
    expect((await check()).json).toEqual({ allowed: true });
    const t = Date.now();
    const call = (n: number, cost: number) => ({
      span_id: `bud-${n}`,
      trace_id: `bud-${n}`,
      start_time: t - 1000 + n,
      model: 'gpt-4o',
      service: 'support-bot',
      user: 'u1',
      cost_usd: cost,
    });
    // $0.007 then $0.0015: 85 % -> the 80 % alert.
    expect((await post([call(1, 0.007)])).status).toBe(200);
    expect((await post([call(2, 0.0015)])).status).toBe(200);
    let alerts = await h.store.listAlerts('a-project', { monitor: 'budget:bot-daily' });
    expect(alerts.map((a) => [a.state, a.severity, a.labels.threshold])).toEqual([
      ['firing', 'warning', '0.8'],
    ]);
    expect(alerts[0].summary).toMatch(
      /^budget "bot-daily" \(service support-bot\) reached 80% of \$0\.01 daily: \$0\.01 spent$/,
    );
    const mid = await h.request('GET', `/v1/llm/budgets/${id}`, { key: h.a.key });
    expect(mid.status).toBe(200);
    expect(mid.json.spendUsd).toBeCloseTo(0.0085, 12);
    expect(mid.json.share).toBeCloseTo(0.85, 12);
    expect(mid.json.exhausted).toBe(false);
    expect(mid.json.periodStart).toBe(periodStart('daily', t));
    // At the day's average rate the last 15 % takes 15/85 of the time elapsed so far.
    const f = mid.json.forecastExhaustedAt;
    if (f !== null) {
      expect(f).toBeGreaterThan(t);
      expect(f).toBeLessThan(mid.json.periodEnd);
    }
    expect((await check()).json.allowed).toBe(true);

    // Two more cents: 285 % -> the 100 % alert, once; the budget now blocks.
    await post([call(3, 0.01), call(4, 0.01)]);
    await post([call(5, 0.001)]);
    alerts = await h.store.listAlerts('a-project', { monitor: 'budget:bot-daily' });
    expect(alerts.map((a) => [a.severity, a.labels.threshold]).sort()).toEqual([
      ['critical', '1'],
      ['warning', '0.8'],
    ]);
    const blocked = await check();
    expect(blocked.json).toMatchObject({ allowed: false, budget: 'bot-daily', budget_id: id });
    expect(blocked.json.reason).toBe(
      'budget "bot-daily" exhausted for service "support-bot": $0.03 of $0.01 (daily)',
    );
    expect(
      (
        await h.request('POST', '/v1/llm/budgets/check', {
          key: h.a.key,
          body: { service: 'other-bot' },
        })
      ).json.allowed,
    ).toBe(true);
    const full = await h.request('GET', '/v1/llm/budgets/bot-daily', { key: h.a.key });
    expect(full.json).toMatchObject({ exhausted: true, name: 'bot-daily', block: true });
    expect(full.json.forecastExhaustedAt).toBeLessThanOrEqual(Date.now());
    expect(full.json.subjects).toEqual([
      expect.objectContaining({ subject: 'support-bot', calls: 5 }),
    ]);

    // Each alert went to the budget's channel as a notify job, like the scheduler's.
    const jobs = await h.store.claimJobs({
      worker: 'test',
      limit: 50,
      leaseMs: 60_000,
      kind: 'notify',
    });
    const budgetJobs = jobs.filter(
      (j) =>
        (j.payload as { notification: { monitorId: string } }).notification.monitorId ===
        'budget:bot-daily',
    );
    expect(budgetJobs).toHaveLength(2);
    expect((budgetJobs[0].payload as { channels: string[] }).channels).toEqual(['ops']);
    const users = await h.request('GET', '/v1/llm/budgets', { key: h.a.key });
    const perUser = users.json.budgets.find((b: { name: string }) => b.name === 'per-user');
    expect(perUser.subjects.map((s: { subject: string }) => s.subject)).toEqual(['u1']);

    const audit = await h.store.audit.query('a-project', {
      range: { fromMs: 0, toMs: Date.now() + 1 },
      targetKind: 'budget',
    });
    expect(audit.map((e) => e.action)).toEqual([
      'budget.create',
      'budget.create',
      'budget.update',
      'budget.update',
    ]);
    const del = await h.request('DELETE', `/v1/llm/budgets/${id}`, { key: h.a.key });
    expect(del.status).toBe(204);
    expect((await check()).json.allowed).toBe(true);
    expect((await h.request('GET', `/v1/llm/budgets/${id}`, { key: h.a.key })).status).toBe(404);
  });

  it('flags a session that suddenly loops and raises a runaway alert', async () => {
    const t = Date.now() - 10 * 60_000;
    // A quiet hour: 6 calls; then 60 calls (half of them retries) within two minutes.
    const quiet = Array.from({ length: 6 }, (_, i) => ({
      span_id: `q${i}`,
      trace_id: `loop-q${i}`,
      start_time: t - 50 * 60_000 + i * 60_000,
      model: 'gpt-4o',
      session: 'loop-session',
      cost_usd: 0.001,
    }));
    expect((await post(quiet)).status).toBe(200);
    expect(await h.store.listAlerts('a-project', { monitor: 'runaway:session' })).toEqual([]);
    const burst = Array.from({ length: 60 }, (_, i) => ({
      span_id: `b${i}`,
      trace_id: `loop-b${i}`,
      start_time: t + i * 2000,
      model: 'gpt-4o',
      session: 'loop-session',
      attempt: i % 2,
      cost_usd: 0.001,
    }));
    expect((await post(burst)).status).toBe(200);
    const alerts = await h.store.listAlerts('a-project', { monitor: 'runaway:session' });
    expect(alerts).toHaveLength(1);
    expect(alerts[0].summary).toBe(
      'runaway session loop-session: 60 calls in 5 min vs 6 in the previous 60 min',
    );
    const flagged = await h.request(
      'GET',
      `/v1/llm/generations?from=${t - 3_600_000}&to=${t + 3_600_000}&session=loop-session&flag=runaway`,
      { key: h.a.key },
    );
    expect(flagged.json.generations).toHaveLength(60);
    // The next call of the session is flagged as it is stored, without another count.
    const more = await post([
      {
        span_id: 'b-next',
        trace_id: 'loop-next',
        start_time: t + 121_000,
        model: 'gpt-4o',
        session: 'loop-session',
        cost_usd: 0.001,
      },
    ]);
    expect(more.json.results[0].flags).toEqual(['runaway']);
    // The same burst again (a retried export) changes nothing.
    await post(burst);
    expect(await h.store.listAlerts('a-project', { monitor: 'runaway:session' })).toHaveLength(1);
  });
});
