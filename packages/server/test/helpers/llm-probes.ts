// Cross-project isolation probes for the LLM routes (generations, traces, OTLP, price tables,
// budgets), spread into the PROBES of isolation.case.test.ts: B records a trace, a price table
// and an exhausted blocking budget, and A's key must see, change or be blocked by none of them.
import { expect } from 'vitest';
import type { Harness, Reply } from './harness.js';

type Probe = (h: Harness, b: { keyId: string }) => Promise<Reply[]>;

const B_TRACE = 'b-secret-trace';
const B_OTLP_TRACE = 'bb'.repeat(16);
let bBudgetId = '';

const echoed = (r: Reply, name: string): Reply => ({
  ...r,
  text: r.text.replaceAll(name, '(sent)'),
});

/** seedLlmB gives project B a trace, an OTLP trace, a price table and an exhausted budget. */
export async function seedLlmB(h: Harness): Promise<void> {
  const now = Date.now();
  const b = await h.request('PUT', '/v1/llm/budgets', {
    key: h.b.key,
    body: {
      name: 'b-secret-budget',
      scope: 'service',
      match: 'shared-bot',
      period: 'monthly',
      limitUsd: 0.001,
      block: true,
    },
  });
  expect(b.status).toBe(200);
  bBudgetId = b.json.budgets[0].id;
  const g = await h.request('POST', '/v1/llm/generations', {
    key: h.b.key,
    body: {
      generations: [
        {
          span_id: 'b-span',
          trace_id: B_TRACE,
          start_time: now - 1000,
          model: 'gpt-4o',
          service: 'shared-bot',
          user: 'b-secret-user',
          input: 'b-secret prompt',
          cost_usd: 1,
        },
      ],
    },
  });
  expect(g.status).toBe(200);
  const ns = String(BigInt(now) * 1_000_000n);
  const o = await h.request('POST', '/v1/traces', {
    key: h.b.key,
    body: {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: B_OTLP_TRACE,
                  spanId: 'bb'.repeat(8),
                  name: 'b-secret-span',
                  startTimeUnixNano: ns,
                  endTimeUnixNano: ns,
                },
              ],
            },
          ],
        },
      ],
    },
  });
  expect(o.status).toBe(200);
  const p = await h.request('POST', '/v1/llm/price-tables', {
    key: h.b.key,
    body: {
      effectiveFrom: 0,
      note: 'b-secret prices',
      entries: [{ match: 'b-secret-*', inputPer1M: 1, outputPer1M: 1 }],
    },
  });
  expect(p.status).toBe(201);
}

async function bTraceUnchanged(h: Harness): Promise<void> {
  const t = await h.request('GET', `/v1/llm/traces/${B_TRACE}`, { key: h.b.key });
  expect(t.json.span_count).toBe(1);
  expect(t.json.spans[0].user).toBe('b-secret-user');
  const o = await h.request('GET', `/v1/llm/traces/${B_OTLP_TRACE}`, { key: h.b.key });
  expect(o.json.spans.map((s: { name: string }) => s.name)).toEqual(['b-secret-span']);
}

/** LLM_PROBES has one probe per LLM and OTLP route. */
export const LLM_PROBES: Record<string, Probe> = {
  'POST /v1/llm/generations': async (h) => {
    // The same trace and span ids as B's: A's own span, not a duplicate of B's.
    const r = await h.request('POST', '/v1/llm/generations', {
      key: h.a.key,
      body: {
        generations: [
          { span_id: 'b-span', trace_id: B_TRACE, start_time: Date.now(), model: 'gpt-4o' },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.json.results[0].status).toBe('accepted');
    await bTraceUnchanged(h);
    return [echoed(echoed(r, B_TRACE), 'b-span')];
  },
  'GET /v1/llm/generations': async (h) => {
    const r = await h.request(
      'GET',
      `/v1/llm/generations?from=0&to=${Date.now() + 86_400_000}&service=shared-bot`,
      { key: h.a.key },
    );
    expect(r.status).toBe(200);
    expect(r.json.generations).toEqual([]);
    return [r];
  },
  'GET /v1/llm/traces/:traceId': async (h) => {
    const r = await h.request('GET', `/v1/llm/traces/${B_OTLP_TRACE}`, { key: h.a.key });
    expect(r.status).toBe(404);
    return [echoed(r, B_OTLP_TRACE)];
  },
  'POST /v1/traces': async (h) => {
    const ns = String(BigInt(Date.now()) * 1_000_000n);
    const r = await h.request('POST', '/v1/traces', {
      key: h.a.key,
      body: {
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: B_OTLP_TRACE,
                    spanId: 'bb'.repeat(8),
                    name: 'a-span',
                    startTimeUnixNano: ns,
                    endTimeUnixNano: ns,
                  },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(r.status).toBe(200);
    await bTraceUnchanged(h);
    return [r];
  },
  'POST /v1/llm/price-tables': async (h) => {
    const r = await h.request('POST', '/v1/llm/price-tables', {
      key: h.a.key,
      body: { effectiveFrom: 0, entries: [{ match: 'a-*', inputPer1M: 2, outputPer1M: 2 }] },
    });
    expect(r.status).toBe(201);
    const b = await h.request('GET', '/v1/llm/price-tables', { key: h.b.key });
    expect(b.json.tables).toHaveLength(1);
    return [r];
  },
  'GET /v1/llm/price-tables': async (h) => {
    const r = await h.request('GET', '/v1/llm/price-tables', { key: h.a.key });
    expect(r.status).toBe(200);
    return [r];
  },
  'GET /v1/llm/price-tables/:version': async (h) => {
    const r = await h.request('GET', '/v1/llm/price-tables/1', { key: h.a.key });
    expect([200, 404]).toContain(r.status);
    return [r];
  },
  'PUT /v1/llm/budgets': async (h) => {
    const r = await h.request('PUT', '/v1/llm/budgets', {
      key: h.a.key,
      body: {
        name: 'b-secret-budget',
        scope: 'service',
        match: 'shared-bot',
        period: 'daily',
        limitUsd: 500,
      },
    });
    expect(r.status).toBe(200);
    expect(r.json.created).toEqual(['b-secret-budget']);
    const b = await h.request('GET', `/v1/llm/budgets/${bBudgetId}`, { key: h.b.key });
    expect(b.json).toMatchObject({ limitUsd: 0.001, block: true, period: 'monthly' });
    return [echoed(r, 'b-secret-budget')];
  },
  'GET /v1/llm/budgets': async (h) => {
    const r = await h.request('GET', '/v1/llm/budgets', { key: h.a.key });
    expect(r.status).toBe(200);
    expect(r.text).not.toContain(bBudgetId);
    return [echoed(r, 'b-secret-budget')];
  },
  'GET /v1/llm/budgets/:id': async (h) => {
    const r = await h.request('GET', `/v1/llm/budgets/${bBudgetId}`, { key: h.a.key });
    expect(r.status).toBe(404);
    return [r];
  },
  'DELETE /v1/llm/budgets/:id': async (h) => {
    const r = await h.request('DELETE', `/v1/llm/budgets/${bBudgetId}`, { key: h.a.key });
    expect(r.status).toBe(404);
    const still = await h.request('GET', `/v1/llm/budgets/${bBudgetId}`, { key: h.b.key });
    expect(still.status).toBe(200);
    return [r];
  },
  'POST /v1/llm/budgets/check': async (h) => {
    // B's exhausted blocking budget counts B's calls only.
    const r = await h.request('POST', '/v1/llm/budgets/check', {
      key: h.a.key,
      body: { service: 'shared-bot' },
    });
    expect(r.json).toEqual({ allowed: true });
    const b = await h.request('POST', '/v1/llm/budgets/check', {
      key: h.b.key,
      body: { service: 'shared-bot' },
    });
    expect(b.json.allowed).toBe(false);
    return [r];
  },
};
