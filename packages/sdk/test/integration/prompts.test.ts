// getPrompt against the real server (SQLite store in a temp dir): prompts by label with a cache,
// stale-while-revalidate after a label moves, and when the server goes down the last known version
// or the local fallback (code or file); never a throw, every failure reported as
// PROMPT_FETCH_FAILED.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePrompt, PromptCache, VigilClient, type VigilSdkError } from '@vigil/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from '../helpers/server.js';

const P = 'sdk-project';
let server: TestServer;
let dir: string;

const chat = (system: string) => ({
  type: 'chat' as const,
  messages: [
    { role: 'system' as const, content: system },
    { role: 'user' as const, content: '{{question}}' },
  ],
  variables: ['question'],
  config: { model: 'gpt-4o', temperature: 0.1 },
});

beforeAll(async () => {
  server = await openTestServer();
  dir = mkdtempSync(join(tmpdir(), 'vigil-sdk-prompts-'));
  await server.store.prompts.createVersion(P, {
    name: 'support',
    content: chat('Quote prices from the table.'),
    labels: ['production'],
    actor: 'test',
  });
  await server.store.prompts.createVersion(P, {
    name: 'support',
    content: chat('Be generic.'),
    actor: 'test',
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function cache() {
  let clock = 1_000_000;
  let requests = 0;
  const errors: string[] = [];
  const c = new PromptCache({
    baseUrl: server.url,
    apiKey: server.key,
    timeoutMs: 2000,
    ttlMs: 1000,
    now: () => clock,
    fetch: (url, init) => {
      requests++;
      return globalThis.fetch(url, init);
    },
    report: (m) => errors.push(m),
  });
  return {
    c,
    errors,
    requests: () => requests,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('getPrompt by label', () => {
  it('fetches by label, serves the cache, then stale while it revalidates', async () => {
    const t = cache();
    const first = await t.c.get('support', { label: 'production' });
    expect(first).toMatchObject({
      name: 'support',
      version: 1,
      label: 'production',
      source: 'server',
      ref: 'support@1',
    });
    expect(compilePrompt(first as NonNullable<typeof first>, { question: 'How much?' })).toEqual([
      { role: 'system', content: 'Quote prices from the table.' },
      { role: 'user', content: 'How much?' },
    ]);
    expect(await t.c.get('support')).toMatchObject({ version: 1, source: 'cache' });
    expect(t.requests()).toBe(1);

    // The label moves; within the TTL the cache still answers, after it the stale entry answers
    // at once and the background request brings version 2.
    await server.store.prompts.moveLabel(P, {
      name: 'support',
      label: 'production',
      version: 2,
      actor: 't',
    });
    t.advance(1500);
    expect(await t.c.get('support')).toMatchObject({ version: 1, source: 'stale' });
    await waitFor(async () => (await t.c.get('support'))?.version === 2);
    expect(await t.c.get('support')).toMatchObject({ version: 2, source: 'cache' });

    // Unchanged after the TTL: the revalidation is a 304 and the entry is fresh again.
    t.advance(1500);
    expect(await t.c.get('support')).toMatchObject({ version: 2, source: 'stale' });
    await waitFor(async () => (await t.c.get('support'))?.source === 'cache');
    expect(t.errors).toEqual([]);
    await server.store.prompts.moveLabel(P, {
      name: 'support',
      label: 'production',
      version: 1,
      actor: 't',
    });
  });

  it('serves the last known version, then the fallback, when the server goes down', async () => {
    const t = cache();
    expect(await t.c.get('support', { label: 'production' })).toMatchObject({
      version: 1,
      source: 'server',
    });
    await server.down();
    try {
      t.advance(5000);
      // Stale entry: returned at once; its revalidation fails and is reported, not thrown.
      expect(await t.c.get('support', { label: 'production' })).toMatchObject({
        version: 1,
        source: 'stale',
      });
      await waitFor(async () => t.errors.length > 0);
      expect(t.errors[0]).toMatch(/support@production: server unreachable/);
      expect(await t.c.get('support', { label: 'production' })).toMatchObject({
        version: 1,
        source: 'stale',
      });

      // Nothing cached for staging: the fallback given in code.
      const fb = await t.c.get('support', {
        label: 'staging',
        fallback: {
          messages: [{ role: 'system', content: 'Offline {{company}} answer.' }],
          config: { model: 'gpt-4o-mini' },
        },
      });
      expect(fb).toMatchObject({
        name: 'support',
        version: null,
        source: 'fallback',
        type: 'chat',
        variables: ['company'],
        config: { model: 'gpt-4o-mini' },
        ref: 'support@staging',
      });
      // ... or from a file.
      const file = join(dir, 'support.json');
      writeFileSync(file, JSON.stringify({ template: 'Answer {{q}} from the file.' }));
      const fromFile = await t.c.get('other', { fallbackFile: file });
      expect(fromFile).toMatchObject({
        type: 'text',
        template: 'Answer {{q}} from the file.',
        source: 'fallback',
      });
      const txt = join(dir, 'plain.txt');
      writeFileSync(txt, 'Plain {{x}}');
      expect(await t.c.get('plain', { fallbackFile: txt })).toMatchObject({
        template: 'Plain {{x}}',
        variables: ['x'],
      });
      // No fallback at all: null, reported, never thrown.
      const before = t.errors.length;
      expect(await t.c.get('nothing')).toBeNull();
      expect(t.errors.length).toBeGreaterThan(before);
      expect(await t.c.get('x', { fallbackFile: join(dir, 'missing.json') })).toBeNull();
    } finally {
      await server.up();
    }
    // Back up: the next revalidation succeeds.
    t.advance(5000);
    await t.c.get('support', { label: 'production' });
    await waitFor(
      async () => (await t.c.get('support', { label: 'production' }))?.source === 'cache',
    );
  });

  it('works through VigilClient.getPrompt, reporting PROMPT_FETCH_FAILED', async () => {
    const errors: VigilSdkError[] = [];
    const client = new VigilClient({
      endpoint: server.url,
      apiKey: server.key,
      flushOnExit: false,
      onError: (e) => errors.push(e),
    });
    expect(await client.getPrompt('support', { version: 2 })).toMatchObject({
      version: 2,
      label: null,
      ref: 'support@2',
    });
    expect(
      await client.getPrompt('support', { label: 'nope', fallback: 'Hi {{name}}' }),
    ).toMatchObject({
      source: 'fallback',
      template: 'Hi {{name}}',
    });
    expect(errors.map((e) => [e.code, e.status])).toEqual([['PROMPT_FETCH_FAILED', 404]]);
    await client.close();
  });
});

async function waitFor(cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}
