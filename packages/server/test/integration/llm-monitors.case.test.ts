// LLM quality monitors through the real scheduler tick() on both stores: a support bot answers
// well for four hours, then (a "provider update") generically and with wrong prices. Output drift,
// repetitiveness, wrong prices (reference checks by the quality worker), review verdicts and
// negative feedback fire; an hour with too few answers is NO_DATA; filters, references and
// embeddings from the caller or from an OpenAI-compatible embeddings endpoint all apply.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashedEmbedding } from '@vigil/core';
import { createLlmQualityWorker } from '@vigil/server';
import type { NewGeneration } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/harness.js';

const HOUR = 3_600_000;
const H0 = Date.UTC(2026, 2, 1);
const PER_HOUR = 30;
const BAD_HOUR = 4;
const SPARSE_HOUR = 5;

const PRICES = [
  { item: 'Starter plan', price: 9 },
  { item: 'Pro plan', price: 29 },
  { item: 'Team plan', price: 79 },
];
const TOPICS = [
  'To add seats, open Settings > Members and press Invite; each seat is billed from the day it is added.',
  'Invoices are under Settings > Billing > History, as PDF, with your VAT number when you set one.',
  'Refunds for unused months go back to the card you paid with within 5 business days.',
  'The API allows 600 requests a minute per key; a 429 answer tells you when to retry.',
  'Single sign-on works with any SAML 2.0 provider; upload its metadata under Security.',
];
const GENERIC =
  'Thank you for reaching out! We appreciate your question. Please visit our website.';

function answer(hour: number, i: number): string {
  const p = PRICES[i % PRICES.length];
  if (hour === BAD_HOUR) {
    // Every answer generic; every fifth one also quotes a price $10 too high.
    return i % 5 === 0 ? `${GENERIC} The ${p.item} costs $${p.price + 10}.` : GENERIC;
  }
  return `${TOPICS[(i + hour) % TOPICS.length]} The ${p.item} costs $${p.price} per month.`;
}

function generation(hour: number, i: number): NewGeneration {
  const start = H0 + hour * HOUR + i * 60_000;
  const text = answer(hour, i);
  const e = hashedEmbedding(text, { dimensions: 64 });
  return {
    traceId: `t-${hour}-${i}`,
    spanId: `s-${hour}-${i}`,
    parentSpanId: null,
    name: 'chat gpt-4o',
    operation: 'chat',
    startMs: start,
    endMs: start + 500,
    modelRequested: 'gpt-4o',
    modelServed: hour === BAD_HOUR ? 'gpt-4o-2026-02-01' : 'gpt-4o-2024-11-20',
    provider: 'openai',
    promptName: 'support',
    promptVersion: 3,
    input: [{ role: 'user', content: `question ${i}` }],
    output: { role: 'assistant', content: text },
    tokens: { input: 40, output: 30, cachedInput: null, reasoning: null },
    costUsd: 0.0002,
    costSource: 'caller',
    priceTableVersion: null,
    status: 'ok',
    error: null,
    user: null,
    session: null,
    service: 'support',
    apiKeyId: null,
    tags: [],
    variant: null,
    attempt: 0,
    flags: [],
    attributes: e.ok ? { output_embedding: [...e.value] } : {},
  };
}

const monitor = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'vigil/v1',
  kind: 'Monitor',
  metadata: { name },
  spec: {
    type: 'llm_quality',
    model: 'm',
    window: { kind: 'hourly' },
    cadence: '1h',
    minSampleSize: 20,
    ...spec,
  },
});

// A stand-in embeddings endpoint speaking the OpenAI protocol (hashed embeddings of 32 dims).
async function embeddingsServer(): Promise<{ server: Server; url: string; calls: () => number }> {
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      calls++;
      const { input, model } = JSON.parse(body) as { input: string[]; model: string };
      if (req.url !== '/v1/embeddings' || req.headers.authorization !== 'Bearer emb-key') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'bad key' } }));
        return;
      }
      const data = input.map((text, index) => {
        const e = hashedEmbedding(text, { dimensions: 32 });
        return { object: 'embedding', index, embedding: e.ok ? [...e.value] : [] };
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data, model }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://127.0.0.1:${port}/v1`, calls: () => calls };
}

describe.each(BACKENDS)('LLM quality monitors on %s', (backend) => {
  let h: Harness;
  let clock = H0;
  let emb: Awaited<ReturnType<typeof embeddingsServer>>;
  // The evaluation of the window [H0 + hour, +1h): a tick late in the following hour.
  const evaluate = async (hour: number) => {
    clock = H0 + (hour + 2) * HOUR - 1;
    const report = await h.server.scheduler?.tick();
    return new Map((report?.evaluated ?? []).map((e) => [e.monitor, e]));
  };

  beforeAll(async () => {
    emb = await embeddingsServer();
    process.env.VIGIL_TEST_EMBEDDINGS_KEY = 'emb-key';
    h = await startHarness(backend, { scheduler: { now: () => clock, loop: false } });
    const items: NewGeneration[] = [];
    for (let hour = 0; hour <= BAD_HOUR; hour++) {
      for (let i = 0; i < PER_HOUR; i++) items.push(generation(hour, i));
    }
    for (let i = 0; i < 5; i++) items.push(generation(SPARSE_HOUR, i));
    await h.store.llm.recordGenerations(h.a.project, items);
    // Project b holds only bad answers: a's monitors must never see them.
    await h.store.llm.recordGenerations(
      h.b.project,
      Array.from({ length: PER_HOUR }, (_, i) => generation(BAD_HOUR, i)),
    );

    // Reference checks of quoted prices, run by the quality worker.
    await h.store.feedback.putKnowledgeTable(h.a.project, 'prices', PRICES, 'test');
    await h.store.feedback.putSettings(
      h.a.project,
      { reviewRate: 0, referenceChecks: [{ knowledge: 'prices' }] },
      'test',
      H0,
    );
    const worker = createLlmQualityWorker({ store: h.store, now: () => H0 + 8 * HOUR });
    await worker.tick();

    // Reviewers judged 4 answers of the bad hour (3 hallucinations) and 4 of hour 3 (none).
    for (const hour of [3, BAD_HOUR]) {
      await h.store.feedback.enqueueReviews(
        h.a.project,
        [0, 1, 2, 3].map((i) => ({
          traceId: `t-${hour}-${i}`,
          spanId: `s-${hour}-${i}`,
          timeMs: H0 + hour * HOUR + i * 60_000,
          model: 'gpt-4o',
          prompt: 'support@3',
          output: answer(hour, i),
        })),
      );
      for (const i of [0, 1, 2, 3]) {
        const verdict = hour === BAD_HOUR && i < 3 ? 'hallucination' : 'correct';
        await h.store.feedback.recordVerdict(
          h.a.project,
          `t-${hour}-${i}`,
          `s-${hour}-${i}`,
          { verdict, reviewer: 'ann', notes: null },
          'ann',
        );
      }
    }
    // Users: 12 thumbs down and 3 up in the bad hour; a rating, which is not counted.
    await h.store.feedback.addFeedback(
      h.a.project,
      Array.from({ length: 16 }, (_, i) => ({
        id: `f-${i}`,
        timeMs: H0 + BAD_HOUR * HOUR + 1000 + i,
        traceId: `t-${BAD_HOUR}-${i}`,
        spanId: null,
        kind: i === 15 ? 'rating' : i < 12 ? 'thumbs_down' : 'thumbs_up',
        value: i === 15 ? 5 : null,
        comment: null,
        correction: null,
        user: null,
      })),
    );

    const monitors = [
      monitor('drift', {
        metric: 'output_drift',
        reference: { from: new Date(H0).toISOString(), to: H0 + 2 * HOUR },
      }),
      monitor('drift-previous', { metric: 'output_drift', reference: { previousWindows: 2 } }),
      monitor('drift-caller', {
        metric: 'output_drift',
        reference: { from: H0, to: H0 + 2 * HOUR },
        embeddings: { source: 'attribute', attribute: 'output_embedding' },
      }),
      monitor('drift-endpoint', {
        metric: 'output_drift',
        reference: { from: H0, to: H0 + 2 * HOUR },
        embeddings: {
          source: 'endpoint',
          url: emb.url,
          model: 'stand-in-embedder',
          apiKeyEnv: 'VIGIL_TEST_EMBEDDINGS_KEY',
        },
      }),
      monitor('drift-endpoint-badkey', {
        metric: 'output_drift',
        embeddings: {
          source: 'endpoint',
          url: emb.url,
          model: 'stand-in-embedder',
          apiKeyEnv: 'VIGIL_TEST_EMBEDDINGS_UNSET',
        },
      }),
      monitor('repetition', { metric: 'repetitiveness' }),
      monitor('prices', { metric: 'wrong_price_rate', minSampleSize: 5 }),
      monitor('prices-support', {
        metric: 'wrong_price_rate',
        minSampleSize: 5,
        filter: { service: 'support', model: 'gpt-4o' },
      }),
      monitor('hallucinations', { metric: 'hallucination_rate', minSampleSize: 4 }),
      monitor('feedback', { metric: 'negative_feedback_rate', minSampleSize: 10 }),
      monitor('old-prompt', {
        metric: 'refusal_rate',
        filter: { prompt: 'support', promptVersion: 2 },
      }),
      // The last 25 answers the new served model gave before the slot.
      monitor('last-25', {
        metric: 'repetitiveness',
        window: { kind: 'events', size: 25 },
        filter: { model: 'gpt-4o-2026-02-01' },
      }),
    ];
    const r = await h.request('PUT', '/v1/monitors', {
      key: h.a.key,
      raw: monitors.map((m) => JSON.stringify(m)).join('\n---\n'),
      headers: { 'content-type': 'application/yaml' },
    });
    expect(r.status, r.text).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
    emb?.server.close();
    delete process.env.VIGIL_TEST_EMBEDDINGS_KEY;
  });

  it('stays quiet while answers look like the reference (hour 3)', async () => {
    const ev = await evaluate(3);
    for (const name of ['drift', 'drift-previous', 'drift-caller', 'drift-endpoint']) {
      expect(ev.get(name)?.status, name).toBe('OK');
      expect(ev.get(name)?.value, name).toBeGreaterThan(0.9);
    }
    expect(ev.get('repetition')).toMatchObject({ status: 'OK', value: 0 });
    // Hour 3's answers each quote one right price.
    expect(ev.get('prices')).toMatchObject({ status: 'OK', value: 0 });
    expect(ev.get('prices-support')).toMatchObject({ status: 'OK', value: 0 });
    expect(ev.get('hallucinations')).toMatchObject({ status: 'OK', value: 0 });
    expect(ev.get('feedback')?.status).toBe('NO_DATA');
    expect(ev.get('old-prompt')?.status).toBe('NO_DATA');
    expect(ev.get('drift-endpoint-badkey')?.status).toBe('ERROR');
    // One request embeds the window's answers; the reference repeats them (cached).
    expect(emb.calls()).toBe(1);
    // This slot lies in hour 4, whose answers start one a minute: a full run of 25 answers of
    // the new model exists only when the slot is 25 minutes or more into the hour.
    const slot = ev.get('last-25')?.slotAt ?? 0;
    const before = Math.min(PER_HOUR, Math.ceil((slot - (H0 + BAD_HOUR * HOUR)) / 60_000));
    expect(ev.get('last-25')?.status).toBe(before >= 25 ? 'BREACH' : 'NO_DATA');
  });

  it('fires on generic answers with wrong prices (hour 4)', async () => {
    const ev = await evaluate(BAD_HOUR);
    for (const name of ['drift', 'drift-caller', 'drift-endpoint']) {
      expect(ev.get(name)?.status, name).toBe('BREACH');
      expect(ev.get(name)?.value, name).toBeLessThan(0.7);
      expect(ev.get(name)?.alert, name).toBe('FIRING');
    }
    // The previous two windows (hours 2-3) were healthy too.
    expect(ev.get('drift-previous')?.status).toBe('BREACH');
    expect(ev.get('repetition')).toMatchObject({ status: 'BREACH', alert: 'FIRING' });
    // Consecutive plain generic answers repeat (ROUGE-L 1): 18 of the 29 pairs.
    expect(ev.get('repetition')?.value).toBeCloseTo(18 / 29, 9);
    expect(ev.get('last-25')?.status).toBe('BREACH');
    // 6 of 30 answers quote a price, every one wrong.
    expect(ev.get('prices')).toMatchObject({ status: 'BREACH', value: 1, alert: 'FIRING' });
    expect(ev.get('prices-support')).toMatchObject({ status: 'BREACH', value: 1 });
    expect(ev.get('hallucinations')).toMatchObject({ status: 'BREACH', value: 0.75 });
    expect(ev.get('feedback')?.status).toBe('BREACH');
    expect(ev.get('feedback')?.value).toBeCloseTo(12 / 15, 9);
    // Only the new answers go to the endpoint: the reference's vectors are remembered.
    expect(emb.calls()).toBe(2);

    const alerts = await h.request('GET', '/v1/alerts', { key: h.a.key });
    const firing = alerts.json.alerts
      .filter((a: { state: string }) => a.state === 'firing')
      .map((a: { monitor: string }) => a.monitor)
      .sort();
    expect(firing).toEqual(
      [
        'drift',
        'drift-caller',
        'drift-endpoint',
        'drift-previous',
        'feedback',
        'hallucinations',
        'last-25',
        'prices',
        'prices-support',
        'repetition',
      ].sort(),
    );
    const series = await h.request(
      'GET',
      `/v1/monitors/drift/evaluations?from=${H0}&to=${H0 + 10 * HOUR}`,
      { key: h.a.key },
    );
    expect(series.status).toBe(200);
    expect(JSON.stringify(series.json)).toContain('output_drift');
    // Project b has no monitors and sees none of a's alerts.
    const other = await h.request('GET', '/v1/alerts', { key: h.b.key });
    expect(other.json.alerts).toEqual([]);
  });

  it('gives NO_DATA, not an alert, on an hour with too few answers (hour 5)', async () => {
    const ev = await evaluate(SPARSE_HOUR);
    for (const name of ['drift', 'repetition', 'drift-endpoint']) {
      expect(ev.get(name)?.status, name).toBe('NO_DATA');
    }
    const points = await h.request(
      'GET',
      `/v1/monitors/repetition/evaluations?from=${H0}&to=${H0 + 10 * HOUR}`,
      { key: h.a.key },
    );
    expect(JSON.stringify(points.json)).toMatch(/5 < minSampleSize 20/);
  });
});
