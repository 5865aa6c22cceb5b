// Stored regression runs over a SqlDriver.
import { writeAudit } from '../audit/sql.js';
import { checkLimit, checkRange, StoreError } from '../errors.js';
import type { SqlDriver, SqlRow, SqlValue } from '../sql/driver.js';
import type { EvalRun, EvalRunDetail, EvalSeriesQuery, EvalStore, NewEvalRun } from './port.js';

const HEADLINE =
  'id, target, target_kind, target_version, set_name, set_version, set_hash, pass_rate, passed, counted, flaky, gate_passed, accepted, accepted_ms, accepted_by, started_ms, created_ms';

function toRun(r: SqlRow): EvalRun {
  return {
    id: r.id as string,
    target: r.target as string,
    targetKind: r.target_kind as string,
    targetVersion: r.target_version as string,
    setName: r.set_name as string,
    setVersion: r.set_version as string,
    setHash: r.set_hash as string,
    passRate: Number(r.pass_rate),
    passed: Number(r.passed),
    counted: Number(r.counted),
    flaky: Number(r.flaky),
    gatePassed: Number(r.gate_passed) === 1,
    accepted: Number(r.accepted) === 1,
    acceptedMs:
      r.accepted_ms === null || r.accepted_ms === undefined ? null : Number(r.accepted_ms),
    acceptedBy: (r.accepted_by as string | null) ?? null,
    startedMs: Number(r.started_ms),
    createdMs: Number(r.created_ms),
  };
}

function toDetail(r: SqlRow): EvalRunDetail {
  return { ...toRun(r), run: JSON.parse(r.run as string) as unknown };
}

/** SqlEvalStore is the EvalStore of a SqlStore. */
export class SqlEvalStore implements EvalStore {
  readonly #db: SqlDriver;
  readonly #now: () => number;

  constructor(db: SqlDriver, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  async record(projectId: string, run: NewEvalRun): Promise<EvalRun> {
    if (!(run.passRate >= 0 && run.passRate <= 1)) {
      throw new StoreError('INVALID_ARGUMENT', 'passRate must be in [0, 1]');
    }
    const createdMs = this.#now();
    const values: SqlValue[] = [
      projectId,
      run.id,
      run.target,
      run.targetKind,
      run.targetVersion,
      run.setName,
      run.setVersion,
      run.setHash,
      run.passRate,
      run.passed,
      run.counted,
      run.flaky,
      run.gatePassed ? 1 : 0,
      0,
      null,
      null,
      run.startedMs,
      createdMs,
      JSON.stringify(run.run),
    ];
    const [inserted] = await this.#db.insertIgnore(
      'eval_runs',
      ['project_id', ...HEADLINE.split(', '), 'run'],
      [values],
      ['project_id', 'id'],
    );
    if (!inserted) throw new StoreError('CONFLICT', `run ${run.id} is already stored`);
    const { run: _doc, ...headline } = run;
    return { ...headline, accepted: false, acceptedMs: null, acceptedBy: null, createdMs };
  }

  async get(projectId: string, id: string): Promise<EvalRunDetail | null> {
    const rows = await this.#db.all('SELECT * FROM eval_runs WHERE project_id = ? AND id = ?', [
      projectId,
      id,
    ]);
    return rows.length === 0 ? null : toDetail(rows[0]);
  }

  async series(projectId: string, query: EvalSeriesQuery): Promise<EvalRun[]> {
    checkRange(query.range);
    const limit = checkLimit(query.limit);
    let sql = `SELECT ${HEADLINE} FROM eval_runs WHERE project_id = ? AND target = ? AND created_ms >= ? AND created_ms < ?`;
    const params: SqlValue[] = [projectId, query.target, query.range.fromMs, query.range.toMs];
    if (query.targetVersion !== undefined) {
      sql += ' AND target_version = ?';
      params.push(query.targetVersion);
    }
    const rows = await this.#db.all(`${sql} ORDER BY created_ms, id LIMIT ?`, [...params, limit]);
    return rows.map(toRun);
  }

  accept(projectId: string, id: string, actor: string): Promise<EvalRun | null> {
    return this.#db.tx(async (q) => {
      const rows = await q.all(
        `SELECT ${HEADLINE} FROM eval_runs WHERE project_id = ? AND id = ?`,
        [projectId, id],
      );
      if (rows.length === 0) return null;
      const now = this.#now();
      await q.run(
        'UPDATE eval_runs SET accepted = 1, accepted_ms = ?, accepted_by = ? WHERE project_id = ? AND id = ?',
        [now, actor, projectId, id],
      );
      const run = toRun(rows[0]);
      await writeAudit(q, projectId, now, {
        actor,
        action: 'regression_run.accept',
        targetKind: 'regression_run',
        target: `${run.target}@${run.targetVersion}`,
        details: { run: id, passRate: run.passRate, set: `${run.setName}@${run.setVersion}` },
      });
      return { ...run, accepted: true, acceptedMs: now, acceptedBy: actor };
    });
  }

  async baseline(projectId: string, target: string): Promise<EvalRunDetail | null> {
    const rows = await this.#db.all(
      'SELECT * FROM eval_runs WHERE project_id = ? AND target = ? AND accepted = 1 ORDER BY accepted_ms DESC, created_ms DESC LIMIT 1',
      [projectId, target],
    );
    return rows.length === 0 ? null : toDetail(rows[0]);
  }

  async hasPassingRun(projectId: string, model: string, version: string): Promise<boolean> {
    const rows = await this.#db.all(
      'SELECT 1 AS one FROM eval_runs WHERE project_id = ? AND target = ? AND target_version = ? AND gate_passed = 1 LIMIT 1',
      [projectId, model, version],
    );
    return rows.length > 0;
  }
}
