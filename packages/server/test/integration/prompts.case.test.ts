// Prompt, pin and deprecation routes over HTTP on both backends: versions by label and number with
// an ETag (304 on If-None-Match), unchanged content creating nothing, label moves and reverts,
// clear 4xx errors naming the field, and a key of one project reaching nothing of another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/harness.js';

const PROMPT = {
  name: 'support',
  messages: [
    { role: 'system', content: 'You answer for {{company}}.' },
    { role: 'user', content: '{{question}}' },
  ],
  config: { model: 'gpt-4o', temperature: 0.2, max_tokens: 300 },
};

describe.each(BACKENDS)('%s prompt routes', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());

  it('creates versions, skips unchanged content and reads by label and version with an ETag', async () => {
    const v1 = await h.request('POST', '/v1/prompts', {
      key: h.a.key,
      body: { ...PROMPT, labels: ['production'] },
    });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({
      name: 'support',
      version: 1,
      type: 'chat',
      variables: ['company', 'question'],
      labels: ['latest', 'production'],
      created: true,
    });
    const same = await h.request('POST', '/v1/prompts', { key: h.a.key, body: PROMPT });
    expect(same.status).toBe(200);
    expect(same.json).toMatchObject({ version: 1, created: false });
    const v2 = await h.request('POST', '/v1/prompts', {
      key: h.a.key,
      body: { ...PROMPT, config: { ...PROMPT.config, temperature: 0.7 }, commit_message: 'warmer' },
    });
    expect(v2.json).toMatchObject({ version: 2, labels: ['latest'], commit_message: 'warmer' });

    const prod = await h.request('GET', '/v1/prompts/support?label=production', { key: h.a.key });
    expect(prod.status).toBe(200);
    expect(prod.json.version).toBe(1);
    const etag = prod.headers.get('etag');
    expect(etag).toMatch(/^"support@1-[0-9a-f]{16}"$/);
    const again = await h.request('GET', '/v1/prompts/support', {
      key: h.a.key,
      headers: { 'if-none-match': String(etag) },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const byVersion = await h.request('GET', '/v1/prompts/support?version=2', { key: h.a.key });
    expect(byVersion.json.config.temperature).toBe(0.7);
    expect(byVersion.headers.get('etag')).not.toBe(etag);
    const latest = await h.request('GET', '/v1/prompts/support?label=latest', { key: h.a.key });
    expect(latest.json.version).toBe(2);

    const list = await h.request('GET', '/v1/prompts', { key: h.a.key });
    expect(list.json.prompts).toEqual([
      expect.objectContaining({
        name: 'support',
        latest_version: 2,
        labels: { latest: 2, production: 1 },
      }),
    ]);
    const versions = await h.request('GET', '/v1/prompts/support/versions', { key: h.a.key });
    expect(versions.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('moves and reverts labels and keeps their history', async () => {
    const moved = await h.request('PUT', '/v1/prompts/support/labels/production', {
      key: h.a.key,
      body: { version: 2 },
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ version: 2, previous_version: 1, action: 'move' });
    const etagBefore = (
      await h.request('GET', '/v1/prompts/support', { key: h.a.key })
    ).headers.get('etag');
    const reverted = await h.request('POST', '/v1/prompts/support/labels/production/revert', {
      key: h.a.key,
    });
    expect(reverted.json).toMatchObject({ version: 1, previous_version: 2, action: 'revert' });
    const now = await h.request('GET', '/v1/prompts/support', {
      key: h.a.key,
      headers: { 'if-none-match': String(etagBefore) },
    });
    expect(now.status).toBe(200);
    expect(now.json.version).toBe(1);
    const none = await h.request('POST', '/v1/prompts/support/labels/production/revert', {
      key: h.a.key,
    });
    expect(none.status).toBe(409);
    expect(none.json.error.message).toContain('no earlier version');
    const history = await h.request('GET', '/v1/prompts/support/labels/production/history', {
      key: h.a.key,
    });
    expect(history.json.history.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'move',
      'revert',
    ]);
    const audit = await h.request(
      'GET',
      `/v1/audit?from=0&to=${Date.now() + 1000}&target_kind=prompt`,
      { key: h.a.key },
    );
    if (audit.status === 200) expect(audit.text).toContain('prompt.label.revert');
  });

  it.each([
    ['both messages and template', { ...PROMPT, template: 'x' }, 'body.template'],
    ['an undeclared variable', { ...PROMPT, variables: ['company'] }, 'body.messages[1].content'],
    ['an unknown config key', { ...PROMPT, config: { temprature: 1 } }, 'body.config.temprature'],
    ['a bad name', { ...PROMPT, name: 'has space' }, 'body.name'],
    ['latest among labels', { ...PROMPT, labels: ['latest'] }, 'body.labels'],
  ])('refuses %s with a 400 naming the field', async (_n, body, field) => {
    const r = await h.request('POST', '/v1/prompts', { key: h.a.key, body });
    expect(r.status).toBe(400);
    expect(r.json.error.issues.map((i: { field: string }) => i.field)).toContain(field);
  });

  it.each([
    ['GET', '/v1/prompts/support?label=staging', 404, 'no label "staging"'],
    ['GET', '/v1/prompts/support?version=9', 404, 'no version 9'],
    ['GET', '/v1/prompts/support?version=1&label=production', 400, 'not both'],
    ['GET', '/v1/prompts/nope/versions', 404, 'no prompt "nope"'],
    ['PUT', '/v1/prompts/support/labels/latest', 400, 'label "latest" moves by itself'],
    ['POST', '/v1/prompts/support/labels/latest/revert', 400, 'label "latest" cannot be reverted'],
    ['PUT', '/v1/prompts/support/labels/production', 404, 'no version 7'],
    ['PUT', '/v1/prompts/support/labels/Bad%20Label', 400, 'params.label'],
  ])('%s %s → %i', async (method, path, status, text) => {
    const r = await h.request(method, path, {
      key: h.a.key,
      body: method === 'PUT' ? { version: 7 } : undefined,
    });
    expect(r.status).toBe(status);
    const e = r.json.error as { message: string; issues?: { field: string }[] };
    expect([e.message, ...(e.issues ?? []).map((i) => i.field)].join(' ')).toContain(text);
  });

  it('manages pins, deprecations and reads model usage', async () => {
    const pin = await h.request('PUT', '/v1/model-pins', {
      key: h.a.key,
      body: { service: 'support-bot', model: 'gpt-4o', pinned: 'gpt-4o-2024-11-20' },
    });
    expect(pin.status).toBe(200);
    expect(pin.json).toMatchObject({ service: 'support-bot', pinned: 'gpt-4o-2024-11-20' });
    const same = await h.request('PUT', '/v1/model-pins', {
      key: h.a.key,
      body: { model: 'x', pinned: 'x' },
    });
    expect(same.status).toBe(400);
    expect((await h.request('GET', '/v1/model-pins', { key: h.a.key })).json.pins).toHaveLength(1);
    const dep = await h.request('PUT', '/v1/model-deprecations', {
      key: h.a.key,
      body: {
        model: 'gpt-4o-2024-05-13',
        retires_at: '2026-09-30T00:00:00Z',
        replacement: 'gpt-4o-2024-11-20',
      },
    });
    expect(dep.json).toMatchObject({
      retires_at: Date.parse('2026-09-30T00:00:00Z'),
      replacement: 'gpt-4o-2024-11-20',
    });
    const bad = await h.request('PUT', '/v1/model-deprecations', {
      key: h.a.key,
      body: { model: 'm', retires_at: 'soon' },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('body.retires_at');
    expect(
      (await h.request('GET', '/v1/model-deprecations', { key: h.a.key })).json.deprecations,
    ).toHaveLength(1);
    await h.store.prompts.addModelUsage('a-project', [
      { model: 'gpt-4o', timeMs: 86_400_000 * 3 + 5, calls: 4, unpinnedCalls: 4 },
    ]);
    const usage = await h.request('GET', `/v1/model-usage?from=0&to=${86_400_000 * 10}`, {
      key: h.a.key,
    });
    expect(usage.json.usage).toEqual([
      {
        model: 'gpt-4o',
        day: 86_400_000 * 3,
        calls: 4,
        unpinned_calls: 4,
        last_seen: 86_400_000 * 3 + 5,
      },
    ]);
    expect(
      (
        await h.request('DELETE', '/v1/model-pins?service=support-bot&model=gpt-4o', {
          key: h.a.key,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await h.request('DELETE', '/v1/model-pins?service=support-bot&model=gpt-4o', {
          key: h.a.key,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await h.request('DELETE', '/v1/model-deprecations?model=gpt-4o-2024-05-13', {
          key: h.a.key,
        })
      ).status,
    ).toBe(204);
  });

  it("keeps one project's prompts, pins and deprecations from another's key", async () => {
    await h.request('POST', '/v1/prompts', {
      key: h.b.key,
      body: { name: 'b-secret-prompt', template: 'b-secret {{x}}' },
    });
    await h.request('PUT', '/v1/model-pins', {
      key: h.b.key,
      body: { model: 'b-secret-alias', pinned: 'b-secret-2024-01-01' },
    });
    await h.request('PUT', '/v1/model-deprecations', {
      key: h.b.key,
      body: { model: 'b-secret-model', retires_at: 0 },
    });
    await h.request('PUT', '/v1/prompts/b-secret-prompt/labels/production', {
      key: h.b.key,
      body: { version: 1 },
    });
    await h.store.prompts.addModelUsage('b-project', [
      { model: 'b-secret-model', timeMs: 1, calls: 1, unpinnedCalls: 0 },
    ]);
    const probes: Array<[string, string, unknown, number[]]> = [
      ['GET', '/v1/prompts', undefined, [200]],
      ['GET', '/v1/prompts/b-secret-prompt?label=latest', undefined, [404]],
      ['GET', '/v1/prompts/b-secret-prompt?version=1', undefined, [404]],
      ['GET', '/v1/prompts/b-secret-prompt/versions', undefined, [404]],
      ['GET', '/v1/prompts/b-secret-prompt/labels/production/history', undefined, [200]],
      ['PUT', '/v1/prompts/b-secret-prompt/labels/production', { version: 1 }, [404]],
      ['POST', '/v1/prompts/b-secret-prompt/labels/production/revert', undefined, [404]],
      ['GET', '/v1/model-pins', undefined, [200]],
      ['DELETE', '/v1/model-pins?model=b-secret-alias', undefined, [404]],
      ['GET', '/v1/model-deprecations', undefined, [200]],
      ['DELETE', '/v1/model-deprecations?model=b-secret-model', undefined, [404]],
      ['GET', `/v1/model-usage?from=0&to=${Date.now()}`, undefined, [200]],
    ];
    for (const [method, path, body, statuses] of probes) {
      const r = await h.request(method, path, { key: h.a.key, body });
      expect(statuses, `${method} ${path}`).toContain(r.status);
      expect(
        r.text
          .replaceAll('b-secret-prompt', '')
          .replaceAll('b-secret-alias', '')
          .replaceAll('b-secret-model', ''),
        `${method} ${path}`,
      ).not.toContain('b-secret');
      if (method === 'GET' && r.status === 200) expect(r.text).not.toContain('b-secret');
    }
    // B's data is intact after A's attempts.
    expect((await h.request('GET', '/v1/model-pins', { key: h.b.key })).json.pins).toHaveLength(1);
    expect(
      (await h.request('GET', '/v1/model-deprecations', { key: h.b.key })).json.deprecations,
    ).toHaveLength(1);
    const bp = await h.request('GET', '/v1/prompts/b-secret-prompt?label=production', {
      key: h.b.key,
    });
    expect(bp.json.version).toBe(1);
  });
});
