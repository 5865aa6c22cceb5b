import { formatDuration, scheduleOffsetMs } from '@vigil/engine';
import { type RunningServer, startServer } from '@vigil/server';
import type { SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  BACKENDS,
  type BackendName,
  openTestStore,
  type Reply,
} from '../helpers/harness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const JAN1 = Date.UTC(2024, 0, 1);
const JAN10 = Date.UTC(2024, 0, 10);
const JAN20 = Date.UTC(2024, 0, 20);
const FEB1 = Date.UTC(2024, 1, 1);
const DRIFT_FROM_HOUR = 6;
const HOURS = 12;
const PER_HOUR = 300;
const CARRIERS = ['AA', 'DL', 'UA', 'WN', 'B6'];

// One hour of flights: distance spread over 200..2199 miles, carriers in turn. Normal hours get 90 %
// of labels right; drifted hours fly 1500 miles further and get 55 % right (every AA flight wrong).
function hourOfFlights(prefix: string, start: number, drifted: boolean) {
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < PER_HOUR; i++) {
    const id = `${prefix}-${i}`;
    const carrier = CARRIERS[i % CARRIERS.length];
    const delayed = i % 3 === 0 ? 1 : 0;
    const right = drifted ? carrier !== 'AA' && i % 20 < 14 : i % 10 !== 0;
    events.push({
      type: 'prediction',
      event_id: id,
      model: 'flights',
      model_version: drifted ? '2' : '1',
      time: start + i * 10_000,
      features: { distance: 200 + ((i * 37) % 2000) + (drifted ? 1500 : 0), carrier },
      prediction: delayed,
    });
    events.push({
      type: 'label',
      event_id: `${id}-label`,
      prediction_id: id,
      label: right ? delayed : 1 - delayed,
      time: start + i * 10_000 + 30_000,
    });
  }
  return events;
}

const MONITOR = `apiVersion: vigil/v1
kind: Monitor
metadata:
  name: distance-drift
spec:
  type: data_drift
  model: flights
  features: [distance]
  method: ks
  window: { kind: hourly }
  cadence: 1h
  minSampleSize: 50
`;

const openBackend = (name: BackendName, now: () => number) =>
  openTestStore(name, { now, prefix: 'incident' });

describe.each(BACKENDS)('incident end to end on %s', (backend) => {
  let clock = JAN1;
  const now = () => clock;
  let store: SqlStore;
  let cleanup: () => Promise<void>;
  let server: RunningServer;
  let key = '';
  const call = async (method: string, path: string, body?: unknown, auth = key): Promise<Reply> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${auth}`,
        ...(body === undefined
          ? {}
          : { 'content-type': typeof body === 'string' ? 'application/yaml' : 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  };
  const ingest = async (events: Record<string, unknown>[]) => {
    const r = await call('POST', '/v1/ingest', { events });
    expect(r.status, r.text).toBe(200);
  };

  beforeAll(async () => {
    ({ store, cleanup } = openBackend(backend, now));
    await store.migrate();
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      adminToken: ADMIN_TOKEN,
      now,
      scheduler: { now, loop: false },
      incidents: { now, loop: false },
    });
    const p = await call('POST', '/v1/projects', { id: 'airline', name: 'Airline' }, ADMIN_TOKEN);
    expect(p.status, p.text).toBe(201);
    key = p.json.api_key.key;
    const m = await call('POST', '/v1/models', {
      name: 'flights',
      task: 'classification',
      features: [
        { name: 'distance', kind: 'numerical' },
        { name: 'carrier', kind: 'categorical' },
      ],
    });
    expect(m.status, m.text).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await cleanup?.();
  });

  let incidentId = '';
  let firstAlertMs = 0;
  const offset = scheduleOffsetMs('airline/distance-drift', HOUR);
  const tickAt = (hour: number) => FEB1 + (hour + 1) * HOUR + offset + 1000;

  it('sets up January: v1 then v2 in production, a January baseline, a drift monitor, auto-rollback', async () => {
    const v1 = await call('POST', '/v1/models/flights/versions', {
      artifact_uri: 's3://m/flights/1',
    });
    expect(v1.status, v1.text).toBe(201);
    expect(
      (await call('PUT', '/v1/models/flights/aliases/production', { version: 1, reason: 'first' }))
        .status,
    ).toBe(200);
    clock = JAN10;
    await ingest(hourOfFlights('jan', JAN10, false));
    clock = JAN10 + 2 * HOUR;
    const b = await call('POST', '/v1/models/flights/baselines', {
      from: JAN10,
      to: JAN10 + HOUR,
      name: 'january',
    });
    expect(b.status, b.text).toBe(201);
    clock = JAN20;
    await call('POST', '/v1/models/flights/versions', { artifact_uri: 's3://m/flights/2' });
    expect(
      (
        await call('PUT', '/v1/models/flights/aliases/production', {
          version: 2,
          reason: 'retrained',
        })
      ).status,
    ).toBe(200);
    const mon = await call('PUT', '/v1/monitors', MONITOR);
    expect(mon.status, mon.text).toBe(200);
    const pol = await call('PUT', '/v1/models/flights/incident-policy', {
      auto_rollback: true,
      by: 'ops-lead',
    });
    expect(pol.json).toMatchObject({
      auto_rollback: true,
      alias: 'production',
      updated_by: expect.stringContaining('ops-lead'),
    });
  });

  it('opens one P1 data incident from the drift alert and rolls production back to v1', async () => {
    for (let h = 0; h <= DRIFT_FROM_HOUR; h++) {
      clock = FEB1 + h * HOUR;
      await ingest(hourOfFlights(`feb-${h}`, FEB1 + h * HOUR, h >= DRIFT_FROM_HOUR));
      clock = tickAt(h);
      const t = await server.scheduler?.tick();
      expect(t?.evaluated.map((e) => e.alert)).toEqual([h >= DRIFT_FROM_HOUR ? 'FIRING' : 'OK']);
      const w = await server.incidents?.tick();
      expect(w?.opened).toHaveLength(h >= DRIFT_FROM_HOUR ? 1 : 0);
      if (h === DRIFT_FROM_HOUR)
        expect(w?.contained).toEqual([{ incidentId: w?.opened[0], from: '2', to: '1' }]);
    }
    const list = await call('GET', '/v1/incidents');
    expect(list.json.incidents).toHaveLength(1);
    const inc = list.json.incidents[0];
    incidentId = inc.id;
    firstAlertMs = tickAt(DRIFT_FROM_HOUR);
    expect(inc).toMatchObject({
      model: 'flights',
      failure_mode: 'data',
      status: 'triggered',
      severity: 'P1',
      first_alert_at: firstAlertMs,
      created_at: firstAlertMs,
      onset_at: FEB1 + DRIFT_FROM_HOUR * HOUR,
      response_due_at: firstAlertMs + HOUR,
    });
    expect(inc.severity_reason).toBe('performance 38.9 % below baseline');
    expect(inc.triage.category).toBe('data');
    expect(inc.triage.evidence[0]).toMatch(
      /^data_drift monitor distance-drift: ks .* on distance$/,
    );
    expect(inc.impact).toMatchObject({ labelledRows: PER_HOUR, baselineSource: 'baseline' });
    expect(inc.impact.baselineAccuracy).toBeCloseTo(0.9, 12);
    expect(inc.impact.wrongShare).toBeCloseTo(0.45, 12);
    expect(inc.diagnosis.driftedFeatures.map((f: { feature: string }) => f.feature)).toEqual([
      'distance',
    ]);
    expect(inc.diagnosis.segments[0]).toMatchObject({ key: 'carrier', value: 'AA', wrongShare: 1 });
    // Contained automatically: production is back on v1, recorded as the system's action.
    expect((await call('GET', '/v1/models/flights/aliases/production')).json.version).toBe(1);
    const detail = await call('GET', `/v1/incidents/${incidentId}`);
    expect(detail.json.actions).toMatchObject([
      {
        kind: 'alias_rollback',
        target: 'flights@production',
        from: '2',
        to: '1',
        actor: 'system:incidents',
        undone_at: null,
      },
    ]);
    // The notice of the new incident is on the timeline even when no channel is configured.
    expect(detail.json.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'incident.open',
      'incident.notify',
      'incident.contain',
    ]);
  });

  it('refuses to promote a version created during the open P1 without regression run and canary', async () => {
    clock = firstAlertMs + 5 * MIN;
    const v3 = await call('POST', '/v1/models/flights/versions', {
      artifact_uri: 's3://m/flights/3-retrained',
    });
    expect(v3.json.version).toBe(3);
    const r = await call('PUT', '/v1/models/flights/aliases/production', {
      version: 3,
      reason: 'hotfix',
    });
    expect(r.status).toBe(409);
    expect(r.json.error.message).toContain(`P1 incident ${incidentId} is open on flights`);
    expect(r.json.error.message).toContain('no a passing regression run and a finished canary');
    expect((await call('GET', '/v1/models/flights/aliases/production')).json.version).toBe(1);
    // Other aliases are not guarded.
    expect(
      (await call('PUT', '/v1/models/flights/aliases/canary', { version: 3, reason: 'try it' }))
        .status,
    ).toBe(200);
  });

  it('acknowledges, keeps attaching nothing new while drift persists, resolves and drafts the postmortem', async () => {
    clock = firstAlertMs + 20 * MIN;
    const ack = await call('POST', `/v1/incidents/${incidentId}/acknowledge`, { by: 'alice' });
    expect(ack.status, ack.text).toBe(200);
    expect(ack.json).toMatchObject({
      status: 'acknowledged',
      acknowledged_at: firstAlertMs + 20 * MIN,
    });
    for (let h = DRIFT_FROM_HOUR + 1; h < HOURS; h++) {
      clock = FEB1 + h * HOUR;
      await ingest(hourOfFlights(`feb-${h}`, FEB1 + h * HOUR, true));
      clock = tickAt(h);
      await server.scheduler?.tick();
      const w = await server.incidents?.tick();
      expect([w?.opened, w?.contained, w?.escalated]).toEqual([[], [], []]);
    }
    const resolvedAt = tickAt(HOURS - 1) + 30 * MIN;
    clock = resolvedAt;
    const res = await call('POST', `/v1/incidents/${incidentId}/resolve`, {
      by: 'alice',
      note: 'upstream distance unit fixed',
    });
    expect(res.json).toMatchObject({ status: 'resolved', resolved_at: resolvedAt });
    // The alert still fires; its episode belongs to the resolved incident: no new incident.
    clock += MIN;
    expect((await server.incidents?.tick())?.opened).toEqual([]);
    // Bad input changes nothing.
    expect((await call('POST', `/v1/incidents/${incidentId}/acknowledge`, {})).status).toBe(409);
    expect(
      (await call('POST', `/v1/incidents/${incidentId}/severity`, { severity: 'P7' })).status,
    ).toBe(400);
    expect((await call('POST', `/v1/incidents/${incidentId}/rollback`, {})).status).toBe(409);
    expect((await call('GET', `/v1/incidents/${incidentId}`)).json.status).toBe('resolved');

    const pm = await call('GET', `/v1/incidents/${incidentId}/postmortem`);
    expect(pm.status, pm.text).toBe(200);
    const detect = firstAlertMs - (FEB1 + DRIFT_FROM_HOUR * HOUR);
    const md: string = pm.json.markdown;
    expect(md).toContain(`| time to detect | ${formatDuration(detect)} |`);
    expect(md).toContain('| time to acknowledge | 20 min |');
    expect(md).toContain(`| time to resolve | ${formatDuration(resolvedAt - firstAlertMs)} |`);
    expect(md).toContain(
      `| estimated onset | ${new Date(FEB1 + DRIFT_FROM_HOUR * HOUR).toISOString()} (sudden, change-point) |`,
    );
    expect(md).toContain('Triage: **data**');
    expect(md).toContain('alias_rollback of `flights@production` from 2 to 1');
    expect(md).toContain('_To be filled in._');
    expect(md).toContain('type: data_drift');
    const exported = await fetch(`${server.url}/v1/incidents/${incidentId}/postmortem/export`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(exported.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await exported.text()).toBe(md);

    const stats = await call('GET', '/v1/incidents/stats');
    expect(stats.json.stats.find((s: { severity: string }) => s.severity === 'P1')).toEqual({
      severity: 'P1',
      incidents: 1,
      mttd_ms: detect,
      mtta_ms: 20 * MIN,
      mttr_ms: resolvedAt - firstAlertMs,
    });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain(
      `vigil_incident_mtta_seconds{project="airline",severity="P1"} ${20 * 60}`,
    );
    expect(metrics).toContain('vigil_incidents_open{project="airline",severity="P1"} 0');
    // Every change is in the audit log, with its actor.
    const audit = await call('GET', `/v1/audit?from=0&to=${clock + 1}&target_kind=incident`);
    const actions = audit.json.entries.map((e: { action: string }) => e.action);
    for (const a of [
      'incident.open',
      'incident.contain',
      'incident.acknowledge',
      'incident.resolve',
      'incident.policy_put',
    ]) {
      expect(actions).toContain(a);
    }
  });
});
