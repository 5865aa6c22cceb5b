// The one storage suite, run against every adapter: SQLite (temp file) and PostgreSQL (fresh
// schema at DATABASE_URL). PostgreSQL being down fails this suite; it never skips.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IngestEvent, MonitorDefinition } from '@vigil/contracts';
import { modelSpecSchema, parseMonitorFile } from '@vigil/contracts';
import {
  createNumericProfile,
  numericProfileFromReference,
  profileDrift,
  updateNumeric,
} from '@vigil/core';
import { MIGRATIONS, type SqlStore, StoreError } from '@vigil/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const CHILD = fileURLToPath(new URL('./append-child.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const ALL = { fromMs: 0, toMs: Date.UTC(2100, 0, 1) };

const prediction = (id: string, time: number, x: number, extra: Partial<IngestEvent> = {}) =>
  ({
    type: 'prediction',
    event_id: id,
    model: 'credit',
    time,
    features: { x, city: x % 2 === 0 ? 'paris' : 'lyon' },
    prediction: x / 10,
    latency_ms: 5 + (x % 3),
    ...extra,
  }) as IngestEvent;

/** runChild appends from another process; resolves with its acks when it exits. */
function runChild(args: Record<string, unknown>): Promise<{ acks: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CHILD, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ acks: out.split('\n').filter((l) => l.startsWith('ack ')).length, code });
    });
  });
}

const monitorYaml = `apiVersion: vigil/v1
kind: Monitor
metadata: { name: drift-x }
spec: { type: data_drift, model: credit, features: [x] }
`;

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name store', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  let monitor: MonitorDefinition;
  // A set-up failure (PostgreSQL down) is rethrown by every test, so each one FAILS, never skips.
  let setupError: unknown = null;

  beforeAll(async () => {
    try {
      store = backend.open();
      await migrateOrExplain(backend, store);
      await store.createProject({ id: 'acme', name: 'Acme' });
      await store.createProject({ id: 'beta', name: 'Beta' });
    } catch (e) {
      setupError = e;
    }
    const parsed = parseMonitorFile(monitorYaml);
    if (!parsed.ok) throw new Error('monitor fixture must parse');
    monitor = parsed.monitors[0];
  });

  beforeEach(() => {
    if (setupError !== null) throw setupError;
  });

  afterAll(async () => {
    await store?.close();
    if (setupError === null) await backend.cleanup();
  });

  describe('migrations', () => {
    it('are recorded once: a second run and a second store apply nothing', async () => {
      expect(await store.migrate()).toEqual([]);
      const other = backend.open();
      try {
        expect(await other.migrate()).toEqual([]);
      } finally {
        await other.close();
      }
    });

    it('have strictly increasing ids', () => {
      const ids = MIGRATIONS.map((m) => m.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    });
  });

  describe('projects and API keys', () => {
    it('refuses a duplicate project with CONFLICT', async () => {
      await expect(store.createProject({ id: 'acme', name: 'again' })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
    });

    it('authenticates a key to its project until it is revoked', async () => {
      const { key, info } = await store.createApiKey('acme', 'ingest');
      expect(key).toMatch(/^vgl_acme_[A-Za-z0-9]{32}$/);
      expect(info.display).toBe(key.slice(0, 13));
      expect(await store.authenticate(key)).toEqual({ projectId: 'acme', keyId: info.id });
      const listed = await store.listApiKeys('acme');
      expect(JSON.stringify(listed)).not.toContain(key.slice(13));
      expect(await store.revokeApiKey('beta', info.id)).toBe(false);
      expect(await store.authenticate(key)).not.toBeNull();
      expect(await store.revokeApiKey('acme', info.id)).toBe(true);
      expect(await store.authenticate(key)).toBeNull();
    });

    it.each([
      { name: 'malformed', key: 'Bearer nope' },
      { name: 'unknown secret', key: `vgl_acme_${'A'.repeat(32)}` },
    ])('rejects a $name key', async ({ key }) => {
      expect(await store.authenticate(key)).toBeNull();
    });

    it('rejects a real key whose project part was changed', async () => {
      const { key } = await store.createApiKey('acme', 'k2');
      expect(await store.authenticate(key.replace('vgl_acme_', 'vgl_beta_'))).toBeNull();
    });

    it('refuses keys and events for a project that does not exist', async () => {
      await expect(store.createApiKey('nope', 'k')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.appendEvents('nope', [prediction('z', T0, 1)])).rejects.toBeInstanceOf(
        StoreError,
      );
    });
  });

  describe('events', () => {
    it('round-trips every event type', async () => {
      const events: IngestEvent[] = [
        prediction('rt-p', T0 + 1, 3, {
          model_version: 'v2',
          probabilities: { a: 0.25, b: 0.75 },
          error: 'timeout',
          tags: { region: 'eu' },
        } as Partial<IngestEvent>),
        { type: 'label', event_id: 'rt-l1', prediction_id: 'rt-p', label: true, time: T0 + 2 },
        { type: 'label', event_id: 'rt-l2', prediction_id: 'rt-p', label: 'b', time: T0 + 3 },
        {
          type: 'outcome',
          event_id: 'rt-o',
          name: 'revenue',
          value: 12.5,
          key: 'order-1',
          time: T0 + 4,
        },
        {
          type: 'infra',
          event_id: 'rt-i',
          model: 'credit',
          time: T0 + 5,
          latency_ms: 40,
          status: 'error',
          error: '503',
          cpu_percent: 80,
          memory_bytes: 1024,
        },
      ];
      expect(await store.appendEvents('acme', events)).toEqual({ inserted: 5, duplicates: [] });
      const window = { fromMs: T0, toMs: T0 + 10 };
      const got: IngestEvent[] = [];
      for (const type of ['prediction', 'label', 'outcome', 'infra'] as const) {
        for (const s of await store.queryEvents('acme', { type, range: window })) got.push(s.event);
      }
      expect(got).toEqual(events);
    });

    it('accepts a duplicate once and reports it, within and across batches', async () => {
      const a = prediction('dup-1', T0 + 100, 1);
      const b = prediction('dup-2', T0 + 101, 2);
      expect(await store.appendEvents('acme', [a, b, a])).toEqual({
        inserted: 2,
        duplicates: ['dup-1'],
      });
      const again = await store.appendEvents('acme', [b, prediction('dup-3', T0 + 102, 3)]);
      expect(again).toEqual({ inserted: 1, duplicates: ['dup-2'] });
      const n = await store.countEvents('acme', {
        type: 'prediction',
        range: { fromMs: T0 + 100, toMs: T0 + 103 },
      });
      expect(n).toBe(3);
    });

    it('queries a half-open time window and requires one', async () => {
      await store.appendEvents(
        'acme',
        [0, 1, 2, 3].map((i) => prediction(`tw-${i}`, T0 + 10 * HOUR + i * 1000, i)),
      );
      const ids = async (fromMs: number, toMs: number) =>
        (await store.queryEvents('acme', { type: 'prediction', range: { fromMs, toMs } })).map(
          (s) => s.event.event_id,
        );
      expect(await ids(T0 + 10 * HOUR + 1000, T0 + 10 * HOUR + 3000)).toEqual(['tw-1', 'tw-2']);
      expect(await ids(T0 + 10 * HOUR, T0 + 10 * HOUR + 1)).toEqual(['tw-0']);
      const bad = [
        { fromMs: 5, toMs: 5 },
        { fromMs: Number.NaN, toMs: 5 },
        undefined as unknown as { fromMs: number; toMs: number },
      ];
      for (const range of bad) {
        await expect(
          store.queryEvents('acme', { type: 'prediction', range }),
        ).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        });
      }
      await expect(
        store.queryEvents('acme', { type: 'prediction', range: ALL, limit: 0 }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    });
  });

  describe('window profiles', () => {
    it('merges each batch into the hour windows, counting only new events', async () => {
      const start = T0 + 20 * HOUR;
      const xs = Array.from({ length: 300 }, (_, i) => (i * 7919) % 1000);
      // 300 events over two hours, in three batches, the last one retried.
      const events = xs.map((x, i) => prediction(`wp-${i}`, start + i * 24_000, x));
      for (const chunk of [events.slice(0, 100), events.slice(100, 250), events.slice(250)]) {
        await store.appendEvents('acme', chunk);
      }
      await store.appendEvents('acme', events.slice(250));
      const profiles = await store.queryWindowProfiles('acme', {
        model: 'credit',
        range: { fromMs: start, toMs: start + 2 * HOUR },
        column: 'x',
      });
      expect(profiles.map((p) => [p.windowStartMs, p.rowCount])).toEqual([
        [start, 150],
        [start + HOUR, 150],
      ]);
      const first = profiles[0].profile;
      const direct = createNumericProfile();
      if (!direct.ok) throw new Error('profile');
      updateNumeric(direct.value, xs.slice(0, 150));
      if (first.kind !== 'numeric') throw new Error('x must be profiled as numeric');
      expect(first.count).toBe(150);
      expect(first.min).toBe(direct.value.min);
      expect(first.max).toBe(direct.value.max);
      expect(first.centeredMean).toBeCloseTo(direct.value.centeredMean, 10);
      expect(first.m2 / direct.value.m2).toBeCloseTo(1, 12);
      const roles = await store.queryWindowProfiles('acme', {
        model: 'credit',
        range: { fromMs: start, toMs: start + HOUR },
      });
      expect(roles.map((p) => `${p.role}:${p.column}:${p.profile.kind}`)).toEqual([
        'feature:city:categorical',
        'feature:x:numeric',
        'latency:latency_ms:numeric',
        'prediction:prediction:numeric',
      ]);
    });

    it('lays new windows out like the active baseline, so drift compares them', async () => {
      await store.upsertModel(
        'acme',
        modelSpecSchema.parse({
          name: 'credit',
          features: [
            { name: 'x', kind: 'numerical', importance: 1 },
            { name: 'city', kind: 'categorical' },
          ],
        }),
      );
      const ref = numericProfileFromReference(Array.from({ length: 1000 }, (_, i) => i % 100));
      if (!ref.ok) throw new Error('reference');
      const baseline = await store.createBaseline(
        'acme',
        {
          name: 'jan',
          model: 'credit',
          source: { kind: 'window', from: T0, to: T0 + HOUR },
          row_count: 1000,
        },
        [{ role: 'feature', name: 'x', profile: ref.value }],
      );
      expect((await store.getModel('acme', 'credit'))?.activeBaselineId).toBe(baseline.id);
      const stored = await store.getBaselineProfiles('acme', baseline.id);
      expect(stored.map((c) => c.name)).toEqual(['x']);
      const start = T0 + 30 * HOUR;
      await store.appendEvents(
        'acme',
        Array.from({ length: 200 }, (_, i) => prediction(`bl-${i}`, start + i, 50 + (i % 100))),
      );
      const [w] = await store.queryWindowProfiles('acme', {
        model: 'credit',
        range: { fromMs: start, toMs: start + HOUR },
        column: 'x',
        layout: baseline.id,
      });
      expect(w.rowCount).toBe(200);
      const drift = profileDrift(stored[0].profile, w.profile, { method: 'psi' });
      expect(drift.ok && drift.value.drifted).toBe(true);
    });
  });

  describe('project isolation', () => {
    it('keeps every row of one project out of the other', async () => {
      const t = T0 + 40 * HOUR;
      await store.appendEvents('acme', [prediction('iso-1', t, 1)]);
      // The same event id in another project is a different event, not a duplicate.
      expect(await store.appendEvents('beta', [prediction('iso-1', t, 2)])).toEqual({
        inserted: 1,
        duplicates: [],
      });
      const window = { fromMs: t, toMs: t + 1 };
      const [b] = await store.queryEvents('beta', { type: 'prediction', range: window });
      expect(b.event.type === 'prediction' && b.event.features.x).toBe(2);
      await store.upsertMonitor('acme', monitor);
      await store.appendEvaluations('acme', [
        {
          monitor: 'drift-x',
          series: 'x',
          timeMs: t,
          windowStartMs: t - HOUR,
          windowEndMs: t,
          status: 'ok',
          value: 0.01,
          threshold: 0.2,
          sampleSize: 10,
        },
      ]);
      await store.upsertAlert('acme', {
        fingerprint: 'fp-iso',
        monitor: 'drift-x',
        state: 'firing',
        severity: 'warning',
        startedMs: t,
        updatedMs: t,
        resolvedMs: null,
        lastNotifiedMs: null,
        value: 0.3,
        labels: {},
        summary: 'x drifted',
      });
      const acmeModel = await store.getModel('acme', 'credit');
      expect(await store.getModel('beta', 'credit')).toBeNull();
      expect(await store.listModels('beta')).toEqual([]);
      expect(await store.getBaseline('beta', acmeModel?.activeBaselineId ?? '')).toBeNull();
      expect(await store.getBaselineProfiles('beta', acmeModel?.activeBaselineId ?? '')).toEqual(
        [],
      );
      expect(await store.getMonitor('beta', 'drift-x')).toBeNull();
      expect(await store.listMonitors('beta')).toEqual([]);
      expect(await store.deleteMonitor('beta', 'drift-x')).toBe(false);
      expect(await store.queryEvaluations('beta', { range: ALL })).toEqual([]);
      expect(await store.queryAlerts('beta', { range: ALL })).toEqual([]);
      expect(await store.listApiKeys('beta')).toEqual([]);
      const acmeProfiles = await store.queryWindowProfiles('acme', {
        model: 'credit',
        range: window,
      });
      const betaProfiles = await store.queryWindowProfiles('beta', {
        model: 'credit',
        range: window,
      });
      expect(acmeProfiles.find((p) => p.column === 'x')?.rowCount).toBe(1);
      expect(betaProfiles.find((p) => p.column === 'x')?.rowCount).toBe(1);
      expect(betaProfiles.every((p) => p.layout === '')).toBe(true);
      await expect(
        store.createBaseline(
          'beta',
          { name: 'b', model: 'credit', source: { kind: 'file', path: 'x' }, row_count: 0 },
          [],
        ),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('monitors, evaluations and alerts', () => {
    it('upserts, lists and deletes monitors', async () => {
      const again = await store.upsertMonitor('acme', monitor);
      expect(again.definition).toEqual(monitor);
      expect(again.enabled).toBe(true);
      expect((await store.listMonitors('acme')).map((m) => m.definition.metadata.name)).toContain(
        'drift-x',
      );
    });

    it('stores evaluations as a time series queryable by window, monitor and series', async () => {
      const t = T0 + 50 * HOUR;
      const points = [0, 1, 2, 3].map((i) => ({
        monitor: 'series-test',
        series: i % 2 === 0 ? 'x' : 'city',
        timeMs: t + i * HOUR,
        windowStartMs: t + (i - 1) * HOUR,
        windowEndMs: t + i * HOUR,
        status: 'ok' as const,
        value: i / 10,
        threshold: 0.2,
        sampleSize: 100 + i,
        details: { i },
      }));
      await store.appendEvaluations('acme', points);
      // Re-evaluating the same instant replaces the point.
      await store.appendEvaluations('acme', [{ ...points[0], value: 0.9, status: 'triggered' }]);
      const got = await store.queryEvaluations('acme', {
        monitor: 'series-test',
        range: { fromMs: t, toMs: t + 3 * HOUR },
      });
      expect(got.map((p) => [p.series, p.value, p.status])).toEqual([
        ['x', 0.9, 'triggered'],
        ['city', 0.1, 'ok'],
        ['x', 0.2, 'ok'],
      ]);
      expect(got[1]).toEqual(points[1]);
      const xs = await store.queryEvaluations('acme', {
        monitor: 'series-test',
        series: 'x',
        range: { fromMs: t, toMs: t + 4 * HOUR },
      });
      expect(xs).toHaveLength(2);
    });

    it('returns the alerts active in a window, by fingerprint', async () => {
      const t = T0 + 60 * HOUR;
      const base = {
        monitor: 'm',
        severity: 'critical',
        lastNotifiedMs: null,
        value: 1,
        labels: { feature: 'x' },
        summary: 's',
      };
      await store.upsertAlert('acme', {
        ...base,
        fingerprint: 'old',
        state: 'resolved',
        startedMs: t,
        updatedMs: t + HOUR,
        resolvedMs: t + HOUR,
      });
      await store.upsertAlert('acme', {
        ...base,
        fingerprint: 'now',
        state: 'pending',
        startedMs: t + 2 * HOUR,
        updatedMs: t + 2 * HOUR,
        resolvedMs: null,
      });
      await store.upsertAlert('acme', {
        ...base,
        fingerprint: 'now',
        state: 'firing',
        startedMs: t + 2 * HOUR,
        updatedMs: t + 3 * HOUR,
        resolvedMs: null,
      });
      const at = async (fromMs: number, toMs: number) =>
        (await store.queryAlerts('acme', { range: { fromMs, toMs } }))
          .filter((a) => a.monitor === 'm')
          .map((a) => `${a.fingerprint}:${a.state}`);
      expect(await at(t, t + HOUR)).toEqual(['old:resolved']);
      expect(await at(t + 90 * 60_000, t + 4 * HOUR)).toEqual(['now:firing']);
      expect(await at(t, t + 4 * HOUR)).toEqual(['old:resolved', 'now:firing']);
    });
  });

  describe('jobs and leadership', () => {
    it('lets concurrent workers claim disjoint jobs and reclaims expired leases', async () => {
      const other = backend.open();
      try {
        const ids = new Set<string>();
        for (let i = 0; i < 6; i++) {
          ids.add(await store.enqueueJob('acme', { kind: 'evaluate', payload: { i }, runAtMs: 0 }));
        }
        await store.enqueueJob('acme', { kind: 'later', payload: {}, runAtMs: Date.UTC(2999, 0) });
        const [a, b] = await Promise.all([
          store.claimJobs({ worker: 'a', limit: 4, leaseMs: 60_000 }),
          other.claimJobs({ worker: 'b', limit: 4, leaseMs: 60_000 }),
        ]);
        const claimed = [...a, ...b].map((j) => j.id);
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(new Set(claimed)).toEqual(ids);
        expect(await store.claimJobs({ worker: 'c', limit: 10, leaseMs: 60_000 })).toEqual([]);
        expect(await store.completeJob(a[0].id, 'b')).toBe(false);
        expect(await store.completeJob(a[0].id, 'a')).toBe(true);
        // A lease that ends in the past is reclaimable at once.
        await store.enqueueJob('acme', { kind: 'short', payload: {}, runAtMs: 0 });
        const [short] = await store.claimJobs({ worker: 'a', limit: 1, leaseMs: -1 });
        const [again] = await other.claimJobs({ worker: 'b', limit: 1, leaseMs: 60_000 });
        expect(again.id).toBe(short.id);
        expect(again.attempts).toBe(2);
      } finally {
        await other.close();
      }
    });

    it('grants leadership to one store at a time', async () => {
      const other = backend.open();
      try {
        expect(await store.tryAcquireLeadership()).toBe(true);
        expect(await other.tryAcquireLeadership()).toBe(false);
        await store.releaseLeadership();
        expect(await other.tryAcquireLeadership()).toBe(true);
        expect(await store.tryAcquireLeadership()).toBe(false);
        await other.releaseLeadership();
      } finally {
        await other.close();
      }
    });
  });

  describe('concurrency', () => {
    it('is built for the child processes (run `npx tsc -b` first)', () => {
      expect(existsSync(DIST)).toBe(true);
    });

    it('keeps every event and counts profiles once with two processes appending', async () => {
      const startMs = T0 + 80 * HOUR;
      const common = { ...backend.target, project: 'acme', batches: 20, batchSize: 50, startMs };
      // Both write ids c0..c999; the second also retries the first's ids, so half are duplicates.
      const [a, b] = await Promise.all([
        runChild({ ...common, prefix: 'c' }),
        runChild({ ...common, prefix: 'c' }),
      ]);
      expect(a.acks + b.acks).toBe(40);
      const range = { fromMs: startMs, toMs: startMs + HOUR };
      expect(await store.countEvents('acme', { type: 'prediction', model: 'm', range })).toBe(1000);
      const [x] = await store.queryWindowProfiles('acme', { model: 'm', range, column: 'x' });
      expect(x.rowCount).toBe(1000);
      expect(x.profile.count).toBe(1000);
    });
  });
});
