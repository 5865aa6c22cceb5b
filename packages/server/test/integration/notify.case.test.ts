import { existsSync } from 'node:fs';
import {
  type ChannelDefinition,
  type ChannelDefinitionInput,
  channelDefinitionSchema,
  modelSpecSchema,
  parseMonitorFile,
} from '@vigil/contracts';
import {
  type AlertNotification,
  alertmanagerAlerts,
  emailMessage,
  pagerDutyEvent,
  slackPayload,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  webhookPayload,
} from '@vigil/engine';
import {
  NOTIFY_JOB_KIND,
  type NotifyJobPayload,
  notificationMessage,
  type RunningServer,
  startServer,
} from '@vigil/server';
import type { SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, BACKENDS, type BackendName, openTestStore } from '../helpers/harness.js';
import {
  ALERTMANAGER,
  type AlertmanagerProcess,
  type HttpReceiver,
  type SmtpReceiver,
  startAlertmanager,
  startHttpReceiver,
  startSmtpReceiver,
} from '../helpers/receivers.js';

const SECRET = 'whsec-test-0123';
const HANG_TIMEOUT_MS = 2000;
// Alertmanager drops alerts whose endsAt is past, so the test clock starts at the real time.
const START = Math.floor(Date.now() / 1000) * 1000;
// random() = 0.5 and base 1 s: waits of 750 ms after attempt 1, 1500 ms after attempt 2.
const RETRY = { baseMs: 1000, maxMs: 8000 };

const MONITOR = parseMonitorFile(`apiVersion: vigil/v1
kind: Monitor
metadata: { name: fraud-psi, description: PSI on the fraud model }
spec:
  type: data_drift
  model: m
  threshold: 0.2
  alert: { severity: critical, channels: [hook, chat, pd, am, mail, flaky, dead, nope] }
`);

function channel(name: string, spec: ChannelDefinitionInput['spec']): ChannelDefinition {
  return channelDefinitionSchema.parse({
    apiVersion: 'vigil/v1',
    kind: 'Channel',
    metadata: { name },
    spec,
  });
}

const openBackend = (name: BackendName, now: () => number) =>
  openTestStore(name, { now, prefix: 'notify' });

describe.each(BACKENDS)('notifications on %s', (backend) => {
  let clock = START;
  const now = () => clock;
  let store: SqlStore;
  let cleanup: () => Promise<void> = async () => undefined;
  let server: RunningServer;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  let am: AlertmanagerProcess;
  let key = '';
  const project = 'notify-p';
  const notification: AlertNotification = {
    kind: 'firing',
    fingerprint: 'c83a7ed448163635',
    monitorId: 'fraud-psi',
    labels: { monitor: 'fraud-psi', model: 'm', severity: 'critical', project },
    startsAt: START - 60_000,
    endsAt: null,
    at: START,
    value: 0.3517,
  };
  const payload: NotifyJobPayload = {
    notification,
    channels: ['hook', 'chat', 'pd', 'am', 'mail', 'flaky', 'dead', 'nope'],
    summary: '1 of 1 checks breached: x psi=0.3517',
  };

  beforeAll(async () => {
    if (!existsSync(ALERTMANAGER)) {
      throw new Error(
        `${ALERTMANAGER} is missing: apt-get install -y --no-install-recommends prometheus-alertmanager (bash .ci/run does)`,
      );
    }
    if (!MONITOR.ok) throw new Error('the monitor fixture must parse');
    http = await startHttpReceiver({
      '/hook': () => 200,
      '/chat': () => 200,
      '/pd/v2/enqueue': () => 202,
      '/flaky': (n) => (n === 0 ? 500 : n === 1 ? 'hang' : 200),
      '/dead': () => 503,
    });
    smtp = await startSmtpReceiver();
    am = await startAlertmanager();
    const opened = openBackend(backend, now);
    store = opened.store;
    cleanup = opened.cleanup;
    await store.migrate();
    const channels = [
      channel('hook', { type: 'webhook', url: `${http.url}/hook`, secret: SECRET }),
      channel('chat', { type: 'slack', url: `${http.url}/chat` }),
      channel('pd', { type: 'pagerduty', url: `${http.url}/pd/v2/enqueue`, routingKey: 'R0UT1NG' }),
      channel('am', { type: 'alertmanager', url: am.url }),
      channel('mail', {
        type: 'email',
        host: '127.0.0.1',
        port: smtp.port,
        from: 'vigil@example.com',
        to: ['oncall@example.com', 'ml@example.com'],
        timeout: '5s',
      }),
      channel('flaky', {
        type: 'webhook',
        url: `${http.url}/flaky`,
        timeout: `${HANG_TIMEOUT_MS / 1000}s`,
        maxAttempts: 4,
      }),
      channel('dead', { type: 'slack', url: `${http.url}/dead`, maxAttempts: 2 }),
    ];
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      adminToken: ADMIN_TOKEN,
      notifier: { channels, now, random: () => 0.5, retry: RETRY, loop: false },
    });
    const r = await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: project, name: 'Notify' }),
    });
    key = ((await r.json()) as { api_key: { key: string } }).api_key.key;
    await store.upsertModel(
      project,
      modelSpecSchema.parse({ name: 'm', features: [{ name: 'x', kind: 'numerical' }] }),
    );
    await store.upsertMonitor(project, MONITOR.monitors[0]);
    await store.enqueueJob(project, { kind: NOTIFY_JOB_KIND, payload, runAtMs: clock });
  });

  afterAll(async () => {
    await server?.close();
    await store?.close();
    await cleanup();
    await http?.close();
    await smtp?.close();
    await am?.close();
  });

  const message = () => {
    if (!MONITOR.ok) throw new Error('unreachable');
    return notificationMessage(payload, MONITOR.monitors[0]);
  };
  const notifier = () => {
    if (server.notifier === null) throw new Error('the notifier must be built');
    return server.notifier;
  };

  it('first pass: every channel is tried at once; failures are logged for retry', async () => {
    const r = await notifier().tick();
    expect(r.claimed).toBe(1);
    const by = Object.fromEntries(r.deliveries.map((d) => [d.channel, d]));
    expect(Object.keys(by).sort()).toEqual(
      ['am', 'chat', 'dead', 'flaky', 'hook', 'mail', 'nope', 'pd'].sort(),
    );
    for (const c of ['hook', 'chat', 'pd', 'am', 'mail']) {
      expect(by[c], c).toMatchObject({ outcome: 'success', attempt: 1, error: null });
    }
    expect(by.hook.statusCode).toBe(200);
    expect(by.pd.statusCode).toBe(202);
    expect(by.mail.statusCode).toBe(250);
    expect(by.flaky).toMatchObject({ outcome: 'retry', statusCode: 500, error: 'HTTP 500: boom' });
    expect(by.dead).toMatchObject({ outcome: 'retry', statusCode: 503 });
    expect(by.nope).toMatchObject({
      outcome: 'failed',
      channelType: 'unknown',
      error: 'no channel named "nope"',
    });
  });

  it('the webhook body is the exact payload, HMAC-signed with the secret', () => {
    const [got] = http.of('/hook');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-vigil-event']).toBe('firing');
    const sig = String(got.headers[WEBHOOK_SIGNATURE_HEADER]);
    expect(verifyWebhookSignature(got.body, sig, SECRET)).toBe(true);
    expect(verifyWebhookSignature(got.body, sig, 'another-secret')).toBe(false);
    expect(verifyWebhookSignature(`${got.body} `, sig, SECRET)).toBe(false);
    expect(got.body).toBe(JSON.stringify(webhookPayload(message())));
    expect(JSON.parse(got.body)).toMatchObject({
      version: 1,
      status: 'FIRING',
      fingerprint: 'c83a7ed448163635',
      monitor: { id: 'fraud-psi', name: 'fraud-psi', type: 'data_drift' },
      severity: 'critical',
      value: 0.3517,
      threshold: 0.2,
      description: 'PSI on the fraud model',
    });
  });

  it('Slack and PagerDuty get their exact bodies', () => {
    const slack = JSON.parse(http.of('/chat')[0].body);
    expect(slack).toEqual(slackPayload(message()));
    expect(slack.attachments[0]).toMatchObject({ title: 'fraud-psi', color: '#d00000' });
    const pd = JSON.parse(http.of('/pd/v2/enqueue')[0].body);
    expect(pd).toEqual(pagerDutyEvent(message(), { routingKey: 'R0UT1NG' }));
    expect(pd).toMatchObject({
      routing_key: 'R0UT1NG',
      event_action: 'trigger',
      dedup_key: 'c83a7ed448163635',
      payload: { severity: 'critical', source: 'vigil', group: 'fraud-psi' },
    });
  });

  it('Alertmanager holds the alert (GET /api/v2/alerts)', async () => {
    const res = await fetch(`${am.url}/api/v2/alerts`);
    expect(res.status).toBe(200);
    const alerts = (await res.json()) as Array<{
      labels: Record<string, string>;
      annotations: Record<string, string>;
      startsAt: string;
      status: { state: string };
    }>;
    const sent = alertmanagerAlerts(message(), { evaluationIntervalMs: 3_600_000 })[0];
    const got = alerts.find((a) => a.labels.alertname === 'fraud-psi');
    expect(got, am.log()).toBeDefined();
    expect(got?.labels).toEqual(sent.labels);
    expect(got?.annotations).toEqual(sent.annotations);
    expect(Date.parse(got?.startsAt ?? '')).toBe(notification.startsAt);
    expect(got?.status.state).toBe('active');
  });

  it('the SMTP server received the e-mail for every recipient', () => {
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.from).toBe('vigil@example.com');
    expect(mail.to).toEqual(['oncall@example.com', 'ml@example.com']);
    const expected = emailMessage(message());
    // Headers may fold long lines; compare the subject unfolded and the body verbatim.
    const unfolded = mail.data.replace(/\r\n[ \t]+/g, ' ');
    expect(unfolded).toContain(`Subject: ${expected.subject}`);
    expect(mail.data).toContain(expected.text);
  });

  it('retries are not due before their backoff', async () => {
    clock += 749;
    expect(await notifier().tick()).toEqual({ claimed: 0, deliveries: [] });
  });

  it('a hanging channel is cut at its timeout and never delays another channel', async () => {
    clock += 1; // 750 ms after attempt 1: flaky and dead are due
    await store.enqueueJob(project, {
      kind: NOTIFY_JOB_KIND,
      payload: {
        ...payload,
        notification: { ...notification, kind: 'renotify' },
        channels: ['hook'],
      },
      runAtMs: clock,
    });
    const started = performance.now();
    const r = await notifier().tick();
    const took = performance.now() - started;
    expect(r.claimed).toBe(3);
    const by = Object.fromEntries(r.deliveries.map((d) => [d.channel, d]));
    expect(by.flaky).toMatchObject({
      attempt: 2,
      outcome: 'retry',
      statusCode: null,
      error: `timed out after ${HANG_TIMEOUT_MS} ms`,
    });
    expect(by.flaky.durationMs).toBeGreaterThanOrEqual(HANG_TIMEOUT_MS - 50);
    expect(by.dead).toMatchObject({ attempt: 2, outcome: 'failed', statusCode: 503 });
    expect(by.hook).toMatchObject({ attempt: 1, outcome: 'success' });
    // The hook got its renotify while flaky was still hanging.
    const hookAt = http.of('/hook')[1].at;
    expect(hookAt - started).toBeLessThan(HANG_TIMEOUT_MS / 2);
    expect(by.hook.durationMs).toBeLessThan(HANG_TIMEOUT_MS / 2);
    expect(took).toBeLessThan(HANG_TIMEOUT_MS + 1000);
  });

  it('retries until the channel answers', async () => {
    clock += 1499;
    expect((await notifier().tick()).claimed).toBe(0);
    clock += 1;
    const r = await notifier().tick();
    expect(r.deliveries).toMatchObject([
      { channel: 'flaky', attempt: 3, outcome: 'success', statusCode: 200 },
    ]);
    expect(http.of('/flaky')).toHaveLength(3);
    // Every attempt carried the same signed bytes.
    expect(new Set(http.of('/flaky').map((x) => x.body)).size).toBe(1);
    clock += 60_000;
    expect((await notifier().tick()).claimed).toBe(0);
    expect(http.of('/dead')).toHaveLength(2);
  });

  it('GET /v1/deliveries lists every attempt of the window', async () => {
    const res = await fetch(`${server.url}/v1/deliveries?from=${START}&to=${clock + 1}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    const { deliveries } = (await res.json()) as {
      deliveries: Array<{ channel: string; attempt: number; outcome: string; time: number }>;
    };
    const rows = deliveries.map((d) => `${d.channel}#${d.attempt}:${d.outcome}`).sort();
    expect(rows).toEqual(
      [
        'am#1:success',
        'chat#1:success',
        'dead#1:retry',
        'dead#2:failed',
        'flaky#1:retry',
        'flaky#2:retry',
        'flaky#3:success',
        'hook#1:success',
        'hook#1:success',
        'mail#1:success',
        'nope#1:failed',
        'pd#1:success',
      ].sort(),
    );
    const flaky = deliveries.filter((d) => d.channel === 'flaky').map((d) => d.time);
    expect(flaky).toEqual([START, START + 750, START + 2250]);
    const narrow = await fetch(
      `${server.url}/v1/deliveries?from=${START + 1}&to=${clock}&channel=flaky`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    const n = (await narrow.json()) as { deliveries: Array<{ attempt: number }> };
    expect(n.deliveries.map((d) => d.attempt)).toEqual([2, 3]);
    const bad = await fetch(`${server.url}/v1/deliveries?from=${clock}&to=${START}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(bad.status).toBe(400);
  });

  it('/metrics counts attempts by channel and outcome', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const count = (channel: string, outcome: string) => {
      const m = text.match(
        new RegExp(
          `^vigil_notifications_total\\{channel="${channel}",outcome="${outcome}"\\} (\\d+)$`,
          'm',
        ),
      );
      return m === null ? 0 : Number(m[1]);
    };
    expect(count('flaky', 'retry')).toBe(2);
    expect(count('flaky', 'success')).toBe(1);
    expect(count('hook', 'success')).toBe(2);
    expect(count('dead', 'failed')).toBe(1);
    expect(count('nope', 'failed')).toBe(1);
  });
});
