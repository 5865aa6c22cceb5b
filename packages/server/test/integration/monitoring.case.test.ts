// Baselines from ingested windows, monitors applied as YAML/JSON, and the scheduler driven with
// explicit instants: evaluations stored as series, alert states, missed ticks and gauges.
import { scheduleOffsetMs } from '@vigil/engine';
import { createScheduler, createServerMetrics } from '@vigil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness, T0 } from '../helpers/harness.js';

const HOUR = 3_600_000;
const DRIFT_HOUR = T0 + 5 * HOUR;

// Baseline: x uniform over 0..96 in hour 0. Drifted: x shifted by 60 in hour 5.
function events(prefix: string, start: number, shift: number, n = 300) {
  return Array.from({ length: n }, (_, i) => ({
    type: 'prediction',
    event_id: `${prefix}-${i}`,
    model: 'm',
    time: start + i * 1000,
    features: { x: (i % 97) + shift, c: `k${i % 5}` },
    prediction: (i % 10) / 10 + shift / 100,
  }));
}

// KS reads the quantile sketches. The drifted hour was profiled before the baseline existed, on
// Vigil's default sketch, which KS compares with the baseline's (PSI on window baselines is
// covered in scheduler-kinds.case.test.ts).
const driftYaml = (name: string, extra = '') => `apiVersion: vigil/v1
kind: Monitor
metadata:
  name: ${name}
spec:
  type: data_drift
  model: m
  features: [x]
  method: ks
  window: { kind: hourly }
  cadence: 1h
  minSampleSize: 50${extra}
`;

describe.each(BACKENDS)('monitoring on %s', (backend) => {
  let h: Harness;
  let clock = T0;
  beforeAll(async () => {
    h = await startHarness(backend, { scheduler: { now: () => clock, loop: false } });
    for (const [prefix, start, shift] of [
      ['base', T0, 0],
      ['drift', DRIFT_HOUR, 60],
    ] as const) {
      const r = await h.request('POST', '/v1/ingest', {
        key: h.a.key,
        body: { events: events(prefix, start, shift) },
      });
      expect(r.status).toBe(200);
    }
  });
  afterAll(() => h?.close());

  describe('POST /v1/models/:model/baselines', () => {
    it('builds and activates a baseline from an ingested window', async () => {
      const r = await h.request('POST', '/v1/models/m/baselines', {
        key: h.a.key,
        body: { from: T0, to: new Date(T0 + HOUR).toISOString(), name: 'jan' },
      });
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({
        name: 'jan',
        model: 'm',
        row_count: 300,
        active: true,
        source: { kind: 'window', from: T0, to: T0 + HOUR },
      });
      expect(r.json.columns.map((c: { name: string }) => c.name)).toEqual(['c', 'x', 'prediction']);
      const x = r.json.columns.find((c: { name: string }) => c.name === 'x');
      expect(x.summary).toMatchObject({ count: 300, min: 0, max: 96 });
      const model = await h.request('GET', '/v1/models/m', { key: h.a.key });
      expect(model.json.active_baseline_id).toBe(r.json.id);
    });

    type Bad = { name: string; key: 'a' | 'b'; model: string; body: unknown; status: number };
    const bad: Bad[] = [
      {
        name: 'a taken name',
        key: 'a',
        model: 'm',
        body: { from: T0, to: T0 + HOUR, name: 'jan' },
        status: 409,
      },
      {
        name: 'an unknown model',
        key: 'a',
        model: 'zz',
        body: { from: T0, to: T0 + HOUR },
        status: 404,
      },
      {
        name: 'an empty window',
        key: 'a',
        model: 'm',
        body: { from: T0 + 99 * HOUR, to: T0 + 100 * HOUR },
        status: 400,
      },
      {
        name: 'from after to',
        key: 'a',
        model: 'm',
        body: { from: T0 + HOUR, to: T0 },
        status: 400,
      },
      {
        name: 'an unknown key',
        key: 'a',
        model: 'm',
        body: { from: T0, to: T0 + HOUR, x: 1 },
        status: 400,
      },
      // Project b has a model m but none of a's events: a's window is empty for b.
      {
        name: "another project's data",
        key: 'b',
        model: 'm',
        body: { from: T0, to: T0 + HOUR },
        status: 400,
      },
    ];
    it.each(bad)('refuses $name', async ({ key, model, body, status }) => {
      const r = await h.request('POST', `/v1/models/${model}/baselines`, {
        key: key === 'a' ? h.a.key : h.b.key,
        body,
      });
      expect(r.status).toBe(status);
      expect(r.json.error.code).toBeTypeOf('string');
    });
  });

  describe('monitors API', () => {
    it('applies YAML, then replaces it; lists, gets and deletes per project', async () => {
      const put = (body: string, type = 'application/yaml') =>
        h.request('PUT', '/v1/monitors', {
          key: h.a.key,
          raw: body,
          headers: { 'content-type': type },
        });
      const first = await put(`${driftYaml('tmp')}---\n${driftYaml('drift')}`);
      expect(first.status).toBe(200);
      expect(first.json.created).toEqual(['tmp', 'drift']);
      const again = await put(driftYaml('tmp').replace('method: ks', 'method: wasserstein'));
      expect(again.json).toMatchObject({ created: [], updated: ['tmp'] });
      expect(again.json.monitors[0].definition.spec.method).toBe('wasserstein');
      const list = await h.request('GET', '/v1/monitors', { key: h.a.key });
      expect(
        list.json.monitors.map(
          (m: { definition: { metadata: { name: string } } }) => m.definition.metadata.name,
        ),
      ).toEqual(['drift', 'tmp']);
      expect(
        (await h.request('GET', '/v1/monitors/tmp', { key: h.a.key })).json.definition.spec.cadence,
      ).toBe(HOUR);
      expect((await h.request('GET', '/v1/monitors/tmp', { key: h.b.key })).status).toBe(404);
      expect((await h.request('GET', '/v1/monitors', { key: h.b.key })).json.monitors).toEqual([]);
      expect((await h.request('DELETE', '/v1/monitors/tmp', { key: h.b.key })).status).toBe(404);
      expect((await h.request('DELETE', '/v1/monitors/tmp', { key: h.a.key })).status).toBe(204);
      expect((await h.request('DELETE', '/v1/monitors/tmp', { key: h.a.key })).status).toBe(404);
    });

    it('applies JSON bodies', async () => {
      const body = {
        apiVersion: 'vigil/v1',
        kind: 'Monitor',
        metadata: { name: 'json-quality' },
        spec: { type: 'data_quality', model: 'm' },
      };
      const r = await h.request('PUT', '/v1/monitors', { key: h.b.key, body });
      expect(r.status).toBe(200);
      expect(r.json.created).toEqual(['json-quality']);
      expect(
        (await h.request('DELETE', '/v1/monitors/json-quality', { key: h.b.key })).status,
      ).toBe(204);
    });

    type BadDoc = { name: string; body: string; fields: string[]; lines: number[] };
    const badDocs: BadDoc[] = [
      {
        name: 'unknown keys and wrong values, every one with its line',
        body: 'apiVersion: vigil/v1\nkind: Monitor\nmetadata: { name: bad }\nspec:\n  type: data_drift\n  model: m\n  methd: psi\n  minSampleSize: -1\n',
        fields: ['body.spec.methd', 'body.spec.minSampleSize'],
        lines: [7, 8],
      },
      {
        name: 'YAML syntax errors',
        body: 'apiVersion: vigil/v1\nkind: Monitor\nmetadata: { name: bad\n',
        fields: ['body'],
        lines: [4],
      },
      {
        name: 'another major version',
        body: 'apiVersion: vigil/v2\nkind: Monitor\nmetadata: { name: bad }\nspec: {}\n',
        fields: ['body.apiVersion'],
        lines: [1],
      },
      {
        name: 'an unknown model',
        body: driftYaml('bad').replace('model: m', 'model: nope'),
        fields: ['body.spec.model'],
        lines: [],
      },
    ];
    it.each(badDocs)('refuses $name with 400', async ({ body, fields, lines }) => {
      const r = await h.request('PUT', '/v1/monitors', {
        key: h.a.key,
        raw: body,
        headers: { 'content-type': 'text/yaml' },
      });
      expect(r.status).toBe(400);
      const issues = r.json.error.issues as { field: string; reason: string }[];
      expect(issues.map((i) => i.field)).toEqual(fields);
      for (const [i, line] of lines.entries())
        expect(issues[i].reason).toMatch(new RegExp(`^line ${line},`));
      expect((await h.request('GET', '/v1/monitors/bad', { key: h.a.key })).status).toBe(404);
    });
  });

  describe('scheduler', () => {
    const offset = () => scheduleOffsetMs('a-project/drift', HOUR);

    it('evaluates at the slot after the drifted hour, stores the series and fires', async () => {
      const scheduler = h.server.scheduler;
      if (scheduler === null) throw new Error('the harness must run a scheduler');
      // Slot at 06:00 + offset evaluates [05:00, 06:00), the drifted hour.
      clock = DRIFT_HOUR + HOUR + offset() + 1234;
      const report = await scheduler.tick();
      expect(report.leader).toBe(true);
      const mine = report.evaluated.filter((e) => e.projectId === 'a-project');
      expect(mine).toEqual([
        {
          projectId: 'a-project',
          monitor: 'drift',
          slotAt: DRIFT_HOUR + HOUR + offset(),
          status: 'BREACH',
          value: expect.any(Number),
          alert: 'FIRING',
          missed: 0,
        },
      ]);
      expect(mine[0].value).toBeLessThan(1e-6);
      // The same slot is never evaluated twice.
      expect((await scheduler.tick()).evaluated).toEqual([]);

      const ev = await h.request(
        'GET',
        `/v1/monitors/drift/evaluations?from=${DRIFT_HOUR}&to=${DRIFT_HOUR + 2 * HOUR}`,
        { key: h.a.key },
      );
      expect(ev.status).toBe(200);
      const points = ev.json.evaluations as {
        series: string;
        value: number;
        status: string;
        window_start: number;
        window_end: number;
      }[];
      expect(points.map((p) => p.series).sort()).toEqual(['', 'x']);
      const x = points.find((p) => p.series === 'x');
      expect(x).toMatchObject({
        status: 'triggered',
        window_start: DRIFT_HOUR,
        window_end: DRIFT_HOUR + HOUR,
      });
      expect(points.find((p) => p.series === '')?.value).toBe(mine[0].value);
      expect(
        (
          await h.request(
            'GET',
            `/v1/monitors/drift/evaluations?from=${DRIFT_HOUR}&to=${DRIFT_HOUR + 2 * HOUR}`,
            { key: h.b.key },
          )
        ).status,
      ).toBe(404);

      const alerts = await h.request('GET', '/v1/alerts', { key: h.a.key });
      expect(alerts.json.alerts).toEqual([
        expect.objectContaining({
          monitor: 'drift',
          state: 'firing',
          severity: 'warning',
          value: mine[0].value,
          labels: { model: 'm', monitor: 'drift', project: 'a-project', severity: 'warning' },
        }),
      ]);
      expect((await h.request('GET', '/v1/alerts?state=ok', { key: h.a.key })).json.alerts).toEqual(
        [],
      );
      expect((await h.request('GET', '/v1/alerts', { key: h.b.key })).json.alerts).toEqual([]);

      const metrics = await h.request('GET', '/metrics');
      const line = metrics.text
        .split('\n')
        .find((l) =>
          l.startsWith(
            'vigil_monitor_value{project="a-project",model="m",monitor="drift",feature="x"}',
          ),
        );
      expect(Number(line?.split(' ')[1])).toBe(x?.value);
      expect(metrics.text).toContain(
        'vigil_monitor_state{project="a-project",model="m",monitor="drift",feature=""} 2',
      );
    });

    it('counts missed slots once and never replays them', async () => {
      const scheduler = h.server.scheduler;
      if (scheduler === null) throw new Error('the harness must run a scheduler');
      // Three hours later: slots 07:00 and 08:00 were missed; 09:00 runs once on [08:00, 09:00).
      clock = DRIFT_HOUR + 4 * HOUR + offset() + 1;
      const report = await scheduler.tick();
      const mine = report.evaluated.filter((e) => e.projectId === 'a-project');
      expect(mine.map((e) => [e.slotAt, e.missed, e.status, e.alert])).toEqual([
        // An empty window is NO_DATA, which never ends a FIRING episode by itself.
        [DRIFT_HOUR + 4 * HOUR + offset(), 2, 'NO_DATA', 'FIRING'],
      ]);
      const metrics = await h.request('GET', '/metrics');
      expect(metrics.text).toContain(
        'vigil_scheduler_missed_ticks_total{project="a-project",monitor="drift"} 2',
      );
      // The x gauge is dropped when the window has no value for it.
      expect(metrics.text).not.toContain('monitor="drift",feature="x"}');
      const all = await h.request(
        'GET',
        `/v1/monitors/drift/evaluations?from=${T0}&to=${T0 + 24 * HOUR}&series=`,
        { key: h.a.key },
      );
      expect(all.json.evaluations.map((p: { status: string }) => p.status)).toEqual([
        'triggered',
        'no_data',
      ]);
    });

    it('leaves evaluation to one leader per database', async () => {
      const other = h.reopen();
      try {
        const second = createScheduler({
          store: other,
          metrics: createServerMetrics({ processMetrics: false }),
          now: () => clock + 10 * HOUR,
        });
        expect((await second.tick()).leader).toBe(false);
        await h.server.scheduler?.stop();
        const report = await second.tick();
        expect(report.leader).toBe(true);
        expect(report.evaluated.map((e) => e.monitor)).toEqual(['drift']);
        await second.stop();
      } finally {
        await other.close();
      }
    });
  });
});
