// `vigil incident` against a real server (in-process, SQLite in a temp dir): list, show, ack,
// rollback, resolve, reopen and the postmortem (print, write, replace); bad input is one line on
// stderr with exit code 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '@vigil/server';
import { openSqliteStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const ADMIN = 'admin-token-for-incident-tests';
const dir = new TempDir();

describe('vigil incident', () => {
  const store = openSqliteStore(join(dir.path, 'vigil.db'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let env: Record<string, string> = {};
  let id = '';
  const vigil = (...args: string[]) => runCli(['incident', ...args], { env });

  beforeAll(async () => {
    await store.migrate();
    server = await startServer({ store, port: 0, host: '127.0.0.1', adminToken: ADMIN });
    const made = await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'p', name: 'P' }),
    });
    const key = ((await made.json()) as { api_key: { key: string } }).api_key.key;
    env = { VIGIL_ENDPOINT: server.url, VIGIL_API_KEY: key };
    await store.upsertModel('p', { name: 'churn', task: 'classification', features: [] });
    await store.registry.createVersion('p', 'churn', { artifactUri: 's3://c/1', createdBy: 'ci' });
    await store.registry.createVersion('p', 'churn', { artifactUri: 's3://c/2', createdBy: 'ci' });
    await store.registry.setAlias('p', 'churn', 'production', 2, { actor: 'ci', reason: 'ship' });
    const inc = await store.incidents.open(
      'p',
      {
        model: 'churn',
        failureMode: 'data',
        title: 'data incident on churn: age drifted',
        severity: 'P2',
        severityReason: 'drift with performance 8.0 % below baseline',
        alert: { fingerprint: 'fp', monitor: 'age-drift', startedMs: Date.now() - 60_000 },
      },
      'system:incidents',
    );
    id = inc.id;
  });
  afterAll(async () => {
    await server?.close();
    await store.close();
    dir.remove();
  });

  it('lists and shows', async () => {
    const list = await vigil('list', '--open');
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toContain(`${id}  P2  triggered`);
    const json = await vigil('list', '--json', '--severity', 'P1');
    expect(JSON.parse(json.stdout).incidents).toEqual([]);
    const show = await vigil('show', id);
    expect(show.stdout).toContain('severity    P2 (drift with performance 8.0 % below baseline)');
    expect(show.stdout).toContain('system:incidents: opened as P2');
  });

  it('acknowledges, rolls back, resolves and reopens', async () => {
    expect((await vigil('ack', id, '--by', 'alice')).stdout).toBe(
      `vigil: incident ${id} is acknowledged\n`,
    );
    const rb = await vigil('rollback', id, '--to-version', '1', '--reason', 'bad deploy');
    expect(rb.stdout).toMatch(/^vigil: rolled churn@production back from version 2 to 1 \(action /);
    expect((await store.registry.getAlias('p', 'churn', 'production'))?.version).toBe(1);
    expect((await vigil('resolve', id, '--note', 'fixed')).stdout).toBe(
      `vigil: incident ${id} is resolved\n`,
    );
    expect((await vigil('reopen', id)).stdout).toBe(`vigil: incident ${id} is triggered\n`);
  });

  it('prints, writes and replaces the postmortem', async () => {
    const pm = await vigil('postmortem', id);
    expect(pm.stdout).toMatch(/^# Postmortem: data incident on churn/);
    expect(pm.stdout).toContain('alias_rollback of `churn@production` from 2 to 1');
    const out = dir.file('pm.md');
    await vigil('postmortem', id, '--out', out);
    expect(readFileSync(out, 'utf8')).toBe(pm.stdout);
    const edited = dir.write('edited.md', '# Root cause: a renamed upstream column\n');
    expect((await vigil('postmortem', id, '--set', edited, '--by', 'alice')).code).toBe(0);
    expect((await vigil('postmortem', id)).stdout).toBe(
      '# Root cause: a renamed upstream column\n',
    );
  });

  it.each([
    {
      name: 'an unknown incident',
      args: ['show', 'nope'],
      message: /HTTP 404: no incident "nope"/,
    },
    { name: 'reopening an unknown incident', args: ['reopen', 'x'], message: /HTTP 404/ },
    {
      name: 'a bad version',
      args: ['rollback', 'x', '--to-version', 'two'],
      message: /--to-version must be a positive integer/,
    },
    {
      name: 'a missing file',
      args: ['postmortem', 'x', '--set', '/nonexistent/pm.md'],
      message: /\/nonexistent\/pm.md: ENOENT/,
    },
    { name: 'an unknown subcommand', args: ['close', 'x'], message: /unknown command/ },
  ])('refuses $name with one line and exit 2', async ({ args, message }) => {
    const r = await vigil(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to acknowledge twice and needs a key', async () => {
    await vigil('ack', id);
    const twice = await vigil('ack', id);
    expect([twice.code, twice.stderr]).toEqual([
      2,
      `vigil: POST /v1/incidents/${id}/acknowledge: HTTP 409: the incident is already acknowledged\n`,
    ]);
    const noKey = await runCli(['incident', 'list'], { env: { VIGIL_ENDPOINT: server.url } });
    expect([noKey.code, noKey.stderr]).toEqual([
      2,
      'vigil: --api-key or VIGIL_API_KEY is required\n',
    ]);
  });
});
