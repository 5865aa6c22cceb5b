import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@vigil/server';
import type { SqlStore } from '@vigil/store';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../helpers/harness.js';
import { REPLY_WORDS, startUpstream, type Upstream, USAGE } from '../helpers/openai-upstream.js';

const DAY = 86_400_000;
const UPSTREAM_KEY = 'sk-upstream-secret';

const openBackend = (name: 'sqlite' | 'postgres') => openTestStore(name, { prefix: 'gw' });

describe.each(['sqlite', 'postgres'] as const)('%s gateway', (backend) => {
  let store: SqlStore;
  let cleanup: () => Promise<void>;
  let upstream: Upstream;
  let server: RunningServer;
  let key: string;
  let clock = Date.now();
  let client: OpenAI;
  const window = () => ({ fromMs: Date.now() - DAY, toMs: Date.now() + DAY });
  const generations = async () => {
    await server.gateway.flush();
    return store.llm.queryGenerations('p', { range: window(), llmOnly: true });
  };

  beforeAll(async () => {
    ({ store, cleanup } = openBackend(backend));
    await store.migrate();
    await store.createProject({ id: 'p', name: 'P' });
    key = (await store.createApiKey('p', 'gw')).key;
    upstream = await startUpstream();
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      gateway: {
        config: {
          upstreams: [
            {
              name: 'local',
              models: ['gpt-*', 'text-embedding-*', 'broken-*', 'slow-*', 'stall-*', 'reject-*'],
              baseUrl: upstream.baseUrl,
              apiKey: UPSTREAM_KEY,
              timeoutMs: 400,
            },
          ],
        },
      },
      deprecations: { loop: false, now: () => clock },
    });
    client = new OpenAI({
      apiKey: key,
      baseURL: `${server.url}/v1`,
      maxRetries: 0,
      timeout: 10_000,
    });
    await store.prompts.upsertPin('p', {
      service: '*',
      model: 'gpt-4o',
      pinned: 'gpt-4o-2024-11-20',
      actor: 't',
    });
    await store.prompts.createVersion('p', {
      name: 'support',
      content: { type: 'text', template: 'Answer: {{q}}', variables: ['q'], config: {} },
      labels: ['production'],
      actor: 't',
    });
  });
  afterAll(async () => {
    await server?.close();
    await upstream?.close();
    await store?.close();
    await cleanup?.();
  });

  it('forwards a chat completion with the pinned model and records requested vs served', async () => {
    const r = await client.chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'How much?' }], temperature: 0 },
      {
        headers: {
          'x-vigil-service': 'support-bot',
          'x-vigil-prompt': 'support@production',
          'x-vigil-session': 's1',
        },
      },
    );
    expect(r.choices[0]?.message.content).toBe(REPLY_WORDS.join(''));
    expect(r.usage).toEqual(USAGE);
    const sent = upstream.calls.at(-1);
    expect(sent?.body.model).toBe('gpt-4o-2024-11-20');
    expect(sent?.body.temperature).toBe(0);
    expect(sent?.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    const [g] = await generations();
    expect(g).toMatchObject({
      operation: 'chat',
      modelRequested: 'gpt-4o-2024-11-20',
      modelServed: 'gpt-4o-2024-11-20',
      provider: 'local',
      service: 'support-bot',
      session: 's1',
      promptName: 'support',
      promptVersion: 1,
      status: 'ok',
      tokens: { input: 11, output: 7 },
      costSource: 'computed',
    });
    expect(g?.attributes['vigil.requested_model']).toBe('gpt-4o');
    expect(g?.flags).not.toContain('unpinned_alias');
    expect(g?.output).toEqual([{ role: 'assistant', content: REPLY_WORDS.join('') }]);
  });

  it('relays a stream chunk by chunk and records the text and the final usage', async () => {
    const before = upstream.calls.length;
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-2024-08-06',
      messages: [{ role: 'user', content: 'stream it' }],
      stream: true,
    });
    const words: string[] = [];
    for await (const chunk of stream) {
      const w = chunk.choices[0]?.delta.content;
      if (w) words.push(w);
    }
    expect(words).toEqual(REPLY_WORDS);
    expect(upstream.calls[before]?.body.stream_options).toEqual({ include_usage: true });
    const g = (await generations()).find((x) => x.modelRequested === 'gpt-4o-2024-08-06');
    expect(g).toMatchObject({
      status: 'ok',
      tokens: { input: 11, output: 7 },
      output: [{ role: 'assistant', content: REPLY_WORDS.join('') }],
    });
    expect(g?.attributes['vigil.stream']).toBe(true);
  });

  it('flags and counts calls naming an unpinned alias', async () => {
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const g = (await generations()).find((x) => x.modelRequested === 'gpt-4o-mini');
    expect(g?.flags).toContain('unpinned_alias');
    const flagged = await store.llm.queryGenerations('p', {
      range: window(),
      flag: 'unpinned_alias',
    });
    expect(flagged).toHaveLength(1);
    const usage = await store.prompts.queryModelUsage('p', {
      range: { fromMs: 0, toMs: Date.now() + DAY },
    });
    const mini = usage.find((u) => u.model === 'gpt-4o-mini');
    expect(mini).toMatchObject({ calls: 1, unpinnedCalls: 1 });
    expect(usage.find((u) => u.model === 'gpt-4o-2024-11-20')).toMatchObject({
      calls: 1,
      unpinnedCalls: 0,
    });
  });

  it('forwards embeddings', async () => {
    const r = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
    });
    expect(r.data.map((d) => d.embedding)).toEqual([
      [0.5, 0.25, -1],
      [0.5, 0.25, -1],
    ]);
    const g = (await generations()).find((x) => x.operation === 'embeddings');
    expect(g).toMatchObject({
      modelRequested: 'text-embedding-3-small',
      tokens: { input: 10, output: 0 },
      input: ['a', 'b'],
    });
  });

  it('answers an upstream 500 with a 502 the client raises, and records it', async () => {
    const err = await client.chat.completions
      .create({ model: 'broken-1', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((err as Error).message).toContain('HTTP 500: the model is overloaded');
    const g = (await generations()).find((x) => x.modelRequested === 'broken-1');
    expect(g).toMatchObject({ status: 'error', costUsd: 0 });
    expect(g?.error).toContain('HTTP 500');
  });

  it('passes an upstream 400 through unchanged', async () => {
    const err = await client.chat.completions
      .create({ model: 'reject-1', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
    expect((err as Error).message).toContain('temperature is out of range');
  });

  it('answers a silent upstream with a 504 within its timeout, and records it', async () => {
    const err = await client.chat.completions
      .create({ model: 'slow-1', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
    expect((err as Error).message).toContain('did not answer within 400 ms');
    const g = (await generations()).find((x) => x.modelRequested === 'slow-1');
    expect(g?.status).toBe('error');
  });

  it('ends a stalled stream with an error event the client raises', async () => {
    const stream = await client.chat.completions.create({
      model: 'stall-1',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    const err = await (async () => {
      for await (const _ of stream) {
        // the first chunk arrives, then the upstream goes silent
      }
    })().catch((e: unknown) => e);
    expect((err as Error).message).toContain('stopped sending for 400 ms');
    const g = (await generations()).find((x) => x.modelRequested === 'stall-1');
    expect(g?.status).toBe('error');
  });

  it('answers 404 for a model no upstream serves, 401 for a bad key', async () => {
    const err = await client.chat.completions
      .create({ model: 'claude-x', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(404);
    expect((err as Error).message).toContain('no upstream is configured for model "claude-x"');
    const bad = new OpenAI({ apiKey: 'vgl_nope', baseURL: `${server.url}/v1`, maxRetries: 0 });
    const e2 = await bad.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect((e2 as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
  });

  it('raises deprecation alerts once per stage for models seen in traffic', async () => {
    clock = Date.now() + 1000;
    const retires = clock + 20 * DAY;
    await store.prompts.upsertDeprecation('p', {
      model: 'gpt-4o-2024-11-20',
      retiresMs: retires,
      replacement: 'gpt-5',
      actor: 't',
    });
    await store.prompts.upsertDeprecation('p', {
      model: 'gpt-4-0613',
      retiresMs: retires,
      actor: 't',
    });
    const first = await server.deprecations?.check();
    expect(first?.map((r) => [r.model, r.stage])).toEqual([['gpt-4o-2024-11-20', '30d']]);
    expect(await server.deprecations?.check()).toEqual([]);
    clock = retires - 5 * DAY;
    const second = await server.deprecations?.check();
    expect(second?.map((r) => r.stage)).toEqual(['7d']);
    const alerts = await store.listAlerts('p', { monitor: 'deprecation:gpt-4o-2024-11-20' });
    expect(alerts.map((a) => a.labels.stage).sort()).toEqual(['30d', '7d']);
    expect(alerts.find((a) => a.labels.stage === '7d')?.summary).toContain('replacement: gpt-5');
  });

  it('blocks calls over a blocking budget with a 429 the client does not retry', async () => {
    await store.llm.upsertBudget(
      'p',
      {
        name: 'tiny',
        scope: 'service',
        match: 'capped',
        period: 'daily',
        limitUsd: 0.00001,
        block: true,
        alertThresholds: [0.8, 1],
      },
      't',
    );
    const capped = { headers: { 'x-vigil-service': 'capped' } };
    await client.chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] },
      capped,
    );
    await server.gateway.flush();
    const retrying = new OpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries: 3 });
    const before = upstream.calls.length;
    const err = await retrying.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }, capped)
      .catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('budget_exceeded');
    expect((err as Error).message).toContain('budget "tiny" exhausted');
    expect(upstream.calls.length).toBe(before);
    await server.gateway.flush();
    const blocked = await store.llm.queryGenerations('p', {
      range: window(),
      flag: 'budget_blocked',
    });
    expect(blocked).toHaveLength(1);
    expect(blocked[0]).toMatchObject({ status: 'error', costUsd: 0, service: 'capped' });
    // Other services are not capped.
    await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
    });
  });
});

describe('gateway shutdown', () => {
  it('stores every answered call when the server closes', async () => {
    const { store, cleanup } = openBackend('sqlite');
    await store.migrate();
    await store.createProject({ id: 'p', name: 'P' });
    const key = (await store.createApiKey('p', 'gw')).key;
    const upstream = await startUpstream();
    // A long flush interval: nothing is written before close() drains the queue.
    const server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      gateway: {
        flushMs: 60_000,
        config: { upstreams: [{ name: 'local', models: ['*'], baseUrl: upstream.baseUrl }] },
      },
    });
    const client = new OpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries: 0 });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.chat.completions.create({
          model: 'gpt-4o-2024-11-20',
          messages: [{ role: 'user', content: `q${i}` }],
        }),
      ),
    );
    await server.close();
    const rows = await store.llm.queryGenerations('p', {
      range: { fromMs: Date.now() - DAY, toMs: Date.now() + DAY },
    });
    expect(rows).toHaveLength(40);
    await upstream.close();
    await store.close();
    await cleanup();
  });
});

describe('vigil serve with VIGIL_GATEWAY_CONFIG', () => {
  it('reads the upstreams from the JSON file, the key from the named variable', async () => {
    const { loadEnv, serve } = await import('@vigil/server');
    const dir = mkdtempSync(join(tmpdir(), 'vigil-gw-serve-'));
    const upstream = await startUpstream();
    const file = join(dir, 'gateway.json');
    writeFileSync(
      file,
      JSON.stringify({
        upstreams: [
          {
            name: 'local',
            models: ['gpt-*'],
            base_url: upstream.baseUrl,
            api_key_env: 'LOCAL_KEY',
          },
        ],
        timeout_ms: 5000,
      }),
    );
    const admin = 'serve-admin-token-0123456789';
    const serving = await serve(
      loadEnv({
        VIGIL_DB: join(dir, 'v.db'),
        PORT: '0',
        VIGIL_ADMIN_TOKEN: admin,
        VIGIL_NOTIFIER: 'off',
        VIGIL_LOG_LEVEL: 'silent',
        VIGIL_GATEWAY_CONFIG: file,
      }),
      { secrets: { LOCAL_KEY: 'sk-from-env' } },
    );
    try {
      const res = await fetch(`${serving.url}/v1/projects`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'p', name: 'P' }),
      });
      const key = ((await res.json()) as { api_key: { key: string } }).api_key.key;
      const client = new OpenAI({ apiKey: key, baseURL: `${serving.url}/v1`, maxRetries: 0 });
      const r = await client.chat.completions.create({
        model: 'gpt-4o-2024-11-20',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(r.choices[0]?.message.content).toBe(REPLY_WORDS.join(''));
      expect(upstream.calls.at(-1)?.authorization).toBe('Bearer sk-from-env');
    } finally {
      await serving.stop();
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a bad file, naming the file and field', async () => {
    const { GatewayConfigError, loadEnv, serve } = await import('@vigil/server');
    const dir = mkdtempSync(join(tmpdir(), 'vigil-gw-bad-'));
    const file = join(dir, 'gateway.json');
    writeFileSync(
      file,
      JSON.stringify({ upstreams: [{ name: 'x', models: ['*'], base_url: 'nope' }] }),
    );
    const env = loadEnv({ VIGIL_DB: join(dir, 'v.db'), PORT: '0', VIGIL_GATEWAY_CONFIG: file });
    const err = await serve(env, { secrets: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayConfigError);
    expect((err as Error).message).toContain(`${file}: upstreams[0].base_url`);
    rmSync(dir, { recursive: true, force: true });
  });
});
