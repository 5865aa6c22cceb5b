// `vigil registry` and `vigil audit` against a real server (in-process, SQLite in a temp dir):
// create versions, promote through the guard, list aliases and history, resolve references,
// export the audit log; bad input and refusals are one line on stderr with exit code 2.
import { join } from 'node:path';
import { registerPromotionCheck, startServer } from '@vigil/server';
import { openSqliteStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const ADMIN = 'admin-token-for-registry-tests';
const dir = new TempDir();

describe('vigil registry and vigil audit', () => {
  const store = openSqliteStore(join(dir.path, 'vigil.db'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let env: Record<string, string> = {};
  const vigil = (...args: string[]) => runCli(args, { env });
  const expectOneLineError = (
    run: { code: number; stdout: string; stderr: string },
    re: RegExp,
  ) => {
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(re);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  };

  beforeAll(async () => {
    await store.migrate();
    server = await startServer({ store, port: 0, host: '127.0.0.1', adminToken: ADMIN });
    const res = await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'p1', name: 'P1' }),
    });
    const key = ((await res.json()) as { api_key: { key: string } }).api_key.key;
    env = { VIGIL_ENDPOINT: server.url, VIGIL_API_KEY: key };
    const m = await fetch(`${server.url}/v1/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'churn' }),
    });
    expect(m.status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await store.close();
    dir.remove();
  });

  it('creates versions with metrics and tags and lists them', async () => {
    const c1 = await vigil(
      'registry',
      'create-version',
      'churn',
      '--artifact',
      's3://models/churn/1',
      '--metric',
      'auc=0.91',
      '--metric',
      'f1=0.5',
      '--tag',
      'team=risk',
    );
    expect(c1.stderr).toBe('');
    expect(c1.code).toBe(0);
    expect(c1.stdout).toBe('vigil: created churn version 1 (s3://models/churn/1)\n');
    const c2 = await vigil(
      'registry',
      'create-version',
      'churn',
      '--artifact',
      's3://models/churn/2',
      '--json',
    );
    expect(JSON.parse(c2.stdout)).toMatchObject({ version: 2, metrics: {}, baseline_id: null });
    const v1 = await store.registry.getVersion('p1', 'churn', 1);
    expect(v1?.metrics).toEqual({ auc: 0.91, f1: 0.5 });
    expect(v1?.tags).toEqual({ team: 'risk' });

    const list = await vigil('registry', 'versions', 'churn');
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VERSION\s+CREATED\s+BY\s+ARTIFACT\s+METRICS$/);
    expect(lines[1]).toMatch(/^2\s.*s3:\/\/models\/churn\/2$/);
    expect(lines[2]).toMatch(/^1\s.*s3:\/\/models\/churn\/1\s+auc=0\.91 f1=0\.5$/);
  });

  it('promotes, lists aliases, shows history and resolves', async () => {
    const p1 = await vigil('registry', 'promote', 'churn', '1', '--reason', 'launch');
    expect(p1.stderr).toBe('');
    expect(p1.stdout).toBe('vigil: churn@production: - -> 1\n');
    const p2 = await vigil('registry', 'promote', 'churn', '2', '--reason', 'retrained');
    expect(p2.stdout).toBe('vigil: churn@production: 1 -> 2\n');
    const c = await vigil(
      'registry',
      'promote',
      'churn',
      '1',
      '--alias',
      'canary',
      '--reason',
      'try',
    );
    expect(c.code).toBe(0);

    const aliases = await vigil('registry', 'alias', 'churn');
    const rows = aliases.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ALIAS\s+VERSION\s+UPDATED\s+BY$/);
    expect(rows[1]).toMatch(/^canary\s+1\s/);
    expect(rows[2]).toMatch(/^production\s+2\s/);

    const hist = await vigil('registry', 'history', 'churn', '--alias', 'production');
    const h = hist.stdout.trimEnd().split('\n');
    expect(h).toHaveLength(3);
    expect(h[1]).toMatch(/production\s+-\s+1\s+key:\S+\s+launch$/);
    expect(h[2]).toMatch(/production\s+1\s+2\s+key:\S+\s+retrained$/);
    const all = await vigil('registry', 'history', 'churn', '--json');
    expect(JSON.parse(all.stdout).moves).toHaveLength(3);

    expect((await vigil('registry', 'resolve', 'churn@production')).stdout).toBe(
      'churn@production\t2\ts3://models/churn/2\n',
    );
    expect((await vigil('registry', 'resolve', 'churn@canary')).stdout).toBe(
      'churn@canary\t1\ts3://models/churn/1\n',
    );
    expect((await vigil('registry', 'resolve', 'churn')).stdout).toMatch(/^churn\t2\t/);
  });

  it('reports bad input and refusals as one line, exit 2, changing nothing', async () => {
    const before = await store.registry.aliasHistory('p1', 'churn');
    expectOneLineError(
      await vigil('registry', 'promote', 'churn', '9', '--reason', 'x'),
      /^vigil: PUT \/v1\/models\/churn\/aliases\/production: HTTP 404: no version 9 of model "churn"\n$/,
    );
    expectOneLineError(
      await vigil('registry', 'promote', 'churn', '1', '--alias', 'Prod!', '--reason', 'x'),
      /HTTP 400: .*alias "Prod!" must start with a lower-case letter/,
    );
    expectOneLineError(
      await vigil('registry', 'promote', 'churn', 'two', '--reason', 'x'),
      /^vigil: VERSION must be a positive integer, got 'two'\n$/,
    );
    expectOneLineError(
      await vigil('registry', 'promote', 'churn', '1'),
      /required option '--reason <text>' not specified \(see vigil registry --help\)/,
    );
    expectOneLineError(
      await vigil('registry', 'promote', 'churn', '1', '--reason', 'x', '--force'),
      /HTTP 400: force is not allowed for "production"/,
    );
    expectOneLineError(
      await vigil('registry', 'create-version', 'nope', '--artifact', 'x'),
      /HTTP 404: no model nope/,
    );
    expectOneLineError(
      await vigil('registry', 'create-version', 'churn', '--artifact', 'x', '--metric', 'auc=high'),
      /--metric auc: 'high' is not a finite number/,
    );
    expectOneLineError(
      await vigil('registry', 'create-version', 'churn', '--artifact', 'x', '--tag', 'novalue'),
      /--tag: expected key=value, got 'novalue'/,
    );
    expectOneLineError(
      await vigil('registry', 'resolve', 'churn@nope'),
      /HTTP 404: nothing matches "churn@nope"/,
    );
    expectOneLineError(
      await vigil('registry', 'resolve', 'churn@'),
      /HTTP 400: .*invalid reference/,
    );
    expectOneLineError(await vigil('registry', 'versions', 'nope'), /HTTP 404: no model nope/);
    expectOneLineError(await vigil('registry', 'frobnicate'), /unknown command 'frobnicate'/);
    expectOneLineError(
      await runCli(['registry', 'versions', 'churn'], { env: { VIGIL_ENDPOINT: server.url } }),
      /--api-key or VIGIL_API_KEY is required/,
    );

    // A promotion check refuses: 409 with the reason.
    const off = registerPromotionCheck('cli-test', (ctx) =>
      ctx.version.version === 1 && ctx.alias === 'production' ? 'open P1 incident on churn' : null,
    );
    try {
      expectOneLineError(
        await vigil('registry', 'promote', 'churn', '1', '--reason', 'rollback'),
        /HTTP 409: promotion of churn@1 to production refused: open P1 incident on churn/,
      );
    } finally {
      off();
    }
    expect(await store.registry.aliasHistory('p1', 'churn')).toEqual(before);
    expect((await store.registry.listVersions('p1', 'churn')).map((v) => v.version)).toEqual([
      2, 1,
    ]);
  });

  it('shows and exports the audit log', async () => {
    const table = await vigil('audit');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+ACTOR\s+ACTION\s+TARGET\s+DETAILS$/);
    // model.create, 2 versions, 3 alias moves.
    expect(lines).toHaveLength(1 + 6);
    expect(lines[1]).toMatch(/model\.create\s+model:churn/);

    const csv = await vigil('audit', '--since', '1h', '--format', 'csv', '--target-kind', 'alias');
    const rows = csv.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('id,time,time_iso,actor,action,target_kind,target,details');
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).every((r) => r.includes(',alias.move,alias,churn@'))).toBe(true);

    const jsonl = await vigil('audit', '--format', 'jsonl', '--target', 'churn@canary');
    expect(
      jsonl.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).details.to),
    ).toEqual([1]);
    const json = await vigil('audit', '--format', 'json', '--target-kind', 'model_version');
    expect(JSON.parse(json.stdout).entries.map((e: { target: string }) => e.target)).toEqual([
      'churn@1',
      'churn@2',
    ]);
    // A window that ended before anything happened.
    const old = await vigil(
      'audit',
      '--since',
      '2001-01-01',
      '--until',
      '2001-02-01',
      '--format',
      'csv',
    );
    expect(old.stdout).toBe('id,time,time_iso,actor,action,target_kind,target,details\r\n');

    expectOneLineError(
      await vigil('audit', '--since', 'yesterday'),
      /--since: 'yesterday' is not a duration/,
    );
    expectOneLineError(
      await vigil('audit', '--format', 'xml'),
      /--format must be one of table, json, jsonl, csv/,
    );
    expectOneLineError(
      await vigil('audit', '--since', '1h', '--until', '2h'),
      /--since must be before --until/,
    );
    expectOneLineError(await vigil('audit', '--target-kind', 'Alias'), /HTTP 400: .*target_kind/);
  });
});
