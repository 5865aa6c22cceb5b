// The FeedbackStore over a SqlDriver: feedback idempotent by id, the review queue keyed by the
// generation, versioned knowledge tables, reference checks, and the worker's scan cursor.
import { writeAudit } from '../audit/sql.js';
import { checkLimit, checkRange, StoreError, type TimeRange } from '../errors.js';
import type { SqlDriver, SqlRow, SqlValue } from '../sql/driver.js';
import type {
  Feedback,
  FeedbackKind,
  FeedbackStore,
  KnowledgeRow,
  KnowledgeTable,
  LlmQualitySettings,
  NewFeedback,
  NewReviewItem,
  RateBucket,
  ReferenceCheck,
  ReviewItem,
  ReviewVerdict,
  StoredQualitySettings,
} from './port.js';

const FEEDBACK_KINDS: readonly FeedbackKind[] = [
  'thumbs_up',
  'thumbs_down',
  'rating',
  'correction',
  'reported_error',
];

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toFeedback(r: SqlRow): Feedback {
  return {
    id: r.id as string,
    timeMs: num(r.time_ms),
    traceId: r.trace_id as string,
    spanId: strOrNull(r.span_id),
    kind: r.kind as FeedbackKind,
    value: numOrNull(r.value),
    comment: strOrNull(r.comment),
    correction: strOrNull(r.correction),
    user: strOrNull(r.user_id),
    receivedMs: num(r.received_ms),
  };
}

function toReview(r: SqlRow): ReviewItem {
  return {
    traceId: r.trace_id as string,
    spanId: r.span_id as string,
    timeMs: num(r.time_ms),
    sampledMs: num(r.sampled_ms),
    model: strOrNull(r.model),
    prompt: strOrNull(r.prompt),
    output: r.output as string,
    verdict: strOrNull(r.verdict) as ReviewVerdict | null,
    reviewer: strOrNull(r.reviewer),
    notes: strOrNull(r.notes),
    reviewedMs: numOrNull(r.reviewed_ms),
  };
}

function toCheck(r: SqlRow): ReferenceCheck {
  return {
    traceId: r.trace_id as string,
    spanId: r.span_id as string,
    knowledge: r.knowledge as string,
    knowledgeVersion: num(r.knowledge_version),
    timeMs: num(r.time_ms),
    claims: num(r.claims),
    wrong: num(r.wrong),
    details: JSON.parse(r.details as string),
  };
}

function toSettings(r: SqlRow): StoredQualitySettings {
  return {
    projectId: r.project_id as string,
    settings: JSON.parse(r.settings as string),
    cursorMs: num(r.cursor_ms),
    updatedMs: num(r.updated_ms),
  };
}

function checkBucket(range: TimeRange, bucketMs: number): void {
  checkRange(range);
  if (!Number.isInteger(bucketMs) || bucketMs < 1000) {
    throw new StoreError('INVALID_ARGUMENT', 'bucket must be a whole number of ms, at least 1000');
  }
  if ((range.toMs - range.fromMs) / bucketMs > 10_000) {
    throw new StoreError('INVALID_ARGUMENT', 'at most 10,000 buckets per series: widen the bucket');
  }
}

function bucketize(
  range: TimeRange,
  bucketMs: number,
  rows: readonly { timeMs: number; failed: boolean }[],
): RateBucket[] {
  const n = Math.ceil((range.toMs - range.fromMs) / bucketMs);
  const total = new Array<number>(n).fill(0);
  const failed = new Array<number>(n).fill(0);
  for (const r of rows) {
    const i = Math.floor((r.timeMs - range.fromMs) / bucketMs);
    total[i]++;
    if (r.failed) failed[i]++;
  }
  return total.map((t, i) => ({
    startMs: range.fromMs + i * bucketMs,
    total: t,
    failed: failed[i],
    rate: t === 0 ? null : failed[i] / t,
  }));
}

/** SqlFeedbackStore is the FeedbackStore of a SqlStore. */
export class SqlFeedbackStore implements FeedbackStore {
  readonly #db: SqlDriver;
  readonly #now: () => number;

  constructor(db: SqlDriver, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  async addFeedback(
    projectId: string,
    items: readonly NewFeedback[],
  ): Promise<{ inserted: number; duplicates: string[] }> {
    if (items.length === 0) return { inserted: 0, duplicates: [] };
    const received = this.#now();
    const rows: SqlValue[][] = items.map((f) => [
      projectId,
      f.id,
      f.timeMs,
      f.traceId,
      f.spanId,
      f.kind,
      f.value,
      f.comment,
      f.correction,
      f.user,
      received,
    ]);
    const inserted = await this.#db.tx((q) =>
      q.insertIgnore(
        'llm_feedback',
        [
          'project_id',
          'id',
          'time_ms',
          'trace_id',
          'span_id',
          'kind',
          'value',
          'comment',
          'correction',
          'user_id',
          'received_ms',
        ],
        rows,
        ['project_id', 'id'],
      ),
    );
    const duplicates = items.filter((_, i) => !inserted[i]).map((f) => f.id);
    return { inserted: items.length - duplicates.length, duplicates };
  }

  async queryFeedback(
    projectId: string,
    query: { range: TimeRange; traceId?: string; kind?: FeedbackKind; limit?: number },
  ): Promise<Feedback[]> {
    checkRange(query.range);
    const limit = checkLimit(query.limit);
    let sql = 'SELECT * FROM llm_feedback WHERE project_id = ? AND time_ms >= ? AND time_ms < ?';
    const params: SqlValue[] = [projectId, query.range.fromMs, query.range.toMs];
    if (query.traceId !== undefined) {
      sql += ' AND trace_id = ?';
      params.push(query.traceId);
    }
    if (query.kind !== undefined) {
      sql += ' AND kind = ?';
      params.push(query.kind);
    }
    const rows = await this.#db.all(`${sql} ORDER BY time_ms, id LIMIT ?`, [...params, limit]);
    return rows.map(toFeedback);
  }

  async feedbackCounts(projectId: string, range: TimeRange): Promise<Record<FeedbackKind, number>> {
    checkRange(range);
    const rows = await this.#db.all(
      'SELECT kind, COUNT(*) AS n FROM llm_feedback WHERE project_id = ? AND time_ms >= ? AND time_ms < ? GROUP BY kind',
      [projectId, range.fromMs, range.toMs],
    );
    const out = Object.fromEntries(FEEDBACK_KINDS.map((k) => [k, 0])) as Record<
      FeedbackKind,
      number
    >;
    for (const r of rows) out[r.kind as FeedbackKind] = num(r.n);
    return out;
  }

  async enqueueReviews(projectId: string, items: readonly NewReviewItem[]): Promise<number> {
    if (items.length === 0) return 0;
    const sampled = this.#now();
    const inserted = await this.#db.tx((q) =>
      q.insertIgnore(
        'llm_reviews',
        ['project_id', 'trace_id', 'span_id', 'time_ms', 'sampled_ms', 'model', 'prompt', 'output'],
        items.map((r) => [
          projectId,
          r.traceId,
          r.spanId,
          r.timeMs,
          sampled,
          r.model,
          r.prompt,
          r.output,
        ]),
        ['project_id', 'trace_id', 'span_id'],
      ),
    );
    return inserted.filter(Boolean).length;
  }

  async listReviews(
    projectId: string,
    query: { range: TimeRange; state?: 'pending' | 'reviewed'; limit?: number },
  ): Promise<ReviewItem[]> {
    checkRange(query.range);
    const limit = checkLimit(query.limit);
    let sql = 'SELECT * FROM llm_reviews WHERE project_id = ? AND time_ms >= ? AND time_ms < ?';
    if (query.state === 'pending') sql += ' AND verdict IS NULL';
    if (query.state === 'reviewed') sql += ' AND verdict IS NOT NULL';
    const rows = await this.#db.all(`${sql} ORDER BY time_ms, trace_id, span_id LIMIT ?`, [
      projectId,
      query.range.fromMs,
      query.range.toMs,
      limit,
    ]);
    return rows.map(toReview);
  }

  recordVerdict(
    projectId: string,
    traceId: string,
    spanId: string,
    verdict: { verdict: ReviewVerdict; reviewer: string; notes: string | null },
    actor: string,
  ): Promise<ReviewItem> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const before = await q.all(
        `SELECT * FROM llm_reviews WHERE project_id = ? AND trace_id = ? AND span_id = ? ${this.#db.forUpdate}`,
        [projectId, traceId, spanId],
      );
      if (before.length === 0) {
        throw new StoreError(
          'NOT_FOUND',
          `generation ${traceId}/${spanId} is not in the review queue`,
        );
      }
      await q.run(
        'UPDATE llm_reviews SET verdict = ?, reviewer = ?, notes = ?, reviewed_ms = ? WHERE project_id = ? AND trace_id = ? AND span_id = ?',
        [verdict.verdict, verdict.reviewer, verdict.notes, now, projectId, traceId, spanId],
      );
      await writeAudit(q, projectId, now, {
        actor,
        action: 'review.verdict',
        targetKind: 'review',
        target: `${traceId}/${spanId}`,
        details: {
          from: before[0].verdict ?? null,
          to: verdict.verdict,
          reviewer: verdict.reviewer,
        },
      });
      return {
        ...toReview(before[0]),
        verdict: verdict.verdict,
        reviewer: verdict.reviewer,
        notes: verdict.notes,
        reviewedMs: now,
      };
    });
  }

  async hallucinationSeries(
    projectId: string,
    range: TimeRange,
    bucketMs: number,
  ): Promise<RateBucket[]> {
    checkBucket(range, bucketMs);
    const rows = await this.#db.all(
      'SELECT time_ms, verdict FROM llm_reviews WHERE project_id = ? AND time_ms >= ? AND time_ms < ? AND verdict IS NOT NULL',
      [projectId, range.fromMs, range.toMs],
    );
    return bucketize(
      range,
      bucketMs,
      rows.map((r) => ({ timeMs: num(r.time_ms), failed: r.verdict === 'hallucination' })),
    );
  }

  putKnowledgeTable(
    projectId: string,
    name: string,
    rows: readonly KnowledgeRow[],
    actor: string,
  ): Promise<KnowledgeTable> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const [last] = await q.all(
        'SELECT MAX(version) AS v FROM llm_knowledge WHERE project_id = ? AND name = ?',
        [projectId, name],
      );
      const version = (numOrNull(last?.v) ?? 0) + 1;
      await q.run(
        'INSERT INTO llm_knowledge (project_id, name, version, rows_json, created_ms) VALUES (?, ?, ?, ?, ?)',
        [projectId, name, version, JSON.stringify(rows), now],
      );
      await writeAudit(q, projectId, now, {
        actor,
        action: 'knowledge.put',
        targetKind: 'knowledge_table',
        target: name,
        details: { version, rows: rows.length },
      });
      return { name, version, rows, createdMs: now };
    });
  }

  async getKnowledgeTable(
    projectId: string,
    name: string,
    version?: number,
  ): Promise<KnowledgeTable | null> {
    const rows =
      version === undefined
        ? await this.#db.all(
            'SELECT * FROM llm_knowledge WHERE project_id = ? AND name = ? ORDER BY version DESC LIMIT 1',
            [projectId, name],
          )
        : await this.#db.all(
            'SELECT * FROM llm_knowledge WHERE project_id = ? AND name = ? AND version = ?',
            [projectId, name, version],
          );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      name: r.name as string,
      version: num(r.version),
      rows: JSON.parse(r.rows_json as string),
      createdMs: num(r.created_ms),
    };
  }

  async listKnowledgeTables(projectId: string): Promise<KnowledgeTable[]> {
    const rows = await this.#db.all(
      `SELECT k.* FROM llm_knowledge k
       JOIN (SELECT name, MAX(version) AS v FROM llm_knowledge WHERE project_id = ? GROUP BY name) m
         ON k.name = m.name AND k.version = m.v
       WHERE k.project_id = ? ORDER BY k.name`,
      [projectId, projectId],
    );
    return rows.map((r) => ({
      name: r.name as string,
      version: num(r.version),
      rows: JSON.parse(r.rows_json as string),
      createdMs: num(r.created_ms),
    }));
  }

  async recordReferenceChecks(projectId: string, checks: readonly ReferenceCheck[]): Promise<void> {
    if (checks.length === 0) return;
    await this.#db.tx(async (q) => {
      for (const c of checks) {
        await q.run(
          'DELETE FROM llm_reference_checks WHERE project_id = ? AND trace_id = ? AND span_id = ? AND knowledge = ?',
          [projectId, c.traceId, c.spanId, c.knowledge],
        );
        await q.run(
          'INSERT INTO llm_reference_checks (project_id, trace_id, span_id, knowledge, knowledge_version, time_ms, claims, wrong, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            projectId,
            c.traceId,
            c.spanId,
            c.knowledge,
            c.knowledgeVersion,
            c.timeMs,
            c.claims,
            c.wrong,
            JSON.stringify(c.details),
          ],
        );
      }
    });
  }

  async queryReferenceChecks(
    projectId: string,
    query: { range: TimeRange; knowledge?: string; wrongOnly?: boolean; limit?: number },
  ): Promise<ReferenceCheck[]> {
    checkRange(query.range);
    const limit = checkLimit(query.limit);
    let sql =
      'SELECT * FROM llm_reference_checks WHERE project_id = ? AND time_ms >= ? AND time_ms < ?';
    const params: SqlValue[] = [projectId, query.range.fromMs, query.range.toMs];
    if (query.knowledge !== undefined) {
      sql += ' AND knowledge = ?';
      params.push(query.knowledge);
    }
    if (query.wrongOnly === true) sql += ' AND wrong > 0';
    const rows = await this.#db.all(`${sql} ORDER BY time_ms, trace_id, span_id LIMIT ?`, [
      ...params,
      limit,
    ]);
    return rows.map(toCheck);
  }

  async referenceSeries(
    projectId: string,
    range: TimeRange,
    bucketMs: number,
    knowledge?: string,
  ): Promise<RateBucket[]> {
    checkBucket(range, bucketMs);
    let sql =
      'SELECT time_ms, wrong FROM llm_reference_checks WHERE project_id = ? AND time_ms >= ? AND time_ms < ? AND claims > 0';
    const params: SqlValue[] = [projectId, range.fromMs, range.toMs];
    if (knowledge !== undefined) {
      sql += ' AND knowledge = ?';
      params.push(knowledge);
    }
    const rows = await this.#db.all(sql, params);
    return bucketize(
      range,
      bucketMs,
      rows.map((r) => ({ timeMs: num(r.time_ms), failed: num(r.wrong) > 0 })),
    );
  }

  putSettings(
    projectId: string,
    settings: LlmQualitySettings,
    actor: string,
    startMs: number,
  ): Promise<StoredQualitySettings> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const before = await q.all(
        `SELECT * FROM llm_quality_settings WHERE project_id = ? ${this.#db.forUpdate}`,
        [projectId],
      );
      const cursor = before.length > 0 ? num(before[0].cursor_ms) : startMs;
      if (before.length > 0) {
        await q.run(
          'UPDATE llm_quality_settings SET settings = ?, updated_ms = ? WHERE project_id = ?',
          [JSON.stringify(settings), now, projectId],
        );
      } else {
        await q.run(
          'INSERT INTO llm_quality_settings (project_id, settings, cursor_ms, updated_ms) VALUES (?, ?, ?, ?)',
          [projectId, JSON.stringify(settings), cursor, now],
        );
      }
      await writeAudit(q, projectId, now, {
        actor,
        action: 'llm_quality.settings',
        targetKind: 'llm_quality_settings',
        target: projectId,
        details: { ...settings },
      });
      return { projectId, settings, cursorMs: cursor, updatedMs: now };
    });
  }

  async getSettings(projectId: string): Promise<StoredQualitySettings | null> {
    const rows = await this.#db.all('SELECT * FROM llm_quality_settings WHERE project_id = ?', [
      projectId,
    ]);
    return rows.length === 0 ? null : toSettings(rows[0]);
  }

  async listSettings(): Promise<StoredQualitySettings[]> {
    const rows = await this.#db.all('SELECT * FROM llm_quality_settings ORDER BY project_id');
    return rows.map(toSettings);
  }

  async advanceCursor(projectId: string, fromMs: number, toMs: number): Promise<boolean> {
    const changed = await this.#db.run(
      'UPDATE llm_quality_settings SET cursor_ms = ? WHERE project_id = ? AND cursor_ms = ? AND cursor_ms < ?',
      [toMs, projectId, fromMs, toMs],
    );
    return changed > 0;
  }
}
