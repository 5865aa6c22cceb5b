import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@vigil/engine';
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

const MIN = 60_000;
const HOUR = 60 * MIN;
const SECRET = 'whsec-incident-7d2a';
const PROJECT = 'notice-project';
const STARTED = T0 + 10 * MIN;

const openBackend = (name: BackendName, now: () => number) =>
  openTestStore(name, { now, prefix: 'notice' });

describe.each(BACKENDS)('incident notices on %s', (backend) => {
  let clock = T0;
  const now = () => clock;
  let store: SqlStore;
  let cleanup: () => Promise<void> = async () => undefined;
  let server: RunningServer;
  let hook: HttpReceiver;
  let key = '';
  let id = '';
  let openedMs = 0;

  // A string body is sent as it is (YAML documents); anything else as JSON.
  const call = (method: string, path: string, body?: unknown, type = 'application/json') =>
    requestServer(server.url, method, path, {
      key,
      ...(body === undefined ? {} : { headers: { 'content-type': type } }),
      ...(typeof body === 'string' ? { raw: body } : { body }),
    });
  const worker = () => {
    if (server.incidents === null) throw new Error('the incident worker must be built');
    return server.incidents;
  };
  const notifier = () => {
    if (server.notifier === null) throw new Error('the notifier must be built');
    return server.notifier;
  };
  // biome-ignore lint/suspicious/noExplicitAny: webhook bodies are arbitrary JSON
  const bodies = (path: string): any[] => hook.of(path).map((r) => JSON.parse(r.body));

  beforeAll(async () => {
    hook = await startHttpReceiver({ '/hook': () => 200, '/pager': () => 200 });
    const opened = openBackend(backend, now);
    store = opened.store;
    cleanup = opened.cleanup;
    await store.migrate();
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      adminToken: ADMIN_TOKEN,
      notifier: { now, loop: false },
      incidents: { now, loop: false },
    });
    const res = await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: PROJECT, name: 'Notices' }),
    });
    key = ((await res.json()) as { api_key: { key: string } }).api_key.key;
    const model = await call('POST', '/v1/models', {
      name: 'm',
      features: [{ name: 'x', kind: 'numerical' }],
    });
    expect(model.status).toBe(201);
    const channels = await call(
      'PUT',
      '/v1/channels',
      `apiVersion: vigil/v1
kind: Channel
metadata: { name: hook }
spec: { type: webhook, url: "${hook.url}/hook", secret: ${SECRET} }
---
apiVersion: vigil/v1
kind: Channel
metadata: { name: pager }
spec: { type: webhook, url: "${hook.url}/pager" }
`,
      'application/yaml',
    );
    expect(channels.status).toBe(200);
    const mon = await call(
      'PUT',
      '/v1/monitors',
      `apiVersion: vigil/v1
kind: Monitor
metadata: { name: x-drift }
spec:
  type: data_drift
  model: m
  features: [x]
  method: ks
  alert: { severity: critical, channels: [hook] }
`,
      'application/yaml',
    );
    expect(mon.status).toBe(200);
    // The alert the scheduler would have raised (the scheduler's own path is alerting-e2e's job).
    await store.upsertAlert(PROJECT, {
      fingerprint: 'fp-x',
      monitor: 'x-drift',
      state: 'firing',
      severity: 'critical',
      startedMs: STARTED,
      updatedMs: STARTED,
      resolvedMs: null,
      lastNotifiedMs: STARTED,
      value: 0.001,
      labels: { model: 'm' },
      summary: 'x drifted',
    });
  });

  afterAll(async () => {
    await server?.close();
    await store?.close();
    await cleanup();
    await hook?.close();
  });

  it('tells the monitor channels when an incident opens', async () => {
    clock = STARTED + MIN;
    const w = await worker().tick();
    expect(w.opened).toHaveLength(1);
    id = w.opened[0];
    expect(w.notified).toEqual([{ incidentId: id, event: 'opened', channels: ['hook'] }]);
    const inc = (await call('GET', `/v1/incidents/${id}`)).json;
    openedMs = inc.opened_at;
    expect(inc.severity).toBe('P3');
    // Announced once: the next tick sends nothing.
    expect((await worker().tick()).notified).toEqual([]);

    const sent = await notifier().tick();
    expect(sent.deliveries).toMatchObject([
      { channel: 'hook', fingerprint: `incident:${id}`, kind: 'firing', outcome: 'success' },
    ]);
    const [got] = hook.of('/hook');
    expect(
      verifyWebhookSignature(got.body, String(got.headers[WEBHOOK_SIGNATURE_HEADER]), SECRET),
    ).toBe(true);
    expect(JSON.parse(got.body)).toMatchObject({
      status: 'FIRING',
      severity: 'info',
      labels: { model: 'm', severity: 'P3', incident: id },
      url: `/v1/incidents/${id}`,
      incident: { id, event: 'opened', severity: 'P3', level: null, path: `/v1/incidents/${id}` },
    });
  });

  it('tells them again when a person raises it to P1', async () => {
    clock = STARTED + 2 * MIN;
    const r = await call('POST', `/v1/incidents/${id}/severity`, { severity: 'P1', by: 'oncall' });
    expect(r.status).toBe(200);
    expect(r.json.severity).toBe('P1');
    const w = await worker().tick();
    expect(w.notified).toEqual([{ incidentId: id, event: 'severity_raised', channels: ['hook'] }]);
    expect(w.escalated).toEqual([]);
    await notifier().tick();
    const body = bodies('/hook')[1];
    expect(body).toMatchObject({
      severity: 'critical',
      labels: { severity: 'P1' },
      incident: { event: 'severity_raised', severity: 'P1', previousSeverity: 'P3' },
    });
    expect(body.summary).toContain('raised from P3 to P1');
  });

  it('escalates once the 1 h target is missed, and the receiver gets it', async () => {
    clock = openedMs + HOUR - 1;
    expect((await worker().tick()).escalated).toEqual([]);
    clock = openedMs + HOUR;
    const w = await worker().tick();
    expect(w.escalated).toEqual([{ incidentId: id, level: 1 }]);
    expect(w.notified).toEqual([{ incidentId: id, event: 'escalation', channels: ['hook'] }]);
    const sent = await notifier().tick();
    expect(sent.deliveries).toMatchObject([
      {
        channel: 'hook',
        channelType: 'webhook',
        fingerprint: `incident:${id}`,
        kind: 'renotify',
        attempt: 1,
        outcome: 'success',
        statusCode: 200,
      },
    ]);
    const body = bodies('/hook')[2];
    expect(body).toMatchObject({
      severity: 'critical',
      model: 'm',
      labels: { model: 'm', severity: 'P1', incident: id },
      incident: {
        id,
        event: 'escalation',
        severity: 'P1',
        status: 'triggered',
        unacknowledgedMs: HOUR,
        responseTarget: '1 h',
        level: 1,
        path: `/v1/incidents/${id}`,
      },
    });
    expect(body.summary).toBe(
      `P1 incident "${(await call('GET', `/v1/incidents/${id}`)).json.title}" (model m) unacknowledged for 1 h: response target 1 h missed, escalation level 1. /v1/incidents/${id}`,
    );
    // The delivery log says the same.
    const log = await call('GET', `/v1/deliveries?from=${openedMs}&to=${clock + 1}&channel=hook`);
    expect(log.status).toBe(200);
    const rows = log.json.deliveries.filter(
      (d: { fingerprint: string }) => d.fingerprint === `incident:${id}`,
    );
    expect(rows.map((d: { kind: string; outcome: string }) => [d.kind, d.outcome])).toEqual(
      expect.arrayContaining([
        ['firing', 'success'],
        ['renotify', 'success'],
      ]),
    );
    expect(rows).toHaveLength(3);
    const timeline = (await call('GET', `/v1/incidents/${id}`)).json.timeline;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'incident.escalate')).toMatchObject([
      { details: { level: 1, channels: ['hook'] } },
    ]);
  });

  it('applies silences on the incident labels, and the policy picks the channels', async () => {
    const s = await call('POST', '/v1/silences', {
      matchers: [`incident="${id}"`, 'severity="P1"'],
      comment: 'working on it',
      duration: '2h',
    });
    expect(s.status).toBe(201);
    const pol = await call('PUT', '/v1/models/m/incident-policy', {
      auto_rollback: false,
      notify_channels: ['hook', 'pager'],
    });
    expect(pol.status).toBe(200);
    expect(pol.json.notify_channels).toEqual(['hook', 'pager']);
    expect(
      (
        await call('PUT', '/v1/models/m/incident-policy', {
          auto_rollback: false,
          notify_channels: ['Bad name'],
        })
      ).status,
    ).toBe(400);
    clock = openedMs + 2 * HOUR;
    const w = await worker().tick();
    expect(w.escalated).toEqual([{ incidentId: id, level: 2 }]);
    expect(w.notified).toEqual([
      { incidentId: id, event: 'escalation', channels: ['hook', 'pager'] },
    ]);
    const sent = await notifier().tick();
    expect(
      [...sent.deliveries]
        .sort((a, b) => (a.channel < b.channel ? -1 : 1))
        .map((d) => [d.channel, d.outcome, d.error]),
    ).toEqual([
      ['hook', 'silenced', `silenced by ${s.json.id}`],
      ['pager', 'silenced', `silenced by ${s.json.id}`],
    ]);
    expect(hook.of('/hook')).toHaveLength(3);
    expect(hook.of('/pager')).toHaveLength(0);
  });

  it('acknowledging stops further escalations', async () => {
    clock = openedMs + 2 * HOUR + MIN;
    const ack = await call('POST', `/v1/incidents/${id}/acknowledge`, { by: 'oncall' });
    expect(ack.status).toBe(200);
    clock = openedMs + 10 * HOUR;
    const w = await worker().tick();
    expect([w.escalated, w.notified]).toEqual([[], []]);
    expect((await notifier().tick()).deliveries).toEqual([]);
    expect((await call('GET', `/v1/incidents/${id}`)).json.escalation_level).toBe(2);
  });
});
