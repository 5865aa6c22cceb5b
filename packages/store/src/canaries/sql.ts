// Canaries over a SqlDriver. A canary's every state change is one transaction: the decision row,
// the canary row (compare-and-set on its revision), the audit entry and, for a promotion, the
// alias move (moveAliasIn) or, for a prompt canary, the prompt label move, so a promotion is never
// half done.
import type { CanaryKind, CanaryPolicy, CanaryState } from '@vigil/contracts';
import { writeAudit } from '../audit/sql.js';
import { checkLimit, checkRange, StoreError, type TimeRange } from '../errors.js';
import { movePromptLabelIn } from '../prompts/sql.js';
import { moveAliasIn } from '../registry/sql.js';
import type { SqlDriver, SqlExec, SqlRow, SqlValue } from '../sql/driver.js';
import {
  ACTIVE_CANARY_STATES,
  type Canary,
  type CanaryDecisionInput,
  type CanaryDecisionRecord,
  type CanaryListQuery,
  type CanaryStore,
  type CanaryVariantStats,
  type NewCanary,
} from './port.js';
import { PROMPT_STATS_SQL, type PromptCallAggregate, promptVariantStats } from './prompt-stats.js';

/** CANARY_ACTOR is the actor of the canary worker's decisions and alias moves. */
export const CANARY_ACTOR = 'system:canary';

const FINAL: readonly CanaryState[] = ['promoted', 'passed', 'rolled_back', 'stopped'];

function toCanary(r: SqlRow): Canary {
  return {
    projectId: r.project_id as string,
    name: r.name as string,
    kind: ((r.kind as string | null) ?? 'model') as CanaryKind,
    model: r.model as string,
    promptLabel: (r.prompt_label as string | null) ?? null,
    baseline: {
      variant: r.baseline_variant as string,
      version: Number(r.baseline_version),
      weight: Number(r.baseline_weight),
    },
    candidate: {
      variant: r.candidate_variant as string,
      version: Number(r.candidate_version),
      weight: Number(r.candidate_weight),
    },
    startCandidateWeight: Number(r.start_candidate_weight),
    policy: JSON.parse(r.policy as string) as CanaryPolicy,
    state: r.state as CanaryState,
    startMs: Number(r.start_ms),
    endMs: r.end_ms === null || r.end_ms === undefined ? null : Number(r.end_ms),
    createdBy: r.created_by as string,
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
    revision: Number(r.revision),
    lastEvaluatedMs:
      r.last_evaluated_ms === null || r.last_evaluated_ms === undefined
        ? null
        : Number(r.last_evaluated_ms),
    sequential: JSON.parse(r.sequential as string),
  };
}

const sum = () => ({ count: 0, sum: 0, sumSquares: 0 });
const empty = (variant: string) => ({
  variant,
  predictions: 0,
  errors: 0,
  latencyMs: sum(),
  labelled: 0,
  correct: 0,
  outcomes: {} as Record<string, { count: number; sum: number; sumSquares: number }>,
});
// PostgreSQL returns COUNT and SUM of integers as text (bigint, numeric).
const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** SqlCanaryStore is the CanaryStore of a SqlStore. */
export class SqlCanaryStore implements CanaryStore {
  readonly #db: SqlDriver;
  readonly #now: () => number;

  constructor(db: SqlDriver, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  async create(projectId: string, input: NewCanary): Promise<Canary> {
    const now = this.#now();
    if (input.baseline.variant === input.candidate.variant) {
      throw new StoreError(
        'INVALID_ARGUMENT',
        'the baseline and candidate variants need different names',
      );
    }
    const kind: CanaryKind = input.promptLabel === undefined ? 'model' : 'prompt';
    const subject = kind === 'model' ? 'model' : 'prompt';
    await this.#db.tx(async (q) => {
      if (kind === 'model') await this.#checkModel(q, projectId, input);
      else await this.#checkPrompt(q, projectId, input, input.promptLabel as string);
      const taken = await q.all('SELECT state FROM canaries WHERE project_id = ? AND name = ?', [
        projectId,
        input.name,
      ]);
      if (taken.length > 0) throw new StoreError('CONFLICT', `canary ${input.name} exists`);
      // The model (prompt) row lock above serialises creators, so this check cannot race.
      const active = await q.all(
        `SELECT name FROM canaries WHERE project_id = ? AND kind = ? AND model = ? AND state IN (${ACTIVE_CANARY_STATES.map(() => '?').join(', ')})`,
        [projectId, kind, input.model, ...ACTIVE_CANARY_STATES],
      );
      if (active.length > 0) {
        throw new StoreError(
          'CONFLICT',
          `${subject} ${input.model} already has an active canary (${active[0].name as string}): stop it first`,
        );
      }
      await q.run(
        `INSERT INTO canaries (project_id, name, kind, model, prompt_label, baseline_variant, baseline_version, baseline_weight,
           candidate_variant, candidate_version, candidate_weight, start_candidate_weight, policy, state, start_ms, end_ms,
           created_by, created_ms, updated_ms, revision, last_evaluated_ms, sequential)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, NULL, ?, ?, ?, 1, NULL, '{}')`,
        [
          projectId,
          input.name,
          kind,
          input.model,
          input.promptLabel ?? null,
          input.baseline.variant,
          input.baseline.version,
          input.baseline.weight,
          input.candidate.variant,
          input.candidate.version,
          input.candidate.weight,
          input.candidate.weight,
          JSON.stringify(input.policy),
          now,
          input.createdBy,
          now,
          now,
        ],
      );
      await writeAudit(q, projectId, now, {
        actor: input.createdBy,
        action: 'canary.create',
        targetKind: 'canary',
        target: input.name,
        details: {
          ...(kind === 'model'
            ? { model: input.model }
            : { kind, prompt: input.model, label: input.promptLabel }),
          baseline: input.baseline,
          candidate: input.candidate,
          policy: input.policy,
        },
      });
    });
    return (await this.get(projectId, input.name)) as Canary;
  }

  async #checkModel(q: SqlExec, projectId: string, input: NewCanary): Promise<void> {
    const model = await q.all(
      `SELECT name FROM models WHERE project_id = ? AND name = ?${this.#db.forUpdate}`,
      [projectId, input.model],
    );
    if (model.length === 0) throw new StoreError('NOT_FOUND', `no model ${input.model}`);
    for (const [role, v] of [
      ['baseline', input.baseline],
      ['candidate', input.candidate],
    ] as const) {
      const rows = await q.all(
        'SELECT 1 AS x FROM model_versions WHERE project_id = ? AND model = ? AND version = ?',
        [projectId, input.model, v.version],
      );
      if (rows.length === 0)
        throw new StoreError(
          'NOT_FOUND',
          `${role}: no version ${v.version} of model ${input.model}`,
        );
    }
  }

  // A prompt canary: the prompt exists (its row locked), both versions exist, and the label
  // points at the baseline's version now.
  async #checkPrompt(
    q: SqlExec,
    projectId: string,
    input: NewCanary,
    label: string,
  ): Promise<void> {
    const prompt = await q.all(
      `SELECT name FROM prompts WHERE project_id = ? AND name = ?${this.#db.forUpdate}`,
      [projectId, input.model],
    );
    if (prompt.length === 0) throw new StoreError('NOT_FOUND', `no prompt ${input.model}`);
    for (const [role, v] of [
      ['baseline', input.baseline],
      ['candidate', input.candidate],
    ] as const) {
      const rows = await q.all(
        'SELECT 1 AS x FROM prompt_versions WHERE project_id = ? AND name = ? AND version = ?',
        [projectId, input.model, v.version],
      );
      if (rows.length === 0)
        throw new StoreError(
          'NOT_FOUND',
          `${role}: no version ${v.version} of prompt ${input.model}`,
        );
    }
    const [cur] = await q.all(
      'SELECT version FROM prompt_labels WHERE project_id = ? AND name = ? AND label = ?',
      [projectId, input.model, label],
    );
    if (cur === undefined || Number(cur.version) !== input.baseline.version) {
      throw new StoreError(
        'CONFLICT',
        `${input.model}@${label} points at ${cur === undefined ? 'nothing' : `version ${Number(cur.version)}`}, not the baseline version ${input.baseline.version}`,
      );
    }
  }

  async get(projectId: string, name: string): Promise<Canary | null> {
    const [r] = await this.#db.all('SELECT * FROM canaries WHERE project_id = ? AND name = ?', [
      projectId,
      name,
    ]);
    return r === undefined ? null : toCanary(r);
  }

  async list(projectId: string, query: CanaryListQuery = {}): Promise<Canary[]> {
    const limit = checkLimit(query.limit);
    let sql = 'SELECT * FROM canaries WHERE project_id = ?';
    const params: SqlValue[] = [projectId];
    if (query.model !== undefined) {
      sql += " AND model = ? AND kind = 'model'";
      params.push(query.model);
    }
    if (query.state !== undefined) {
      sql += ' AND state = ?';
      params.push(query.state);
    }
    const rows = await this.#db.all(`${sql} ORDER BY created_ms DESC, name LIMIT ?`, [
      ...params,
      limit,
    ]);
    return rows.map(toCanary);
  }

  async listActive(): Promise<Canary[]> {
    const rows = await this.#db.all(
      `SELECT * FROM canaries WHERE state IN (${ACTIVE_CANARY_STATES.map(() => '?').join(', ')}) ORDER BY project_id, name`,
      [...ACTIVE_CANARY_STATES],
    );
    return rows.map(toCanary);
  }

  async activePromptCanaries(projectId: string): Promise<Canary[]> {
    const rows = await this.#db.all(
      `SELECT * FROM canaries WHERE project_id = ? AND kind = 'prompt' AND state IN (${ACTIVE_CANARY_STATES.map(() => '?').join(', ')}) ORDER BY name`,
      [projectId, ...ACTIVE_CANARY_STATES],
    );
    return rows.map(toCanary);
  }

  async recordDecision(
    projectId: string,
    name: string,
    input: CanaryDecisionInput,
  ): Promise<Canary> {
    const now = this.#now();
    await this.#db.tx(async (q) => {
      const [row] = await q.all(
        `SELECT * FROM canaries WHERE project_id = ? AND name = ?${this.#db.forUpdate}`,
        [projectId, name],
      );
      if (row === undefined) throw new StoreError('NOT_FOUND', `no canary ${name}`);
      const c = toCanary(row);
      if (c.revision !== input.expectedRevision) {
        throw new StoreError(
          'CONFLICT',
          `canary ${name} changed meanwhile (revision ${c.revision}, expected ${input.expectedRevision})`,
        );
      }
      if (FINAL.includes(c.state)) {
        throw new StoreError('CONFLICT', `canary ${name} has already ended (${c.state})`);
      }
      let moved: { from: number | null; to: number } | null = null;
      if (input.promote !== undefined && c.kind === 'prompt') {
        const e = await movePromptLabelIn(
          q,
          this.#db.forUpdate,
          projectId,
          now,
          { name: c.model, label: input.promote.alias, version: c.candidate.version },
          {
            actor: input.actor,
            reason: `canary ${name} promoted: ${input.reasons[0] ?? ''}`,
            expectedFrom: input.promote.expectedFrom,
          },
        );
        moved = { from: e.previousVersion, to: e.version };
      } else if (input.promote !== undefined) {
        moved = await moveAliasIn(
          q,
          this.#db.forUpdate,
          projectId,
          now,
          { model: c.model, alias: input.promote.alias, version: c.candidate.version },
          {
            actor: input.actor,
            reason: `canary ${name} promoted: ${input.reasons[0] ?? ''}`,
            expectedFrom: input.promote.expectedFrom,
          },
        );
      }
      const final = FINAL.includes(input.state);
      const weights = input.weights ?? {
        baseline: c.baseline.weight,
        candidate: c.candidate.weight,
      };
      await q.run(
        `UPDATE canaries SET state = ?, baseline_weight = ?, candidate_weight = ?, updated_ms = ?,
           revision = revision + 1, last_evaluated_ms = ?, sequential = ?, end_ms = ?
         WHERE project_id = ? AND name = ?`,
        [
          input.state,
          weights.baseline,
          weights.candidate,
          now,
          now,
          JSON.stringify(input.sequential ?? c.sequential),
          final ? now : null,
          projectId,
          name,
        ],
      );
      const [last] = await q.all(
        'SELECT MAX(seq) AS seq FROM canary_decisions WHERE project_id = ? AND canary = ?',
        [projectId, name],
      );
      await q.run(
        `INSERT INTO canary_decisions (project_id, canary, seq, time_ms, actor, action, state, reasons, evidence)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          projectId,
          name,
          n(last?.seq) + 1,
          now,
          input.actor,
          input.action,
          input.state,
          JSON.stringify(input.reasons),
          JSON.stringify(input.evidence),
        ],
      );
      if (input.audit) {
        await writeAudit(q, projectId, now, {
          actor: input.actor,
          action: `canary.${input.action}`,
          targetKind: 'canary',
          target: name,
          details: {
            ...(c.kind === 'model'
              ? { model: c.model }
              : { kind: c.kind, prompt: c.model, label: c.promptLabel }),
            from: c.state,
            to: input.state,
            reasons: input.reasons,
            baseline: { ...c.baseline, weight: weights.baseline },
            candidate: { ...c.candidate, weight: weights.candidate },
            ...(moved === null
              ? {}
              : { [c.kind === 'model' ? 'alias' : 'label']: input.promote?.alias, moved }),
          },
        });
      }
    });
    return (await this.get(projectId, name)) as Canary;
  }

  async decisions(
    projectId: string,
    name: string,
    query: { limit?: number } = {},
  ): Promise<CanaryDecisionRecord[]> {
    const limit = checkLimit(query.limit);
    const rows = await this.#db.all(
      'SELECT * FROM canary_decisions WHERE project_id = ? AND canary = ? ORDER BY seq LIMIT ?',
      [projectId, name, limit],
    );
    return rows.map((r) => ({
      seq: n(r.seq),
      timeMs: n(r.time_ms),
      actor: r.actor as string,
      action: r.action as string,
      state: r.state as CanaryState,
      reasons: JSON.parse(r.reasons as string),
      evidence: JSON.parse(r.evidence as string),
    }));
  }

  async variantStats(
    projectId: string,
    canary: Canary,
    range: TimeRange,
  ): Promise<{ baseline: CanaryVariantStats; candidate: CanaryVariantStats }> {
    checkRange(range);
    if (canary.kind === 'prompt') {
      const rows = await this.#db.all(PROMPT_STATS_SQL, [
        projectId,
        canary.model,
        range.fromMs,
        range.toMs,
        canary.baseline.variant,
        canary.baseline.version,
        canary.candidate.variant,
        canary.candidate.version,
      ]);
      const row = (v: string) =>
        rows.find((r) => r.variant === v) as PromptCallAggregate | undefined;
      return {
        baseline: promptVariantStats(canary.baseline.variant, row(canary.baseline.variant)),
        candidate: promptVariantStats(canary.candidate.variant, row(canary.candidate.variant)),
      };
    }
    const b = empty(canary.baseline.variant);
    const c = empty(canary.candidate.variant);
    const of = (v: unknown) => (v === b.variant ? b : v === c.variant ? c : null);
    const where =
      "p.project_id = ? AND p.type = 'prediction' AND p.model = ? AND p.time_ms >= ? AND p.time_ms < ? AND p.variant IN (?, ?)";
    const params: SqlValue[] = [
      projectId,
      canary.model,
      range.fromMs,
      range.toMs,
      b.variant,
      c.variant,
    ];
    const q = this.#db;
    for (const r of await q.all(
      `SELECT p.variant AS variant, COUNT(*) AS n,
           SUM(CASE WHEN p.error IS NOT NULL THEN 1 ELSE 0 END) AS errors,
           COUNT(p.latency_ms) AS lat_n, SUM(p.latency_ms) AS lat_sum,
           SUM(p.latency_ms * p.latency_ms) AS lat_sq
         FROM events p WHERE ${where} GROUP BY p.variant`,
      params,
    )) {
      const s = of(r.variant);
      if (s === null) continue;
      s.predictions = n(r.n);
      s.errors = n(r.errors);
      s.latencyMs = { count: n(r.lat_n), sum: n(r.lat_sum), sumSquares: n(r.lat_sq) };
    }
    // A label matches when it equals the prediction as text, or as a number when both are numbers.
    for (const r of await q.all(
      `SELECT p.variant AS variant, COUNT(*) AS labelled,
           SUM(CASE WHEN (p.value_text IS NOT NULL AND l.value_text = p.value_text)
                      OR (p.value_text IS NULL AND l.value_text IS NULL AND l.value_num = p.value_num)
                    THEN 1 ELSE 0 END) AS correct
         FROM events p JOIN events l
           ON l.project_id = p.project_id AND l.prediction_id = p.event_id AND l.type = 'label'
         WHERE ${where} GROUP BY p.variant`,
      params,
    )) {
      const s = of(r.variant);
      if (s === null) continue;
      s.labelled = n(r.labelled);
      s.correct = n(r.correct);
    }
    for (const r of await q.all(
      `SELECT x.variant AS variant, x.name AS name, COUNT(*) AS n, SUM(x.t) AS s, SUM(x.t * x.t) AS sq
         FROM (
           SELECT p.variant AS variant, o.name AS name, p.event_id AS pid, SUM(o.value_num) AS t
           FROM events p JOIN events o
             ON o.project_id = p.project_id AND o.prediction_id = p.event_id AND o.type = 'outcome'
           WHERE ${where} GROUP BY p.variant, o.name, p.event_id
         ) x GROUP BY x.variant, x.name`,
      params,
    )) {
      const s = of(r.variant);
      if (s === null) continue;
      s.outcomes[r.name as string] = { count: n(r.n), sum: n(r.s), sumSquares: n(r.sq) };
    }
    return { baseline: b, candidate: c };
  }

  async hasFinishedCanary(projectId: string, model: string, version: number): Promise<boolean> {
    const rows = await this.#db.all(
      `SELECT 1 AS x FROM canaries WHERE project_id = ? AND kind = 'model' AND model = ? AND candidate_version = ?
         AND state IN ('passed', 'promoted') LIMIT 1`,
      [projectId, model, version],
    );
    return rows.length > 0;
  }
}
