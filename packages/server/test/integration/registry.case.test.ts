// The registry and audit routes over real HTTP on both backends: versions, aliases moved through
// the promotion guard (refusals are 409 and change nothing; no force for production), the alias
// history, references, bad input as one clear 4xx line, and the audit log with its exports.
import { registerPromotionCheck } from '@vigil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/harness.js';

describe.each(BACKENDS)('registry and audit routes on %s', (backend) => {
  let h: Harness;
  const put = (alias: string, body: unknown, model = 'm') =>
    h.request('PUT', `/v1/models/${model}/aliases/${alias}`, { key: h.a.key, body });
  const get = (path: string) => h.request('GET', path, { key: h.a.key });

  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());

  it('creates numbered versions and reads them back', async () => {
    const r1 = await h.request('POST', '/v1/models/m/versions', {
      key: h.a.key,
      body: {
        artifact_uri: 's3://bucket/m/1',
        metrics: { auc: 0.9 },
        tags: { team: 'risk' },
        description: 'first',
      },
    });
    expect(r1.status).toBe(201);
    expect(r1.json).toMatchObject({
      model: 'm',
      version: 1,
      artifact_uri: 's3://bucket/m/1',
      baseline_id: null,
      metrics: { auc: 0.9 },
      tags: { team: 'risk' },
      description: 'first',
    });
    expect(r1.json.created_by).toMatch(/^key:/);
    for (const n of [2, 3]) {
      const r = await h.request('POST', '/v1/models/m/versions', {
        key: h.a.key,
        body: { artifact_uri: `s3://bucket/m/${n}` },
      });
      expect(r.json.version).toBe(n);
    }
    const list = await get('/v1/models/m/versions');
    expect(list.json.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    const one = await get('/v1/models/m/versions/1');
    expect(one.json).toEqual(r1.json);
  });

  it('answers bad version input with one clear 4xx line', async () => {
    const cases: Array<[string, string, unknown, number, RegExp]> = [
      ['POST', '/v1/models/nope/versions', { artifact_uri: 'x' }, 404, /no model nope/],
      ['POST', '/v1/models/m/versions', { artifact_uri: '' }, 400, /artifact_uri/],
      ['POST', '/v1/models/m/versions', {}, 400, /artifact_uri/],
      [
        'POST',
        '/v1/models/m/versions',
        { artifact_uri: 'x', metrics: { a: 'x' } },
        400,
        /metrics\.a/,
      ],
      [
        'POST',
        '/v1/models/m/versions',
        { artifact_uri: 'x', extra: 1 },
        400,
        /unknown key "extra"/,
      ],
      [
        'POST',
        '/v1/models/m/versions',
        { artifact_uri: 'x', baseline_id: 'no-such-baseline' },
        404,
        /no baseline no-such-baseline/,
      ],
      ['GET', '/v1/models/m/versions/99', undefined, 404, /no version 99 of model "m"/],
      ['GET', '/v1/models/m/versions/abc', undefined, 400, /version must be a positive integer/],
      ['GET', '/v1/models/m/versions/0', undefined, 400, /version must be a positive integer/],
      ['GET', '/v1/models/nope/versions/1', undefined, 404, /no model "nope"/],
      ['GET', '/v1/models/nope/versions', undefined, 404, /no model nope/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const r = await h.request(method, path, { key: h.a.key, body });
      expect(r.status, `${method} ${path}`).toBe(status);
      expect(r.json.error.message, `${method} ${path}`).toMatch(message);
      expect(r.json.error.message).not.toContain('\n');
    }
    expect((await get('/v1/models/m/versions')).json.versions).toHaveLength(3);
  });

  it('moves aliases with a reason and keeps the history', async () => {
    const r1 = await put('production', { version: 1, reason: 'launch' });
    expect(r1.status).toBe(200);
    expect(r1.json).toEqual({ model: 'm', alias: 'production', from: null, to: 1, overridden: [] });
    const r2 = await put('production', { version: 2, reason: 'retrained' });
    expect(r2.json).toMatchObject({ from: 1, to: 2 });
    await put('canary', { version: 3, reason: 'try 3' });
    const list = await get('/v1/models/m/aliases');
    expect(
      list.json.aliases.map((a: { alias: string; version: number }) => [a.alias, a.version]),
    ).toEqual([
      ['canary', 3],
      ['production', 2],
    ]);
    const one = await get('/v1/models/m/aliases/production');
    expect(one.json).toMatchObject({ alias: 'production', version: 2 });
    const hist = await get('/v1/models/m/alias-history');
    expect(
      hist.json.moves.map((m: { alias: string; from_version: number; to_version: number }) => [
        m.alias,
        m.from_version,
        m.to_version,
      ]),
    ).toEqual([
      ['production', null, 1],
      ['production', 1, 2],
      ['canary', null, 3],
    ]);
    expect(hist.json.moves[1].reason).toBe('retrained');
    const prod = await get('/v1/models/m/alias-history?alias=canary');
    expect(prod.json.moves).toHaveLength(1);
  });

  it('refuses bad alias moves and changes nothing', async () => {
    const before = (await get('/v1/models/m/alias-history')).json.moves;
    const cases: Array<[string, unknown, number, RegExp]> = [
      ['production', { version: 99, reason: 'x' }, 404, /no version 99 of model "m"/],
      ['production', { version: 1 }, 400, /reason/],
      ['production', { version: 1, reason: '  ' }, 400, /a reason is required/],
      ['production', { version: 'two', reason: 'x' }, 400, /version/],
      [
        'Prod',
        { version: 1, reason: 'x' },
        400,
        /alias "Prod" must start with a lower-case letter/,
      ],
      ['latest', { version: 1, reason: 'x' }, 400, /alias "latest" is reserved/],
      [
        'production',
        { version: 1, reason: 'x', force: true },
        400,
        /force is not allowed for "production"/,
      ],
    ];
    for (const [alias, body, status, message] of cases) {
      const r = await put(alias, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.json.error.message).toMatch(message);
    }
    const other = await put('production', { version: 1, reason: 'x' }, 'nope');
    expect(other.status).toBe(404);
    expect(other.json.error.message).toBe('no model "nope"');
    expect((await get('/v1/models/m/alias-history')).json.moves).toEqual(before);
    expect((await get('/v1/models/m/aliases/production')).json.version).toBe(2);
  });

  it('runs every promotion check: a refusal is a 409 with the reason, nothing changed', async () => {
    const seen: Array<{ alias: string; version: number; current: number | null }> = [];
    const off = registerPromotionCheck('test-no-v3', (ctx) => {
      seen.push({ alias: ctx.alias, version: ctx.version.version, current: ctx.current });
      return ctx.version.version === 3 ? 'version 3 has no finished canary' : null;
    });
    const off2 = registerPromotionCheck('test-throws', (ctx) => {
      if (ctx.alias === 'shadow') throw new Error('evidence store unreachable');
      return null;
    });
    try {
      const before = (await get('/v1/models/m/alias-history')).json.moves;
      const r = await put('production', { version: 3, reason: 'ship it' });
      expect(r.status).toBe(409);
      expect(r.json.error.message).toBe(
        'promotion of m@3 to production refused: version 3 has no finished canary',
      );
      expect(seen).toEqual([{ alias: 'production', version: 3, current: 2 }]);
      // A check that fails to run refuses (the guard fails closed).
      const thrown = await put('shadow', { version: 1, reason: 'x' });
      expect(thrown.status).toBe(409);
      expect(thrown.json.error.message).toMatch(/check failed to run: evidence store unreachable/);
      expect((await get('/v1/models/m/alias-history')).json.moves).toEqual(before);
      expect((await get('/v1/models/m/aliases/production')).json.version).toBe(2);

      // Another alias may be forced past the checks; the override is in the audit entry.
      const forced = await put('champion', { version: 3, reason: 'manual pick', force: true });
      expect(forced.status).toBe(200);
      expect(forced.json.overridden).toEqual([
        { check: 'test-no-v3', reason: 'version 3 has no finished canary' },
      ]);
      const audit = await get('/v1/audit?target=m@champion');
      expect(audit.json.entries[0].details).toMatchObject({
        forced: true,
        from: null,
        to: 3,
        reason: 'manual pick',
      });
      // A passing version moves.
      expect((await put('production', { version: 1, reason: 'rollback' })).status).toBe(200);
    } finally {
      off();
      off2();
    }
    expect((await put('production', { version: 3, reason: 'validated' })).status).toBe(200);
  });

  it('deletes an alias with a reason', async () => {
    const noReason = await h.request('DELETE', '/v1/models/m/aliases/champion', { key: h.a.key });
    expect(noReason.status).toBe(400);
    const r = await h.request('DELETE', '/v1/models/m/aliases/champion?reason=retired', {
      key: h.a.key,
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ from: 3 });
    const again = await h.request('DELETE', '/v1/models/m/aliases/champion?reason=retired', {
      key: h.a.key,
    });
    expect(again.status).toBe(404);
    expect((await get('/v1/models/m/aliases/champion')).status).toBe(404);
    const hist = (await get('/v1/models/m/alias-history?alias=champion')).json.moves;
    expect(hist.at(-1)).toMatchObject({ from_version: 3, to_version: null, reason: 'retired' });
  });

  it('resolves references', async () => {
    const r = await get('/v1/registry/resolve?ref=m@production');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ref: 'm@production', model: 'm', alias: 'production' });
    expect(r.json.version.version).toBe(3);
    expect((await get('/v1/registry/resolve?ref=m@canary')).json.version.version).toBe(3);
    expect((await get('/v1/registry/resolve?ref=m@1')).json.version.artifact_uri).toBe(
      's3://bucket/m/1',
    );
    expect((await get('/v1/registry/resolve?ref=m')).json.version.version).toBe(3);
    const missing = await get('/v1/registry/resolve?ref=m@nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe('nothing matches "m@nope"');
    const bad = await get(`/v1/registry/resolve?ref=${encodeURIComponent('m@Bad!')}`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/invalid reference "m@Bad!"/);
    expect((await get('/v1/registry/resolve')).status).toBe(400);
  });

  it('records model changes and registry changes in the audit log, exportable', async () => {
    await h.request('POST', '/v1/models', {
      key: h.a.key,
      body: { name: 'm', features: [{ name: 'x', kind: 'numerical' }] },
    });
    const all = await get('/v1/audit');
    expect(all.status).toBe(200);
    const actions = all.json.entries.map((e: { action: string }) => e.action);
    expect(actions[0]).toBe('model.create');
    expect(actions).toContain('model.update');
    expect(actions).toContain('model_version.create');
    expect(actions).toContain('alias.move');
    expect(actions).toContain('alias.delete');
    const times = all.json.entries.map((e: { time: number }) => e.time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const update = all.json.entries.find((e: { action: string }) => e.action === 'model.update');
    expect(update.details.from.features).toHaveLength(2);
    expect(update.details.to.features).toHaveLength(1);
    expect(update.actor).toMatch(/^key:/);

    const aliases = await get('/v1/audit?target_kind=alias&target=m@production');
    expect(aliases.json.entries.map((e: { details: { to: number } }) => e.details.to)).toEqual([
      1, 2, 1, 3,
    ]);
    const byActor = await get(`/v1/audit?actor=${encodeURIComponent(update.actor)}`);
    expect(byActor.json.entries.length).toBe(all.json.entries.length);
    expect((await get('/v1/audit?actor=nobody')).json.entries).toEqual([]);
    // A window in the past holds nothing.
    expect((await get('/v1/audit?from=0&to=1000')).json.entries).toEqual([]);

    const jsonl = await get('/v1/audit?format=jsonl');
    expect(jsonl.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = jsonl.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(all.json.entries);

    const csv = await get('/v1/audit?format=csv&target_kind=alias');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe('id,time,time_iso,actor,action,target_kind,target,details');
    const aliasEntries = (await get('/v1/audit?target_kind=alias')).json.entries;
    expect(aliasEntries).toHaveLength(7);
    expect(rows).toHaveLength(1 + aliasEntries.length);
    expect(rows[1]).toContain(',alias.move,alias,m@production,"{""model"":""m""');

    for (const [q, message] of [
      ['format=xml', /format/],
      ['from=5&to=5', /"from" must be before "to"/],
      ['target_kind=Alias', /target_kind/],
      ['limit=0', /limit/],
      ['bogus=1', /unknown key "bogus"/],
    ] as const) {
      const r = await get(`/v1/audit?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error.message).toMatch(message);
    }
  });
});
