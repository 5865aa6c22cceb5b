// MonitorDataStore over a SqlDriver: portable SQL on the wide events table (no migration: the
// events_type_model_time and events_prediction indexes serve these reads).
import { checkRange, StoreError } from '../errors.js';
import { rowToEvent } from '../event-rows.js';
import type { SqlDriver, SqlValue } from '../sql/driver.js';
import type {
  JoinedOutcome,
  KeyedOutcome,
  LabelValue,
  ModelEventQuery,
  ModelEventRow,
  MonitorDataStore,
  RequestCounts,
} from './port.js';

/** DEFAULT_MAX_EVENT_ROWS bounds one raw-event read of the scheduler. */
export const DEFAULT_MAX_EVENT_ROWS = 200_000;

// IN lists are sent in chunks: SQLite binds at most 32,766 parameters, PostgreSQL 65,535.
const ID_CHUNK = 500;

function tagsOf(text: unknown): Record<string, string> {
  return text === null || text === undefined ? {} : JSON.parse(text as string);
}

/** SqlMonitorDataStore implements MonitorDataStore with portable SQL. */
export class SqlMonitorDataStore implements MonitorDataStore {
  readonly #db: SqlDriver;

  constructor(db: SqlDriver) {
    this.#db = db;
  }

  async queryModelEvents(projectId: string, query: ModelEventQuery): Promise<ModelEventRow[]> {
    const max = query.maxRows ?? DEFAULT_MAX_EVENT_ROWS;
    if (!Number.isInteger(max) || max < 1) {
      throw new StoreError('INVALID_ARGUMENT', 'maxRows must be a positive integer');
    }
    const base = 'SELECT * FROM events WHERE project_id = ? AND type = ? AND model = ?';
    const params: SqlValue[] = [projectId, query.type, query.model];
    const s = query.select;
    let sql: string;
    if (s.kind === 'time') {
      checkRange(s.range);
      sql = `${base} AND time_ms >= ? AND time_ms < ? ORDER BY time_ms, event_id LIMIT ?`;
      params.push(s.range.fromMs, s.range.toMs, max);
    } else if (s.kind === 'batch') {
      sql = `${base} AND received_ms = ? ORDER BY time_ms, event_id LIMIT ?`;
      params.push(s.receivedMs, max);
    } else {
      if (!(Number.isInteger(s.first) && s.first >= 0 && s.end > s.first)) {
        throw new StoreError('INVALID_ARGUMENT', 'arrival selection needs 0 <= first < end');
      }
      sql = `${base} ORDER BY received_ms, event_id LIMIT ? OFFSET ?`;
      params.push(Math.min(s.end - s.first, max), s.first);
    }
    const rows = await this.#db.all(sql, params);
    return rows.map((r) => ({ event: rowToEvent(r), receivedMs: Number(r.received_ms) }));
  }

  async countArrived(
    projectId: string,
    query: { type: 'prediction' | 'infra'; model: string; atMs: number },
  ): Promise<number> {
    const [r] = await this.#db.all(
      'SELECT COUNT(*) AS n FROM events WHERE project_id = ? AND type = ? AND model = ? AND received_ms <= ?',
      [projectId, query.type, query.model, query.atMs],
    );
    return Number(r.n);
  }

  async lastBatchAt(
    projectId: string,
    query: { type: 'prediction' | 'infra'; model: string; atMs: number },
  ): Promise<number | null> {
    const [r] = await this.#db.all(
      'SELECT MAX(received_ms) AS at FROM events WHERE project_id = ? AND type = ? AND model = ? AND received_ms <= ?',
      [projectId, query.type, query.model, query.atMs],
    );
    return r.at === null || r.at === undefined ? null : Number(r.at);
  }

  async labelsFor(
    projectId: string,
    predictionIds: readonly string[],
  ): Promise<Map<string, LabelValue>> {
    const out = new Map<string, LabelValue>();
    for (let i = 0; i < predictionIds.length; i += ID_CHUNK) {
      const ids = predictionIds.slice(i, i + ID_CHUNK);
      const rows = await this.#db.all(
        `SELECT prediction_id, value_num, value_text, extra FROM events
         WHERE project_id = ? AND type = 'label' AND prediction_id IN (${ids.map(() => '?').join(', ')})
         ORDER BY time_ms, event_id`,
        [projectId, ...ids],
      );
      // Ascending order: a later label for the same prediction overwrites the earlier one.
      for (const r of rows) {
        const extra = r.extra === null ? {} : JSON.parse(r.extra as string);
        const label: LabelValue =
          extra.boolean === true
            ? Number(r.value_num) === 1
            : ((r.value_text as string | null) ?? Number(r.value_num));
        out.set(r.prediction_id as string, label);
      }
    }
    return out;
  }

  async joinedOutcomes(
    projectId: string,
    query: { name: string; model: string; range: { fromMs: number; toMs: number } },
  ): Promise<JoinedOutcome[]> {
    checkRange(query.range);
    const rows = await this.#db.all(
      `SELECT o.value_num, o.time_ms, o.prediction_id, o.tags AS outcome_tags,
              p.model_version, p.tags AS prediction_tags
       FROM events o JOIN events p
         ON p.project_id = o.project_id AND p.event_id = o.prediction_id AND p.type = 'prediction'
       WHERE o.project_id = ? AND o.type = 'outcome' AND o.name = ? AND p.model = ?
         AND o.time_ms >= ? AND o.time_ms < ?
       ORDER BY o.time_ms, o.event_id`,
      [projectId, query.name, query.model, query.range.fromMs, query.range.toMs],
    );
    return rows.map((r) => ({
      value: Number(r.value_num),
      timeMs: Number(r.time_ms),
      predictionId: r.prediction_id as string,
      modelVersion: (r.model_version as string | null) ?? null,
      tags: { ...tagsOf(r.prediction_tags), ...tagsOf(r.outcome_tags) },
    }));
  }

  async keyedOutcomes(
    projectId: string,
    query: { name: string; range: { fromMs: number; toMs: number }; maxRows?: number },
  ): Promise<KeyedOutcome[]> {
    checkRange(query.range);
    const max = query.maxRows ?? DEFAULT_MAX_EVENT_ROWS;
    if (!Number.isInteger(max) || max < 1) {
      throw new StoreError('INVALID_ARGUMENT', 'maxRows must be a positive integer');
    }
    const rows = await this.#db.all(
      `SELECT value_num, time_ms, join_key, tags, variant FROM events
       WHERE project_id = ? AND type = 'outcome' AND name = ? AND join_key IS NOT NULL
         AND time_ms >= ? AND time_ms < ?
       ORDER BY time_ms, event_id LIMIT ?`,
      [projectId, query.name, query.range.fromMs, query.range.toMs, max],
    );
    return rows.map((r) => ({
      value: Number(r.value_num),
      timeMs: Number(r.time_ms),
      key: r.join_key as string,
      tags: tagsOf(r.tags),
      variant: (r.variant as string | null) ?? null,
    }));
  }

  async requestCounts(
    projectId: string,
    query: { model: string; range: { fromMs: number; toMs: number } },
  ): Promise<RequestCounts> {
    checkRange(query.range);
    const [r] = await this.#db.all(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN error IS NULL THEN 0 ELSE 1 END) AS e FROM events
       WHERE project_id = ? AND type = 'prediction' AND model = ? AND time_ms >= ? AND time_ms < ?`,
      [projectId, query.model, query.range.fromMs, query.range.toMs],
    );
    return { requests: Number(r.n), errors: r.e === null ? 0 : Number(r.e) };
  }
}
