// LLM answer quality end to end on a real server and store: a support bot's answers over two
// days, then a "provider update" that makes answers generic and quotes wrong prices. The worker
// samples answers into the review queue and checks quoted prices against the knowledge table;
// the routes give the hallucination and wrong-price series, feedback, and a quality summary whose
// drift numbers separate the two days. Tenants never see each other's data.
import { selectedForReview } from '@vigil/engine';
import { createLlmQualityWorker } from '@vigil/server';
import type { NewGeneration } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 2, 1);
const N = 400;

const GOOD = [
  'The Pro plan costs $20 per month and includes priority support.',
  'You can reset your password from the login page by choosing "Forgot password".',
  'Refunds are processed within 5 business days after we receive the item.',
  'The Basic plan is $9.99 a month; you can upgrade at any time.',
  'Our team is available Monday to Friday, 9am to 6pm Eastern time.',
];
const BAD = [
  'Thank you for your question. Please contact support for more information.',
  'The Pro plan costs $25 per month.',
];

function generation(i: number, day: number, text: string): NewGeneration {
  const start = D0 + day * DAY + i * 60_000;
  return {
    traceId: `trace-${day}-${i}`,
    spanId: `span-${day}-${i}`,
    parentSpanId: null,
    name: 'chat gpt-4o',
    operation: 'chat',
    startMs: start,
    endMs: start + 800,
    modelRequested: 'gpt-4o',
    modelServed: day === 0 ? 'gpt-4o-2024-08-06' : 'gpt-4o-2024-11-20',
    provider: 'openai',
    promptName: 'support',
    promptVersion: 3,
    input: [{ role: 'user', content: `question ${i}` }],
    output: { role: 'assistant', content: text },
    tokens: { input: 50, output: 20, cachedInput: null, reasoning: null },
    costUsd: 0.0003,
    costSource: 'caller',
    priceTableVersion: null,
    status: 'ok',
    error: null,
    user: `user-${i % 17}`,
    session: null,
    service: 'support-bot',
    apiKeyId: null,
    tags: [],
    variant: null,
    attempt: 0,
    flags: [],
    attributes: {},
  };
}

describe('LLM answer quality', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    const items: NewGeneration[] = [];
    for (let i = 0; i < N; i++) items.push(generation(i, 0, GOOD[i % GOOD.length]));
    for (let i = 0; i < N; i++) items.push(generation(i, 1, BAD[i % BAD.length]));
    await h.store.llm.recordGenerations(h.a.project, items);
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses settings that name a knowledge table that does not exist', async () => {
    const r = await h.request('PUT', '/v1/llm/quality/settings', {
      key: h.a.key,
      body: { review_rate: 0.05, reference_checks: [{ knowledge: 'prices' }] },
    });
    expect(r.status).toBe(404);
    expect(r.json.error.message).toContain('knowledge table "prices" does not exist');
    const bad = await h.request('PUT', '/v1/llm/quality/settings', {
      key: h.a.key,
      body: { review_rate: 0.5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].field).toBe('body.review_rate');
  });

  it('samples answers for review and checks quoted prices once, then serves the series', async () => {
    const t = await h.request('PUT', '/v1/llm/knowledge/prices', {
      key: h.a.key,
      body: {
        rows: [
          { item: 'Pro plan', aliases: ['Pro tier'], price: 20 },
          { item: 'Basic plan', price: 9.99 },
        ],
      },
    });
    expect(t.status).toBe(200);
    expect(t.json).toMatchObject({ name: 'prices', version: 1, rows: 2 });
    const s = await h.request('PUT', '/v1/llm/quality/settings', {
      key: h.a.key,
      body: { review_rate: 0.05, reference_checks: [{ knowledge: 'prices' }], scan_from: D0 },
    });
    expect(s.status).toBe(200);
    const worker = createLlmQualityWorker({ store: h.store, now: () => D0 + 3 * DAY });
    const first = await worker.tick();
    const mine = first.projects.find((p) => p.projectId === h.a.project);
    let expected = 0;
    for (const day of [0, 1]) {
      for (let i = 0; i < N; i++) {
        if (selectedForReview(`trace-${day}-${i}/span-${day}-${i}`, 0.05)) expected++;
      }
    }
    expect(mine).toMatchObject({
      scanned: 2 * N,
      queued: expected,
      cursorMs: D0 + 3 * DAY - 10_000,
    });
    // Day 0 quotes two prices right (Pro, Basic: 2 of 5 answers); day 1 every other answer is wrong.
    expect(mine?.checked).toBe((2 * N) / 5 + N / 2);
    expect(mine?.wrong).toBe(N / 2);
    const again = await worker.tick();
    expect(again.projects.find((p) => p.projectId === h.a.project)).toMatchObject({
      scanned: 0,
      queued: 0,
    });

    const series = await h.request(
      'GET',
      `/v1/llm/reference-checks/series?from=${D0}&to=${D0 + 2 * DAY}&bucket=1d`,
      { key: h.a.key },
    );
    expect(series.status).toBe(200);
    expect(series.json.series).toEqual([
      { start: D0, total: (2 * N) / 5, failed: 0, rate: 0 },
      { start: D0 + DAY, total: N / 2, failed: N / 2, rate: 1 },
    ]);
    const wrong = await h.request(
      'GET',
      `/v1/llm/reference-checks?from=${D0}&to=${D0 + 2 * DAY}&wrong_only=true&limit=1`,
      { key: h.a.key },
    );
    expect(wrong.json.checks[0].details).toEqual([{ item: 'Pro plan', quoted: 25, expected: 20 }]);

    const queue = await h.request(
      'GET',
      `/v1/llm/reviews?from=${D0}&to=${D0 + 2 * DAY}&state=pending`,
      { key: h.a.key },
    );
    expect(queue.json.reviews).toHaveLength(expected);
    expect(queue.json.reviews[0]).toMatchObject({
      model: 'gpt-4o-2024-08-06',
      prompt: 'support@3',
    });
    for (const r of queue.json.reviews) {
      const verdict = r.output.includes('$25') ? 'hallucination' : 'correct';
      const v = await h.request('PUT', `/v1/llm/reviews/${r.trace_id}/${r.span_id}`, {
        key: h.a.key,
        body: { verdict, reviewer: 'ann' },
      });
      expect(v.status).toBe(200);
    }
    const halluc = await h.request(
      'GET',
      `/v1/llm/reviews/series?from=${D0}&to=${D0 + 2 * DAY}&bucket=1d`,
      { key: h.a.key },
    );
    const [d0, d1] = halluc.json.series;
    expect(d0.failed).toBe(0);
    expect(d1.failed).toBe(
      queue.json.reviews.filter((r: { output: string }) => r.output.includes('$25')).length,
    );
    expect(d1.rate).toBeGreaterThan(0);
  });

  it('summarises a window of answers and its drift from a baseline window', async () => {
    const r = await h.request(
      'GET',
      `/v1/llm/quality/summary?from=${D0 + DAY}&to=${D0 + 2 * DAY}&baseline_from=${D0}&baseline_to=${D0 + DAY}&service=support-bot`,
      { key: h.a.key },
    );
    expect(r.status).toBe(200);
    expect(r.json.current.count).toBe(N);
    expect(r.json.baseline.count).toBe(N);
    // Day 1 alternates two answers: no consecutive pair repeats; day 0 cycles five.
    expect(r.json.current.repetitive_share).toBe(0);
    // "The Pro plan costs $25 per month." has too few function words to call: undetermined,
    // which language drift leaves out.
    expect(r.json.current.language_shares).toEqual({ en: 0.5, und: 0.5 });
    expect(r.json.baseline.language_shares).toEqual({ en: 1 });
    expect(r.json.drift.language_tvd).toBe(0);
    expect(r.json.drift.centroid_cosine).toBeGreaterThan(0);
    expect(r.json.drift.centroid_cosine).toBeLessThan(0.9);
    const same = await h.request(
      'GET',
      `/v1/llm/quality/summary?from=${D0}&to=${D0 + DAY}&baseline_from=${D0}&baseline_to=${D0 + DAY}`,
      { key: h.a.key },
    );
    expect(same.json.drift.centroid_cosine).toBeCloseTo(1, 12);
    const half = await h.request(
      'GET',
      `/v1/llm/quality/summary?from=${D0}&to=${D0 + DAY}&baseline_from=${D0}`,
      { key: h.a.key },
    );
    expect(half.status).toBe(400);
    expect(half.json.error.issues[0].field).toBe('query.baseline_to');
  });

  it('stores feedback once per id and explains bad items', async () => {
    const body = {
      feedback: [
        {
          id: 'f1',
          time: D0 + 5,
          trace_id: 'trace-1-1',
          kind: 'thumbs_down',
          comment: 'wrong price',
        },
        { id: 'f2', time: D0 + 6, trace_id: 'trace-1-1', kind: 'correction', correction: '$20' },
      ],
    };
    const r1 = await h.request('POST', '/v1/llm/feedback', { key: h.a.key, body });
    expect(r1.json).toEqual({ inserted: 2, duplicates: [] });
    const r2 = await h.request('POST', '/v1/llm/feedback', { key: h.a.key, body });
    expect(r2.json).toEqual({ inserted: 0, duplicates: ['f1', 'f2'] });
    const bad = await h.request('POST', '/v1/llm/feedback', {
      key: h.a.key,
      body: { feedback: [{ id: 'f3', time: D0, trace_id: 't', kind: 'rating' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues).toEqual([
      { field: 'body.feedback[0].value', reason: 'a rating needs a value' },
    ]);
    const list = await h.request('GET', `/v1/llm/feedback?from=${D0}&to=${D0 + DAY}`, {
      key: h.a.key,
    });
    expect(list.json.counts).toMatchObject({ thumbs_down: 1, correction: 1 });
    expect(list.json.feedback.map((f: { id: string }) => f.id)).toEqual(['f1', 'f2']);
  });

  it('keeps every tenant to its own answers, reviews and tables', async () => {
    const q = `from=${D0}&to=${D0 + 2 * DAY}`;
    const reviews = await h.request('GET', `/v1/llm/reviews?${q}`, { key: h.b.key });
    expect(reviews.json.reviews).toEqual([]);
    const a = await h.request('GET', `/v1/llm/reviews?${q}&limit=1`, { key: h.a.key });
    const { trace_id, span_id } = a.json.reviews[0];
    const steal = await h.request('PUT', `/v1/llm/reviews/${trace_id}/${span_id}`, {
      key: h.b.key,
      body: { verdict: 'correct', reviewer: 'mallory' },
    });
    expect(steal.status).toBe(404);
    expect((await h.request('GET', '/v1/llm/knowledge/prices', { key: h.b.key })).status).toBe(404);
    const feedback = await h.request('GET', `/v1/llm/feedback?${q}`, { key: h.b.key });
    expect(feedback.json.feedback).toEqual([]);
    const summary = await h.request('GET', `/v1/llm/quality/summary?${q}`, { key: h.b.key });
    expect(summary.json.current.count).toBe(0);
    expect((await h.request('GET', `/v1/llm/reviews?${q}`)).status).toBe(401);
  });
});
