import { assignVariant } from '@vigil/contracts';
import { createRng } from '@vigil/core';
import { hasFinishedCanary, type RunningServer, startServer } from '@vigil/server';
import type { SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, BACKENDS, openTestStore, type Reply } from '../helpers/harness.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 4, 4); // a Monday
const PER_DAY = 1000;
const ALL = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };

const open = (backend: 'sqlite' | 'postgres', now: () => number) =>
  openTestStore(backend, { now, prefix: 'canary' });

describe.each(BACKENDS)('canaries over a simulated week on %s', (backend) => {
  let clock = T0;
  let store: SqlStore;
  let cleanup: () => Promise<void>;
  let server: RunningServer;
  let key = '';
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
  const ok = async (r: Promise<Reply>, status = 200): Promise<Reply> => {
    const reply = await r;
    if (reply.status !== status) throw new Error(`${reply.status} ${reply.text}`);
    return reply;
  };

  beforeAll(async () => {
    ({ store, cleanup } = open(backend, () => clock));
    await store.migrate();
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      adminToken: ADMIN_TOKEN,
      canaries: { now: () => clock, loop: false, intervalMs: DAY },
    });
    const p = await request('POST', '/v1/projects', { id: 'shop', name: 'Shop' }, ADMIN_TOKEN);
    key = p.json.api_key.key;
    for (const model of ['alpha', 'beta', 'gamma']) {
      await ok(request('POST', '/v1/models', { name: model, features: [] }), 201);
      for (const n of [1, 2])
        await ok(
          request('POST', `/v1/models/${model}/versions`, { artifact_uri: `s3://${model}/${n}` }),
          201,
        );
      if (model !== 'gamma')
        await ok(
          request('PUT', `/v1/models/${model}/aliases/production`, {
            version: 1,
            reason: 'launch',
          }),
        );
    }
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await cleanup?.();
  });

  it('answers bad canary input with one clear 4xx line', async () => {
    const variants = (cw = 0.05) => [
      { name: 'baseline', role: 'baseline' },
      { name: 'candidate', role: 'candidate', version: 2, weight: cw },
    ];
    const cases: Array<[unknown, number, RegExp]> = [
      [
        { name: 'x', model: 'alpha', variants: [{ name: 'c', role: 'candidate', version: 2 }] },
        400,
        /no baseline variant \(role "baseline"\)/,
      ],
      [{ name: 'x', model: 'alpha', variants: variants(0.5) }, 400, /starts at 5-10 % of traffic/],
      [
        {
          name: 'x',
          model: 'alpha',
          variants: [
            { name: 'b', role: 'baseline' },
            { name: 'c', role: 'candidate' },
          ],
        },
        400,
        /candidate names the model version/,
      ],
      [{ name: 'x', model: 'gamma', variants: variants() }, 400, /has no production alias/],
      [
        {
          name: 'x',
          model: 'alpha',
          variants: [
            { name: 'b', role: 'baseline', version: 2 },
            { name: 'c', role: 'candidate', version: 1 },
          ],
        },
        400,
        /the baseline is the production version \(1\), not 2/,
      ],
      [
        {
          name: 'x',
          model: 'alpha',
          variants: [
            { name: 'b', role: 'baseline' },
            { name: 'c', role: 'candidate', version: 9 },
          ],
        },
        404,
        /no version 9 of model alpha/,
      ],
      [{ name: 'x', model: 'nope', variants: variants() }, 404, /no model "nope"/],
      [{ name: 'bad name!', model: 'alpha', variants: variants() }, 400, /name/],
    ];
    for (const [body, status, message] of cases) {
      const r = await request('POST', '/v1/canaries', body);
      expect(r.status, r.text).toBe(status);
      expect(r.json.error.message + JSON.stringify(r.json.error.issues ?? [])).toMatch(message);
    }
    expect((await request('GET', '/v1/canaries/nope')).status).toBe(404);
    expect((await request('GET', '/v1/experiments/nope')).status).toBe(404);
    expect((await request('GET', '/v1/canaries?state=sideways')).status).toBe(400);
  });

  it('promotes the candidate that is as good after 7 days and rolls back the worse one at once', async () => {
    const guards = [
      { metric: 'error_rate', tolerance: 0.01 },
      { metric: 'latency_ms', relative_tolerance: 0.1 },
    ];
    const policy = { min_sample: 500, guards };
    for (const [name, model] of [
      ['alpha-v2', 'alpha'],
      ['beta-v2', 'beta'],
    ]) {
      const r = await ok(
        request('POST', '/v1/canaries', {
          name,
          model,
          variants: [
            { name: 'baseline', role: 'baseline' },
            { name: 'candidate', role: 'candidate', version: 2, weight: 0.1 },
          ],
          policy,
        }),
        201,
      );
      expect(r.json).toMatchObject({ state: 'running', start_time: T0 });
      expect(r.json.variants).toEqual([
        { name: 'baseline', role: 'baseline', version: 1, weight: 0.9 },
        { name: 'candidate', role: 'candidate', version: 2, weight: 0.1 },
      ]);
    }
    // A second active canary of the same model is refused.
    const again = await request('POST', '/v1/canaries', {
      name: 'alpha-v3',
      model: 'alpha',
      variants: [
        { name: 'baseline', role: 'baseline' },
        { name: 'candidate', role: 'candidate', version: 2 },
      ],
    });
    expect(again.status).toBe(409);

    const rng = createRng(7);
    // The candidate of beta errs 15 % of the time; every other variant 2 %.
    const errorRate = (model: string, variant: string) =>
      model === 'beta' && variant === 'candidate' ? 0.15 : 0.02;
    const firstAction = new Map<string, { action: string; day: number }>();
    for (let day = 0; day < 8; day++) {
      for (const [name, model] of [
        ['alpha-v2', 'alpha'],
        ['beta-v2', 'beta'],
      ]) {
        const config = (await ok(request('GET', `/v1/experiments/${name}`))).json;
        const events: unknown[] = [];
        for (let i = 0; i < PER_DAY; i++) {
          const unit = `user-${day}-${i}`;
          const variant = assignVariant(unit, name, config.variants) as string;
          const version = config.variants.find((v: { name: string }) => v.name === variant).version;
          events.push({
            type: 'prediction',
            event_id: `${model}-${day}-${i}`,
            model,
            model_version: String(version),
            variant,
            time: new Date(T0 + day * DAY + i * 60_000).toISOString(),
            features: { x: i % 7 },
            prediction: i % 2,
            latency_ms: 80 + rng.next() * 40,
            ...(rng.next() < errorRate(model, variant) ? { error: 'upstream timeout' } : {}),
          });
        }
        const r = await ok(request('POST', '/v1/ingest', { events }));
        expect(r.json.accepted).toBe(PER_DAY);
      }
      clock = T0 + (day + 1) * DAY;
      const results = await server.canaries?.tick();
      for (const res of results ?? []) {
        if (res.action !== 'continue' && !firstAction.has(res.canary))
          firstAction.set(res.canary, { action: res.action, day: day + 1 });
      }
    }
    // beta is rolled back as soon as the difference is significant (its second daily look, with
    // about 200 candidate predictions); alpha is promoted on the seventh look, not before.
    expect(firstAction.get('beta-v2')).toEqual({ action: 'rollback', day: 2 });
    expect(firstAction.get('alpha-v2')).toEqual({ action: 'promote', day: 7 });

    const alpha = (await ok(request('GET', '/v1/canaries/alpha-v2'))).json;
    expect(alpha.state).toBe('promoted');
    expect(alpha.end_time).toBe(T0 + 7 * DAY);
    expect(alpha.decisions.map((d: { action: string }) => d.action)).toEqual([
      ...Array(6).fill('continue'),
      'promote',
    ]);
    expect(alpha.decisions[0].reasons.join(' ')).toContain('running 1 of 7 days');
    expect(alpha.srm.mismatch).toBe(false);
    const errorGuard = alpha.guards.find((g: { key: string }) => g.key === 'error_rate');
    expect(errorGuard.status).toBe('ok');
    expect(errorGuard.p_value).toBeGreaterThan(0.05);
    expect(alpha.stats.candidate.predictions).toBeGreaterThan(500);
    expect(alpha.stats.baseline.predictions + alpha.stats.candidate.predictions).toBe(7 * PER_DAY);

    const beta = (await ok(request('GET', '/v1/canaries/beta-v2'))).json;
    expect(beta.state).toBe('rolled_back');
    expect(beta.decisions.map((d: { action: string }) => d.action)).toEqual([
      'continue',
      'rollback',
    ]);
    expect(beta.decisions[1].reasons[0]).toMatch(/^error_rate significantly worse/);
    // After the rollback, every unit goes to the baseline.
    const betaConfig = (await ok(request('GET', '/v1/experiments/beta-v2'))).json;
    expect(betaConfig.variants.map((v: { weight: number }) => v.weight)).toEqual([1, 0]);
    expect(beta.stats.candidate.predictions).toBeLessThan(0.1 * PER_DAY * 2.5);

    // The production alias moved for alpha only, by the canary worker.
    const prodAlpha = (await ok(request('GET', '/v1/models/alpha/aliases/production'))).json;
    const prodBeta = (await ok(request('GET', '/v1/models/beta/aliases/production'))).json;
    expect(prodAlpha.version).toBe(2);
    expect(prodBeta.version).toBe(1);
    const audit = await store.audit.query('shop', { range: ALL, actor: 'system:canary' });
    // The first look of each is audited, then only changes of state: six repeated continues of
    // alpha are in its decisions, not in the audit log.
    expect(audit.map((a) => [a.action, a.target])).toEqual([
      ['canary.continue', 'alpha-v2'],
      ['canary.continue', 'beta-v2'],
      ['canary.rollback', 'beta-v2'],
      ['alias.move', 'alpha@production'],
      ['canary.promote', 'alpha-v2'],
    ]);
    expect(audit.find((a) => a.action === 'canary.promote')?.details).toMatchObject({
      from: 'running',
      to: 'promoted',
      moved: { from: 1, to: 2 },
    });
    // Stopping an ended canary is refused; the list shows both.
    expect((await request('POST', '/v1/canaries/alpha-v2/stop', {})).status).toBe(409);
    const list = (await ok(request('GET', '/v1/canaries'))).json.canaries;
    expect(list.map((c: { name: string; state: string }) => `${c.name}:${c.state}`).sort()).toEqual(
      ['alpha-v2:promoted', 'beta-v2:rolled_back'],
    );
  });

  it('marks a passing canary `passed` without auto-promotion, and never overrides a person', async () => {
    clock = T0 + 20 * DAY;
    for (const model of ['delta', 'epsilon']) {
      await ok(request('POST', '/v1/models', { name: model, features: [] }), 201);
      for (const n of [1, 2, 3])
        await ok(
          request('POST', `/v1/models/${model}/versions`, { artifact_uri: `s3://${model}/${n}` }),
          201,
        );
      await ok(
        request('PUT', `/v1/models/${model}/aliases/production`, { version: 1, reason: 'launch' }),
      );
      await ok(
        request('POST', '/v1/canaries', {
          name: `${model}-v2`,
          model,
          variants: [
            { name: 'baseline', role: 'baseline' },
            { name: 'candidate', role: 'candidate', version: 2, weight: 0.1 },
          ],
          policy: {
            min_days: 1,
            min_sample: 50,
            auto_promote: model === 'epsilon',
            guards: [{ metric: 'error_rate' }],
          },
        }),
        201,
      );
      const config = (await ok(request('GET', `/v1/experiments/${model}-v2`))).json;
      const events = Array.from({ length: 1000 }, (_, i) => ({
        type: 'prediction',
        event_id: `${model}-${i}`,
        model,
        variant: assignVariant(`u${i}`, `${model}-v2`, config.variants),
        time: clock + i * 1000,
        features: {},
      }));
      await ok(request('POST', '/v1/ingest', { events }));
    }
    // A person moves epsilon's production alias while its canary runs.
    await ok(
      request('PUT', '/v1/models/epsilon/aliases/production', { version: 3, reason: 'hotfix' }),
    );
    clock += 2 * DAY;
    const results = (await server.canaries?.tick()) ?? [];
    const by = new Map(results.map((r) => [r.canary, r]));
    expect(by.get('delta-v2')).toMatchObject({ action: 'promote', state: 'passed' });
    expect(by.get('epsilon-v2')).toMatchObject({ action: 'pause', state: 'paused' });
    expect(by.get('epsilon-v2')?.reasons[0]).toMatch(
      /production points at version 3, not the baseline version 1/,
    );
    const prod = async (m: string) =>
      (await ok(request('GET', `/v1/models/${m}/aliases/production`))).json.version;
    expect(await prod('delta')).toBe(1);
    expect(await prod('epsilon')).toBe(3);
    // The passed canary is the evidence a person's promotion can be checked against.
    expect(await hasFinishedCanary(store, 'shop', 'delta', 2)).toBe(true);
    expect(await hasFinishedCanary(store, 'shop', 'epsilon', 2)).toBe(false);
    await ok(request('POST', '/v1/canaries/epsilon-v2/stop', {}));
  });

  it('pauses a canary without data, never promotes it, and stops it by hand', async () => {
    clock = T0 + 30 * DAY;
    await ok(
      request('POST', '/v1/canaries', {
        name: 'quiet',
        model: 'beta',
        variants: [
          { name: 'base', role: 'baseline' },
          { name: 'cand', role: 'candidate', version: 2 },
        ],
      }),
      201,
    );
    clock += 10 * DAY;
    const [look] = (await server.canaries?.tick()) ?? [];
    expect(look).toMatchObject({ canary: 'quiet', action: 'pause', state: 'paused' });
    expect(look.reasons[0]).toMatch(/^no data/);
    const stopped = await ok(request('POST', '/v1/canaries/quiet/stop', { reason: 'not needed' }));
    expect(stopped.json.state).toBe('stopped');
    expect(stopped.json.variants.map((v: { weight: number }) => v.weight)).toEqual([1, 0]);
    const audit = await store.audit.query('shop', { range: ALL, target: 'quiet' });
    expect(audit.map((a) => a.action)).toEqual(['canary.create', 'canary.pause', 'canary.stop']);
    expect((await ok(request('GET', '/v1/models/beta/aliases/production'))).json.version).toBe(1);
  });
});
