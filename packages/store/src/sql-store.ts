// The Store on top of a SqlDriver: one implementation, so SQLite and PostgreSQL behave alike.
import { randomUUID } from 'node:crypto';
import {
  type ApiKeyInfo,
  type BaselineMeta,
  type CreateProject,
  type IngestEvent,
  type ModelSpec,
  type MonitorDefinition,
  type PredictionEvent,
  type Project,
  parseApiKey,
} from '@vigil/contracts';
import { type ColumnProfile, mergeProfiles, profileFromBytes, profileToBytes } from '@vigil/core';
import { SqlAuditStore, writeAudit } from './audit/sql.js';
import { SqlCanaryStore } from './canaries/sql.js';
import type { TimeRange } from './errors.js';
import { checkLimit, checkRange, StoreError } from './errors.js';
import { SqlEvalStore } from './evals/sql.js';
import { EVENT_COLUMNS, eventToRow, rowToEvent } from './event-rows.js';
import { SqlFeedbackStore } from './feedback/sql.js';
import { SqlIncidentStore } from './incidents/sql.js';
import { displayApiKey, generateApiKey, hashApiKey } from './keys.js';
import { SqlLlmStore } from './llm/sql.js';
import { runMigrations } from './migrate.js';
import { SqlMonitorDataStore } from './monitor-data/sql.js';
import type {
  AlertRecord,
  AlertState,
  AppendResult,
  BaselineColumn,
  ClaimOptions,
  DeliveryOutcome,
  DeliveryQuery,
  DeliveryRecord,
  EvaluationPoint,
  EventQuery,
  Job,
  KeyIdentity,
  NewApiKey,
  NewJob,
  Store,
  StoredBaseline,
  StoredEvent,
  StoredModel,
  StoredMonitor,
  WindowKind,
  WindowProfile,
  WindowProfileQuery,
} from './port.js';
import { SqlPromptStore } from './prompts/sql.js';
import { SqlRegistryStore } from './registry/sql.js';
import { SqlNotifyStore } from './silences/sql.js';
import type { SqlDriver, SqlExec, SqlRow } from './sql/driver.js';
import { collectColumns, fillProfile, type ModelLayout } from './window-profiles.js';

/** SqlStoreOptions sets the clock and what gets profiled. */
export interface SqlStoreOptions {
  /** Clock in epoch ms; default Date.now. */
  readonly now?: () => number;
  /** Window kinds profiled on append; default ['hour'] (days merge from hours). */
  readonly windowKinds?: readonly WindowKind[];
  /** How long a model's schema and baseline stay cached; default 10 s. */
  readonly layoutTtlMs?: number;
}

const LEADER_LOCK = 'vigil-scheduler-leader';

const bytes = (v: unknown): Uint8Array => v as Uint8Array;
const decode = (v: unknown, what: string): ColumnProfile => {
  const r = profileFromBytes(bytes(v));
  // Stored bytes were written by profileToBytes: a decode failure is corruption, not bad input.
  if (!r.ok)
    throw new StoreError('INVALID_ARGUMENT', `corrupt profile ${what}: ${r.error.message}`);
  return r.value;
};

function toAlert(r: SqlRow): AlertRecord {
  return {
    fingerprint: r.fingerprint as string,
    monitor: r.monitor as string,
    state: r.state as AlertState,
    severity: r.severity as string,
    startedMs: r.started_ms as number,
    updatedMs: r.updated_ms as number,
    resolvedMs: (r.resolved_ms as number | null) ?? null,
    lastNotifiedMs: (r.last_notified_ms as number | null) ?? null,
    value: (r.value as number | null) ?? null,
    labels: JSON.parse(r.labels as string),
    summary: r.summary as string,
    ...(r.machine === null || r.machine === undefined
      ? {}
      : { machine: JSON.parse(r.machine as string) as unknown }),
  };
}

/** SqlStore implements Store with portable SQL over a SqlDriver. */
export class SqlStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly audit: SqlAuditStore;
  readonly evals: SqlEvalStore;
  readonly canaries: SqlCanaryStore;
  readonly feedback: SqlFeedbackStore;
  readonly prompts: SqlPromptStore;
  readonly notify: SqlNotifyStore;
  readonly llm: SqlLlmStore;
  readonly registry: SqlRegistryStore;
  readonly incidents: SqlIncidentStore;
  readonly monitorData: SqlMonitorDataStore;
  /** driver is the connection every sub-store shares (tests run transactions through it). */
  readonly driver: SqlDriver;
  readonly #db: SqlDriver;
  readonly #now: () => number;
  readonly #windowKinds: readonly WindowKind[];
  readonly #layoutTtlMs: number;
  readonly #layouts = new Map<string, { at: number; layout: ModelLayout }>();
  readonly #before: () => Promise<void>;

  constructor(
    db: SqlDriver,
    options: SqlStoreOptions & { beforeMigrate?: () => Promise<void> } = {},
  ) {
    this.#db = db;
    this.driver = db;
    this.dialect = db.dialect;
    this.#now = options.now ?? Date.now;
    this.#windowKinds = options.windowKinds ?? ['hour'];
    this.#layoutTtlMs = options.layoutTtlMs ?? 10_000;
    this.#before = options.beforeMigrate ?? (async () => undefined);
    this.audit = new SqlAuditStore(db, this.#now);
    this.evals = new SqlEvalStore(db, this.#now);
    this.canaries = new SqlCanaryStore(db, this.#now);
    this.feedback = new SqlFeedbackStore(db, this.#now);
    this.prompts = new SqlPromptStore(db, this.#now);
    this.notify = new SqlNotifyStore(db, this.#now);
    this.llm = new SqlLlmStore(db, this.#now);
    this.registry = new SqlRegistryStore(db, this.#now);
    this.incidents = new SqlIncidentStore(db, this.#now);
    this.monitorData = new SqlMonitorDataStore(db);
  }

  async migrate(): Promise<number[]> {
    await this.#before();
    return runMigrations(this.#db);
  }

  close(): Promise<void> {
    return this.#db.close();
  }

  // --- projects and keys ---

  async createProject(input: CreateProject): Promise<Project> {
    const now = this.#now();
    const n = await this.#db.run(
      'INSERT INTO projects (id, name, created_ms) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
      [input.id, input.name, now],
    );
    if (n === 0) throw new StoreError('CONFLICT', `project ${input.id} exists`);
    return { id: input.id, name: input.name, created_at: now };
  }

  async getProject(projectId: string): Promise<Project | null> {
    const [r] = await this.#db.all('SELECT id, name, created_ms FROM projects WHERE id = ?', [
      projectId,
    ]);
    return r === undefined
      ? null
      : { id: r.id as string, name: r.name as string, created_at: r.created_ms as number };
  }

  async #requireProject(q: SqlExec, projectId: string): Promise<void> {
    const rows = await q.all('SELECT 1 AS x FROM projects WHERE id = ?', [projectId]);
    if (rows.length === 0) throw new StoreError('NOT_FOUND', `no project ${projectId}`);
  }

  async createApiKey(projectId: string, name: string): Promise<NewApiKey> {
    await this.#requireProject(this.#db, projectId);
    const key = generateApiKey(projectId);
    const info: ApiKeyInfo = {
      id: randomUUID(),
      project_id: projectId,
      name,
      display: displayApiKey(key, projectId),
      created_at: this.#now(),
      revoked_at: null,
    };
    await this.#db.run(
      'INSERT INTO api_keys (id, project_id, name, key_hash, display, created_ms) VALUES (?, ?, ?, ?, ?, ?)',
      [info.id, projectId, name, hashApiKey(key), info.display, info.created_at],
    );
    return { key, info };
  }

  async listApiKeys(projectId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.#db.all(
      'SELECT id, project_id, name, display, created_ms, revoked_ms FROM api_keys WHERE project_id = ? ORDER BY created_ms, id',
      [projectId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      project_id: r.project_id as string,
      name: r.name as string,
      display: r.display as string,
      created_at: r.created_ms as number,
      revoked_at: (r.revoked_ms as number | null) ?? null,
    }));
  }

  async revokeApiKey(projectId: string, keyId: string): Promise<boolean> {
    const n = await this.#db.run(
      'UPDATE api_keys SET revoked_ms = ? WHERE project_id = ? AND id = ? AND revoked_ms IS NULL',
      [this.#now(), projectId, keyId],
    );
    return n === 1;
  }

  async authenticate(key: string): Promise<KeyIdentity | null> {
    const parsed = parseApiKey(key);
    if (parsed === null) return null;
    const [r] = await this.#db.all(
      'SELECT id, project_id FROM api_keys WHERE key_hash = ? AND revoked_ms IS NULL',
      [hashApiKey(key)],
    );
    // The project named in the key must be the key's own project (defence in depth).
    if (r === undefined || r.project_id !== parsed.projectId) return null;
    return { projectId: r.project_id as string, keyId: r.id as string };
  }

  // --- models and baselines ---

  async upsertModel(
    projectId: string,
    spec: ModelSpec,
    options: { actor?: string } = {},
  ): Promise<StoredModel> {
    const now = this.#now();
    await this.#db.tx(async (q) => {
      await this.#requireProject(q, projectId);
      const [old] = await q.all('SELECT spec FROM models WHERE project_id = ? AND name = ?', [
        projectId,
        spec.name,
      ]);
      await q.run(
        `INSERT INTO models (project_id, name, spec, active_baseline_id, created_ms, updated_ms)
         VALUES (?, ?, ?, NULL, ?, ?)
         ON CONFLICT (project_id, name) DO UPDATE SET spec = excluded.spec, updated_ms = excluded.updated_ms`,
        [projectId, spec.name, JSON.stringify(spec), now, now],
      );
      await writeAudit(q, projectId, now, {
        actor: options.actor ?? 'system',
        action: old === undefined ? 'model.create' : 'model.update',
        targetKind: 'model',
        target: spec.name,
        details: old === undefined ? { spec } : { from: JSON.parse(old.spec as string), to: spec },
      });
    });
    this.#layouts.delete(`${projectId}\0${spec.name}`);
    const m = await this.getModel(projectId, spec.name);
    if (m === null) throw new Error('upsertModel: model vanished after upsert');
    return m;
  }

  #toModel(r: SqlRow): StoredModel {
    return {
      projectId: r.project_id as string,
      spec: JSON.parse(r.spec as string),
      activeBaselineId: (r.active_baseline_id as string | null) ?? null,
      createdMs: r.created_ms as number,
      updatedMs: r.updated_ms as number,
    };
  }

  async getModel(projectId: string, model: string): Promise<StoredModel | null> {
    const [r] = await this.#db.all('SELECT * FROM models WHERE project_id = ? AND name = ?', [
      projectId,
      model,
    ]);
    return r === undefined ? null : this.#toModel(r);
  }

  async listModels(projectId: string): Promise<StoredModel[]> {
    const rows = await this.#db.all('SELECT * FROM models WHERE project_id = ? ORDER BY name', [
      projectId,
    ]);
    return rows.map((r) => this.#toModel(r));
  }

  async createBaseline(
    projectId: string,
    meta: BaselineMeta,
    columns: readonly BaselineColumn[],
    options: { activate?: boolean } = {},
  ): Promise<StoredBaseline> {
    const id = randomUUID();
    const now = this.#now();
    await this.#db.tx(async (q) => {
      const m = await q.all('SELECT 1 AS x FROM models WHERE project_id = ? AND name = ?', [
        projectId,
        meta.model,
      ]);
      if (m.length === 0) throw new StoreError('NOT_FOUND', `no model ${meta.model}`);
      const n = await q.run(
        `INSERT INTO baselines (id, project_id, model, name, meta, created_ms) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, model, name) DO NOTHING`,
        [id, projectId, meta.model, meta.name, JSON.stringify(meta), now],
      );
      if (n === 0) throw new StoreError('CONFLICT', `baseline ${meta.name} exists`);
      for (const c of columns) {
        await q.run(
          'INSERT INTO baseline_profiles (baseline_id, project_id, column_role, column_name, profile) VALUES (?, ?, ?, ?, ?)',
          [id, projectId, c.role, c.name, profileToBytes(c.profile)],
        );
      }
      if (options.activate !== false) {
        await q.run('UPDATE models SET active_baseline_id = ? WHERE project_id = ? AND name = ?', [
          id,
          projectId,
          meta.model,
        ]);
      }
    });
    this.#layouts.delete(`${projectId}\0${meta.model}`);
    return { id, projectId, meta, createdMs: now };
  }

  async getBaseline(projectId: string, baselineId: string): Promise<StoredBaseline | null> {
    const [r] = await this.#db.all('SELECT * FROM baselines WHERE project_id = ? AND id = ?', [
      projectId,
      baselineId,
    ]);
    if (r === undefined) return null;
    return {
      id: r.id as string,
      projectId,
      meta: JSON.parse(r.meta as string),
      createdMs: r.created_ms as number,
    };
  }

  async getBaselineProfiles(projectId: string, baselineId: string): Promise<BaselineColumn[]> {
    const rows = await this.#db.all(
      'SELECT column_role, column_name, profile FROM baseline_profiles WHERE project_id = ? AND baseline_id = ? ORDER BY column_role, column_name',
      [projectId, baselineId],
    );
    return rows.map((r) => ({
      role: r.column_role as BaselineColumn['role'],
      name: r.column_name as string,
      profile: decode(r.profile, `${baselineId}/${r.column_name}`),
    }));
  }

  async #layout(projectId: string, model: string): Promise<ModelLayout> {
    const key = `${projectId}\0${model}`;
    const now = this.#now();
    const hit = this.#layouts.get(key);
    if (hit !== undefined && now - hit.at < this.#layoutTtlMs) return hit.layout;
    const m = await this.getModel(projectId, model);
    const kinds = new Map(m?.spec.features.map((f) => [f.name, f.kind]) ?? []);
    const baseline = new Map<string, ColumnProfile>();
    const id = m?.activeBaselineId ?? '';
    if (id !== '') {
      for (const c of await this.getBaselineProfiles(projectId, id)) {
        baseline.set(`${c.role}\0${c.name}`, c.profile);
      }
    }
    const layout: ModelLayout = { layout: id, baseline, kinds };
    this.#layouts.set(key, { at: now, layout });
    return layout;
  }

  // --- events and window profiles ---

  async appendEvents(projectId: string, events: readonly IngestEvent[]): Promise<AppendResult> {
    const received = this.#now();
    // Repeats inside the batch are duplicates too: only the first occurrence is stored.
    const seen = new Set<string>();
    const unique: IngestEvent[] = [];
    const duplicates: string[] = [];
    for (const e of events) {
      if (seen.has(e.event_id)) duplicates.push(e.event_id);
      else {
        seen.add(e.event_id);
        unique.push(e);
      }
    }
    const layouts = new Map<string, ModelLayout>();
    for (const e of unique) {
      if (e.type === 'prediction' && !layouts.has(e.model)) {
        layouts.set(e.model, await this.#layout(projectId, e.model));
      }
    }
    const rows = unique.map((e) => eventToRow(projectId, e, received));
    return this.#db.tx(async (q) => {
      await this.#requireProject(q, projectId);
      const inserted = await q.insertIgnore('events', EVENT_COLUMNS, rows, [
        'project_id',
        'event_id',
      ]);
      const fresh: PredictionEvent[] = [];
      let count = 0;
      for (let i = 0; i < unique.length; i++) {
        const e = unique[i];
        if (!inserted[i]) duplicates.push(e.event_id);
        else {
          count++;
          if (e.type === 'prediction') fresh.push(e);
        }
      }
      // Only newly stored events reach the profiles: a retried batch never counts twice.
      if (fresh.length > 0) await this.#mergeProfiles(q, projectId, fresh, layouts, received);
      return { inserted: count, duplicates };
    });
  }

  async #mergeProfiles(
    q: SqlExec,
    projectId: string,
    events: PredictionEvent[],
    layouts: Map<string, ModelLayout>,
    now: number,
  ): Promise<void> {
    const columns = collectColumns(events, (m) => layouts.get(m) as ModelLayout, this.#windowKinds);
    // A fixed lock order keeps two concurrent PostgreSQL appends from deadlocking.
    const keyOf = (c: (typeof columns)[number]) =>
      [c.model, c.layout, c.role, c.column, c.windowKind, c.windowStartMs].join('\0');
    columns.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    const where =
      'project_id = ? AND model = ? AND layout = ? AND column_role = ? AND column_name = ? AND window_kind = ? AND window_start_ms = ?';
    for (const c of columns) {
      const k = [projectId, c.model, c.layout, c.role, c.column, c.windowKind, c.windowStartMs];
      const [row] = await q.all(
        `SELECT row_count, profile FROM window_profiles WHERE ${where}${this.#db.forUpdate}`,
        k,
      );
      if (row === undefined) {
        if (c.template === null) continue;
        const p = fillProfile(c.template, c.values);
        // ON CONFLICT: another writer created the row since our SELECT; merge on a later retry
        // would double count, so merge into theirs now.
        const n = await q.run(
          `INSERT INTO window_profiles (project_id, model, layout, column_role, column_name, window_kind, window_start_ms, row_count, profile, updated_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          [...k, c.values.length, profileToBytes(p), now],
        );
        if (n === 1) continue;
        const [again] = await q.all(
          `SELECT row_count, profile FROM window_profiles WHERE ${where}${this.#db.forUpdate}`,
          k,
        );
        await this.#mergeRow(q, where, k, again, c.values, now);
      } else {
        await this.#mergeRow(q, where, k, row, c.values, now);
      }
    }
  }

  async #mergeRow(
    q: SqlExec,
    where: string,
    key: Array<string | number>,
    row: SqlRow,
    values: Parameters<typeof fillProfile>[1],
    now: number,
  ): Promise<void> {
    const stored = decode(row.profile, key.join('/'));
    const merged = mergeProfiles(stored, fillProfile(stored, values));
    // fillProfile copies the stored profile's parameters, so they always merge.
    if (!merged.ok) throw new Error(`mergeRow: ${merged.error.message}`);
    await q.run(
      `UPDATE window_profiles SET row_count = ?, profile = ?, updated_ms = ? WHERE ${where}`,
      [(row.row_count as number) + values.length, profileToBytes(merged.value), now, ...key],
    );
  }

  async queryEvents(projectId: string, query: EventQuery): Promise<StoredEvent[]> {
    checkRange(query.range);
    const limit = checkLimit(query.limit);
    const model = query.model === undefined ? '' : ' AND model = ?';
    const params = [projectId, query.type, ...(query.model === undefined ? [] : [query.model])];
    const rows = await this.#db.all(
      `SELECT * FROM events WHERE project_id = ? AND type = ?${model} AND time_ms >= ? AND time_ms < ? ORDER BY time_ms, event_id LIMIT ?`,
      [...params, query.range.fromMs, query.range.toMs, limit],
    );
    return rows.map((r) => ({ event: rowToEvent(r), receivedMs: r.received_ms as number }));
  }

  async countEvents(projectId: string, query: Omit<EventQuery, 'limit'>): Promise<number> {
    checkRange(query.range);
    const model = query.model === undefined ? '' : ' AND model = ?';
    const params = [projectId, query.type, ...(query.model === undefined ? [] : [query.model])];
    const [r] = await this.#db.all(
      `SELECT COUNT(*) AS n FROM events WHERE project_id = ? AND type = ?${model} AND time_ms >= ? AND time_ms < ?`,
      [...params, query.range.fromMs, query.range.toMs],
    );
    return Number(r.n);
  }

  async queryWindowProfiles(
    projectId: string,
    query: WindowProfileQuery,
  ): Promise<WindowProfile[]> {
    checkRange(query.range);
    let sql =
      'SELECT * FROM window_profiles WHERE project_id = ? AND model = ? AND window_kind = ? AND window_start_ms >= ? AND window_start_ms < ?';
    const params: Array<string | number> = [
      projectId,
      query.model,
      query.windowKind ?? 'hour',
      query.range.fromMs,
      query.range.toMs,
    ];
    for (const [col, v] of [
      ['column_role', query.role],
      ['column_name', query.column],
      ['layout', query.layout],
    ] as const) {
      if (v !== undefined) {
        sql += ` AND ${col} = ?`;
        params.push(v);
      }
    }
    const rows = await this.#db.all(
      `${sql} ORDER BY window_start_ms, column_role, column_name, layout`,
      params,
    );
    return rows.map((r) => ({
      model: r.model as string,
      layout: r.layout as string,
      role: r.column_role as WindowProfile['role'],
      column: r.column_name as string,
      windowKind: r.window_kind as WindowKind,
      windowStartMs: r.window_start_ms as number,
      rowCount: r.row_count as number,
      profile: decode(r.profile, `${r.model}/${r.column_name}`),
    }));
  }

  // --- monitors, evaluations, alerts ---

  async upsertMonitor(
    projectId: string,
    definition: MonitorDefinition,
    options: { readonly actor?: string } = {},
  ): Promise<StoredMonitor> {
    const now = this.#now();
    await this.#db.tx(async (q) => {
      await this.#requireProject(q, projectId);
      const existed =
        options.actor !== undefined &&
        (
          await q.all('SELECT 1 AS x FROM monitors WHERE project_id = ? AND name = ?', [
            projectId,
            definition.metadata.name,
          ])
        ).length > 0;
      await q.run(
        `INSERT INTO monitors (project_id, name, model, type, definition, enabled, created_ms, updated_ms)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT (project_id, name) DO UPDATE SET model = excluded.model, type = excluded.type,
         definition = excluded.definition, updated_ms = excluded.updated_ms`,
        [
          projectId,
          definition.metadata.name,
          definition.spec.model,
          definition.spec.type,
          JSON.stringify(definition),
          now,
          now,
        ],
      );
      if (options.actor !== undefined) {
        await writeAudit(q, projectId, now, {
          actor: options.actor,
          action: existed ? 'monitor.update' : 'monitor.create',
          targetKind: 'monitor',
          target: definition.metadata.name,
          details: { model: definition.spec.model, type: definition.spec.type },
        });
      }
    });
    const m = await this.getMonitor(projectId, definition.metadata.name);
    if (m === null) throw new Error('upsertMonitor: monitor vanished after upsert');
    return m;
  }

  #toMonitor(r: SqlRow): StoredMonitor {
    return {
      projectId: r.project_id as string,
      definition: JSON.parse(r.definition as string),
      enabled: Number(r.enabled) === 1,
      createdMs: r.created_ms as number,
      updatedMs: r.updated_ms as number,
      lastSlotMs:
        r.last_slot_ms === null || r.last_slot_ms === undefined ? null : Number(r.last_slot_ms),
    };
  }

  async listAllMonitors(): Promise<StoredMonitor[]> {
    const rows = await this.#db.all(
      'SELECT * FROM monitors WHERE enabled = 1 ORDER BY project_id, name',
    );
    return rows.map((r) => this.#toMonitor(r));
  }

  async setMonitorSlot(projectId: string, name: string, slotMs: number): Promise<boolean> {
    const n = await this.#db.run(
      'UPDATE monitors SET last_slot_ms = ? WHERE project_id = ? AND name = ?',
      [slotMs, projectId, name],
    );
    return n === 1;
  }

  async getMonitor(projectId: string, name: string): Promise<StoredMonitor | null> {
    const [r] = await this.#db.all('SELECT * FROM monitors WHERE project_id = ? AND name = ?', [
      projectId,
      name,
    ]);
    return r === undefined ? null : this.#toMonitor(r);
  }

  async listMonitors(projectId: string): Promise<StoredMonitor[]> {
    const rows = await this.#db.all('SELECT * FROM monitors WHERE project_id = ? ORDER BY name', [
      projectId,
    ]);
    return rows.map((r) => this.#toMonitor(r));
  }

  async deleteMonitor(
    projectId: string,
    name: string,
    options: { readonly actor?: string } = {},
  ): Promise<boolean> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const n = await q.run('DELETE FROM monitors WHERE project_id = ? AND name = ?', [
        projectId,
        name,
      ]);
      if (n === 1 && options.actor !== undefined) {
        await writeAudit(q, projectId, now, {
          actor: options.actor,
          action: 'monitor.delete',
          targetKind: 'monitor',
          target: name,
        });
      }
      return n === 1;
    });
  }

  async appendEvaluations(projectId: string, points: readonly EvaluationPoint[]): Promise<void> {
    await this.#db.tx(async (q) => {
      for (const p of points) {
        // Re-running an evaluation for the same instant replaces its point.
        await q.run(
          `INSERT INTO evaluations (project_id, monitor, series, time_ms, window_start_ms, window_end_ms, status, value, threshold, sample_size, details)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (project_id, monitor, series, time_ms) DO UPDATE SET
             window_start_ms = excluded.window_start_ms, window_end_ms = excluded.window_end_ms,
             status = excluded.status, value = excluded.value, threshold = excluded.threshold,
             sample_size = excluded.sample_size, details = excluded.details`,
          [
            projectId,
            p.monitor,
            p.series,
            p.timeMs,
            p.windowStartMs,
            p.windowEndMs,
            p.status,
            p.value,
            p.threshold,
            p.sampleSize,
            p.details === undefined ? null : JSON.stringify(p.details),
          ],
        );
      }
    });
  }

  async queryEvaluations(
    projectId: string,
    query: { monitor?: string; series?: string; range: TimeRange; limit?: number },
  ): Promise<EvaluationPoint[]> {
    checkRange(query.range);
    const limit = checkLimit(query.limit);
    let sql = 'SELECT * FROM evaluations WHERE project_id = ? AND time_ms >= ? AND time_ms < ?';
    const params: Array<string | number> = [projectId, query.range.fromMs, query.range.toMs];
    if (query.monitor !== undefined) {
      sql += ' AND monitor = ?';
      params.push(query.monitor);
    }
    if (query.series !== undefined) {
      sql += ' AND series = ?';
      params.push(query.series);
    }
    const rows = await this.#db.all(`${sql} ORDER BY time_ms, monitor, series LIMIT ?`, [
      ...params,
      limit,
    ]);
    return rows.map((r) => ({
      monitor: r.monitor as string,
      series: r.series as string,
      timeMs: r.time_ms as number,
      windowStartMs: r.window_start_ms as number,
      windowEndMs: r.window_end_ms as number,
      status: r.status as EvaluationPoint['status'],
      value: (r.value as number | null) ?? null,
      threshold: (r.threshold as number | null) ?? null,
      sampleSize: r.sample_size as number,
      ...(r.details === null ? {} : { details: JSON.parse(r.details as string) }),
    }));
  }

  async upsertAlert(projectId: string, a: AlertRecord): Promise<void> {
    await this.#db.run(
      `INSERT INTO alerts (project_id, fingerprint, monitor, state, severity, started_ms, updated_ms, resolved_ms, last_notified_ms, value, labels, summary, machine)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (project_id, fingerprint) DO UPDATE SET monitor = excluded.monitor,
         state = excluded.state, severity = excluded.severity, started_ms = excluded.started_ms,
         updated_ms = excluded.updated_ms, resolved_ms = excluded.resolved_ms,
         last_notified_ms = excluded.last_notified_ms, value = excluded.value,
         labels = excluded.labels, summary = excluded.summary, machine = excluded.machine`,
      [
        projectId,
        a.fingerprint,
        a.monitor,
        a.state,
        a.severity,
        a.startedMs,
        a.updatedMs,
        a.resolvedMs,
        a.lastNotifiedMs,
        a.value,
        JSON.stringify(a.labels),
        a.summary,
        a.machine === undefined ? null : JSON.stringify(a.machine),
      ],
    );
  }

  async getAlert(projectId: string, fingerprint: string): Promise<AlertRecord | null> {
    const [r] = await this.#db.all(
      'SELECT * FROM alerts WHERE project_id = ? AND fingerprint = ?',
      [projectId, fingerprint],
    );
    return r === undefined ? null : toAlert(r);
  }

  async listAlerts(
    projectId: string,
    query: { monitor?: string; state?: AlertState; limit?: number } = {},
  ): Promise<AlertRecord[]> {
    const limit = checkLimit(query.limit);
    let sql = 'SELECT * FROM alerts WHERE project_id = ?';
    const params: Array<string | number> = [projectId];
    if (query.monitor !== undefined) {
      sql += ' AND monitor = ?';
      params.push(query.monitor);
    }
    if (query.state !== undefined) {
      sql += ' AND state = ?';
      params.push(query.state);
    }
    const rows = await this.#db.all(`${sql} ORDER BY updated_ms DESC, fingerprint LIMIT ?`, [
      ...params,
      limit,
    ]);
    return rows.map(toAlert);
  }

  async queryAlerts(
    projectId: string,
    query: { range: TimeRange; state?: AlertState; limit?: number },
  ): Promise<AlertRecord[]> {
    checkRange(query.range);
    const limit = checkLimit(query.limit);
    // Alerts active at any time in the window: started before its end, not resolved before its start.
    let sql =
      'SELECT * FROM alerts WHERE project_id = ? AND started_ms < ? AND (resolved_ms IS NULL OR resolved_ms >= ?)';
    const params: Array<string | number> = [projectId, query.range.toMs, query.range.fromMs];
    if (query.state !== undefined) {
      sql += ' AND state = ?';
      params.push(query.state);
    }
    const rows = await this.#db.all(`${sql} ORDER BY started_ms, fingerprint LIMIT ?`, [
      ...params,
      limit,
    ]);
    return rows.map(toAlert);
  }

  // --- jobs and leadership ---

  async enqueueJob(projectId: string, job: NewJob): Promise<string> {
    const id = randomUUID();
    await this.#db.run(
      `INSERT INTO jobs (id, project_id, kind, payload, state, run_at_ms, attempts, created_ms)
       VALUES (?, ?, ?, ?, 'queued', ?, 0, ?)`,
      [id, projectId, job.kind, JSON.stringify(job.payload), job.runAtMs, this.#now()],
    );
    return id;
  }

  async claimJobs(options: ClaimOptions): Promise<Job[]> {
    const now = this.#now();
    const limit = checkLimit(options.limit);
    const kind = options.kind === undefined ? '' : ' AND kind = ?';
    // PostgreSQL: SKIP LOCKED lets many workers claim disjoint jobs without waiting on each other.
    // SQLite: the transaction holds the only write lock, which serialises claims the same way.
    const rows = await this.#db.tx((q) =>
      q.all(
        `UPDATE jobs SET state = 'running', locked_by = ?, locked_until_ms = ?, attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM jobs
           WHERE ((state = 'queued' AND run_at_ms <= ?) OR (state = 'running' AND locked_until_ms < ?))${kind}
           ORDER BY run_at_ms, id LIMIT ?${this.#db.skipLocked}
         )
         RETURNING id, project_id, kind, payload, run_at_ms, attempts`,
        [
          options.worker,
          now + options.leaseMs,
          now,
          now,
          ...(options.kind === undefined ? [] : [options.kind]),
          limit,
        ],
      ),
    );
    return rows
      .map((r) => ({
        id: r.id as string,
        projectId: r.project_id as string,
        kind: r.kind as string,
        payload: JSON.parse(r.payload as string),
        runAtMs: r.run_at_ms as number,
        attempts: r.attempts as number,
      }))
      .sort((a, b) => a.runAtMs - b.runAtMs || (a.id < b.id ? -1 : 1));
  }

  async completeJob(jobId: string, worker: string, error?: string): Promise<boolean> {
    const n = await this.#db.run(
      `UPDATE jobs SET state = ?, finished_ms = ?, error = ?, locked_until_ms = NULL
       WHERE id = ? AND locked_by = ? AND state = 'running'`,
      [error === undefined ? 'done' : 'failed', this.#now(), error ?? null, jobId, worker],
    );
    return n === 1;
  }

  // --- delivery log ---

  async appendDelivery(projectId: string, d: DeliveryRecord): Promise<void> {
    await this.#db.run(
      `INSERT INTO deliveries (id, project_id, time_ms, channel, channel_type, fingerprint, monitor,
         kind, attempt, outcome, status_code, error, duration_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        d.id,
        projectId,
        d.timeMs,
        d.channel,
        d.channelType,
        d.fingerprint,
        d.monitor,
        d.kind,
        d.attempt,
        d.outcome,
        d.statusCode,
        d.error,
        d.durationMs,
      ],
    );
  }

  async queryDeliveries(projectId: string, query: DeliveryQuery): Promise<DeliveryRecord[]> {
    checkRange(query.range);
    const limit = checkLimit(query.limit);
    let sql = 'SELECT * FROM deliveries WHERE project_id = ? AND time_ms >= ? AND time_ms < ?';
    const params: Array<string | number> = [projectId, query.range.fromMs, query.range.toMs];
    if (query.channel !== undefined) {
      sql += ' AND channel = ?';
      params.push(query.channel);
    }
    const rows = await this.#db.all(`${sql} ORDER BY time_ms, attempt, id LIMIT ?`, [
      ...params,
      limit,
    ]);
    return rows.map((r) => ({
      id: r.id as string,
      timeMs: r.time_ms as number,
      channel: r.channel as string,
      channelType: r.channel_type as string,
      fingerprint: r.fingerprint as string,
      monitor: r.monitor as string,
      kind: r.kind as string,
      attempt: r.attempt as number,
      outcome: r.outcome as DeliveryOutcome,
      statusCode: (r.status_code as number | null) ?? null,
      error: (r.error as string | null) ?? null,
      durationMs: r.duration_ms as number,
    }));
  }

  tryAcquireLeadership(): Promise<boolean> {
    return this.#db.tryLock(LEADER_LOCK);
  }

  releaseLeadership(): Promise<void> {
    return this.#db.unlock(LEADER_LOCK);
  }
}
