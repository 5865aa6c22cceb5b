// Business monitors over outcomes sent with a `key` instead of a prediction id (`join: key`),
// through the real scheduler tick() on SQLite and PostgreSQL: count, sum, mean and per-prediction
// (clicks keyed by impression id over the model's predictions: a CTR), narrowed by `tags` and by
// `segment`, checked against values computed by hand from the events below.
import { randomBytes } from 'node:crypto';
import {
  type IngestEventInput,
  ingestEventSchema,
  monitorDefinitionSchema,
} from '@vigil/contracts';
import { scheduleOffsetMs } from '@vigil/engine';
import { createScheduler, createServerMetrics, type Scheduler } from '@vigil/server';
import type { SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../helpers/harness.js';

const _DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 4, 1);
const H = T0 + 10 * HOUR;
const P = 'keyed';

const open = (backend: 'sqlite' | 'postgres', now: () => number) =>
  openTestStore(backend, { now, prefix: 'keyed' });

const outcome = (
  id: string,
  name: string,
  value: number,
  time: number,
  join: { key: string } | { prediction_id: string },
  tags?: Record<string, string>,
): IngestEventInput => ({
  type: 'outcome',
  event_id: id,
  name,
  value,
  time,
  ...join,
  ...(tags === undefined ? {} : { tags }),
});

// The hour [H, H + 1 h): 200 predictions of `ranker`, 100 tagged surface=home, 100 surface=search.
// Keyed clicks in the hour: 7 home + 3 search = 10. Not counted by `join: key`: a keyed click of
// the next hour, 2 clicks joined by prediction id, a keyed `purchase`. Keyed revenue in the hour:
// 10, 20 and 45.5 (home) → count 3, sum 75.5, mean 25.1666….
function events(): IngestEventInput[] {
  const out: IngestEventInput[] = [];
  for (let i = 0; i < 200; i++) {
    out.push({
      type: 'prediction',
      event_id: `imp-${i}`,
      model: 'ranker',
      time: H + i * 1000,
      features: {},
      prediction: 1,
      tags: { surface: i < 100 ? 'home' : 'search' },
    });
  }
  for (let i = 0; i < 7; i++)
    out.push(
      outcome(`ch-${i}`, 'click', 1, H + 5000 + i, { key: `imp-${i}` }, { surface: 'home' }),
    );
  for (let i = 0; i < 3; i++)
    out.push(
      outcome(
        `cs-${i}`,
        'click',
        1,
        H + 6000 + i,
        { key: `imp-${100 + i}` },
        { surface: 'search' },
      ),
    );
  out.push(outcome('late', 'click', 1, H + HOUR + 10, { key: 'imp-late' }, { surface: 'home' }));
  out.push(outcome('j-1', 'click', 1, H + 7000, { prediction_id: 'imp-150' }));
  out.push(outcome('j-2', 'click', 1, H + 7001, { prediction_id: 'imp-151' }));
  out.push(outcome('buy', 'purchase', 30, H + 8000, { key: 'order-1' }, { surface: 'home' }));
  for (const [i, v] of [10, 20, 45.5].entries())
    out.push(
      outcome(`rev-${i}`, 'revenue', v, H + 9000 + i, { key: `o-${i}` }, { surface: 'home' }),
    );
  return out;
}

describe.each(['sqlite', 'postgres'] as const)(
  'business monitors over keyed outcomes on %s',
  (backend) => {
    let clock = T0;
    let db: ReturnType<typeof open>;
    let store: SqlStore;
    let scheduler: Scheduler;

    async function evaluate(spec: Record<string, unknown>, windowEnd = H + HOUR) {
      const name = `m-${randomBytes(3).toString('hex')}`;
      const def = monitorDefinitionSchema.parse({
        apiVersion: 'vigil/v1',
        kind: 'Monitor',
        metadata: { name },
        spec: { type: 'business', model: 'ranker', minSampleSize: 1, ...spec },
      });
      await store.upsertMonitor(P, def);
      const slot = windowEnd + scheduleOffsetMs(`${P}/${name}`, HOUR);
      clock = slot + 1;
      const report = await scheduler.tick();
      const mine = report.evaluated.find((e) => e.monitor === name);
      const points = await store.queryEvaluations(P, {
        monitor: name,
        range: { fromMs: slot, toMs: slot + 1 },
      });
      await store.deleteMonitor(P, name);
      if (mine === undefined) throw new Error(`${name} was not evaluated`);
      // One point per check, plus the monitor's summary point (series '').
      return { ...mine, points: points.filter((p) => p.series !== '') };
    }

    beforeAll(async () => {
      db = open(backend, () => clock);
      store = db.store;
      await store.migrate();
      await store.createProject({ id: P, name: 'Keyed' });
      await store.upsertModel(P, { name: 'ranker', task: 'other', features: [] });
      const parsed = events().map((e) => ingestEventSchema.parse(e));
      await store.appendEvents(P, parsed);
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

    it('per_prediction: keyed clicks over the model predictions of the window (CTR)', async () => {
      // 10 keyed clicks / 200 predictions.
      const r = await evaluate({
        outcome: 'click',
        join: 'key',
        aggregate: 'per_prediction',
        condition: { below: 0.06 },
      });
      expect([r.status, r.alert]).toEqual(['BREACH', 'FIRING']);
      expect(r.value).toBeCloseTo(0.05, 15);
      expect(r.points).toMatchObject([{ series: 'click', sampleSize: 200 }]);
    });

    it('tags narrow the outcomes; segment narrows outcomes and predictions alike', async () => {
      // 7 home clicks / all 200 predictions.
      const tagged = await evaluate({
        outcome: 'click',
        join: 'key',
        tags: { surface: 'home' },
        aggregate: 'per_prediction',
        condition: { below: 0.01 },
      });
      expect(tagged.status).toBe('OK');
      expect(tagged.value).toBeCloseTo(0.035, 15);
      // 7 home clicks / 100 home predictions.
      const segment = await evaluate({
        outcome: 'click',
        join: 'key',
        segment: { surface: 'home' },
        aggregate: 'per_prediction',
        condition: { below: 0.01 },
      });
      expect(segment.value).toBeCloseTo(0.07, 15);
      expect(segment.points).toMatchObject([{ sampleSize: 100 }]);
    });

    it('count, sum and mean of keyed outcomes, and grouping by segment', async () => {
      const count = await evaluate({
        outcome: 'click',
        join: 'key',
        aggregate: 'count',
        condition: { above: 9 },
      });
      expect([count.status, count.value]).toEqual(['BREACH', 10]);
      const sum = await evaluate({
        outcome: 'revenue',
        join: 'key',
        aggregate: 'sum',
        condition: { below: 100 },
      });
      expect(sum.status).toBe('BREACH');
      expect(sum.value).toBeCloseTo(75.5, 12);
      const mean = await evaluate({
        outcome: 'revenue',
        join: 'key',
        aggregate: 'mean',
        condition: { below: 100 },
      });
      expect(mean.value).toBeCloseTo(75.5 / 3, 12);
      expect(mean.points).toMatchObject([{ sampleSize: 3 }]);
      const grouped = await evaluate({
        outcome: 'click',
        join: 'key',
        aggregate: 'count',
        groupBy: ['segment'],
        condition: { above: 5 },
      });
      const bySeries = Object.fromEntries(grouped.points.map((p) => [p.series, p.value]));
      expect(bySeries).toEqual({ 'segment=surface=home': 7, 'segment=surface=search': 3 });
    });

    it('without join: key the same name counts only outcomes joined by prediction id', async () => {
      // 2 joined clicks / 200 predictions; count 2.
      const ctr = await evaluate({
        outcome: 'click',
        aggregate: 'per_prediction',
        condition: { below: 0.001 },
      });
      expect(ctr.value).toBeCloseTo(0.01, 15);
      const count = await evaluate({
        outcome: 'click',
        aggregate: 'count',
        condition: { above: 5 },
      });
      expect(count.value).toBe(2);
    });

    it('a window without predictions is NO_DATA for per_prediction', async () => {
      // The next hour holds one keyed click and no prediction.
      const r = await evaluate(
        { outcome: 'click', join: 'key', aggregate: 'per_prediction', condition: { below: 0.5 } },
        H + 2 * HOUR,
      );
      expect(r.status).toBe('NO_DATA');
      const count = await evaluate(
        { outcome: 'click', join: 'key', aggregate: 'count', condition: { above: 5 } },
        H + 2 * HOUR,
      );
      expect([count.status, count.value]).toEqual(['OK', 1]);
    });
  },
);
