// `vigil baseline create` against a real server (in-process, SQLite in a temp dir): the file's
// January rows become the model's baseline with histogram edges, so numeric PSI evaluates on the
// windows ingested afterwards: a shifted day breaches, an unshifted one does not.
import { join } from 'node:path';
import { startServer } from '@vigil/server';
import { openSqliteStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const DAY = 86_400_000;
const JAN = Date.UTC(2001, 0, 1);
const FEB = Date.UTC(2001, 1, 1);
const ADMIN = 'admin-token-for-baseline-tests';
const dir = new TempDir();

// January: x cycles over 0..99 and c over five values; later rows (outside --range) are far off,
// so a baseline that ignored the range would not match January.
function csv(): string {
  const lines = ['time,x,c'];
  for (let i = 0; i < 2000; i++) {
    const t = new Date(JAN + i * 60_000).toISOString();
    lines.push(`${t},${i % 100},k${i % 5}`);
  }
  for (let i = 0; i < 200; i++) {
    const t = new Date(FEB + 40 * DAY + i * 60_000).toISOString();
    lines.push(`${t},${1000 + i},z`);
  }
  return `${lines.join('\n')}\n`;
}

function events(prefix: string, day: number, shift: number) {
  return Array.from({ length: 500 }, (_, i) => ({
    type: 'prediction',
    event_id: `${prefix}-${i}`,
    model: 'm',
    time: day + i * 60_000,
    features: { x: (i % 100) + shift, c: `k${i % 5}` },
  }));
}

const monitor = JSON.stringify({
  apiVersion: 'vigil/v1',
  kind: 'Monitor',
  metadata: { name: 'x-psi' },
  spec: {
    type: 'data_drift',
    model: 'm',
    features: ['x', 'c'],
    method: 'psi',
    threshold: 0.2,
    window: { kind: 'daily' },
    cadence: '1d',
    minSampleSize: 100,
  },
});

describe('vigil baseline create', () => {
  const store = openSqliteStore(join(dir.path, 'vigil.db'));
  let clock = FEB;
  let server: Awaited<ReturnType<typeof startServer>>;
  let key = '';
  const file = dir.write('train.csv', csv());
  const call = async (method: string, path: string, body?: unknown, token = key) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    await store.migrate();
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      adminToken: ADMIN,
      scheduler: { now: () => clock, loop: false },
    });
    const made = await call('POST', '/v1/projects', { id: 'p1', name: 'P1' }, ADMIN);
    expect(made.status).toBe(201);
    key = (made.body.api_key as { key: string }).key;
  });
  afterAll(async () => {
    await server?.close();
    await store.close();
    dir.remove();
  });

  it('uploads the January profiles, creating the model from the file', async () => {
    const run = await runCli(
      [
        'baseline',
        'create',
        '--model',
        'm',
        '--file',
        file,
        '--time-column',
        'time',
        '--range',
        '2001-01-01..2001-02-01',
        '--name',
        'january',
      ],
      { env: { VIGIL_ENDPOINT: server.url, VIGIL_API_KEY: key } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/created model m/);
    expect(run.stdout).toMatch(/baseline january .* 2000 rows, x \(numerical\), c \(categorical\)/);
    const model = await call('GET', '/v1/models/m');
    expect((model.body.spec as { features: unknown }).features).toEqual([
      { name: 'x', kind: 'numerical' },
      { name: 'c', kind: 'categorical' },
    ]);
    const cols = await store.getBaselineProfiles('p1', String(model.body.active_baseline_id));
    const x = cols.find((c) => c.name === 'x')?.profile;
    expect(x?.kind).toBe('numeric');
    // Edges from January only: 0..99, not the later 1000+ rows.
    const edges = x?.kind === 'numeric' ? x.histogram?.edges : undefined;
    expect(edges?.[0]).toBe(0);
    expect(edges?.[(edges?.length ?? 1) - 1]).toBe(99);
  });

  it('lets numeric PSI evaluate later windows: a shifted day breaches, a like one does not', async () => {
    expect((await call('PUT', '/v1/monitors', monitor)).status).toBe(200);
    for (const [prefix, day, shift] of [
      ['shifted', FEB, 50],
      ['like', FEB + DAY, 0],
    ] as const) {
      const r = await call('POST', '/v1/ingest', { events: events(prefix, day, shift) });
      expect(r.status).toBe(200);
    }
    const scheduler = server.scheduler;
    if (scheduler === null) throw new Error('no scheduler');
    clock = FEB + 2 * DAY - 1;
    const shifted = (await scheduler.tick()).evaluated;
    clock = FEB + 3 * DAY - 1;
    const like = (await scheduler.tick()).evaluated;
    expect(shifted.map((e) => e.status)).toEqual(['BREACH']);
    expect(shifted[0].value).toBeGreaterThan(1);
    expect(like.map((e) => e.status)).toEqual(['OK']);
    expect(like[0].value).toBeLessThan(0.05);
    const points = await store.queryEvaluations('p1', {
      monitor: 'x-psi',
      series: 'x',
      range: { fromMs: FEB, toMs: FEB + 4 * DAY },
    });
    expect(points.map((p) => p.status)).toEqual(['triggered', 'ok']);
  });

  it.each([
    { name: 'no API key', args: [] as string[], env: {}, stderr: /--api-key or VIGIL_API_KEY/ },
    {
      name: 'a wrong API key',
      args: ['--api-key', 'vgl_nope'],
      env: {},
      stderr: /HTTP 401/,
    },
    {
      name: 'a baseline name taken',
      args: ['--name', 'january'],
      env: { KEY: '1' },
      stderr: /HTTP 409/,
    },
    {
      name: '--range without --time-column',
      args: ['--range', '2001-01-01..2001-02-01'],
      env: { KEY: '1' },
      stderr: /--range needs --time-column/,
    },
  ])('fails with one line on $name', async ({ args, env, stderr }) => {
    const run = await runCli(
      ['baseline', 'create', '--model', 'm', '--file', file, '--endpoint', server.url, ...args],
      { env: 'KEY' in env ? { VIGIL_API_KEY: key } : {} },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr.split('\n').length).toBe(2);
  });

  it('rejects a profile that does not decode (400, the column named)', async () => {
    const r = await call('POST', '/v1/models/m/baselines/profiles', {
      name: 'bad',
      source: { kind: 'file', path: 'x.csv' },
      row_count: 1,
      columns: [{ name: 'x', profile: 'bm90IGEgcHJvZmlsZQ==' }],
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/columns\[0\]\.profile/);
  });
});
