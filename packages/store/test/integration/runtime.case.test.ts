// What the scheduler and the baseline API need from the store, on both adapters: baselines
// merged from window profiles, the cross-project monitor list with its last slot, and alert
// records carrying the engine's state.
import type { IngestEvent, MonitorDefinition } from '@vigil/contracts';
import { modelSpecSchema, parseMonitorFile } from '@vigil/contracts';
import { createBaselineFromWindow, type SqlStore } from '@vigil/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

const prediction = (id: string, time: number, x: number | undefined) =>
  ({
    type: 'prediction',
    event_id: id,
    model: 'credit',
    time,
    features: x === undefined ? { city: 'lyon' } : { x, city: x % 2 === 0 ? 'paris' : 'lyon' },
    prediction: 0.5,
  }) as IngestEvent;

const monitorOf = (name: string): MonitorDefinition => {
  const r = parseMonitorFile(
    `apiVersion: vigil/v1\nkind: Monitor\nmetadata: { name: ${name} }\nspec: { type: data_drift, model: credit }\n`,
  );
  if (!r.ok) throw new Error('fixture must parse');
  return r.monitors[0];
};

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name store runtime', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  let setupError: unknown = null;

  beforeAll(async () => {
    try {
      store = backend.open();
      await migrateOrExplain(backend, store);
      for (const id of ['acme', 'beta']) {
        await store.createProject({ id, name: id });
        await store.upsertModel(
          id,
          modelSpecSchema.parse({
            name: 'credit',
            features: [
              { name: 'x', kind: 'numerical' },
              { name: 'city', kind: 'categorical' },
            ],
          }),
        );
      }
    } catch (e) {
      setupError = e;
    }
  });
  beforeEach(() => {
    if (setupError !== null) throw setupError;
  });
  afterAll(async () => {
    await store?.close();
    if (setupError === null) await backend.cleanup();
  });

  describe('createBaselineFromWindow', () => {
    it('merges the hourly profiles of [from, to) into one activated profile per column', async () => {
      // 3 hours × 10 events, one of which misses x; a 4th hour outside the window.
      const events: IngestEvent[] = [];
      for (let h = 0; h < 4; h++) {
        for (let i = 0; i < 10; i++) {
          events.push(
            prediction(`b-${h}-${i}`, T0 + h * HOUR + i, i === 0 ? undefined : h * 10 + i),
          );
        }
      }
      await store.appendEvents('acme', events);
      const made = await createBaselineFromWindow(store, 'acme', {
        model: 'credit',
        name: 'jan',
        fromMs: T0,
        toMs: T0 + 3 * HOUR,
      });
      expect(made.baseline.meta).toEqual({
        name: 'jan',
        model: 'credit',
        source: { kind: 'window', from: T0, to: T0 + 3 * HOUR },
        row_count: 30,
      });
      expect(made.columns.map((c) => `${c.role}:${c.name}`)).toEqual([
        'feature:city',
        'feature:x',
        'prediction:prediction',
      ]);
      const x = made.columns.find((c) => c.name === 'x')?.profile;
      expect(x?.kind).toBe('numeric');
      if (x?.kind !== 'numeric') return;
      expect(x.count).toBe(27);
      expect(x.missing).toBe(3);
      expect(x.min).toBe(1);
      expect(x.max).toBe(29);
      const city = made.columns.find((c) => c.name === 'city')?.profile;
      expect(city?.kind === 'categorical' && city.count).toBe(30);
      expect((await store.getModel('acme', 'credit'))?.activeBaselineId).toBe(made.baseline.id);
      const stored = await store.getBaselineProfiles('acme', made.baseline.id);
      expect(stored.map((c) => c.name)).toEqual(['city', 'x', 'prediction']);
    });

    type Bad = { name: string; project: string; model: string; from: number; code: string };
    const bad: Bad[] = [
      { name: 'an unknown model', project: 'acme', model: 'nope', from: T0, code: 'NOT_FOUND' },
      {
        name: 'a window without data',
        project: 'acme',
        model: 'credit',
        from: T0 + 100 * HOUR,
        code: 'INVALID_ARGUMENT',
      },
      {
        name: "another project's data",
        project: 'beta',
        model: 'credit',
        from: T0,
        code: 'INVALID_ARGUMENT',
      },
    ];
    it.each(bad)('refuses $name', async ({ project, model, from, code }) => {
      await expect(
        createBaselineFromWindow(store, project, {
          model,
          name: 'x',
          fromMs: from,
          toMs: from + HOUR,
        }),
      ).rejects.toMatchObject({ code });
    });

    it('refuses a taken name and can leave the active baseline alone', async () => {
      const before = (await store.getModel('acme', 'credit'))?.activeBaselineId;
      await expect(
        createBaselineFromWindow(store, 'acme', {
          model: 'credit',
          name: 'jan',
          fromMs: T0,
          toMs: T0 + HOUR,
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      const other = await createBaselineFromWindow(store, 'acme', {
        model: 'credit',
        name: 'hour-3',
        fromMs: T0 + 3 * HOUR,
        toMs: T0 + 4 * HOUR,
        activate: false,
      });
      expect(other.baseline.meta.row_count).toBe(10);
      expect((await store.getModel('acme', 'credit'))?.activeBaselineId).toBe(before);
    });
  });

  describe('scheduler bookkeeping', () => {
    it('lists every project monitor with its last slot, and records slots', async () => {
      await store.upsertMonitor('acme', monitorOf('m-a'));
      await store.upsertMonitor('beta', monitorOf('m-b'));
      const all = await store.listAllMonitors();
      expect(all.map((m) => [m.projectId, m.definition.metadata.name, m.lastSlotMs])).toEqual([
        ['acme', 'm-a', null],
        ['beta', 'm-b', null],
      ]);
      expect(await store.setMonitorSlot('acme', 'm-a', T0 + 7)).toBe(true);
      expect(await store.setMonitorSlot('beta', 'm-a', T0)).toBe(false);
      expect((await store.getMonitor('acme', 'm-a'))?.lastSlotMs).toBe(T0 + 7);
      // Re-applying the definition keeps the schedule: no burst after `vigil apply`.
      await store.upsertMonitor('acme', monitorOf('m-a'));
      expect((await store.getMonitor('acme', 'm-a'))?.lastSlotMs).toBe(T0 + 7);
      expect((await store.getMonitor('beta', 'm-b'))?.lastSlotMs).toBeNull();
    });

    it('stores the alert machine and lists current alerts per project', async () => {
      const machine = { status: 'PENDING', activeAt: T0, nested: { a: [1, 2] } };
      const alert = {
        fingerprint: 'fp1',
        monitor: 'm-a',
        state: 'pending' as const,
        severity: 'warning',
        startedMs: T0,
        updatedMs: T0 + HOUR,
        resolvedMs: null,
        lastNotifiedMs: null,
        value: 0.3,
        labels: { model: 'credit' },
        summary: 'psi 0.3',
        machine,
      };
      await store.upsertAlert('acme', alert);
      await store.upsertAlert('acme', {
        ...alert,
        fingerprint: 'fp2',
        monitor: 'm-z',
        state: 'ok',
        updatedMs: T0 + 2 * HOUR,
      });
      expect(await store.getAlert('acme', 'fp1')).toEqual(alert);
      expect(await store.getAlert('beta', 'fp1')).toBeNull();
      expect((await store.listAlerts('acme')).map((a) => a.fingerprint)).toEqual(['fp2', 'fp1']);
      expect((await store.listAlerts('acme', { monitor: 'm-a' })).map((a) => a.state)).toEqual([
        'pending',
      ]);
      expect((await store.listAlerts('acme', { state: 'ok' })).map((a) => a.monitor)).toEqual([
        'm-z',
      ]);
      expect(await store.listAlerts('beta')).toEqual([]);
      const { machine: _m, ...withoutMachine } = alert;
      await store.upsertAlert('acme', withoutMachine);
      expect(await store.getAlert('acme', 'fp1')).toEqual(withoutMachine);
    });
  });
});
