import {
  type IngestEventInput,
  ingestEventSchema,
  monitorDefinitionSchema,
} from '@vigil/contracts';
import { createNumericProfile, profileDrift, updateNumeric } from '@vigil/core';
import { learnDriftThreshold, scheduleOffsetMs } from '@vigil/engine';
import { createScheduler, createServerMetrics, type Scheduler } from '@vigil/server';
import { createBaselineFromWindow, type SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../helpers/harness.js';

const _DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 1);
const P = 'kinds';

type Opened = { store: SqlStore; cleanup: () => Promise<void> };

const open = (backend: 'sqlite' | 'postgres', now: () => number): Opened =>
  openTestStore(backend, { now, prefix: 'kinds' });

type Pred = {
  id: string;
  model: string;
  time: number;
  features?: Record<string, number | string | null>;
  prediction?: number | string;
  latency_ms?: number;
  error?: string;
  tags?: Record<string, string>;
  model_version?: string;
  probabilities?: Record<string, number>;
};

const pred = (p: Pred): IngestEventInput => ({
  type: 'prediction',
  event_id: p.id,
  model: p.model,
  time: p.time,
  features: p.features ?? {},
  ...(p.prediction === undefined ? {} : { prediction: p.prediction }),
  ...(p.latency_ms === undefined ? {} : { latency_ms: p.latency_ms }),
  ...(p.error === undefined ? {} : { error: p.error }),
  ...(p.tags === undefined ? {} : { tags: p.tags }),
  ...(p.model_version === undefined ? {} : { model_version: p.model_version }),
  ...(p.probabilities === undefined ? {} : { probabilities: p.probabilities }),
});

describe.each(['sqlite', 'postgres'] as const)(
  'scheduler over every monitor kind on %s',
  (backend) => {
    let clock = T0;
    let db: Opened;
    let store: SqlStore;
    let scheduler: Scheduler;

    async function ingest(events: IngestEventInput[]): Promise<void> {
      const parsed = events.map((e) => ingestEventSchema.parse(e));
      // The store's batch limit is the server's concern; send in slices like a client would.
      for (let i = 0; i < parsed.length; i += 1000) {
        await store.appendEvents(P, parsed.slice(i, i + 1000));
      }
    }

    async function model(
      name: string,
      features: { name: string; kind: 'numerical' | 'categorical' }[] = [],
    ) {
      await store.upsertModel(P, { name, task: 'other', features });
    }

    async function monitor(doc: Record<string, unknown>): Promise<string> {
      const def = monitorDefinitionSchema.parse({
        apiVersion: 'vigil/v1',
        kind: 'Monitor',
        ...doc,
      });
      await store.upsertMonitor(P, def);
      return def.metadata.name;
    }

    /** runAt evaluates `name` at its slot right after `windowEnd` and returns what it stored. */
    async function runAt(name: string, windowEnd: number) {
      const slot = windowEnd + scheduleOffsetMs(`${P}/${name}`, HOUR);
      clock = slot + 1;
      const report = await scheduler.tick();
      const mine = report.evaluated.find((e) => e.monitor === name);
      if (mine === undefined)
        throw new Error(`${name} was not evaluated at ${new Date(slot).toISOString()}`);
      const points = await store.queryEvaluations(P, {
        monitor: name,
        range: { fromMs: slot, toMs: slot + 1 },
      });
      const series = Object.fromEntries(points.map((p) => [p.series, p]));
      return { ...mine, series };
    }

    beforeAll(async () => {
      db = open(backend, () => clock);
      store = db.store;
      await store.migrate();
      await store.createProject({ id: P, name: 'Kinds' });
      scheduler = createScheduler({
        store,
        metrics: createServerMetrics({ processMetrics: false }),
        now: () => clock,
      });
    });
    afterAll(async () => {
      await scheduler?.stop();
      await store?.close();
      await db?.cleanup();
    });

    it('data_drift, PSI against a window baseline: OK on the same data, FIRING when shifted', async () => {
      await model('psi', [{ name: 'x', kind: 'numerical' }]);
      const xs = (k: number) => Array.from({ length: 1000 }, (_, i) => ((i * k) % 1000) / 10);
      const at = (h: number, i: number) => T0 + h * HOUR + i * 1000;
      // Hour 0: the reference. Hour 2, shifted by 30, arrives before the baseline exists (profiled
      // without edges); hour 1, the same values in another order, after it (profiled on its edges).
      await ingest(
        xs(37).map((x, i) =>
          pred({ id: `psi-r${i}`, model: 'psi', time: at(0, i), features: { x } }),
        ),
      );
      await ingest(
        xs(53).map((x, i) =>
          pred({ id: `psi-s${i}`, model: 'psi', time: at(2, i), features: { x: x + 30 } }),
        ),
      );
      const { columns } = await createBaselineFromWindow(store, P, {
        model: 'psi',
        name: 'h0',
        fromMs: T0,
        toMs: T0 + HOUR,
      });
      const base = columns.find((c) => c.name === 'x')?.profile;
      if (base?.kind !== 'numeric' || base.histogram === null) throw new Error('no histogram');
      await ingest(
        xs(71).map((x, i) =>
          pred({ id: `psi-c${i}`, model: 'psi', time: at(1, i), features: { x } }),
        ),
      );
      const name = await monitor({
        metadata: { name: 'psi-x' },
        spec: {
          type: 'data_drift',
          model: 'psi',
          features: ['x'],
          method: 'psi',
          minSampleSize: 100,
        },
      });

      const same = await runAt(name, T0 + 2 * HOUR);
      expect([same.status, same.alert, same.value]).toEqual(['OK', 'OK', 0]);
      expect(same.series.x).toMatchObject({
        status: 'ok',
        value: 0,
        threshold: 0.2,
        sampleSize: 1000,
      });

      const shifted = await runAt(name, T0 + 3 * HOUR);
      // The same statistic on the raw shifted values binned on the baseline's edges.
      const raw = (values: number[]) => {
        const p = createNumericProfile({ edges: base.histogram?.edges });
        if (!p.ok) throw new Error(p.error.message);
        updateNumeric(p.value, Float64Array.from(values));
        return p.value;
      };
      const expected = profileDrift(raw(xs(37)), raw(xs(53).map((x) => x + 30)), { method: 'psi' });
      if (!expected.ok) throw new Error(expected.error.message);
      expect([shifted.status, shifted.alert]).toEqual(['BREACH', 'FIRING']);
      expect(shifted.value).toBe(expected.value.score);
      expect(shifted.value).toBeGreaterThan(0.2);
      await store.deleteMonitor(P, name);
    });

    it('data_drift with a PSI threshold learned from the reference chunks (leave one out)', async () => {
      await model('ld', [{ name: 'x', kind: 'numerical' }]);
      const H = (h: number) => T0 + 70 * HOUR + h * HOUR;
      const xs = (h: number) =>
        Array.from(
          { length: 200 },
          (_, i) => ((i * 7 + h * 13) % 200) / 4 + h + (h === 4 ? 10 : 0),
        );
      for (let h = 0; h <= 4; h++) {
        await ingest(
          xs(h).map((x, i) =>
            pred({ id: `ld-${h}-${i}`, model: 'ld', time: H(h) + i, features: { x } }),
          ),
        );
      }
      const { columns } = await createBaselineFromWindow(store, P, {
        model: 'ld',
        name: 'ref',
        fromMs: H(0),
        toMs: H(4),
      });
      const base = columns.find((c) => c.name === 'x')?.profile;
      if (base?.kind !== 'numeric' || base.histogram === null) throw new Error('no histogram');
      // Independently: each reference hour's raw values binned on the baseline's edges, scored by
      // the engine's leave-one-out rule; the window's PSI the same way.
      const raw = (values: number[]) => {
        const p = createNumericProfile({ edges: base.histogram?.edges });
        if (!p.ok) throw new Error(p.error.message);
        updateNumeric(p.value, Float64Array.from(values));
        return p.value;
      };
      const limit = learnDriftThreshold(
        [0, 1, 2, 3].map((h) => raw(xs(h))),
        'psi',
        3,
      );
      const psi = profileDrift(base, raw(xs(4)), { method: 'psi' });
      if (!limit.ok || !psi.ok) throw new Error('reference computation failed');
      const name = await monitor({
        metadata: { name: 'ld-x' },
        spec: {
          type: 'data_drift',
          model: 'ld',
          features: ['x'],
          method: 'psi',
          threshold: { learned: { chunks: 4, stdMultiplier: 3 } },
          minSampleSize: 100,
        },
      });
      const r = await runAt(name, H(5));
      expect(r.series.x.threshold).toBeCloseTo(limit.value, 12);
      expect(r.series.x.value).toBeCloseTo(psi.value.score, 12);
      expect(r.status).toBe(psi.value.score >= limit.value ? 'BREACH' : 'OK');
      expect(r.status).toBe('BREACH');
      await store.deleteMonitor(P, name);
    });

    it('performance: accuracy of labelled predictions against the baseline, NO_DATA unlabelled', async () => {
      await model('perf');
      const H = (h: number) => T0 + 10 * HOUR + h * HOUR;
      // Hour 0: 180 of 200 right (0.90). Hour 1: 178 right (0.89). Hour 2: 170 right (0.85).
      // Hour 3: predictions without labels. Labels arrive an hour after their prediction.
      const hours: [number, number, boolean][] = [
        [0, 180, true],
        [1, 178, true],
        [2, 170, true],
        [3, 0, false],
      ];
      for (const [h, right, labelled] of hours) {
        const events: IngestEventInput[] = [];
        for (let i = 0; i < 200; i++) {
          const id = `perf-${h}-${i}`;
          const y = i % 2;
          events.push(
            pred({ id, model: 'perf', time: H(h) + i * 1000, prediction: i < right ? y : 1 - y }),
          );
          if (labelled) {
            events.push({
              type: 'label',
              event_id: `l-${id}`,
              prediction_id: id,
              label: y,
              time: H(h + 1) + i,
            });
          }
        }
        await ingest(events);
      }
      await createBaselineFromWindow(store, P, {
        model: 'perf',
        name: 'h0',
        fromMs: H(0),
        toMs: H(1),
      });
      const name = await monitor({
        metadata: { name: 'accuracy' },
        spec: { type: 'performance', model: 'perf', metric: 'accuracy', minSampleSize: 100 },
      });
      const ok = await runAt(name, H(2));
      expect([ok.status, ok.alert]).toEqual(['OK', 'OK']);
      expect(ok.value).toBeCloseTo(0.89, 12);
      // Bound: 0.90 − 3 % of 0.90.
      expect(ok.series[''].threshold).toBeCloseTo(0.873, 12);
      const drop = await runAt(name, H(3));
      expect([drop.status, drop.alert]).toEqual(['BREACH', 'FIRING']);
      expect(drop.value).toBeCloseTo(0.85, 12);
      const none = await runAt(name, H(4));
      expect([none.status, none.value]).toEqual(['NO_DATA', null]);
      expect(none.series.accuracy).toMatchObject({ status: 'no_data', sampleSize: 0 });
      await store.deleteMonitor(P, name);
    });

    it('prediction_drift: mean shift over every N events, per segment', async () => {
      await model('pd');
      const H = (h: number) => T0 + 20 * HOUR + h * HOUR;
      // Baseline predictions k/10 for k = 0..9: mean 0.45, population std sqrt(0.0825).
      await ingest(
        Array.from({ length: 200 }, (_, i) =>
          pred({ id: `pd-b${i}`, model: 'pd', time: H(0) + i, prediction: (i % 10) / 10 }),
        ),
      );
      await createBaselineFromWindow(store, P, {
        model: 'pd',
        name: 'h0',
        fromMs: H(0),
        toMs: H(1),
      });
      const std = Math.sqrt(0.0825);
      const events = await monitor({
        metadata: { name: 'pd-events' },
        spec: {
          type: 'prediction_drift',
          model: 'pd',
          window: { kind: 'events', size: 100 },
          minSampleSize: 50,
        },
      });
      // 200 baseline predictions are two full runs; a third run of 100, shifted by 0.3, then 0.7.
      clock = H(1);
      await ingest(
        Array.from({ length: 100 }, (_, i) =>
          pred({ id: `pd-a${i}`, model: 'pd', time: H(1) + i, prediction: (i % 10) / 10 + 0.3 }),
        ),
      );
      const small = await runAt(events, H(2));
      expect([small.status, small.alert]).toEqual(['OK', 'OK']);
      expect(small.value).toBeCloseTo(0.3 / std, 10);
      expect(small.series['']).toMatchObject({ windowStartMs: H(1), windowEndMs: H(1) + 100 });
      const region = (i: number) =>
        pred({
          id: `pd-c${i}`,
          model: 'pd',
          time: H(2) + i,
          prediction: (i % 10) / 10 + (i < 100 ? 0.7 : 0),
          tags: { region: i < 100 ? 'eu' : 'us' },
        });
      // Two batches: arrival order is receive time, then event id within a batch.
      clock = H(2) + HOUR / 2;
      await ingest(Array.from({ length: 100 }, (_, i) => region(i)));
      clock += 1;
      await ingest(Array.from({ length: 50 }, (_, i) => region(100 + i)));
      // 450 arrived: the last full run is [300, 400), the 100 shifted by 0.7 (2.437 std > 2).
      const big = await runAt(events, H(3));
      expect([big.status, big.alert]).toEqual(['BREACH', 'FIRING']);
      expect(big.value).toBeCloseTo(0.7 / std, 10);
      await store.deleteMonitor(P, events);

      for (const [region, shift, status] of [
        ['eu', 0.7, 'BREACH'],
        ['us', 0, 'OK'],
      ] as const) {
        const name = await monitor({
          metadata: { name: `pd-${region}` },
          spec: { type: 'prediction_drift', model: 'pd', segment: { region }, minSampleSize: 50 },
        });
        const r = await runAt(name, H(3));
        expect(r.status).toBe(status);
        expect(r.value).toBeCloseTo(shift / std, 10);
        expect(r.series.prediction.sampleSize).toBe(region === 'eu' ? 100 : 50);
        await store.deleteMonitor(P, name);
      }
    });

    it('infrastructure: latency quantiles, error rate and throughput; NO_DATA on an empty hour', async () => {
      await model('api');
      await model('svc');
      const H = T0 + 30 * HOUR;
      // 100 predictions, latencies 1..100 ms, 5 with an error.
      await ingest(
        Array.from({ length: 100 }, (_, i) =>
          pred({
            id: `api-${i}`,
            model: 'api',
            time: H + i * 1000,
            latency_ms: i + 1,
            ...(i % 20 === 0 ? { error: 'timeout' } : {}),
          }),
        ),
      );
      // svc reports infrastructure samples: 10 of 60 requests each, 2 of them failed.
      await ingest(
        Array.from({ length: 10 }, (_, i) => ({
          type: 'infra' as const,
          event_id: `svc-${i}`,
          model: 'svc',
          time: H + i * 60_000,
          latency_ms: 10 * (i + 1),
          requests: 60,
          status: i < 2 ? ('error' as const) : ('ok' as const),
        })),
      );
      const cases = [
        // numpy.quantile(1..100, 0.95) = 95.05; the sketch is within 1 % of it.
        {
          model: 'api',
          signal: 'latency_p95',
          condition: { above: 90 },
          status: 'BREACH',
          value: 95.05,
          tol: 0.951,
        },
        {
          model: 'api',
          signal: 'latency_p50',
          condition: { above: 90 },
          status: 'OK',
          value: 50.5,
          tol: 0.506,
        },
        {
          model: 'api',
          signal: 'error_rate',
          condition: { above: 0.02 },
          status: 'BREACH',
          value: 0.05,
          tol: 1e-12,
        },
        {
          model: 'api',
          signal: 'throughput',
          condition: { below: 1 },
          status: 'BREACH',
          value: 100 / 3600,
          tol: 1e-12,
        },
        {
          model: 'svc',
          signal: 'error_rate',
          condition: { above: 0.1 },
          status: 'BREACH',
          value: 120 / 600,
          tol: 1e-12,
        },
        {
          model: 'svc',
          signal: 'throughput',
          condition: { below: 0.1 },
          status: 'OK',
          value: 600 / 3600,
          tol: 1e-12,
        },
      ] as const;
      for (const c of cases) {
        const name = await monitor({
          metadata: { name: `${c.model}-${c.signal}` },
          spec: {
            type: 'infrastructure',
            model: c.model,
            signal: c.signal,
            condition: c.condition,
            minSampleSize: 10,
          },
        });
        const r = await runAt(name, H + HOUR);
        expect([c.signal, r.status]).toEqual([c.signal, c.status]);
        expect(Math.abs((r.value as number) - c.value)).toBeLessThanOrEqual(c.tol);
        if (c.signal === 'latency_p95') {
          const empty = await runAt(name, H + 2 * HOUR);
          // An empty hour is NO_DATA; it keeps a FIRING alert firing (never resolves it by itself).
          expect([empty.status, empty.alert]).toEqual(['NO_DATA', 'FIRING']);
        }
        await store.deleteMonitor(P, name);
      }
      const fresh = await monitor({
        metadata: { name: 'api-p99-empty' },
        spec: {
          type: 'infrastructure',
          model: 'api',
          signal: 'latency_p99',
          condition: { above: 1 },
          minSampleSize: 10,
        },
      });
      const empty = await runAt(fresh, H + 2 * HOUR);
      expect([empty.status, empty.alert]).toEqual(['NO_DATA', 'NO_DATA']);
      await store.deleteMonitor(P, fresh);
    });

    it('business: CTR per model version from outcomes joined by prediction id', async () => {
      await model('rec');
      const H = T0 + 40 * HOUR;
      const events: IngestEventInput[] = [];
      // v1: 100 shown, 10 clicked (CTR 0.10); v2: 100 shown, 1 clicked (0.01).
      for (const [version, clicks] of [
        ['v1', 10],
        ['v2', 1],
      ] as const) {
        for (let i = 0; i < 100; i++) {
          const id = `rec-${version}-${i}`;
          events.push(
            pred({ id, model: 'rec', time: H + i, model_version: version, prediction: 1 }),
          );
          events.push({
            type: 'outcome',
            event_id: `click-${id}`,
            name: 'click',
            value: i < clicks ? 1 : 0,
            prediction_id: id,
            time: H + 1000 + i,
          });
        }
      }
      // An outcome joined by key is not attributed to a model.
      events.push({
        type: 'outcome',
        event_id: 'k1',
        name: 'click',
        value: 1,
        key: 'order-1',
        time: H + 5,
      });
      await ingest(events);
      const name = await monitor({
        metadata: { name: 'ctr' },
        spec: {
          type: 'business',
          model: 'rec',
          outcome: 'click',
          aggregate: 'mean',
          groupBy: ['model_version'],
          condition: { below: 0.05 },
          minSampleSize: 50,
        },
      });
      const r = await runAt(name, H + HOUR);
      expect([r.status, r.alert]).toEqual(['BREACH', 'FIRING']);
      expect(r.value).toBeCloseTo(0.01, 15);
      expect(r.series['model_version=v1']).toMatchObject({ status: 'ok', sampleSize: 100 });
      expect(r.series['model_version=v1'].value).toBeCloseTo(0.1, 15);
      expect(r.series['model_version=v2']).toMatchObject({ status: 'triggered', sampleSize: 100 });
      await store.deleteMonitor(P, name);
    });

    it('custom: a fixed bound on a feature mean, and bounds learned from reference chunks', async () => {
      await model('cu', [{ name: 'x', kind: 'numerical' }]);
      const H = (h: number) => T0 + 50 * HOUR + h * HOUR;
      // Four reference hours with prediction means 0.40, 0.45, 0.50, 0.45: mean 0.45, population
      // std 0.0353553, learned bounds 0.45 ± 3·0.0353553 = [0.343934, 0.556066].
      const means = [0.4, 0.45, 0.5, 0.45, 0.6, 0.47];
      for (const [h, m] of means.entries()) {
        await ingest(
          Array.from({ length: 100 }, (_, i) =>
            pred({
              id: `cu-${h}-${i}`,
              model: 'cu',
              time: H(h) + i,
              prediction: m + (i % 2 ? 0.1 : -0.1),
              features: { x: 40 + h },
            }),
          ),
        );
      }
      await createBaselineFromWindow(store, P, {
        model: 'cu',
        name: 'ref',
        fromMs: H(0),
        toMs: H(4),
      });
      const learned = await monitor({
        metadata: { name: 'cu-learned' },
        spec: {
          type: 'custom',
          model: 'cu',
          series: 'prediction:mean',
          condition: { learned: { chunks: 4, stdMultiplier: 3 } },
          minSampleSize: 50,
        },
      });
      const high = await runAt(learned, H(5));
      expect([high.status, high.alert]).toEqual(['BREACH', 'FIRING']);
      expect(high.value).toBeCloseTo(0.6, 12);
      expect(high.series['prediction:mean'].threshold).toBeCloseTo(
        0.45 + 3 * Math.sqrt(0.00125),
        10,
      );
      const fine = await runAt(learned, H(6));
      expect(fine.status).toBe('OK');
      expect(fine.value).toBeCloseTo(0.47, 12);
      await store.deleteMonitor(P, learned);

      const fixed = await monitor({
        metadata: { name: 'cu-x' },
        spec: {
          type: 'custom',
          model: 'cu',
          series: 'feature:x:mean',
          condition: { above: 44.5 },
          minSampleSize: 50,
        },
      });
      const x = await runAt(fixed, H(6));
      expect(x.status).toBe('BREACH');
      expect(x.value).toBeCloseTo(45, 12);
      await store.deleteMonitor(P, fixed);
      const bad = await monitor({
        metadata: { name: 'cu-bad' },
        spec: { type: 'custom', model: 'cu', series: 'nope', condition: { above: 1 } },
      });
      const b = await runAt(bad, H(6));
      expect(b.status).toBe('ERROR');
      expect(b.series[''].details?.message).toMatch(/is not one of/);
      await store.deleteMonitor(P, bad);
    });

    it('data_quality per batch: the last batch received, missing share over the limit', async () => {
      await model('dq', [{ name: 'x', kind: 'numerical' }]);
      const H = T0 + 60 * HOUR;
      clock = H;
      await ingest(
        Array.from({ length: 100 }, (_, i) =>
          pred({ id: `dq-b${i}`, model: 'dq', time: H + i, features: { x: i } }),
        ),
      );
      await createBaselineFromWindow(store, P, {
        model: 'dq',
        name: 'b',
        fromMs: H,
        toMs: H + HOUR,
      });
      clock = H + 10 * 60_000;
      // 8 of 80 values missing: 0.1 > 0.05.
      await ingest(
        Array.from({ length: 80 }, (_, i) =>
          pred({
            id: `dq-n${i}`,
            model: 'dq',
            time: H + 600_000 + i,
            features: { x: i < 8 ? null : i },
          }),
        ),
      );
      const name = await monitor({
        metadata: { name: 'dq-batch' },
        spec: { type: 'data_quality', model: 'dq', window: { kind: 'batch' }, minSampleSize: 50 },
      });
      const r = await runAt(name, H + HOUR);
      expect([r.status, r.alert]).toEqual(['BREACH', 'FIRING']);
      expect(r.series['x:missing_share']).toMatchObject({
        value: 0.1,
        sampleSize: 80,
        status: 'triggered',
      });
      await store.deleteMonitor(P, name);
    });
  },
);
