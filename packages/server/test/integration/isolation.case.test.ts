// A key of project A can never read or write project B's data. Every route the server serves
// has a case here (the test fails when a route is added without one): A's key aims at B's
// model, keys and events, and the answer is 401/403/404, or A's own data with nothing of B's.
import { createCategoricalProfile, profileToJSON, updateCategorical } from '@vigil/core';
import { buildApp } from '@vigil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY_PROBES, seedCanaryB } from '../helpers/canary-probes.js';
import {
  BACKENDS,
  type Harness,
  prediction,
  type Reply,
  startHarness,
  T0,
} from '../helpers/harness.js';
import { INCIDENT_PROBES, seedIncidentB } from '../helpers/incident-probes.js';
import { LLM_PROBES, seedLlmB } from '../helpers/llm-probes.js';
import { LLM_QUALITY_PROBES, seedLlmQualityB } from '../helpers/llm-quality-probes.js';
import { REGISTRY_PROBES, seedRegistryB } from '../helpers/registry-probes.js';

const WINDOW = `from=${T0}&to=${T0 + 86_400_000}`;
// Strings that only B's data holds: none may appear in any answer to A.
const B_SECRETS = ['b-project', 'b-secret', 'b-only-model', 'b-second-key'];

const MONITOR = (name: string, model: string) =>
  `apiVersion: vigil/v1\nkind: Monitor\nmetadata: { name: ${name} }\nspec: { type: data_drift, model: ${model}, method: psi }\n`;

type Probe = (h: Harness, b: { keyId: string }) => Promise<Reply[]>;

// B's silence, created in beforeAll (its id is random).
let bSilenceId = '';
const CHANNEL = (name: string, url: string, secret: string) =>
  `apiVersion: vigil/v1\nkind: Channel\nmetadata: { name: ${name} }\nspec: { type: webhook, url: "${url}", secret: ${secret} }\n`;
const yaml = { 'content-type': 'application/yaml' };

/** echoed drops a name the caller itself sent (an error naming it reveals nothing of B's). */
const echoed = (r: Reply, name: string): Reply => ({
  ...r,
  text: r.text.replaceAll(name, '(sent)'),
});

// B's regression run (target b-secret-target), posted once by the first eval probe that needs it.
const evalRun = (id: string, target: string) => ({
  format: 'vigil-regress-run',
  id,
  startedAt: '2024-01-01T00:00:00Z',
  target: { name: target, kind: 'openai', version: `${target}@1` },
  set: { name: 'set', version: '1', hash: 'sha256:x' },
  summary: { passRate: 1, passed: 1, counted: 1, flaky: 0 },
  gate: { pass: true },
  cases: [{ id: `${target}-case` }],
});
async function ensureBEvalRun(h: Harness): Promise<void> {
  const r = await h.request('POST', '/v1/evals/runs', {
    key: h.b.key,
    body: evalRun('b-secret-run', 'b-secret-target'),
  });
  expect([201, 409]).toContain(r.status);
  await h.request('POST', '/v1/evals/runs/b-secret-run/accept', { key: h.b.key });
}

const bPrompts = new WeakMap<Harness, Promise<void>>();
/** ensureBPrompt gives B a prompt (versions 1 and 2, production at 2), a pin, a deprecation and usage, once. */
function ensureBPrompt(h: Harness): Promise<void> {
  let bPrompt = bPrompts.get(h);
  bPrompt ??= (async () => {
    for (const t of ['b-secret one {{x}}', 'b-secret two {{x}}']) {
      await h.request('POST', '/v1/prompts', {
        key: h.b.key,
        body: { name: 'b-secret-prompt', template: t, labels: ['production'] },
      });
    }
    await h.request('PUT', '/v1/model-pins', {
      key: h.b.key,
      body: { model: 'gpt-4o', pinned: 'b-secret-2024-01-01' },
    });
    await h.request('PUT', '/v1/model-deprecations', {
      key: h.b.key,
      body: { model: 'b-secret-model', retires_at: 0 },
    });
    await h.store.prompts.addModelUsage('b-project', [
      { model: 'b-secret-model', timeMs: T0, calls: 1, unpinnedCalls: 1 },
    ]);
  })();
  bPrompts.set(h, bPrompt);
  return bPrompt;
}

const PROBES: Record<string, Probe> = {
  'POST /v1/projects': async (h) => {
    // A project key is not the admin token: it can neither create projects nor take B's id.
    const r = await h.request('POST', '/v1/projects', {
      key: h.a.key,
      body: { id: 'b-project', name: 'x' },
    });
    expect(r.status).toBe(401);
    return [r];
  },
  'GET /v1/project': async (h) => {
    const r = await h.request('GET', '/v1/project', { key: h.a.key });
    expect(r.status).toBe(200);
    expect(r.json.id).toBe('a-project');
    return [r];
  },
  'POST /v1/keys': async (h) => {
    const r = await h.request('POST', '/v1/keys', { key: h.a.key, body: { name: 'a-extra' } });
    expect(r.status).toBe(201);
    expect(r.json.info.project_id).toBe('a-project');
    // The new key is A's: it sees nothing of B either.
    const models = await h.request('GET', '/v1/models', { key: r.json.key });
    return [r, models];
  },
  'GET /v1/keys': async (h, b) => {
    const r = await h.request('GET', '/v1/keys', { key: h.a.key });
    expect(r.status).toBe(200);
    expect(r.json.keys.every((k: { project_id: string }) => k.project_id === 'a-project')).toBe(
      true,
    );
    expect(r.text).not.toContain(b.keyId);
    return [r];
  },
  'DELETE /v1/keys/:keyId': async (h, b) => {
    const r = await h.request('DELETE', `/v1/keys/${b.keyId}`, { key: h.a.key });
    expect(r.status).toBe(404);
    // B's key still works: A could not revoke it.
    expect((await h.request('GET', '/v1/project', { key: h.b.key })).status).toBe(200);
    return [r];
  },
  'GET /v1/models': async (h) => {
    const r = await h.request('GET', '/v1/models', { key: h.a.key });
    expect(r.status).toBe(200);
    return [r];
  },
  'GET /v1/models/:model': async (h) => {
    const r = await h.request('GET', '/v1/models/b-only-model', { key: h.a.key });
    expect(r.status).toBe(404);
    return [echoed(r, 'b-only-model')];
  },
  'POST /v1/ingest': async (h) => {
    // Events for B's model are refused (unknown model in A); B's event ids are A's own to use,
    // and writing them in A neither touches nor reveals B's events.
    const r1 = await h.request('POST', '/v1/ingest', {
      key: h.a.key,
      body: { events: [prediction('x1', 1, 'b-only-model')] },
    });
    expect(r1.status).toBe(400);
    const r2 = await h.request('POST', '/v1/ingest', {
      key: h.a.key,
      body: { events: [{ ...prediction('b-secret-0', 5), features: { x: -1 } }] },
    });
    expect(r2.status).toBe(200);
    expect(r2.json.accepted).toBe(1);
    const bEvents = await h.request('GET', `/v1/events?type=prediction&${WINDOW}`, {
      key: h.b.key,
    });
    const b0 = bEvents.json.events.find(
      (e: { event: { event_id: string } }) => e.event.event_id === 'b-secret-0',
    );
    expect(b0.event.features).toEqual({ b_feature: 42 });
    return [echoed(r1, 'b-only-model'), echoed(r2, 'b-secret-0')];
  },
  'GET /v1/events': async (h) => {
    const rs: Reply[] = [];
    for (const type of ['prediction', 'label', 'outcome', 'infra']) {
      const r = await h.request('GET', `/v1/events?type=${type}&${WINDOW}&limit=10000`, {
        key: h.a.key,
      });
      expect(r.status).toBe(200);
      for (const e of r.json.events) {
        // The only b-secret-0 A may see is the one A wrote itself (x = -1).
        if (e.event.event_id === 'b-secret-0') expect(e.event.features).toEqual({ x: -1 });
      }
      rs.push(echoed(r, '"b-secret-0"'));
    }
    const byModel = await h.request(
      'GET',
      `/v1/events?type=prediction&model=b-only-model&${WINDOW}`,
      { key: h.a.key },
    );
    expect(byModel.json.events).toEqual([]);
    return [...rs, echoed(byModel, 'b-only-model')];
  },
  'GET /v1/models/:model/profiles': async (h) => {
    const r = await h.request('GET', `/v1/models/m/profiles?${WINDOW}&column=b_feature`, {
      key: h.a.key,
    });
    expect(r.status).toBe(200);
    expect(r.json.profiles).toEqual([]);
    return [r];
  },
  'POST /v1/models/:model/baselines': async (h) => {
    // A window holding B's events gives A a baseline of A's own rows only, or none at all.
    const r = await h.request('POST', '/v1/models/m/baselines', {
      key: h.a.key,
      body: { from: T0, to: T0 + 100, name: 'a-window' },
    });
    expect([201, 400]).toContain(r.status);
    if (r.status === 201) {
      expect(r.json.columns.map((c: { name: string }) => c.name)).not.toContain('b_feature');
      expect(r.json.row_count).toBeLessThan(10);
    }
    const other = await h.request('POST', '/v1/models/b-only-model/baselines', {
      key: h.a.key,
      body: { from: T0, to: T0 + 100 },
    });
    expect(other.status).toBe(404);
    return [r, echoed(other, 'b-only-model')];
  },
  'POST /v1/models/:model/baselines/profiles': async (h) => {
    // Uploaded profiles land on A's own model; B's model is unknown to A's key.
    const p = createCategoricalProfile();
    if (!p.ok) throw new Error(p.error.message);
    updateCategorical(p.value, ['x', 'y']);
    const body = (name: string) => ({
      name,
      source: { kind: 'file', path: 'a.csv' },
      row_count: 2,
      columns: [{ name: 'a_feature', profile: profileToJSON(p.value) }],
    });
    const own = await h.request('POST', '/v1/models/m/baselines/profiles', {
      key: h.a.key,
      body: body('a-file'),
    });
    expect(own.status).toBe(201);
    expect(own.json.model).toBe('m');
    const other = await h.request('POST', '/v1/models/b-only-model/baselines/profiles', {
      key: h.a.key,
      body: body('a-file-2'),
    });
    expect(other.status).toBe(404);
    return [own, echoed(other, 'b-only-model')];
  },
  'PUT /v1/monitors': async (h) => {
    // A monitor on B's model is refused; one with B's monitor name is A's own and leaves B's alone.
    const onB = await h.request('PUT', '/v1/monitors', {
      key: h.a.key,
      raw: MONITOR('a-mon', 'b-only-model'),
      headers: { 'content-type': 'application/yaml' },
    });
    expect(onB.status).toBe(400);
    const same = await h.request('PUT', '/v1/monitors', {
      key: h.a.key,
      raw: MONITOR('b-secret-monitor', 'm').replace('psi', 'ks'),
      headers: { 'content-type': 'application/yaml' },
    });
    expect(same.json.created).toEqual(['b-secret-monitor']);
    const bm = await h.request('GET', '/v1/monitors/b-secret-monitor', { key: h.b.key });
    expect(bm.json.definition.spec.method).toBe('psi');
    const del = await h.request('DELETE', '/v1/monitors/b-secret-monitor', { key: h.a.key });
    expect(del.status).toBe(204);
    expect((await h.request('GET', '/v1/monitors/b-secret-monitor', { key: h.b.key })).status).toBe(
      200,
    );
    return [echoed(onB, 'b-only-model'), echoed(same, 'b-secret-monitor')];
  },
  'GET /v1/monitors': async (h) => {
    const r = await h.request('GET', '/v1/monitors', { key: h.a.key });
    expect(r.status).toBe(200);
    return [r];
  },
  'GET /v1/monitors/:name': async (h) => {
    const r = await h.request('GET', '/v1/monitors/b-secret-monitor', { key: h.a.key });
    expect(r.status).toBe(404);
    return [echoed(r, 'b-secret-monitor')];
  },
  'DELETE /v1/monitors/:name': async (h) => {
    const r = await h.request('DELETE', '/v1/monitors/b-secret-monitor', { key: h.a.key });
    expect(r.status).toBe(404);
    expect((await h.request('GET', '/v1/monitors/b-secret-monitor', { key: h.b.key })).status).toBe(
      200,
    );
    return [echoed(r, 'b-secret-monitor')];
  },
  'GET /v1/monitors/:name/evaluations': async (h) => {
    const r = await h.request('GET', `/v1/monitors/b-secret-monitor/evaluations?${WINDOW}`, {
      key: h.a.key,
    });
    expect(r.status).toBe(404);
    return [echoed(r, 'b-secret-monitor')];
  },
  'GET /v1/alerts': async (h) => {
    const r = await h.request('GET', '/v1/alerts', { key: h.a.key });
    expect(r.status).toBe(200);
    const firing = await h.request('GET', '/v1/alerts?state=firing', { key: h.a.key });
    expect(firing.json.alerts).toEqual([]);
    return [r, firing];
  },
  'GET /v1/deliveries': async (h) => {
    const r = await h.request('GET', `/v1/deliveries?${WINDOW}`, { key: h.a.key });
    expect(r.status).toBe(200);
    expect(r.json.deliveries).toEqual([]);
    const named = await h.request('GET', `/v1/deliveries?${WINDOW}&channel=b-secret-channel`, {
      key: h.a.key,
    });
    expect(named.json.deliveries).toEqual([]);
    // B's own key sees its row: the emptiness above is isolation, not an empty table.
    const own = await h.request('GET', `/v1/deliveries?${WINDOW}`, { key: h.b.key });
    expect(own.json.deliveries).toHaveLength(1);
    return [r, echoed(named, 'b-secret-channel')];
  },
  'PUT /v1/channels': async (h) => {
    // B's channel name is A's own to use; B's definition and secret stay untouched.
    const r = await h.request('PUT', '/v1/channels', {
      key: h.a.key,
      raw: CHANNEL('b-secret-channel', 'http://127.0.0.1:9/a', 'a-hmac-key'),
      headers: yaml,
    });
    expect(r.status).toBe(200);
    expect(r.json.created).toEqual(['b-secret-channel']);
    const bc = await h.request('GET', '/v1/channels/b-secret-channel', { key: h.b.key });
    expect(bc.json.definition.spec.url).toBe('http://127.0.0.1:9/b-private');
    expect(
      (await h.request('DELETE', '/v1/channels/b-secret-channel', { key: h.a.key })).status,
    ).toBe(204);
    expect((await h.request('GET', '/v1/channels/b-secret-channel', { key: h.b.key })).status).toBe(
      200,
    );
    return [echoed(r, 'b-secret-channel')];
  },
  'GET /v1/channels': async (h) => {
    const r = await h.request('GET', '/v1/channels', { key: h.a.key });
    expect(r.status).toBe(200);
    expect(r.json.channels).toEqual([]);
    return [r];
  },
  'GET /v1/channels/:name': async (h) => {
    const r = await h.request('GET', '/v1/channels/b-secret-channel', { key: h.a.key });
    expect(r.status).toBe(404);
    return [echoed(r, 'b-secret-channel')];
  },
  'DELETE /v1/channels/:name': async (h) => {
    const r = await h.request('DELETE', '/v1/channels/b-secret-channel', { key: h.a.key });
    expect(r.status).toBe(404);
    expect((await h.request('GET', '/v1/channels/b-secret-channel', { key: h.b.key })).status).toBe(
      200,
    );
    return [echoed(r, 'b-secret-channel')];
  },
  'POST /v1/silences': async (h) => {
    // A's silence lives in A: B's list and B's notifications are not affected.
    const r = await h.request('POST', '/v1/silences', {
      key: h.a.key,
      body: { matchers: ['model="m"'], comment: 'mute m', duration: '1h' },
    });
    expect(r.status).toBe(201);
    const bs = await h.request('GET', '/v1/silences', { key: h.b.key });
    expect(bs.json.silences.map((x: { id: string }) => x.id)).toEqual([bSilenceId]);
    return [r];
  },
  'GET /v1/silences': async (h) => {
    const r = await h.request('GET', '/v1/silences', { key: h.a.key });
    expect(r.status).toBe(200);
    expect(r.text).not.toContain(bSilenceId);
    return [r];
  },
  'GET /v1/silences/:id': async (h) => {
    const r = await h.request('GET', `/v1/silences/${bSilenceId}`, { key: h.a.key });
    expect(r.status).toBe(404);
    return [r];
  },
  'DELETE /v1/silences/:id': async (h) => {
    const r = await h.request('DELETE', `/v1/silences/${bSilenceId}`, { key: h.a.key });
    expect(r.status).toBe(404);
    const still = await h.request('GET', `/v1/silences/${bSilenceId}`, { key: h.b.key });
    expect(still.json.state).toBe('active');
    return [r];
  },
  ...REGISTRY_PROBES,
  ...LLM_PROBES,
  ...LLM_QUALITY_PROBES,
  ...CANARY_PROBES,
  ...INCIDENT_PROBES,
  'POST /v1/evals/runs': async (h) => {
    // A may reuse B's run id: the run is A's own, and B's stays B's.
    await ensureBEvalRun(h);
    const r = await h.request('POST', '/v1/evals/runs', {
      key: h.a.key,
      body: evalRun('b-secret-run', 'a-target'),
    });
    expect(r.status).toBe(201);
    const own = await h.request('GET', '/v1/evals/runs/b-secret-run', { key: h.b.key });
    expect(own.json.target).toBe('b-secret-target');
    return [echoed(r, 'b-secret-run')];
  },
  'GET /v1/evals/runs': async (h) => {
    await ensureBEvalRun(h);
    const r = await h.request(
      'GET',
      `/v1/evals/runs?target=b-secret-target&from=${T0}&to=${Date.now() + 86_400_000}`,
      { key: h.a.key },
    );
    expect(r.status).toBe(200);
    expect(r.json.runs).toEqual([]);
    return [echoed(r, 'b-secret-target')];
  },
  'GET /v1/evals/runs/:id': async (h) => {
    await ensureBEvalRun(h);
    const r = await h.request('GET', '/v1/evals/runs/b-secret-run', { key: h.a.key });
    // 404, or A's own run of the same id: never B's.
    expect([200, 404]).toContain(r.status);
    if (r.status === 200) expect(r.json.target).toBe('a-target');
    return [echoed(r, 'b-secret-run')];
  },
  'POST /v1/evals/runs/:id/accept': async (h) => {
    await ensureBEvalRun(h);
    const r = await h.request('POST', '/v1/evals/runs/b-secret-unshared/accept', { key: h.a.key });
    expect(r.status).toBe(404);
    const base = await h.request('GET', '/v1/evals/baseline?target=b-secret-target', {
      key: h.b.key,
    });
    expect(base.json.id).toBe('b-secret-run');
    return [echoed(r, 'b-secret-unshared')];
  },
  'GET /v1/evals/baseline': async (h) => {
    await ensureBEvalRun(h);
    const r = await h.request('GET', '/v1/evals/baseline?target=b-secret-target', { key: h.a.key });
    expect(r.status).toBe(404);
    return [echoed(r, 'b-secret-target')];
  },
  // Prompts, pins, deprecations and the gateway (B's prompt `b-secret-prompt` is made here on
  // first use; the thorough seeded checks are in prompts.case.test.ts).
  'POST /v1/prompts': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('POST', '/v1/prompts', {
      key: h.a.key,
      body: { name: 'b-secret-prompt', template: 'mine {{x}}' },
    });
    // A gets version 1 of its own prompt of that name, not B's version 2.
    expect(r.status).toBe(201);
    expect(r.json.version).toBe(1);
    return [echoed(r, 'b-secret-prompt')];
  },
  'GET /v1/prompts': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('GET', '/v1/prompts', { key: h.a.key });
    expect(r.status).toBe(200);
    return [echoed(r, 'b-secret-prompt')];
  },
  'GET /v1/prompts/:name': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('GET', '/v1/prompts/b-secret-prompt?label=production', {
      key: h.a.key,
    });
    expect(r.status).toBe(404);
    return [echoed(r, 'b-secret-prompt')];
  },
  'GET /v1/prompts/:name/versions': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('GET', '/v1/prompts/b-secret-prompt/versions', { key: h.a.key });
    expect([200, 404]).toContain(r.status);
    // Only A's own same-named prompt (if the POST probe ran first) may show.
    if (r.status === 200) expect(r.json.versions).toHaveLength(1);
    return [echoed(r, 'b-secret-prompt')];
  },
  'PUT /v1/prompts/:name/labels/:label': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('PUT', '/v1/prompts/b-secret-prompt/labels/production', {
      key: h.a.key,
      body: { version: 2 },
    });
    expect(r.status).toBe(404);
    const b = await h.request('GET', '/v1/prompts/b-secret-prompt?label=production', {
      key: h.b.key,
    });
    expect(b.json.version).toBe(2);
    return [echoed(r, 'b-secret-prompt')];
  },
  'POST /v1/prompts/:name/labels/:label/revert': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('POST', '/v1/prompts/b-secret-prompt/labels/production/revert', {
      key: h.a.key,
    });
    expect(r.status).toBe(404);
    const b = await h.request('GET', '/v1/prompts/b-secret-prompt?label=production', {
      key: h.b.key,
    });
    expect(b.json.version).toBe(2);
    return [echoed(r, 'b-secret-prompt')];
  },
  'GET /v1/prompts/:name/labels/:label/history': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('GET', '/v1/prompts/b-secret-prompt/labels/production/history', {
      key: h.a.key,
    });
    expect(r.status).toBe(200);
    expect(r.json.history).toEqual([]);
    return [echoed(r, 'b-secret-prompt')];
  },
  'GET /v1/model-pins': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('GET', '/v1/model-pins', { key: h.a.key });
    expect(r.status).toBe(200);
    return [r];
  },
  'PUT /v1/model-pins': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('PUT', '/v1/model-pins', {
      key: h.a.key,
      body: { model: 'gpt-4o', pinned: 'gpt-4o-2024-08-06' },
    });
    expect(r.status).toBe(200);
    const b = await h.request('GET', '/v1/model-pins', { key: h.b.key });
    expect(b.json.pins.map((p: { pinned: string }) => p.pinned)).toEqual(['b-secret-2024-01-01']);
    return [r];
  },
  'DELETE /v1/model-pins': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('DELETE', '/v1/model-pins?model=gpt-4o-mini', { key: h.a.key });
    expect(r.status).toBe(404);
    return [r];
  },
  'GET /v1/model-deprecations': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('GET', '/v1/model-deprecations', { key: h.a.key });
    expect(r.status).toBe(200);
    return [r];
  },
  'PUT /v1/model-deprecations': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('PUT', '/v1/model-deprecations', {
      key: h.a.key,
      body: { model: 'gpt-4-0613', retires_at: '2026-06-06T00:00:00Z' },
    });
    expect(r.status).toBe(200);
    return [r];
  },
  'DELETE /v1/model-deprecations': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('DELETE', '/v1/model-deprecations?model=b-secret-model', {
      key: h.a.key,
    });
    expect(r.status).toBe(404);
    return [echoed(r, 'b-secret-model')];
  },
  'GET /v1/model-usage': async (h) => {
    await ensureBPrompt(h);
    const r = await h.request('GET', `/v1/model-usage?from=0&to=${T0 + 86_400_000}`, {
      key: h.a.key,
    });
    expect(r.status).toBe(200);
    expect(r.json.usage).toEqual([]);
    return [r];
  },
  'POST /v1/chat/completions': async (h) => {
    // No upstream is configured in this harness: the model is unknown, and nothing of B shows.
    const r = await h.request('POST', '/v1/chat/completions', {
      key: h.a.key,
      body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(r.status).toBe(404);
    return [r];
  },
  'POST /v1/embeddings': async (h) => {
    const r = await h.request('POST', '/v1/embeddings', {
      key: h.a.key,
      body: { model: 'text-embedding-3-small', input: 'hi' },
    });
    expect(r.status).toBe(404);
    return [r];
  },
  // Last: it gives A a model named like B's, which the probes above must not see.
  'POST /v1/models': async (h) => {
    // Same name as B's model: A gets its own model, B's schema is untouched.
    const r = await h.request('POST', '/v1/models', {
      key: h.a.key,
      body: { name: 'b-only-model', features: [{ name: 'a_feature', kind: 'numerical' }] },
    });
    expect(r.status).toBe(201);
    const bm = await h.request('GET', '/v1/models/b-only-model', { key: h.b.key });
    expect(bm.json.spec.features.map((f: { name: string }) => f.name)).toEqual(['b_feature']);
    await h.request('POST', '/v1/models', { key: h.a.key, body: { name: 'a-model' } });
    return [];
  },
};

describe.each(BACKENDS)('cross-project isolation on %s', (backend) => {
  let h: Harness;
  let bKeyId = '';
  beforeAll(async () => {
    h = await startHarness(backend);
    // B's private data: a model, a second key, events of every type, profiles.
    const m = await h.request('POST', '/v1/models', {
      key: h.b.key,
      body: { name: 'b-only-model', features: [{ name: 'b_feature', kind: 'numerical' }] },
    });
    expect(m.status).toBe(201);
    const k = await h.request('POST', '/v1/keys', { key: h.b.key, body: { name: 'b-second-key' } });
    bKeyId = k.json.info.id;
    await seedRegistryB(h);
    await seedLlmB(h);
    await seedLlmQualityB(h);
    await seedCanaryB(h);
    await seedIncidentB(h);
    const events = [
      ...Array.from({ length: 10 }, (_, n) => ({
        ...prediction(`b-secret-${n}`, n),
        features: { b_feature: 42 },
      })),
      { ...prediction('b-secret-bm', 1, 'b-only-model'), features: { b_feature: 7 } },
      {
        type: 'label',
        event_id: 'b-secret-l',
        prediction_id: 'b-secret-0',
        label: 'b-secret',
        time: T0,
      },
      {
        type: 'outcome',
        event_id: 'b-secret-o',
        name: 'b-secret',
        value: 1,
        key: 'b-secret',
        time: T0,
      },
      { type: 'infra', event_id: 'b-secret-i', model: 'm', time: T0, error: 'b-secret' },
    ];
    const r = await h.request('POST', '/v1/ingest', { key: h.b.key, body: { events } });
    expect(r.status).toBe(200);
    // B's monitor, its evaluations and its firing alert.
    const mon = await h.request('PUT', '/v1/monitors', {
      key: h.b.key,
      raw: MONITOR('b-secret-monitor', 'm'),
      headers: { 'content-type': 'application/yaml' },
    });
    expect(mon.status).toBe(200);
    await h.store.appendEvaluations('b-project', [
      {
        monitor: 'b-secret-monitor',
        series: 'b_feature',
        timeMs: T0 + 1,
        windowStartMs: T0,
        windowEndMs: T0 + 1,
        status: 'triggered',
        value: 0.9,
        threshold: 0.2,
        sampleSize: 10,
      },
    ]);
    await h.store.upsertAlert('b-project', {
      fingerprint: 'b-secret-fp',
      monitor: 'b-secret-monitor',
      state: 'firing',
      severity: 'critical',
      startedMs: T0,
      updatedMs: T0,
      resolvedMs: null,
      lastNotifiedMs: null,
      value: 0.9,
      labels: { project: 'b-project' },
      summary: 'b-secret drifted',
    });
    await h.store.appendDelivery('b-project', {
      id: 'b-secret-delivery',
      timeMs: T0,
      channel: 'b-secret-channel',
      channelType: 'webhook',
      fingerprint: 'b-secret-fp',
      monitor: 'b-secret-monitor',
      kind: 'firing',
      attempt: 1,
      outcome: 'success',
      statusCode: 200,
      error: null,
      durationMs: 3,
    });
    const ch = await h.request('PUT', '/v1/channels', {
      key: h.b.key,
      raw: CHANNEL('b-secret-channel', 'http://127.0.0.1:9/b-private', 'b-secret-hmac'),
      headers: yaml,
    });
    expect(ch.status).toBe(200);
    const sil = await h.request('POST', '/v1/silences', {
      key: h.b.key,
      body: { matchers: [{ name: 'model', value: 'b-only-model' }], comment: 'b-secret reason' },
    });
    expect(sil.status).toBe(201);
    bSilenceId = sil.json.id;
  });
  afterAll(() => h?.close());

  it('has a probe for every authenticated route', () => {
    const { routes } = buildApp({ store: h.store });
    const guarded = routes.filter((r) => r.auth !== 'public').map((r) => `${r.method} ${r.url}`);
    expect(Object.keys(PROBES).sort()).toEqual(guarded.sort());
  });

  it.each(Object.keys(PROBES))("A's key on %s reaches nothing of B's", async (route) => {
    const replies = await PROBES[route](h, { keyId: bKeyId });
    for (const r of replies) {
      expect([200, 201, 204, 400, 401, 403, 404]).toContain(r.status);
      for (const s of B_SECRETS) expect(r.text, `${route} leaked "${s}"`).not.toContain(s);
    }
  });

  it('a revoked key of B is refused on every authenticated route', async () => {
    const k = await h.request('POST', '/v1/keys', { key: h.b.key, body: { name: 'to-revoke' } });
    await h.request('DELETE', `/v1/keys/${k.json.info.id}`, { key: h.b.key });
    const { routes } = buildApp({ store: h.store });
    for (const r of routes.filter((x) => x.auth === 'key')) {
      const path = r.url.replace(':model', 'b-only-model').replace(':keyId', bKeyId);
      const body = r.method === 'POST' ? {} : undefined;
      const res = await h.request(r.method, path, { key: k.json.key, body });
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });
});
