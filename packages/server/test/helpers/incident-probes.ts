// Cross-project isolation probes for the incident routes, spread into the PROBES of
// isolation.case.test.ts: B has an incident (with a postmortem, a policy and an undone rollback)
// and A's key can neither see, move, contain nor edit any of it.
import { expect } from 'vitest';
import type { Harness, Reply } from './harness.js';

type Probe = (h: Harness, b: { keyId: string }) => Promise<Reply[]>;

let bIncident = '';
let bAction = '';

const echoed = (r: Reply, ...names: string[]): Reply => ({
  ...r,
  text: names.reduce((t, n) => t.replaceAll(n, '(sent)'), r.text),
});

/** seedIncidentB opens B's incident on its model `m` (after seedRegistryB: production is version 2). */
export async function seedIncidentB(h: Harness): Promise<void> {
  const inc = await h.store.incidents.open(
    'b-project',
    {
      model: 'm',
      failureMode: 'data',
      title: 'b-secret incident',
      severity: 'P1',
      severityReason: 'b-secret impact',
      alert: { fingerprint: 'b-secret-fp', monitor: 'b-secret-monitor', startedMs: 1 },
    },
    'b-secret-person',
  );
  bIncident = inc.id;
  await h.store.incidents.putPostmortem('b-project', inc.id, '# b-secret postmortem', {
    actor: 'b-secret-person',
    edited: true,
  });
  await h.store.incidents.putPolicy(
    'b-project',
    'b-only-model',
    { autoRollback: true },
    'b-secret-person',
  );
  const a = await h.store.incidents.rollbackAlias('b-project', inc.id, {
    model: 'm',
    alias: 'production',
    toVersion: 1,
    expectedFrom: 2,
    actor: 'b-secret-person',
    reason: 'b-secret containment',
  });
  bAction = a.id;
  // Undone at once: B's production stays on version 2 for the other probes.
  await h.store.incidents.undoAction('b-project', a.id, 'b-secret-person');
}

async function bUnchanged(h: Harness): Promise<void> {
  const r = await h.request('GET', `/v1/incidents/${bIncident}`, { key: h.b.key });
  expect(r.status).toBe(200);
  expect(r.json).toMatchObject({ status: 'triggered', severity: 'P1', assignee: null });
  expect(r.json.actions).toHaveLength(1);
}

const refused =
  (method: string, suffix: string, body?: unknown): Probe =>
  async (h) => {
    const r = await h.request(method, `/v1/incidents/${bIncident}${suffix}`, {
      key: h.a.key,
      ...(body === undefined ? {} : { body }),
    });
    expect(r.status, `${method} ${suffix}`).toBe(404);
    await bUnchanged(h);
    return [r];
  };

/** INCIDENT_PROBES has one probe per incident route. */
export const INCIDENT_PROBES: Record<string, Probe> = {
  'GET /v1/incidents': async (h) => {
    const r = await h.request('GET', '/v1/incidents', { key: h.a.key });
    expect(r.status).toBe(200);
    expect(r.json.incidents).toEqual([]);
    const b = await h.request('GET', '/v1/incidents', { key: h.b.key });
    expect(b.json.incidents).toHaveLength(1);
    return [r];
  },
  'GET /v1/incidents/stats': async (h) => {
    const r = await h.request('GET', '/v1/incidents/stats', { key: h.a.key });
    expect(r.status).toBe(200);
    expect(r.json.stats.every((s: { incidents: number }) => s.incidents === 0)).toBe(true);
    return [r];
  },
  'GET /v1/incidents/:id': refused('GET', ''),
  'POST /v1/incidents/:id/acknowledge': refused('POST', '/acknowledge', {}),
  'POST /v1/incidents/:id/resolve': refused('POST', '/resolve', {}),
  'POST /v1/incidents/:id/reopen': refused('POST', '/reopen', {}),
  'POST /v1/incidents/:id/assign': refused('POST', '/assign', { assignee: 'a-person' }),
  'POST /v1/incidents/:id/severity': refused('POST', '/severity', { severity: 'P3' }),
  'POST /v1/incidents/:id/rollback': refused('POST', '/rollback', { to_version: 1 }),
  'GET /v1/incidents/:id/known-good': refused('GET', '/known-good'),
  'POST /v1/incidents/:id/contain': refused('POST', '/contain', {
    kind: 'model_pin',
    service: 's',
    model: 'm',
    pinned: 'x',
  }),
  'POST /v1/incidents/:id/actions/:actionId/undo': async (h) => {
    const r = await h.request('POST', `/v1/incidents/${bIncident}/actions/${bAction}/undo`, {
      key: h.a.key,
      body: {},
    });
    expect(r.status).toBe(404);
    await bUnchanged(h);
    return [r];
  },
  'GET /v1/incidents/:id/postmortem': refused('GET', '/postmortem'),
  'PUT /v1/incidents/:id/postmortem': async (h) => {
    const r = await h.request('PUT', `/v1/incidents/${bIncident}/postmortem`, {
      key: h.a.key,
      body: { markdown: '# overwritten' },
    });
    expect(r.status).toBe(404);
    const b = await h.request('GET', `/v1/incidents/${bIncident}/postmortem`, { key: h.b.key });
    expect(b.json.markdown).toBe('# b-secret postmortem');
    return [r];
  },
  'GET /v1/incidents/:id/postmortem/export': refused('GET', '/postmortem/export'),
  'GET /v1/models/:model/incident-policy': async (h) => {
    const r = await h.request('GET', '/v1/models/b-only-model/incident-policy', { key: h.a.key });
    expect(r.status).toBe(404);
    return [echoed(r, 'b-only-model')];
  },
  'PUT /v1/models/:model/incident-policy': async (h) => {
    const r = await h.request('PUT', '/v1/models/b-only-model/incident-policy', {
      key: h.a.key,
      body: { auto_rollback: false },
    });
    expect(r.status).toBe(404);
    const b = await h.request('GET', '/v1/models/b-only-model/incident-policy', { key: h.b.key });
    expect(b.json.auto_rollback).toBe(true);
    // A's own model of the same name as B's `m` keeps its own (default) policy.
    const own = await h.request('GET', '/v1/models/m/incident-policy', { key: h.a.key });
    expect(own.json).toMatchObject({ auto_rollback: false, updated_by: null });
    return [echoed(r, 'b-only-model'), own];
  },
};
