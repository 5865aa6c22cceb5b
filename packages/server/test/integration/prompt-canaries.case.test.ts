import { createServer, type IncomingMessage, type Server } from 'node:http';
import { assignVariant } from '@vigil/contracts';
import { type RunningServer, startServer } from '@vigil/server';
import type { SqlStore } from '@vigil/store';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, BACKENDS, openTestStore, type Reply } from '../helpers/harness.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1);
const PER_DAY = 100;

const open = (backend: 'sqlite' | 'postgres', now: () => number) =>
  openTestStore(backend, { now, prefix: 'pcanary' });

interface Received {
  readonly messages: Array<{ role: string; content: string }>;
}

// An OpenAI-protocol chat endpoint answering "served: <system prompt>"; prompt tokens are the
// characters of all messages / 4 (rounded up), completion tokens 20.
async function startEchoUpstream(): Promise<{
  url: string;
  calls: Received[];
  close(): Promise<void>;
}> {
  const calls: Received[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req)) as { model: string } & Received;
    calls.push({ messages: body.messages });
    const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
    const chars = body.messages.reduce((s, m) => s + m.content.length, 0);
    const usage = { prompt_tokens: Math.ceil(chars / 4), completion_tokens: 20 };
    const text = JSON.stringify({
      id: `chatcmpl-${calls.length}`,
      object: 'chat.completion',
      created: 1,
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: `served: ${system}` },
          finish_reason: 'stop',
        },
      ],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const SUPPORT_V1 = 'You are the support bot. Be brief.';
const SUPPORT_V2 = 'You are the support bot. Be clear.';
const SALES_V1 = 'You sell shoes.';
const SALES_V2 = `You sell shoes. ${'Recite the whole catalogue before answering. '.repeat(12)}`;
const POLICY = {
  min_days: 7,
  min_sample: 40,
  guards: [
    { metric: 'error_rate', tolerance: 0.005, min_sample: 30 },
    { metric: 'cost_usd', relative_tolerance: 0.1, min_sample: 30 },
  ],
};

describe.each(BACKENDS)('prompt canaries through the gateway on %s', (backend) => {
  let clock = T0;
  let store: SqlStore;
  let cleanup: () => Promise<void>;
  let upstream: Awaited<ReturnType<typeof startEchoUpstream>>;
  let server: RunningServer;
  let key = '';
  let otherKey = '';
  let client: OpenAI;
  const request = async (method: string, path: string, body?: unknown, k = key): Promise<Reply> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${k}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
  };
  const chat = (prompt: string, system: string, user: string, question: string, k = client) =>
    k.chat.completions
      .create(
        {
          model: 'gpt-4o-mini',
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: `Question: ${question}` },
          ],
          user,
        },
        { headers: { 'x-vigil-prompt': `${prompt}@production` } },
      )
      .withResponse();
  const generations = async (prompt: string, fromMs: number, toMs: number) => {
    await server.gateway.flush();
    return store.llm.queryGenerations('shop', {
      range: { fromMs, toMs },
      promptName: prompt,
      llmOnly: true,
      limit: 10_000,
    });
  };

  beforeAll(async () => {
    ({ store, cleanup } = open(backend, () => clock));
    await store.migrate();
    upstream = await startEchoUpstream();
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      adminToken: ADMIN_TOKEN,
      canaries: { now: () => clock, loop: false, intervalMs: DAY },
      gateway: {
        config: { upstreams: [{ name: 'echo', models: ['gpt-*'], baseUrl: upstream.url }] },
        now: () => clock,
      },
    });
    key = (await request('POST', '/v1/projects', { id: 'shop', name: 'Shop' }, ADMIN_TOKEN)).json
      .api_key.key;
    otherKey = (await request('POST', '/v1/projects', { id: 'other', name: 'O' }, ADMIN_TOKEN)).json
      .api_key.key;
    client = new OpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries: 0 });
    for (const [name, v1, v2] of [
      ['support', SUPPORT_V1, SUPPORT_V2],
      ['sales', SALES_V1, SALES_V2],
    ] as const) {
      for (const [system, labels] of [
        [v1, ['production']],
        [v2, []],
      ] as const) {
        const r = await request('POST', '/v1/prompts', {
          name,
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: 'Question: {{question}}' },
          ],
          labels,
        });
        expect(r.status, r.text).toBe(201);
      }
    }
  });
  afterAll(async () => {
    await server?.close();
    await upstream?.close();
    await store?.close();
    await cleanup?.();
  });

  it('refuses bad prompt canaries with one clear 4xx line', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [{ name: 'x', prompt: { name: 'nope', candidate_version: 2 } }, 404, /no prompt "nope"/],
      [
        { name: 'x', prompt: { name: 'support', label: 'staging', candidate_version: 2 } },
        404,
        /has no label "staging"/,
      ],
      [
        { name: 'x', prompt: { name: 'support', candidate_version: 1 } },
        400,
        /candidate is the baseline version/,
      ],
      [{ name: 'x', prompt: { name: 'support', candidate_version: 9 } }, 404, /no version 9/],
      [
        {
          name: 'x',
          prompt: { name: 'support', candidate_version: 2 },
          variants: [{ name: 'c', role: 'candidate' }],
        },
        400,
        /no baseline variant/,
      ],
      [
        { name: 'x', prompt: { name: 'support', candidate_version: 2 }, model: 'm' },
        400,
        /unknown key "model"/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const r = await request('POST', '/v1/canaries', body);
      expect([r.status, r.json?.error?.message]).toEqual([status, expect.stringMatching(message)]);
    }
  });

  it('splits calls by the hash of their user and serves the candidate prompt to its share', async () => {
    for (const [name, prompt] of [
      ['support-v2', 'support'],
      ['sales-v2', 'sales'],
    ]) {
      const r = await request('POST', '/v1/canaries', {
        name,
        prompt: { name: prompt, label: 'production', candidate_version: 2 },
        variants: [
          { name: 'control', role: 'baseline' },
          { name: 'treatment', role: 'candidate', weight: 0.1 },
        ],
        policy: POLICY,
      });
      expect(r.status, r.text).toBe(201);
      expect(r.json).toMatchObject({
        kind: 'prompt',
        prompt: { name: prompt, label: 'production' },
        state: 'running',
        variants: [
          { name: 'control', role: 'baseline', version: 1, weight: 0.9 },
          { name: 'treatment', role: 'candidate', version: 2, weight: 0.1 },
        ],
      });
    }
    const again = await request('POST', '/v1/canaries', {
      name: 'support-v2b',
      prompt: { name: 'support', candidate_version: 2 },
    });
    expect([again.status, again.json.error.message]).toEqual([
      409,
      expect.stringMatching(/already has an active canary/),
    ]);

    const weights = [
      { name: 'control', weight: 0.9 },
      { name: 'treatment', weight: 0.1 },
    ];
    const served: string[] = [];
    for (let i = 0; i < 60; i++) {
      clock = T0 + 1000 * (i + 1);
      const user = `probe-${i}`;
      const { data, response } = await chat('support', SUPPORT_V1, user, `q${i}`);
      const expected = assignVariant(user, 'support-v2', weights);
      expect(response.headers.get('x-vigil-variant')).toBe(expected);
      const system = expected === 'treatment' ? SUPPORT_V2 : SUPPORT_V1;
      expect(data.choices[0]?.message.content).toBe(`served: ${system}`);
      expect(upstream.calls.at(-1)?.messages).toEqual([
        { role: 'system', content: system },
        { role: 'user', content: `Question: q${i}` },
      ]);
      served.push(expected ?? '');
    }
    expect(served).toContain('treatment');
    expect(served).toContain('control');
    const gens = await generations('support', T0, T0 + 61_000);
    expect(gens).toHaveLength(60);
    for (const g of gens) {
      const expected = assignVariant(g.user ?? '', 'support-v2', weights);
      expect(g.variant).toBe(expected);
      expect(g.promptVersion).toBe(expected === 'treatment' ? 2 : 1);
      expect(g.attributes['vigil.canary']).toBe('support-v2');
      // The recorded input is what was sent: the candidate's calls carry the candidate prompt.
      expect((g.input as Array<{ content: string }>)[0]?.content).toBe(
        expected === 'treatment' ? SUPPORT_V2 : SUPPORT_V1,
      );
    }

    // Messages that are not the label's prompt stay out of the canary: served as sent, no variant.
    clock = T0 + 62_000;
    const { data, response } = await chat('support', 'Something else entirely.', 'probe-x', 'q');
    expect(response.headers.get('x-vigil-variant')).toBeNull();
    expect(data.choices[0]?.message.content).toBe('served: Something else entirely.');
    const [outside] = await generations('support', T0 + 62_000, T0 + 63_000);
    expect(outside).toMatchObject({ variant: null, promptVersion: 1 });

    // Another project's key naming the same prompt label is not served this project's canary.
    const other = new OpenAI({ apiKey: otherKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
    for (let i = 0; i < 20; i++) {
      const r = await chat('support', SUPPORT_V1, `probe-${i}`, 'q', other);
      expect(r.response.headers.get('x-vigil-variant')).toBeNull();
      expect(r.data.choices[0]?.message.content).toBe(`served: ${SUPPORT_V1}`);
    }
  });

  it('keeps another project out of its prompt canaries', async () => {
    const create = await request(
      'POST',
      '/v1/canaries',
      { name: 'support-v2', prompt: { name: 'support', candidate_version: 2 } },
      otherKey,
    );
    expect([create.status, create.json.error.message]).toEqual([404, 'no prompt "support"']);
    expect((await request('GET', '/v1/canaries', undefined, otherKey)).json.canaries).toEqual([]);
    for (const [method, path] of [
      ['GET', '/v1/canaries/support-v2'],
      ['GET', '/v1/experiments/support-v2'],
      ['POST', '/v1/canaries/support-v2/stop'],
    ] as const) {
      const r = await request(method, path, method === 'POST' ? {} : undefined, otherKey);
      expect([method, path, r.status]).toEqual([method, path, 404]);
    }
    const mine = await request('GET', '/v1/canaries/support-v2');
    expect(mine.json.state).toBe('running');
    const config = await request('GET', '/v1/experiments/support-v2');
    expect(config.json).toMatchObject({
      kind: 'prompt',
      prompt: { name: 'support', label: 'production' },
      variants: [
        { name: 'control', version: 1, weight: 0.9 },
        { name: 'treatment', version: 2, weight: 0.1 },
      ],
    });
  });

  it('promotes one prompt canary and rolls the other back over a simulated week', async () => {
    const outcomes = new Map<string, { day: number; state: string }>();
    for (let day = 0; day < 8; day++) {
      for (let i = 0; i < PER_DAY; i++) {
        clock = T0 + day * DAY + 3_600_000 + i * 60_000;
        const user = `u-${day}-${i}`;
        await chat('support', SUPPORT_V1, user, `order ${i}`);
        if (!outcomes.has('sales-v2')) await chat('sales', SALES_V1, user, `shoe ${i}`);
      }
      await server.gateway.flush();
      clock = T0 + (day + 1) * DAY;
      for (const r of (await server.canaries?.tick()) ?? []) {
        if ((r.state === 'promoted' || r.state === 'rolled_back') && !outcomes.has(r.canary))
          outcomes.set(r.canary, { day: day + 1, state: r.state });
      }
    }
    expect(outcomes.get('sales-v2')?.state).toBe('rolled_back');
    expect(outcomes.get('sales-v2')?.day).toBeLessThan(7);
    expect(outcomes.get('support-v2')).toEqual({ day: 7, state: 'promoted' });

    // Promoted: the label moved to the candidate by system:canary, in the history and the audit log.
    expect((await store.prompts.getByLabel('shop', 'support', 'production'))?.version).toBe(2);
    expect(
      (await store.prompts.labelHistory('shop', 'support', 'production')).at(-1),
    ).toMatchObject({ version: 2, previousVersion: 1, action: 'move', actor: 'system:canary' });
    const audit = await request('GET', `/v1/audit?from=${T0}&to=${T0 + 10 * DAY}&limit=1000`);
    expect(audit.status, audit.text).toBe(200);
    const entries = audit.json.entries as Array<{ actor: string; action: string; target: string }>;
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'system:canary',
          action: 'prompt.label.move',
          target: 'support@production',
        }),
        expect.objectContaining({
          actor: 'system:canary',
          action: 'canary.promote',
          target: 'support-v2',
        }),
        expect.objectContaining({
          actor: 'system:canary',
          action: 'canary.rollback',
          target: 'sales-v2',
        }),
      ]),
    );

    // Rolled back: the label stays, the candidate's weight is 0, the reason is the cost guard.
    expect((await store.prompts.getByLabel('shop', 'sales', 'production'))?.version).toBe(1);
    const sales = await request('GET', '/v1/canaries/sales-v2');
    expect(sales.json).toMatchObject({
      state: 'rolled_back',
      variants: [{ weight: 1 }, { weight: 0 }],
    });
    expect(sales.json.decisions.at(-1).reasons[0]).toMatch(/outcome:cost_usd significantly worse/);
    const support = await request('GET', '/v1/canaries/support-v2');
    expect(support.json.state).toBe('promoted');
    expect(support.json.stats.candidate.predictions).toBeGreaterThanOrEqual(40);

    // After the end, calls are served the label's version as they are, outside any canary.
    clock = T0 + 9 * DAY;
    const after = await chat('sales', SALES_V1, 'u-after', 'q');
    expect(after.response.headers.get('x-vigil-variant')).toBeNull();
    expect(after.data.choices[0]?.message.content).toBe(`served: ${SALES_V1}`);
    const promoted = await chat('support', SUPPORT_V2, 'u-after', 'q');
    expect(promoted.response.headers.get('x-vigil-variant')).toBeNull();
    const [last] = await generations('support', T0 + 9 * DAY, T0 + 9 * DAY + 1);
    expect(last).toMatchObject({ variant: null, promptVersion: 2 });
  });
});
