// The model registry over a SqlDriver. Every write locks the model's row first (FOR UPDATE on
// PostgreSQL; SQLite serialises writers), so version numbers and the alias history's sequence are
// assigned without gaps or races, and each alias move commits with its history and audit rows.
import { writeAudit } from '../audit/sql.js';
import { checkLimit, StoreError } from '../errors.js';
import type { SqlDriver, SqlExec, SqlRow, SqlValue } from '../sql/driver.js';
import {
  type AliasChange,
  type AliasHistoryQuery,
  type AliasMove,
  type AliasMoveResult,
  MAX_REGISTRY_METRICS,
  type ModelAlias,
  type ModelVersion,
  type NewModelVersion,
  type RegistryStore,
  type ResolvedRef,
} from './port.js';
import { checkAliasName, checkModelName, checkVersionNumber, parseModelRef } from './ref.js';

const MAX_URI = 2048;
const MAX_TEXT = 2000;
const MAX_KEY = 128;
const MAX_TAG_VALUE = 1024;

const bad = (message: string): StoreError => new StoreError('INVALID_ARGUMENT', message);

function checkActor(actor: string): void {
  if (typeof actor !== 'string' || actor.trim() === '' || actor.length > MAX_KEY) {
    throw bad(`actor must be a non-empty string of at most ${MAX_KEY} characters`);
  }
}

function checkChange(change: AliasChange): void {
  checkActor(change.actor);
  if (typeof change.reason !== 'string' || change.reason.trim() === '') {
    throw bad('reason is required when moving an alias');
  }
  if (change.reason.length > MAX_TEXT) throw bad(`reason longer than ${MAX_TEXT} characters`);
  const e = change.expectedFrom;
  if (e !== undefined && e !== null) checkVersionNumber(e);
}

function checkNewVersion(input: NewModelVersion): void {
  checkActor(input.createdBy);
  if (typeof input.artifactUri !== 'string' || input.artifactUri.trim() === '') {
    throw bad('artifactUri is required');
  }
  if (input.artifactUri.length > MAX_URI)
    throw bad(`artifactUri longer than ${MAX_URI} characters`);
  if ((input.description ?? '').length > MAX_TEXT) {
    throw bad(`description longer than ${MAX_TEXT} characters`);
  }
  const metrics = Object.entries(input.metrics ?? {});
  if (metrics.length > MAX_REGISTRY_METRICS) throw bad(`more than ${MAX_REGISTRY_METRICS} metrics`);
  for (const [k, v] of metrics) {
    if (k === '' || k.length > MAX_KEY)
      throw bad(`metric name "${k}" must have 1-${MAX_KEY} characters`);
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw bad(`metric "${k}" must be a finite number`);
  }
  const tags = Object.entries(input.tags ?? {});
  if (tags.length > MAX_REGISTRY_METRICS) throw bad(`more than ${MAX_REGISTRY_METRICS} tags`);
  for (const [k, v] of tags) {
    if (k === '' || k.length > MAX_KEY)
      throw bad(`tag name "${k}" must have 1-${MAX_KEY} characters`);
    if (typeof v !== 'string' || v.length > MAX_TAG_VALUE) {
      throw bad(`tag "${k}" must be a string of at most ${MAX_TAG_VALUE} characters`);
    }
  }
}

function toVersion(r: SqlRow): ModelVersion {
  return {
    model: r.model as string,
    version: Number(r.version),
    artifactUri: r.artifact_uri as string,
    baselineId: (r.baseline_id as string | null) ?? null,
    metrics: JSON.parse(r.metrics as string),
    tags: JSON.parse(r.tags as string),
    description: r.description as string,
    createdBy: r.created_by as string,
    createdMs: Number(r.created_ms),
  };
}

function toAlias(r: SqlRow): ModelAlias {
  return {
    model: r.model as string,
    alias: r.alias as string,
    version: Number(r.version),
    updatedBy: r.updated_by as string,
    updatedMs: Number(r.updated_ms),
  };
}

const optInt = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toMove(r: SqlRow): AliasMove {
  return {
    model: r.model as string,
    alias: r.alias as string,
    seq: Number(r.seq),
    fromVersion: optInt(r.from_version),
    toVersion: optInt(r.to_version),
    actor: r.actor as string,
    timeMs: Number(r.time_ms),
    reason: r.reason as string,
  };
}

/** lockModel takes the model's row lock inside a transaction; NOT_FOUND if there is no such model. */
async function lockModel(
  q: SqlExec,
  forUpdate: string,
  projectId: string,
  model: string,
): Promise<void> {
  const rows = await q.all(
    `SELECT name FROM models WHERE project_id = ? AND name = ?${forUpdate}`,
    [projectId, model],
  );
  if (rows.length === 0) throw new StoreError('NOT_FOUND', `no model ${model}`);
}

async function currentAlias(
  q: SqlExec,
  projectId: string,
  model: string,
  alias: string,
): Promise<number | null> {
  const [r] = await q.all(
    'SELECT version FROM model_aliases WHERE project_id = ? AND model = ? AND alias = ?',
    [projectId, model, alias],
  );
  return r === undefined ? null : Number(r.version);
}

async function appendMove(
  q: SqlExec,
  projectId: string,
  timeMs: number,
  move: Omit<AliasMove, 'seq' | 'timeMs'>,
): Promise<void> {
  const [r] = await q.all(
    'SELECT COALESCE(MAX(seq), 0) AS last FROM alias_history WHERE project_id = ? AND model = ?',
    [projectId, move.model],
  );
  await q.run(
    `INSERT INTO alias_history (project_id, model, seq, alias, from_version, to_version, actor, time_ms, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      projectId,
      move.model,
      Number(r.last) + 1,
      move.alias,
      move.fromVersion,
      move.toVersion,
      move.actor,
      timeMs,
      move.reason,
    ],
  );
}

function checkExpected(alias: string, change: AliasChange, current: number | null): void {
  if (change.expectedFrom !== undefined && change.expectedFrom !== current) {
    const want = change.expectedFrom === null ? 'unset' : `version ${change.expectedFrom}`;
    const got = current === null ? 'unset' : `version ${current}`;
    throw new StoreError(
      'CONFLICT',
      `alias ${alias} is ${got}, expected ${want}: it moved meanwhile`,
    );
  }
}

/**
 * moveAliasIn points an alias at a version through `q`, which must be a transaction: the caller
 * (the incidents' rollback, say) can commit the move with its own rows. Takes the model's lock,
 * checks the version exists, records the move in the alias history and the audit log.
 */
export async function moveAliasIn(
  q: SqlExec,
  forUpdate: string,
  projectId: string,
  timeMs: number,
  target: { model: string; alias: string; version: number },
  change: AliasChange,
): Promise<AliasMoveResult> {
  const { model, alias, version } = target;
  checkModelName(model);
  checkAliasName(alias);
  checkVersionNumber(version);
  checkChange(change);
  await lockModel(q, forUpdate, projectId, model);
  const exists = await q.all(
    'SELECT 1 AS x FROM model_versions WHERE project_id = ? AND model = ? AND version = ?',
    [projectId, model, version],
  );
  if (exists.length === 0)
    throw new StoreError('NOT_FOUND', `no version ${version} of model ${model}`);
  const from = await currentAlias(q, projectId, model, alias);
  checkExpected(alias, change, from);
  if (from === null) {
    await q.run(
      'INSERT INTO model_aliases (project_id, model, alias, version, updated_by, updated_ms) VALUES (?, ?, ?, ?, ?, ?)',
      [projectId, model, alias, version, change.actor, timeMs],
    );
  } else {
    await q.run(
      'UPDATE model_aliases SET version = ?, updated_by = ?, updated_ms = ? WHERE project_id = ? AND model = ? AND alias = ?',
      [version, change.actor, timeMs, projectId, model, alias],
    );
  }
  await appendMove(q, projectId, timeMs, {
    model,
    alias,
    fromVersion: from,
    toVersion: version,
    actor: change.actor,
    reason: change.reason,
  });
  await writeAudit(q, projectId, timeMs, {
    actor: change.actor,
    action: 'alias.move',
    targetKind: 'alias',
    target: `${model}@${alias}`,
    details: { ...change.auditDetails, model, alias, from, to: version, reason: change.reason },
  });
  return { from, to: version };
}

/** SqlRegistryStore is the RegistryStore of a SqlStore. */
export class SqlRegistryStore implements RegistryStore {
  readonly #db: SqlDriver;
  readonly #now: () => number;

  constructor(db: SqlDriver, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  async createVersion(
    projectId: string,
    model: string,
    input: NewModelVersion,
  ): Promise<ModelVersion> {
    checkModelName(model);
    checkNewVersion(input);
    const now = this.#now();
    return this.#db.tx(async (q) => {
      await lockModel(q, this.#db.forUpdate, projectId, model);
      const baselineId = input.baselineId ?? null;
      if (baselineId !== null) {
        const b = await q.all(
          'SELECT 1 AS x FROM baselines WHERE project_id = ? AND model = ? AND id = ?',
          [projectId, model, baselineId],
        );
        if (b.length === 0) {
          throw new StoreError('NOT_FOUND', `no baseline ${baselineId} of model ${model}`);
        }
      }
      const [r] = await q.all(
        'SELECT COALESCE(MAX(version), 0) AS last FROM model_versions WHERE project_id = ? AND model = ?',
        [projectId, model],
      );
      const v: ModelVersion = {
        model,
        version: Number(r.last) + 1,
        artifactUri: input.artifactUri,
        baselineId,
        metrics: { ...(input.metrics ?? {}) },
        tags: { ...(input.tags ?? {}) },
        description: input.description ?? '',
        createdBy: input.createdBy,
        createdMs: now,
      };
      await q.run(
        `INSERT INTO model_versions (project_id, model, version, artifact_uri, baseline_id, metrics, tags, description, created_by, created_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          projectId,
          model,
          v.version,
          v.artifactUri,
          v.baselineId,
          JSON.stringify(v.metrics),
          JSON.stringify(v.tags),
          v.description,
          v.createdBy,
          now,
        ],
      );
      await writeAudit(q, projectId, now, {
        actor: input.createdBy,
        action: 'model_version.create',
        targetKind: 'model_version',
        target: `${model}@${v.version}`,
        details: { model, version: v.version, artifactUri: v.artifactUri, baselineId },
      });
      return v;
    });
  }

  async getVersion(
    projectId: string,
    model: string,
    version: number,
  ): Promise<ModelVersion | null> {
    checkModelName(model);
    checkVersionNumber(version);
    const [r] = await this.#db.all(
      'SELECT * FROM model_versions WHERE project_id = ? AND model = ? AND version = ?',
      [projectId, model, version],
    );
    return r === undefined ? null : toVersion(r);
  }

  async listVersions(
    projectId: string,
    model: string,
    options: { limit?: number } = {},
  ): Promise<ModelVersion[]> {
    checkModelName(model);
    const limit = checkLimit(options.limit);
    await this.#requireModel(projectId, model);
    const rows = await this.#db.all(
      'SELECT * FROM model_versions WHERE project_id = ? AND model = ? ORDER BY version DESC LIMIT ?',
      [projectId, model, limit],
    );
    return rows.map(toVersion);
  }

  async setAlias(
    projectId: string,
    model: string,
    alias: string,
    version: number,
    change: AliasChange,
  ): Promise<AliasMoveResult> {
    // Validate before opening a transaction, so bad input never takes a lock.
    checkModelName(model);
    checkAliasName(alias);
    checkVersionNumber(version);
    checkChange(change);
    const now = this.#now();
    return this.#db.tx((q) =>
      moveAliasIn(q, this.#db.forUpdate, projectId, now, { model, alias, version }, change),
    );
  }

  async deleteAlias(
    projectId: string,
    model: string,
    alias: string,
    change: AliasChange,
  ): Promise<{ from: number } | null> {
    checkModelName(model);
    checkAliasName(alias);
    checkChange(change);
    const now = this.#now();
    return this.#db.tx(async (q) => {
      await lockModel(q, this.#db.forUpdate, projectId, model);
      const from = await currentAlias(q, projectId, model, alias);
      checkExpected(alias, change, from);
      if (from === null) return null;
      await q.run('DELETE FROM model_aliases WHERE project_id = ? AND model = ? AND alias = ?', [
        projectId,
        model,
        alias,
      ]);
      await appendMove(q, projectId, now, {
        model,
        alias,
        fromVersion: from,
        toVersion: null,
        actor: change.actor,
        reason: change.reason,
      });
      await writeAudit(q, projectId, now, {
        actor: change.actor,
        action: 'alias.delete',
        targetKind: 'alias',
        target: `${model}@${alias}`,
        details: { ...change.auditDetails, model, alias, from, to: null, reason: change.reason },
      });
      return { from };
    });
  }

  async getAlias(projectId: string, model: string, alias: string): Promise<ModelAlias | null> {
    checkModelName(model);
    checkAliasName(alias);
    const [r] = await this.#db.all(
      'SELECT * FROM model_aliases WHERE project_id = ? AND model = ? AND alias = ?',
      [projectId, model, alias],
    );
    return r === undefined ? null : toAlias(r);
  }

  async listAliases(projectId: string, model: string): Promise<ModelAlias[]> {
    checkModelName(model);
    await this.#requireModel(projectId, model);
    const rows = await this.#db.all(
      'SELECT * FROM model_aliases WHERE project_id = ? AND model = ? ORDER BY alias',
      [projectId, model],
    );
    return rows.map(toAlias);
  }

  async aliasHistory(
    projectId: string,
    model: string,
    query: AliasHistoryQuery = {},
  ): Promise<AliasMove[]> {
    checkModelName(model);
    if (query.alias !== undefined) checkAliasName(query.alias);
    const limit = checkLimit(query.limit);
    await this.#requireModel(projectId, model);
    let sql = 'SELECT * FROM alias_history WHERE project_id = ? AND model = ?';
    const params: SqlValue[] = [projectId, model];
    if (query.alias !== undefined) {
      sql += ' AND alias = ?';
      params.push(query.alias);
    }
    const rows = await this.#db.all(`${sql} ORDER BY seq LIMIT ?`, [...params, limit]);
    return rows.map(toMove);
  }

  async resolve(projectId: string, ref: string): Promise<ResolvedRef | null> {
    const p = parseModelRef(ref);
    let row: SqlRow | undefined;
    if (p.kind === 'latest') {
      [row] = await this.#db.all(
        'SELECT * FROM model_versions WHERE project_id = ? AND model = ? ORDER BY version DESC LIMIT 1',
        [projectId, p.model],
      );
    } else if (p.kind === 'version') {
      [row] = await this.#db.all(
        'SELECT * FROM model_versions WHERE project_id = ? AND model = ? AND version = ?',
        [projectId, p.model, p.version],
      );
    } else {
      [row] = await this.#db.all(
        `SELECT v.* FROM model_aliases a JOIN model_versions v
           ON v.project_id = a.project_id AND v.model = a.model AND v.version = a.version
         WHERE a.project_id = ? AND a.model = ? AND a.alias = ?`,
        [projectId, p.model, p.alias],
      );
    }
    if (row === undefined) return null;
    return {
      ref,
      model: p.model,
      alias: p.kind === 'alias' ? p.alias : null,
      version: toVersion(row),
    };
  }

  async #requireModel(projectId: string, model: string): Promise<void> {
    const rows = await this.#db.all('SELECT 1 AS x FROM models WHERE project_id = ? AND name = ?', [
      projectId,
      model,
    ]);
    if (rows.length === 0) throw new StoreError('NOT_FOUND', `no model ${model}`);
  }
}
