// The incident API and worker beyond the happy path: bad input answered 4xx with nothing changed,
// severity overrides that stick through re-assessment, escalation notices when the response
// target is missed, containment refused without a known-good version, rollback and undo by hand,
// and the promotion guard with evidence that validates a version.
import {
  createIncidentWorker,
  createServerMetrics,
  incidentPromotionCheck,
  promoteVersion,
  type ValidationEvidence,
} from '@vigil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/harness.js';

const DAY = 86_400_000;
const MONITOR = `apiVersion: vigil/v1
kind: Monitor
metadata: { name: x-drift }
spec: { type: data_drift, model: m, features: [x], method: ks }
`;

describe.each(BACKENDS)('incident API on %s', (backend) => {
  let h: Harness;
  let id = '';
  let openedMs = 0;
  let clock = 0;
  const worker = () =>
    createIncidentWorker({
      store: h.store,
      metrics: createServerMetrics({ processMetrics: false }),
      now: () => clock,
    });
  const a = (method: string, path: string, body?: unknown) =>
    h.request(method, path, { key: h.a.key, ...(body === undefined ? {} : { body }) });
  const state = async () => (await a('GET', `/v1/incidents/${id}`)).json;

  beforeAll(async () => {
    h = await startHarness(backend);
    await a('POST', '/v1/models/m/versions', { artifact_uri: 's3://m/1' });
    expect(
      (await a('PUT', '/v1/models/m/aliases/production', { version: 1, reason: 'ship' })).status,
    ).toBe(200);
    const mon = await h.request('PUT', '/v1/monitors', {
      key: h.a.key,
      raw: MONITOR,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(mon.status).toBe(200);
    await h.store.upsertAlert('a-project', {
      fingerprint: 'fp-x',
      monitor: 'x-drift',
      state: 'firing',
      severity: 'warning',
      startedMs: Date.now() - 60_000,
      updatedMs: Date.now(),
      resolvedMs: null,
      lastNotifiedMs: null,
      value: 0.001,
      labels: { model: 'm' },
      summary: 'x drifted',
    });
  });
  afterAll(() => h?.close());

  it('opens an incident from the firing alert, once', async () => {
    clock = Date.now() + 1000;
    const r = await worker().tick();
    expect(r.opened).toHaveLength(1);
    id = r.opened[0];
    const inc = await state();
    expect(inc).toMatchObject({
      status: 'triggered',
      severity: 'P3',
      failure_mode: 'data',
      severity_reason: 'no measured impact',
    });
    expect(inc.triage.category).toBe('unknown');
    openedMs = inc.opened_at;
    expect((await worker().tick()).opened).toEqual([]);
  });

  it('opens one incident when two workers see a new alert at once', async () => {
    const infra = `apiVersion: vigil/v1
kind: Monitor
metadata: { name: latency }
spec: { type: infrastructure, model: m, signal: latency_p95, condition: { above: 100 } }
`;
    const mon = await h.request('PUT', '/v1/monitors', {
      key: h.a.key,
      raw: infra,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(mon.status).toBe(200);
    await h.store.upsertAlert('a-project', {
      fingerprint: 'fp-lat',
      monitor: 'latency',
      state: 'firing',
      severity: 'critical',
      startedMs: Date.now() - 1000,
      updatedMs: Date.now(),
      resolvedMs: null,
      lastNotifiedMs: null,
      value: 250,
      labels: { model: 'm' },
      summary: 'p95 latency 250 ms',
    });
    const [r1, r2] = await Promise.all([worker().tick(), worker().tick()]);
    expect(r1.opened.length + r2.opened.length).toBe(1);
    const infraIncidents = (await a('GET', '/v1/incidents')).json.incidents.filter(
      (i: { failure_mode: string }) => i.failure_mode === 'infrastructure',
    );
    expect(infraIncidents).toHaveLength(1);
    // Resolved at once so the rest of this suite works on the data incident alone.
    await a('POST', `/v1/incidents/${infraIncidents[0].id}/resolve`, {});
    const lat = await h.store.getAlert('a-project', 'fp-lat');
    if (lat === null) throw new Error('alert fp-lat vanished');
    await h.store.upsertAlert('a-project', { ...lat, state: 'resolved' });
  });

  it('escalates a missed response target, each level once', async () => {
    clock = openedMs + 10 * DAY;
    const r = await worker().tick();
    expect(r.escalated.map((e) => e.level)).toEqual([1, 2, 3]);
    expect((await worker().tick()).escalated).toEqual([]);
    const inc = await state();
    expect(inc.escalation_level).toBe(3);
    expect(
      inc.timeline.filter((e: { kind: string }) => e.kind === 'incident.escalate'),
    ).toHaveLength(3);
    expect(
      inc.timeline.find((e: { kind: string }) => e.kind === 'incident.escalate').message,
    ).toMatch(/^P3 unacknowledged after \d+ min/);
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await state();
    for (const [method, path, body, status] of [
      ['POST', `/v1/incidents/${id}/severity`, { severity: 'P9' }, 400],
      ['POST', `/v1/incidents/${id}/severity`, { severity: 'p1' }, 400],
      ['POST', `/v1/incidents/${id}/reopen`, {}, 409],
      ['POST', `/v1/incidents/${id}/acknowledge`, { extra: 1 }, 400],
      ['POST', `/v1/incidents/${id}/assign`, {}, 400],
      ['POST', `/v1/incidents/${id}/rollback`, { to_version: 0 }, 400],
      ['POST', `/v1/incidents/${id}/rollback`, {}, 409],
      ['POST', `/v1/incidents/${id}/rollback`, { to_version: 1 }, 409],
      ['POST', `/v1/incidents/${id}/rollback`, { to_version: 7 }, 404],
      ['POST', `/v1/incidents/${id}/actions/nope/undo`, {}, 404],
      ['GET', '/v1/incidents/nope', undefined, 404],
      ['PUT', '/v1/models/m/incident-policy', { auto_rollback: true, alias: 'Bad Alias' }, 400],
      ['PUT', '/v1/models/zz/incident-policy', { auto_rollback: true }, 404],
      ['GET', '/v1/incidents?severity=P5', undefined, 400],
    ] as const) {
      const r = await a(method, path, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}: ${r.text}`).toBe(status);
      expect(r.json.error.message).toBeTypeOf('string');
    }
    const rb = await a('POST', `/v1/incidents/${id}/rollback`, {});
    expect(rb.json.error.message).toMatch(/no earlier version served without an incident/);
    expect(await state()).toEqual(before);
    expect((await a('GET', '/v1/models/m/aliases/production')).json.version).toBe(1);
  });

  it('keeps a severity override through re-assessment, and skips auto-rollback without a known-good version once', async () => {
    const o = await a('POST', `/v1/incidents/${id}/severity`, {
      severity: 'P1',
      reason: 'customer escalation',
      by: 'bob',
    });
    expect(o.json).toMatchObject({
      severity: 'P1',
      assessed_severity: 'P3',
      severity_override: 'P1',
    });
    expect((await a('PUT', '/v1/models/m/incident-policy', { auto_rollback: true })).status).toBe(
      200,
    );
    clock += 1000;
    await worker().tick();
    await worker().tick();
    const inc = await state();
    expect([inc.severity, inc.assessed_severity]).toEqual(['P1', 'P3']);
    const skipped = inc.timeline.filter(
      (e: { kind: string }) => e.kind === 'incident.contain_skipped',
    );
    expect(skipped).toHaveLength(1);
    expect(skipped[0].message).toMatch(/no known-good version/);
    expect(inc.actions).toEqual([]);
  });

  it('rolls back to a chosen version by hand and undoes it', async () => {
    // A deploy that bypasses the HTTP guard (a version created during the incident).
    const v2 = await h.store.registry.createVersion('a-project', 'm', {
      artifactUri: 's3://m/2',
      createdBy: 'ci',
    });
    await h.store.registry.setAlias('a-project', 'm', 'production', v2.version, {
      actor: 'ci',
      reason: 'deploy',
    });
    const rb = await a('POST', `/v1/incidents/${id}/rollback`, { to_version: 1, by: 'bob' });
    expect(rb.status, rb.text).toBe(201);
    expect(rb.json).toMatchObject({
      kind: 'alias_rollback',
      from: '2',
      to: '1',
      actor: expect.stringMatching(/^bob \(key:/),
    });
    expect((await a('GET', '/v1/models/m/aliases/production')).json.version).toBe(1);
    const undo = await a('POST', `/v1/incidents/${id}/actions/${rb.json.id}/undo`, {});
    expect(undo.status, undo.text).toBe(200);
    expect(undo.json.undone_at).toBeTypeOf('number');
    expect((await a('GET', '/v1/models/m/aliases/production')).json.version).toBe(2);
    expect((await a('POST', `/v1/incidents/${id}/actions/${rb.json.id}/undo`, {})).status).toBe(
      409,
    );
    const kinds = (await state()).timeline.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(-2)).toEqual(['incident.contain', 'incident.undo']);
  });

  it('guards production: refuses without evidence, passes with both kinds', async () => {
    const v3 = await h.store.registry.createVersion('a-project', 'm', {
      artifactUri: 's3://m/3',
      createdBy: 'ci',
    });
    const guarded = (e: ValidationEvidence) => [
      { name: 'incidents', check: incidentPromotionCheck(e) },
    ];
    const yes: ValidationEvidence = {
      hasPassingRegression: async () => true,
      hasFinishedCanary: async () => true,
    };
    const noCanary: ValidationEvidence = { ...yes, hasFinishedCanary: async () => false };
    const req = {
      model: 'm',
      alias: 'production',
      version: v3.version,
      actor: 'bob',
      reason: 'fix',
    };
    await expect(promoteVersion(h.store, 'a-project', req, guarded(noCanary))).rejects.toThrow(
      `P1 incident ${id} is open on m: version 3 was created after it opened and has no a finished canary`,
    );
    // The server's own guard has no evidence source yet: it refuses too.
    const http = await a('PUT', '/v1/models/m/aliases/production', { version: 3, reason: 'fix' });
    expect(http.status).toBe(409);
    expect((await a('GET', '/v1/models/m/aliases/production')).json.version).toBe(2);
    // Version 1 predates the incident: rolling back to it is containment, not a new deploy.
    const v1 = await h.store.registry.getVersion('a-project', 'm', 1);
    if (v1 === null) throw new Error('version 1 vanished');
    const ctx = {
      projectId: 'a-project',
      model: 'm',
      alias: 'production',
      current: 2,
      store: h.store,
      now: Date.now(),
    };
    expect(await incidentPromotionCheck()({ ...ctx, version: v1 })).toBeNull();
    expect(await incidentPromotionCheck()({ ...ctx, alias: 'canary', version: v3 })).toBeNull();
    const moved = await promoteVersion(h.store, 'a-project', req, guarded(yes));
    expect(moved).toMatchObject({ from: 2, to: 3, overridden: [] });
  });

  it('contains an LLM incident: reverts a prompt label, pins a model, and undoes both', async () => {
    const content = (template: string) => ({
      type: 'text' as const,
      template,
      variables: [],
      config: {},
    });
    for (const t of ['v1 prompt', 'v2 prompt']) {
      await h.store.prompts.createVersion('a-project', {
        name: 'support',
        content: content(t),
        labels: ['production'],
        actor: 'dev',
      });
    }
    const rv = await a('POST', `/v1/incidents/${id}/contain`, {
      kind: 'prompt_revert',
      prompt: 'support',
      label: 'production',
      by: 'bob',
    });
    expect(rv.status, rv.text).toBe(201);
    expect(rv.json).toMatchObject({
      kind: 'prompt_revert',
      target: 'support@production',
      from: '2',
      to: '1',
    });
    expect((await h.store.prompts.getByLabel('a-project', 'support', 'production'))?.version).toBe(
      1,
    );
    const pin = await a('POST', `/v1/incidents/${id}/contain`, {
      kind: 'model_pin',
      service: 'chat',
      model: 'gpt-4o',
      pinned: 'gpt-4o-2024-08-06',
    });
    expect(pin.json).toMatchObject({
      kind: 'model_pin',
      target: 'chat/gpt-4o',
      from: '',
      to: 'gpt-4o-2024-08-06',
    });
    expect(
      (
        await a('POST', `/v1/incidents/${id}/contain`, {
          kind: 'model_pin',
          service: 'chat',
          model: 'gpt-4o',
          pinned: 'gpt-4o-2024-08-06',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await a('POST', `/v1/incidents/${id}/contain`, {
          kind: 'prompt_revert',
          prompt: 'nope',
          label: 'production',
        })
      ).status,
    ).toBe(404);
    expect((await a('POST', `/v1/incidents/${id}/contain`, { kind: 'restart_pods' })).status).toBe(
      400,
    );
    expect(
      (await a('POST', `/v1/incidents/${id}/actions/${rv.json.id}/undo`, {})).json.undone_at,
    ).toBeTypeOf('number');
    expect((await h.store.prompts.getByLabel('a-project', 'support', 'production'))?.version).toBe(
      2,
    );
    expect((await a('POST', `/v1/incidents/${id}/actions/${pin.json.id}/undo`, {})).status).toBe(
      200,
    );
    expect(await h.store.prompts.listPins('a-project')).toEqual([]);
    expect((await a('POST', `/v1/incidents/${id}/actions/${pin.json.id}/undo`, {})).status).toBe(
      409,
    );
    const undos = (await state()).timeline.filter(
      (e: { kind: string }) => e.kind === 'incident.undo',
    );
    expect(undos.map((e: { message: string }) => e.message).slice(-2)).toEqual([
      'undid prompt_revert of support@production: back to 2',
      'undid model_pin of chat/gpt-4o: back to (none)',
    ]);
  });

  it('walks the lifecycle: ack, no second ack, resolve, no ack of a resolved one, reopen, assign', async () => {
    expect((await a('POST', `/v1/incidents/${id}/acknowledge`, { by: 'bob' })).json.status).toBe(
      'acknowledged',
    );
    const again = await a('POST', `/v1/incidents/${id}/acknowledge`, {});
    expect([again.status, again.json.error.message]).toEqual([
      409,
      'the incident is already acknowledged',
    ]);
    expect((await a('POST', `/v1/incidents/${id}/resolve`, { note: 'fixed' })).json.status).toBe(
      'resolved',
    );
    const ackResolved = await a('POST', `/v1/incidents/${id}/acknowledge`);
    expect([ackResolved.status, ackResolved.json.error.message]).toEqual([
      409,
      'cannot acknowledge a resolved incident (reopen it first)',
    ]);
    const re = await a('POST', `/v1/incidents/${id}/reopen`);
    expect(re.json).toMatchObject({
      status: 'triggered',
      reopen_count: 1,
      acknowledged_at: null,
      resolved_at: null,
      escalation_level: 0,
    });
    expect(
      (await a('POST', `/v1/incidents/${id}/assign`, { assignee: 'carol' })).json.assignee,
    ).toBe('carol');
    const pm = await a('PUT', `/v1/incidents/${id}/postmortem`, {
      markdown: '# Root cause: upstream unit change',
    });
    expect(pm.json).toMatchObject({ edited: true });
    // Resolving again keeps a person's edit.
    await a('POST', `/v1/incidents/${id}/resolve`);
    expect((await a('GET', `/v1/incidents/${id}/postmortem`)).json.markdown).toBe(
      '# Root cause: upstream unit change',
    );
  });
});
