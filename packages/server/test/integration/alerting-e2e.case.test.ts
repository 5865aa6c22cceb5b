import { scheduleOffsetMs, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@vigil/engine';
import { type RunningServer, startServer } from '@vigil/server';
import type { SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  BACKENDS,
  type BackendName,
  openTestStore,
  requestServer,
  T0,
} from '../helpers/harness.js';
import { type HttpReceiver, startHttpReceiver } from '../helpers/receivers.js';

const HOUR = 3_600_000;
const DRIFT_HOUR = T0 + 5 * HOUR;
const SECRET = 'whsec-e2e-4f1c';
const PROJECT = 'e2e-project';

// x uniform over 0..96; drifted hours shift it by 60.
function events(prefix: string, start: number, shift: number) {
  return Array.from({ length: 300 }, (_, i) => ({
    type: 'prediction',
    event_id: `${prefix}-${i}`,
    model: 'm',
    time: start + i * 1000,
    features: { x: (i % 97) + shift },
    prediction: i % 2,
  }));
}

const openBackend = (name: BackendName, now: () => number) =>
  openTestStore(name, { now, prefix: 'e2e' });

describe.each(BACKENDS)('alerting end to end on %s', (backend) => {
  let clock = T0;
  const now = () => clock;
  let store: SqlStore;
  let cleanup: () => Promise<void> = async () => undefined;
  let server: RunningServer;
  let hook: HttpReceiver;
  let key = '';
  let silenceId = '';
  const offset = Math.max(
    scheduleOffsetMs(`${PROJECT}/drift`, HOUR),
    scheduleOffsetMs(`${PROJECT}/drift2`, HOUR),
  );
  // Slots at (h+1):00 + each monitor's offset evaluate the hour [h:00, (h+1):00).
  const slotAfter = (hourStart: number) => hourStart + HOUR + offset + 1;
  const byMonitor = <T extends { monitor: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => (a.monitor < b.monitor ? -1 : 1));

  // A string body is sent as it is (YAML documents); anything else as JSON.
  const call = (method: string, path: string, body?: unknown, type = 'application/json') =>
    requestServer(server.url, method, path, {
      key,
      ...(body === undefined ? {} : { headers: { 'content-type': type } }),
      ...(typeof body === 'string' ? { raw: body } : { body }),
    });
  const scheduler = () => {
    if (server.scheduler === null) throw new Error('the scheduler must be built');
    return server.scheduler;
  };
  const notifier = () => {
    if (server.notifier === null) throw new Error('the notifier must be built');
    return server.notifier;
  };

  beforeAll(async () => {
    hook = await startHttpReceiver({ '/hook': () => 200 });
    const opened = openBackend(backend, now);
    store = opened.store;
    cleanup = opened.cleanup;
    await store.migrate();
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      adminToken: ADMIN_TOKEN,
      scheduler: { now, loop: false },
      notifier: { now, loop: false },
    });
    const res = await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: PROJECT, name: 'E2E' }),
    });
    key = ((await res.json()) as { api_key: { key: string } }).api_key.key;
  });

  afterAll(async () => {
    await server?.close();
    await store?.close();
    await cleanup();
    await hook?.close();
  });

  it('sets up model, baseline, channel and monitors through the API', async () => {
    expect(
      (
        await call('POST', '/v1/models', {
          name: 'm',
          features: [{ name: 'x', kind: 'numerical' }],
        })
      ).status,
    ).toBe(201);
    expect((await call('POST', '/v1/ingest', { events: events('base', T0, 0) })).status).toBe(200);
    const baseline = await call('POST', '/v1/models/m/baselines', {
      from: T0,
      to: T0 + HOUR,
      name: 'hour-0',
    });
    expect(baseline.status).toBe(201);
    const channel = await call(
      'PUT',
      '/v1/channels',
      `apiVersion: vigil/v1
kind: Channel
metadata: { name: hook }
spec: { type: webhook, url: "${hook.url}/hook", secret: ${SECRET} }
`,
      'application/yaml',
    );
    expect(channel.status).toBe(200);
    expect(channel.json.created).toEqual(['hook']);
    expect(channel.json.channels[0].definition.spec.secret).toBe('<redacted>');
    const doc = (name: string) => `apiVersion: vigil/v1
kind: Monitor
metadata: { name: ${name} }
spec:
  type: data_drift
  model: m
  features: [x]
  method: ks
  window: { kind: hourly }
  cadence: 1h
  minSampleSize: 50
  alert: { severity: critical, renotifyEvery: 30m, channels: [hook] }
`;
    clock += 1; // audit rows at distinct instants keep their order
    const monitor = await call(
      'PUT',
      '/v1/monitors',
      `${doc('drift')}---\n${doc('drift2')}`,
      'application/yaml',
    );
    expect(monitor.status).toBe(200);
    expect(monitor.json.created).toEqual(['drift', 'drift2']);
    clock += 1;
    const s0 = await call('POST', '/v1/silences', {
      matchers: ['monitor="drift2"'],
      comment: 'drift2 is muted for the whole test',
      duration: '1d',
    });
    expect(s0.status).toBe(201);
    expect(s0.json.created_by).toMatch(/^key:/);
    for (const h of [0, 1, 2]) {
      const r = await call('POST', '/v1/ingest', {
        events: events(`drift${h}`, DRIFT_HOUR + h * HOUR, 60),
      });
      expect(r.status).toBe(200);
    }
  });

  it('fires on the drifted hour and the receiver gets the signed payload', async () => {
    clock = slotAfter(DRIFT_HOUR);
    const report = await scheduler().tick();
    expect(byMonitor(report.evaluated)).toMatchObject([
      { monitor: 'drift', status: 'BREACH', alert: 'FIRING' },
      { monitor: 'drift2', status: 'BREACH', alert: 'FIRING' },
    ]);
    const sent = await notifier().tick();
    expect(byMonitor(sent.deliveries)).toMatchObject([
      {
        monitor: 'drift',
        channel: 'hook',
        channelType: 'webhook',
        kind: 'firing',
        outcome: 'success',
        statusCode: 200,
      },
      { monitor: 'drift2', channel: 'hook', kind: 'firing', outcome: 'silenced' },
    ]);
    expect(hook.of('/hook')).toHaveLength(1);
    const [got] = hook.of('/hook');
    const signature = String(got.headers[WEBHOOK_SIGNATURE_HEADER]);
    expect(verifyWebhookSignature(got.body, signature, SECRET)).toBe(true);
    expect(verifyWebhookSignature(got.body, signature, 'wrong-secret')).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({
      status: 'FIRING',
      monitor: { id: 'drift', name: 'drift', type: 'data_drift' },
      severity: 'critical',
    });
  });

  it('a silence created through the API mutes the renotification', async () => {
    const created = await call('POST', '/v1/silences', {
      matchers: ['monitor="drift"', { name: 'severity', value: 'critical|warning', isRegex: true }],
      createdBy: 'alice',
      comment: 'known upstream change, fix in progress',
      duration: '90m',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      state: 'active',
      starts_at: clock,
      ends_at: clock + 90 * 60_000,
      created_by: 'alice',
    });
    silenceId = created.json.id;

    clock = slotAfter(DRIFT_HOUR + HOUR);
    const report = await scheduler().tick();
    expect(report.evaluated).toMatchObject([
      { status: 'BREACH', alert: 'FIRING' },
      { status: 'BREACH', alert: 'FIRING' },
    ]);
    const sent = await notifier().tick();
    expect(byMonitor(sent.deliveries)).toMatchObject([
      {
        monitor: 'drift',
        channel: 'hook',
        kind: 'renotify',
        outcome: 'silenced',
        statusCode: null,
        error: `silenced by ${silenceId}`,
      },
      { monitor: 'drift2', kind: 'renotify', outcome: 'silenced' },
    ]);
    expect(hook.of('/hook')).toHaveLength(1);
    const log = await call('GET', `/v1/deliveries?from=${T0}&to=${clock + 1}`);
    expect(
      log.json.deliveries
        .filter((d: { monitor: string }) => d.monitor === 'drift')
        .map((d: { kind: string; outcome: string }) => `${d.kind}:${d.outcome}`),
    ).toEqual(['firing:success', 'renotify:silenced']);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('vigil_notifications_total{channel="hook",outcome="silenced"} 3');
  });

  it('once the silence is expired through the API, the next renotification goes out', async () => {
    const expired = await call('DELETE', `/v1/silences/${silenceId}`);
    expect(expired.status).toBe(200);
    expect(expired.json).toMatchObject({ state: 'expired', ends_at: clock, expired_at: clock });
    const active = (await call('GET', '/v1/silences?state=active')).json.silences;
    expect(active.map((s: { comment: string }) => s.comment)).toEqual([
      'drift2 is muted for the whole test',
    ]);

    clock = slotAfter(DRIFT_HOUR + 2 * HOUR);
    expect((await scheduler().tick()).evaluated).toMatchObject([
      { alert: 'FIRING' },
      { alert: 'FIRING' },
    ]);
    const sent = await notifier().tick();
    expect(byMonitor(sent.deliveries)).toMatchObject([
      { monitor: 'drift', kind: 'renotify', outcome: 'success' },
      { monitor: 'drift2', kind: 'renotify', outcome: 'silenced' },
    ]);
    const bodies = hook.of('/hook');
    expect(bodies).toHaveLength(2);
    const signature = String(bodies[1].headers[WEBHOOK_SIGNATURE_HEADER]);
    expect(verifyWebhookSignature(bodies[1].body, signature, SECRET)).toBe(true);
  });

  it('resolved goes out under a silence only where "firing" did', async () => {
    const s = await call('POST', '/v1/silences', {
      matchers: ['monitor=~"drift.*"'],
      comment: 'maintenance',
    });
    expect(s.status).toBe(201);
    // A clean hour: both alerts resolve.
    const clean = await call('POST', '/v1/ingest', {
      events: events('clean', DRIFT_HOUR + 3 * HOUR, 0),
    });
    expect(clean.status).toBe(200);
    clock = slotAfter(DRIFT_HOUR + 3 * HOUR);
    expect((await scheduler().tick()).evaluated).toMatchObject([
      { status: 'OK', alert: 'RESOLVED' },
      { status: 'OK', alert: 'RESOLVED' },
    ]);
    const sent = await notifier().tick();
    expect(byMonitor(sent.deliveries)).toMatchObject([
      // drift's receiver was told "firing": it must hear the alert is over, silence or not.
      { monitor: 'drift', kind: 'resolved', outcome: 'success' },
      // drift2 was silenced for its whole episode: its resolution stays silent too.
      { monitor: 'drift2', kind: 'resolved', outcome: 'silenced' },
    ]);
    const bodies = hook.of('/hook');
    expect(bodies).toHaveLength(3);
    expect(JSON.parse(bodies[2].body)).toMatchObject({
      status: 'RESOLVED',
      monitor: { id: 'drift' },
    });
  });

  it('every change went to the audit log with the calling key', async () => {
    const audit = await store.audit.query(PROJECT, { range: { fromMs: 0, toMs: clock + 1 } });
    const actions = audit
      .filter((e) => ['channel', 'monitor', 'silence'].includes(e.targetKind))
      .map((e) => e.action);
    expect(actions).toEqual([
      'channel.create',
      'monitor.create',
      'monitor.create',
      'silence.create',
      'silence.create',
      'silence.expire',
      'silence.create',
    ]);
    expect(audit.every((e) => e.actor.startsWith('key:'))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });
});
