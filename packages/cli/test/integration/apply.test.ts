// `vigil apply -f` against a real started server (SQLite in a temp dir): multi-document files of
// monitors, channels and silences are validated locally first (file, line and field named, exit
// 2, nothing applied), then applied through the API: created, then unchanged, then configured;
// --dry-run writes nothing; channel secrets are never echoed; every change is in the audit log.
import { join } from 'node:path';
import { type RunningServer, startServer } from '@vigil/server';
import { openSqliteStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const ADMIN = 'admin-token-for-apply-tests';
const dir = new TempDir();

const MONITORS = `apiVersion: vigil/v1
kind: Monitor
metadata: { name: fraud-psi }
spec:
  type: data_drift
  model: fraud
  threshold: 0.2
  alert: { severity: critical, channels: [hook] }
---
apiVersion: vigil/v1
kind: Monitor
metadata: { name: fraud-latency }
spec:
  type: infrastructure
  model: fraud
  signal: latency_p95
  condition: { above: 250 }
`;

const CHANNELS = `# where alerts go
apiVersion: vigil/v1
kind: Channel
metadata: { name: hook }
spec:
  type: webhook
  url: http://127.0.0.1:9/hook
  secret: hmac-very-secret
---
apiVersion: vigil/v1
kind: Silence
spec:
  matchers: ['monitor="fraud-latency"']
  comment: noisy during the migration
  duration: 4h
`;

// Three mistakes in two files: an unknown key (line 6), a bad channel type (line 5), a bad
// silence matcher (line 12). Nothing may be applied.
const BAD_MONITOR = `apiVersion: vigil/v1
kind: Monitor
metadata: { name: never-applied }
spec:
  type: data_drift
  modle: fraud
`;
const BAD_CHANNEL = `apiVersion: vigil/v1
kind: Channel
metadata: { name: never-channel }
spec:
  type: fax
  url: http://127.0.0.1:9/x
---
apiVersion: vigil/v1
kind: Silence
spec:
  matchers:
    - 'monitor=~"("'
  comment: broken
`;

describe('vigil apply', () => {
  const store = openSqliteStore(join(dir.path, 'vigil.db'));
  let server: RunningServer;
  let key = '';
  let env: Record<string, string> = {};
  const apply = (...args: string[]) => runCli(['apply', ...args], { env });

  beforeAll(async () => {
    await store.migrate();
    server = await startServer({ store, port: 0, host: '127.0.0.1', adminToken: ADMIN });
    const res = await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'p1', name: 'P1' }),
    });
    key = ((await res.json()) as { api_key: { key: string } }).api_key.key;
    env = { VIGIL_URL: server.url, VIGIL_API_KEY: key };
    dir.write('monitors.yaml', MONITORS);
    dir.write('channels.yaml', CHANNELS);
    dir.write('bad-monitor.yaml', BAD_MONITOR);
    dir.write('bad-channel.yaml', BAD_CHANNEL);
  });
  afterAll(async () => {
    await server?.close();
    await store.close();
    dir.remove();
  });

  const get = async (path: string) =>
    (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } })).json();

  it('reports every problem with file, line and field, exits 2 and applies nothing', async () => {
    const run = await apply('-f', dir.file('bad-monitor.yaml'), '-f', dir.file('bad-channel.yaml'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toContain(`${dir.file('bad-monitor.yaml')}:6:3: spec.modle: unknown key "modle"`);
    expect(lines.some((l) => l.startsWith(`${dir.file('bad-channel.yaml')}:5:9: spec.type:`))).toBe(
      true,
    );
    expect(
      lines.some((l) =>
        l.startsWith(
          `${dir.file('bad-channel.yaml')}:12:7: spec.matchers[0]: invalid regular expression "(": Unterminated group`,
        ),
      ),
    ).toBe(true);
    expect(lines.at(-1)).toMatch(/^vigil: \d+ problems in 2 files; nothing applied$/);
    expect(((await get('/v1/monitors')) as { monitors: unknown[] }).monitors).toEqual([]);
    expect(((await get('/v1/channels')) as { channels: unknown[] }).channels).toEqual([]);
  });

  it('refuses a monitor of an unknown model before writing anything', async () => {
    const run = await apply('-f', dir.file('channels.yaml'), '-f', dir.file('monitors.yaml'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${dir.file('monitors.yaml')}:1: spec.model: no model "fraud" in this project`,
    );
    expect(((await get('/v1/channels')) as { channels: unknown[] }).channels).toEqual([]);
  });

  it('--dry-run shows what would be created and writes nothing', async () => {
    await fetch(`${server.url}/v1/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'fraud', features: [{ name: 'amount', kind: 'numerical' }] }),
    });
    const run = await apply(
      '-f',
      dir.file('monitors.yaml'),
      '-f',
      dir.file('channels.yaml'),
      '--dry-run',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'channel/hook created (dry run)',
      'monitor/fraud-psi created (dry run)',
      'monitor/fraud-latency created (dry run)',
      'silence/(new) created (dry run)',
    ]);
    expect(((await get('/v1/monitors')) as { monitors: unknown[] }).monitors).toEqual([]);
    expect(((await get('/v1/silences')) as { silences: unknown[] }).silences).toEqual([]);
  });

  it('applies: created, then unchanged on a second run', async () => {
    const first = await apply('-f', dir.file('monitors.yaml'), '-f', dir.file('channels.yaml'));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.split('\n').filter(Boolean);
    expect(lines.slice(0, 3)).toEqual([
      'channel/hook created',
      'monitor/fraud-psi created',
      'monitor/fraud-latency created',
    ]);
    expect(lines[3]).toMatch(/^silence\/[0-9a-f-]{36} created$/);
    const silenceId = lines[3].split(' ')[0].slice('silence/'.length);

    const again = await apply('-f', dir.file('monitors.yaml'), '-f', dir.file('channels.yaml'));
    expect(again.stdout.split('\n').filter(Boolean)).toEqual([
      'channel/hook unchanged',
      'monitor/fraud-psi unchanged',
      'monitor/fraud-latency unchanged',
      `silence/${silenceId} unchanged`,
    ]);
    const channel = (await get('/v1/channels/hook')) as {
      definition: { spec: Record<string, unknown> };
      redacted: string[];
    };
    expect(channel.definition.spec.secret).toBe('<redacted>');
    expect(channel.redacted).toEqual(['spec.secret']);
    expect(JSON.stringify(await get('/v1/channels'))).not.toContain('hmac-very-secret');
    const silence = (await get(`/v1/silences/${silenceId}`)) as Record<string, unknown>;
    expect(silence).toMatchObject({
      state: 'active',
      comment: 'noisy during the migration',
      matchers: [{ name: 'monitor', value: 'fraud-latency', isRegex: false, isEqual: true }],
    });
    expect(Number(silence.ends_at) - Number(silence.starts_at)).toBe(4 * 3_600_000);
  });

  it('a changed document is configured; the audit log names the key', async () => {
    dir.write('monitors.yaml', MONITORS.replace('above: 250', 'above: 300'));
    const run = await apply('-f', dir.file('monitors.yaml'));
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'monitor/fraud-psi unchanged',
      'monitor/fraud-latency configured',
    ]);
    const m = (await get('/v1/monitors/fraud-latency')) as {
      definition: { spec: { condition: { above: number } } };
    };
    expect(m.definition.spec.condition.above).toBe(300);
    const audit = await store.audit.query('p1', { range: { fromMs: 0, toMs: Date.now() + 1000 } });
    expect(
      audit
        .map((e) => `${e.action} ${e.target}`)
        .filter((a) => a.startsWith('monitor') || a.startsWith('channel'))
        // Rows written in the same millisecond have no order between them.
        .sort(),
    ).toEqual([
      'channel.create hook',
      'monitor.create fraud-latency',
      'monitor.create fraud-psi',
      'monitor.update fraud-latency',
    ]);
    expect(audit.every((e) => e.actor.startsWith('key:'))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('hmac-very-secret');
  });

  it('needs a key', async () => {
    const run = await runCli(['apply', '-f', dir.file('monitors.yaml')], {
      env: { VIGIL_URL: server.url },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('vigil: --api-key or VIGIL_API_KEY is required\n');
  });
});
