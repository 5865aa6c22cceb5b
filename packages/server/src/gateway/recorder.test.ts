// The call recorder over a real SQLite store: batches written through the generations recorder,
// model usage counted, and a record the store refuses dropped alone instead of blocking its batch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordGenerations } from '../llm/record.js';
import { createCallRecorder, type GatewayCall } from './recorder.js';

const T0 = Date.UTC(2026, 0, 5);

const call = (traceId: string, extra: Partial<GatewayCall> = {}): GatewayCall => ({
  projectId: 'p',
  keyId: 'k',
  operation: 'chat',
  startMs: T0,
  endMs: T0 + 40,
  traceId,
  spanId: 'span1',
  parentSpanId: null,
  service: 'bot',
  user: null,
  session: null,
  requestedModel: 'gpt-4o',
  model: 'gpt-4o',
  pinned: false,
  unpinnedAlias: true,
  provider: 'local',
  promptName: null,
  promptRef: null,
  promptVersion: null,
  request: { messages: [{ role: 'user', content: 'hi' }] },
  stream: false,
  status: 200,
  responseBody: Buffer.from(
    JSON.stringify({
      model: 'gpt-4o-2024-08-06',
      choices: [{ message: { role: 'assistant', content: 'hello' } }],
      usage: {
        prompt_tokens: 3,
        completion_tokens: 1,
        prompt_tokens_details: { cached_tokens: 2 },
      },
    }),
  ),
  error: null,
  blocked: false,
  ttftMs: null,
  ...extra,
});

describe('createCallRecorder', () => {
  let dir: string;
  let store: SqlStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-rec-'));
    store = openSqliteStore(join(dir, 'v.db'));
    await store.migrate();
    await store.createProject({ id: 'p', name: 'P' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes batches, counts usage and drops only the record the store refuses', async () => {
    const written: string[] = [];
    const rec = createCallRecorder({
      store,
      flushMs: 60_000,
      sink: (projectId, items) => recordGenerations({ store }, projectId, items),
      onWritten: (p) => written.push(p),
    });
    rec.record(call('t1'));
    rec.record(call('x'.repeat(200)));
    rec.record(call('t3', { unpinnedAlias: false, model: 'gpt-4o-2024-11-20' }));
    expect(rec.pending).toBe(3);
    await rec.close();
    expect(rec.pending).toBe(0);
    const rows = await store.llm.queryGenerations('p', { range: { fromMs: T0, toMs: T0 + 1000 } });
    expect(rows.map((r) => r.traceId).sort()).toEqual(['t1', 't3']);
    const t1 = rows.find((r) => r.traceId === 't1');
    expect(t1).toMatchObject({
      modelRequested: 'gpt-4o',
      modelServed: 'gpt-4o-2024-08-06',
      tokens: { input: 3, output: 1, cachedInput: 2 },
      output: [{ role: 'assistant', content: 'hello' }],
      latencyMs: 40,
    });
    expect(t1?.flags).toContain('unpinned_alias');
    const usage = await store.prompts.queryModelUsage('p', {
      range: { fromMs: 0, toMs: T0 + 86_400_000 },
    });
    expect(usage.map((u) => [u.model, u.calls, u.unpinnedCalls])).toEqual([
      ['gpt-4o', 1, 1],
      ['gpt-4o-2024-11-20', 1, 0],
    ]);
    expect(written).toEqual(['p']);
  });
});
