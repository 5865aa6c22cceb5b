// Cross-project isolation probes for the LLM quality routes (feedback, reviews, knowledge tables,
// reference checks, settings, summary), spread into the PROBES of isolation.case.test.ts: B has
// feedback, a knowledge table, settings and a reviewed answer; A's key must reach none of them.
import { expect } from 'vitest';
import type { Harness, Reply } from './harness.js';

type Probe = (h: Harness, b: { keyId: string }) => Promise<Reply[]>;

const WIDE = () => `from=0&to=${Date.now() + 86_400_000}`;
const B_TRACE = 'b-secret-quality-trace';

/** seedLlmQualityB gives project B feedback, a knowledge table, settings and a queued answer. */
export async function seedLlmQualityB(h: Harness): Promise<void> {
  const f = await h.request('POST', '/v1/llm/feedback', {
    key: h.b.key,
    body: {
      feedback: [
        { id: 'b-secret-fb', time: Date.now() - 1000, trace_id: B_TRACE, kind: 'thumbs_down' },
      ],
    },
  });
  expect(f.status).toBe(200);
  const k = await h.request('PUT', '/v1/llm/knowledge/b-secret-prices', {
    key: h.b.key,
    body: { rows: [{ item: 'b-secret plan', price: 7 }] },
  });
  expect(k.status).toBe(200);
  const s = await h.request('PUT', '/v1/llm/quality/settings', {
    key: h.b.key,
    body: { review_rate: 0.05, reference_checks: [{ knowledge: 'b-secret-prices' }] },
  });
  expect(s.status).toBe(200);
  const queued = await h.store.feedback.enqueueReviews('b-project', [
    {
      traceId: B_TRACE,
      spanId: 'b-span',
      timeMs: Date.now() - 1000,
      model: 'b-secret-model',
      prompt: null,
      output: 'b-secret answer',
    },
  ]);
  expect(queued).toBe(1);
  await h.store.feedback.recordReferenceChecks('b-project', [
    {
      traceId: B_TRACE,
      spanId: 'b-span',
      knowledge: 'b-secret-prices',
      knowledgeVersion: 1,
      timeMs: Date.now() - 1000,
      claims: 1,
      wrong: 1,
      details: [{ item: 'b-secret plan', quoted: 9, expected: 7 }],
    },
  ]);
}

/** LLM_QUALITY_PROBES has one probe per LLM quality route. */
export const LLM_QUALITY_PROBES: Record<string, Probe> = {
  'POST /v1/llm/feedback': async (h) => {
    // The same feedback id as B's: A's own feedback, not a duplicate of B's.
    const r = await h.request('POST', '/v1/llm/feedback', {
      key: h.a.key,
      body: {
        feedback: [{ id: 'b-secret-fb', time: Date.now(), trace_id: 't', kind: 'thumbs_up' }],
      },
    });
    expect(r.json).toEqual({ inserted: 1, duplicates: [] });
    return [];
  },
  'GET /v1/llm/feedback': async (h) => {
    const r = await h.request('GET', `/v1/llm/feedback?${WIDE()}&trace_id=${B_TRACE}`, {
      key: h.a.key,
    });
    expect(r.json.feedback).toEqual([]);
    return [r];
  },
  'PUT /v1/llm/quality/settings': async (h) => {
    const r = await h.request('PUT', '/v1/llm/quality/settings', {
      key: h.a.key,
      body: { review_rate: 0, reference_checks: [{ knowledge: 'b-secret-prices' }] },
    });
    expect(r.status).toBe(404);
    return [{ ...r, text: r.text.replaceAll('b-secret-prices', '(sent)') }];
  },
  'GET /v1/llm/quality/settings': async (h) => {
    const r = await h.request('GET', '/v1/llm/quality/settings', { key: h.a.key });
    expect(r.status).toBe(404);
    return [r];
  },
  'GET /v1/llm/reviews': async (h) => {
    const r = await h.request('GET', `/v1/llm/reviews?${WIDE()}`, { key: h.a.key });
    expect(r.json.reviews).toEqual([]);
    return [r];
  },
  'PUT /v1/llm/reviews/:traceId/:spanId': async (h) => {
    const r = await h.request('PUT', `/v1/llm/reviews/${B_TRACE}/b-span`, {
      key: h.a.key,
      body: { verdict: 'correct', reviewer: 'a' },
    });
    expect(r.status).toBe(404);
    const still = await h.request('GET', `/v1/llm/reviews?${WIDE()}&state=pending`, {
      key: h.b.key,
    });
    expect(still.json.reviews).toHaveLength(1);
    return [{ ...r, text: r.text.replaceAll(B_TRACE, '(sent)') }];
  },
  'GET /v1/llm/reviews/series': async (h) => {
    const r = await h.request('GET', `/v1/llm/reviews/series?${WIDE()}&bucket=30d`, {
      key: h.a.key,
    });
    expect(r.json.series.every((b: { total: number }) => b.total === 0)).toBe(true);
    return [r];
  },
  'PUT /v1/llm/knowledge/:name': async (h) => {
    const r = await h.request('PUT', '/v1/llm/knowledge/b-secret-prices', {
      key: h.a.key,
      body: { rows: [{ item: 'x', price: 1 }] },
    });
    // A's own table named the same starts at version 1: B's history is not touched.
    expect(r.json.version).toBe(1);
    const b = await h.request('GET', '/v1/llm/knowledge/b-secret-prices', { key: h.b.key });
    expect(b.json.rows).toEqual([{ item: 'b-secret plan', price: 7 }]);
    return [];
  },
  'GET /v1/llm/knowledge/:name': async (h) => {
    const r = await h.request('GET', '/v1/llm/knowledge/b-secret-prices?version=1', {
      key: h.a.key,
    });
    // A has its own table of that name by now (the PUT probe): it must be A's rows.
    if (r.status === 200) expect(r.json.rows).toEqual([{ item: 'x', price: 1 }]);
    return [{ ...r, text: r.text.replaceAll('b-secret-prices', '(sent)') }];
  },
  'GET /v1/llm/reference-checks': async (h) => {
    const r = await h.request('GET', `/v1/llm/reference-checks?${WIDE()}`, { key: h.a.key });
    expect(r.json.checks).toEqual([]);
    return [r];
  },
  'GET /v1/llm/reference-checks/series': async (h) => {
    const r = await h.request('GET', `/v1/llm/reference-checks/series?${WIDE()}&bucket=30d`, {
      key: h.a.key,
    });
    expect(r.json.series.every((b: { total: number }) => b.total === 0)).toBe(true);
    return [r];
  },
  'GET /v1/llm/quality/summary': async (h) => {
    const now = Date.now();
    const r = await h.request(
      'GET',
      `/v1/llm/quality/summary?from=${now - 86_400_000}&to=${now + 1000}&service=shared-bot`,
      { key: h.a.key },
    );
    expect(r.status).toBe(200);
    expect(r.json.current.count).toBe(0);
    return [r];
  },
};
