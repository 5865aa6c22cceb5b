// The LLM store over a SqlDriver: spans idempotent by (trace, span), price tables as immutable
// versions, budgets with usage counters incremented in SQL in the transaction that stores the
// generation (ON CONFLICT DO UPDATE spend = spend + excluded.spend), so no increment is lost.
import { randomUUID } from 'node:crypto';
import { writeAudit } from '../audit/sql.js';
import type { TimeRange } from '../errors.js';
import { checkLimit, checkRange, MAX_QUERY_LIMIT, StoreError } from '../errors.js';
import type { SqlDriver, SqlExec, SqlRow, SqlValue } from '../sql/driver.js';
import { matchesGlob, periodStart, usdToNanos } from './match.js';
import type {
  BudgetCrossing,
  BudgetSpec,
  BudgetUsage,
  CallCounts,
  Generation,
  GenerationQuery,
  GenerationTotals,
  LlmStore,
  NewGeneration,
  PriceTableSpec,
  RateDimension,
  RecordItemResult,
  RecordResult,
  StoredBudget,
  StoredPriceTable,
} from './port.js';

const SPAN_COLUMNS = [
  'project_id',
  'trace_id',
  'span_id',
  'parent_span_id',
  'name',
  'operation',
  'start_ms',
  'end_ms',
  'model_requested',
  'model_served',
  'provider',
  'prompt_name',
  'prompt_version',
  'input',
  'output',
  'tokens_input',
  'tokens_output',
  'tokens_cached_input',
  'tokens_reasoning',
  'cost_usd',
  'cost_source',
  'price_table_version',
  'status',
  'error',
  'user_id',
  'session_id',
  'service',
  'api_key_id',
  'tags',
  'variant',
  'attempt',
  'flags',
  'attributes',
  'received_ms',
] as const;

const DIMENSION_COLUMN: Record<RateDimension, string> = {
  apiKey: 'api_key_id',
  session: 'session_id',
  trace: 'trace_id',
};

const NAME_RE = /^[A-Za-z0-9_.-]{1,128}$/;
const ID_MAX = 128;

// The drivers bind a NUL as U+FFFD (PostgreSQL TEXT cannot hold it); generations are cleaned the
// same way up front, so that the in-batch dedupe and budget matching see the values as stored.
const clean = (v: string | null): string | null =>
  v?.includes('\0') ? v.replaceAll('\0', '\uFFFD') : v;
const json = (v: unknown): string | null =>
  v === undefined || v === null ? null : JSON.stringify(v);
const parse = (v: unknown): unknown =>
  v === null || v === undefined ? null : JSON.parse(v as string);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));

function invalid(message: string): never {
  throw new StoreError('INVALID_ARGUMENT', message);
}

function checkGeneration(g: NewGeneration, i: number): void {
  const at = `generations[${i}]`;
  if (typeof g.traceId !== 'string' || g.traceId.length === 0 || g.traceId.length > ID_MAX)
    invalid(`${at}.traceId must be a string of 1..${ID_MAX} characters`);
  if (typeof g.spanId !== 'string' || g.spanId.length === 0 || g.spanId.length > ID_MAX)
    invalid(`${at}.spanId must be a string of 1..${ID_MAX} characters`);
  if (!Number.isFinite(g.startMs) || !Number.isFinite(g.endMs) || g.endMs < g.startMs)
    invalid(`${at}: startMs and endMs must be finite with endMs >= startMs`);
  if (g.costUsd !== null && (!Number.isFinite(g.costUsd) || g.costUsd < 0))
    invalid(`${at}.costUsd must be a finite number >= 0 or null`);
}

function cleanGeneration(g: NewGeneration): NewGeneration {
  return {
    ...g,
    traceId: clean(g.traceId) as string,
    spanId: clean(g.spanId) as string,
    parentSpanId: clean(g.parentSpanId),
    name: clean(g.name) as string,
    operation: clean(g.operation),
    modelRequested: clean(g.modelRequested),
    modelServed: clean(g.modelServed),
    provider: clean(g.provider),
    promptName: clean(g.promptName),
    error: clean(g.error),
    user: clean(g.user),
    session: clean(g.session),
    service: clean(g.service),
    apiKeyId: clean(g.apiKeyId),
    variant: clean(g.variant),
  };
}

// The row of a generation already through cleanGeneration.
function spanRow(projectId: string, g: NewGeneration, receivedMs: number): SqlValue[] {
  return [
    projectId,
    g.traceId,
    g.spanId,
    g.parentSpanId,
    g.name,
    g.operation,
    Math.round(g.startMs),
    Math.round(g.endMs),
    g.modelRequested,
    g.modelServed,
    g.provider,
    g.promptName,
    g.promptVersion,
    json(g.input),
    json(g.output),
    g.tokens.input,
    g.tokens.output,
    g.tokens.cachedInput,
    g.tokens.reasoning,
    g.costUsd,
    g.costSource,
    g.priceTableVersion,
    g.status,
    g.error,
    g.user,
    g.session,
    g.service,
    g.apiKeyId,
    JSON.stringify(g.tags),
    g.variant,
    g.attempt,
    JSON.stringify(g.flags),
    JSON.stringify(g.attributes),
    receivedMs,
  ];
}

function toGeneration(r: SqlRow): Generation {
  const startMs = Number(r.start_ms);
  const endMs = Number(r.end_ms);
  return {
    traceId: r.trace_id as string,
    spanId: r.span_id as string,
    parentSpanId: str(r.parent_span_id),
    name: r.name as string,
    operation: str(r.operation),
    startMs,
    endMs,
    latencyMs: endMs - startMs,
    modelRequested: str(r.model_requested),
    modelServed: str(r.model_served),
    provider: str(r.provider),
    promptName: str(r.prompt_name),
    promptVersion: num(r.prompt_version),
    input: parse(r.input),
    output: parse(r.output),
    tokens: {
      input: num(r.tokens_input),
      output: num(r.tokens_output),
      cachedInput: num(r.tokens_cached_input),
      reasoning: num(r.tokens_reasoning),
    },
    costUsd: num(r.cost_usd),
    costSource: r.cost_source as Generation['costSource'],
    priceTableVersion: num(r.price_table_version),
    status: r.status as Generation['status'],
    error: str(r.error),
    user: str(r.user_id),
    session: str(r.session_id),
    service: str(r.service),
    apiKeyId: str(r.api_key_id),
    tags: JSON.parse(r.tags as string),
    variant: str(r.variant),
    attempt: Number(r.attempt),
    flags: JSON.parse(r.flags as string),
    attributes: JSON.parse(r.attributes as string),
    receivedMs: Number(r.received_ms),
  };
}

function toPriceTable(r: SqlRow): StoredPriceTable {
  const note = r.note as string;
  return {
    projectId: r.project_id as string,
    version: Number(r.version),
    effectiveFromMs: Number(r.effective_from_ms),
    entries: JSON.parse(r.entries as string),
    ...(note === '' ? {} : { note }),
    createdMs: Number(r.created_ms),
  };
}

function toBudget(r: SqlRow): StoredBudget {
  const description = r.description as string;
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    name: r.name as string,
    scope: r.scope as StoredBudget['scope'],
    match: r.match_pattern as string,
    period: r.period as StoredBudget['period'],
    limitUsd: Number(r.limit_usd),
    block: Number(r.block) === 1,
    alertThresholds: JSON.parse(r.thresholds as string),
    channels: JSON.parse(r.channels as string),
    ...(description === '' ? {} : { description }),
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
  };
}

function toUsage(r: SqlRow): BudgetUsage {
  return {
    budgetId: r.budget_id as string,
    subject: r.subject as string,
    periodStartMs: Number(r.period_start_ms),
    spendNanos: Number(r.spend_nanos),
    calls: Number(r.calls),
    alertedLevel: Number(r.alerted_level),
    updatedMs: Number(r.updated_ms),
  };
}

/** checkBudgetSpec throws INVALID_ARGUMENT naming the first bad field of a budget. */
export function checkBudgetSpec(spec: BudgetSpec): void {
  if (typeof spec.name !== 'string' || !NAME_RE.test(spec.name))
    invalid('budget name must match [A-Za-z0-9_.-]{1,128}');
  if (!['service', 'user', 'model', 'project'].includes(spec.scope))
    invalid('budget scope must be one of service, user, model, project');
  if (typeof spec.match !== 'string' || spec.match.length === 0 || spec.match.length > 256)
    invalid('budget match must be a glob of 1..256 characters');
  if (spec.period !== 'daily' && spec.period !== 'monthly')
    invalid('budget period must be daily or monthly');
  if (!Number.isFinite(spec.limitUsd) || spec.limitUsd <= 0)
    invalid('budget limitUsd must be a number > 0');
  const t = spec.alertThresholds;
  if (
    spec.channels !== undefined &&
    (!Array.isArray(spec.channels) || spec.channels.some((c) => typeof c !== 'string' || c === ''))
  )
    invalid('budget channels must be a list of channel names');
  if (
    !Array.isArray(t) ||
    t.length > 10 ||
    t.some((x, i) => !Number.isFinite(x) || x <= 0 || x > 10 || (i > 0 && x <= (t[i - 1] ?? 0)))
  )
    invalid('budget alertThresholds must be up to 10 ascending shares in (0, 10]');
}

/** budgetSubject is the usage subject a budget counts a call under, or null if it does not apply. */
export function budgetSubject(
  budget: Pick<BudgetSpec, 'scope' | 'match'>,
  call: { service: string | null; user: string | null; model: string | null },
): string | null {
  if (budget.scope === 'project') return '*';
  const value =
    budget.scope === 'service' ? call.service : budget.scope === 'user' ? call.user : call.model;
  if (value === null || value === '') return null;
  if (budget.match === '*') return value;
  return matchesGlob(budget.match, value) ? budget.match : null;
}

interface Increment {
  budget: StoredBudget;
  subject: string;
  periodStartMs: number;
  nanos: number;
  calls: number;
}

/** SqlLlmStore is the LlmStore of a SqlStore. */
export class SqlLlmStore implements LlmStore {
  readonly #db: SqlDriver;
  readonly #now: () => number;

  constructor(db: SqlDriver, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  async recordGenerations(projectId: string, raw: readonly NewGeneration[]): Promise<RecordResult> {
    raw.forEach(checkGeneration);
    const items = raw.map(cleanGeneration);
    const receivedMs = this.#now();
    return this.#db.tx(async (q) => {
      // Dedupe inside the batch first: the first occurrence of a (trace, span) wins.
      const seen = new Set<string>();
      const unique: number[] = [];
      items.forEach((g, i) => {
        const k = `${g.traceId}\0${g.spanId}`;
        if (!seen.has(k)) {
          seen.add(k);
          unique.push(i);
        }
      });
      const flags = await q.insertIgnore(
        'llm_spans',
        SPAN_COLUMNS,
        unique.map((i) => spanRow(projectId, items[i] as NewGeneration, receivedMs)),
        ['project_id', 'trace_id', 'span_id'],
      );
      const inserted = new Array<boolean>(items.length).fill(false);
      unique.forEach((i, j) => {
        inserted[i] = flags[j] === true;
      });
      const results: RecordItemResult[] = items.map((g, i) => ({
        traceId: g.traceId,
        spanId: g.spanId,
        inserted: inserted[i] === true,
      }));
      const calls = items.filter((g, i) => inserted[i] && g.operation !== null);
      if (calls.length === 0) return { items: results, crossings: [] };
      const budgets = (
        await q.all('SELECT * FROM llm_budgets WHERE project_id = ?', [projectId])
      ).map(toBudget);
      if (budgets.length === 0) return { items: results, crossings: [] };
      const increments = new Map<string, Increment>();
      for (const g of calls) {
        // A model budget counts the model asked for (what the gateway checks before the call),
        // or the model that answered when only that one matches.
        const asked = {
          service: g.service,
          user: g.user,
          model: g.modelRequested ?? g.modelServed,
        };
        const served = { ...asked, model: g.modelServed };
        for (const budget of budgets) {
          const subject =
            budgetSubject(budget, asked) ??
            (budget.scope === 'model' && g.modelServed !== null && g.modelRequested !== null
              ? budgetSubject(budget, served)
              : null);
          if (subject === null) continue;
          const start = periodStart(budget.period, g.startMs);
          const key = `${budget.id}\0${subject}\0${start}`;
          let inc = increments.get(key);
          if (inc === undefined) {
            inc = { budget, subject, periodStartMs: start, nanos: 0, calls: 0 };
            increments.set(key, inc);
          }
          inc.calls += 1;
          if (g.costUsd !== null) inc.nanos += usdToNanos(g.costUsd);
        }
      }
      // A fixed order of row locks, so two writers never deadlock on PostgreSQL.
      const ordered = [...increments.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const crossings: BudgetCrossing[] = [];
      for (const [, inc] of ordered) {
        const crossing = await this.#increment(q, projectId, inc, receivedMs);
        if (crossing !== null) crossings.push(crossing);
      }
      return { items: results, crossings };
    });
  }

  async #increment(
    q: SqlExec,
    projectId: string,
    inc: Increment,
    nowMs: number,
  ): Promise<BudgetCrossing | null> {
    const key = [inc.budget.id, inc.subject, inc.periodStartMs];
    await q.run(
      `INSERT INTO llm_budget_usage (budget_id, subject, period_start_ms, project_id, spend_nanos, calls, alerted_level, updated_ms)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?)
       ON CONFLICT (budget_id, subject, period_start_ms) DO UPDATE SET
         spend_nanos = llm_budget_usage.spend_nanos + excluded.spend_nanos,
         calls = llm_budget_usage.calls + excluded.calls,
         updated_ms = excluded.updated_ms`,
      [...key, projectId, inc.nanos, inc.calls, nowMs],
    );
    // This transaction now holds the row: what it reads is the committed sum plus our increment.
    const rows = await q.all(
      'SELECT spend_nanos, alerted_level FROM llm_budget_usage WHERE budget_id = ? AND subject = ? AND period_start_ms = ?',
      key,
    );
    const row = rows[0];
    if (row === undefined) return null;
    const spend = Number(row.spend_nanos);
    const alerted = Number(row.alerted_level);
    const limitNanos = usdToNanos(inc.budget.limitUsd);
    let level = 0;
    for (const t of inc.budget.alertThresholds) if (spend >= t * limitNanos) level = t;
    if (level <= alerted) return null;
    const n = await q.run(
      'UPDATE llm_budget_usage SET alerted_level = ? WHERE budget_id = ? AND subject = ? AND period_start_ms = ? AND alerted_level < ?',
      [level, ...key, level],
    );
    if (n === 0) return null;
    return {
      budget: inc.budget,
      subject: inc.subject,
      periodStartMs: inc.periodStartMs,
      threshold: level,
      spendNanos: spend,
    };
  }

  #where(
    projectId: string,
    query: Omit<GenerationQuery, 'limit'>,
  ): { sql: string; params: SqlValue[] } {
    checkRange(query.range);
    let sql = 'project_id = ? AND start_ms >= ? AND start_ms < ?';
    const params: SqlValue[] = [projectId, query.range.fromMs, query.range.toMs];
    const eq: [string, SqlValue | undefined][] = [
      ['trace_id', query.traceId],
      ['service', query.service],
      ['user_id', query.user],
      ['session_id', query.session],
      ['provider', query.provider],
      ['prompt_name', query.promptName],
      ['prompt_version', query.promptVersion],
      ['api_key_id', query.apiKeyId],
      ['status', query.status],
      ['operation', query.operation],
    ];
    for (const [column, value] of eq) {
      if (value !== undefined) {
        sql += ` AND ${column} = ?`;
        params.push(typeof value === 'string' ? clean(value) : value);
      }
    }
    if (query.model !== undefined) {
      sql += ' AND (model_requested = ? OR model_served = ?)';
      params.push(clean(query.model), clean(query.model));
    }
    if (query.llmOnly === true) sql += ' AND operation IS NOT NULL';
    // Tags and flags are JSON arrays: a LIKE on the quoted value narrows, JS filters exactly.
    for (const [column, value] of [
      ['tags', query.tag],
      ['flags', query.flag],
    ] as const) {
      if (value !== undefined) {
        sql += ` AND ${column} LIKE ? ESCAPE '!'`;
        params.push(`%${JSON.stringify(clean(value)).replace(/[!%_]/g, (c) => `!${c}`)}%`);
      }
    }
    return { sql, params };
  }

  async queryGenerations(projectId: string, query: GenerationQuery): Promise<Generation[]> {
    const limit = checkLimit(query.limit);
    const { sql, params } = this.#where(projectId, query);
    const rows = await this.#db.all(
      `SELECT * FROM llm_spans WHERE ${sql} ORDER BY start_ms DESC, trace_id, span_id LIMIT ?`,
      [...params, limit],
    );
    return rows
      .map(toGeneration)
      .filter(
        (g) =>
          (query.tag === undefined || g.tags.includes(query.tag)) &&
          (query.flag === undefined || g.flags.includes(query.flag)),
      );
  }

  async getTrace(projectId: string, traceId: string): Promise<Generation[]> {
    const rows = await this.#db.all(
      'SELECT * FROM llm_spans WHERE project_id = ? AND trace_id = ? ORDER BY start_ms, span_id LIMIT ?',
      [projectId, clean(traceId), MAX_QUERY_LIMIT],
    );
    return rows.map(toGeneration);
  }

  async totals(
    projectId: string,
    query: Omit<GenerationQuery, 'limit'>,
  ): Promise<GenerationTotals> {
    const { sql, params } = this.#where(projectId, { ...query, llmOnly: true });
    const rows = await this.#db.all(
      `SELECT COUNT(*) AS calls,
         SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END) AS errors,
         SUM(tokens_input) AS tin, SUM(tokens_output) AS tout, SUM(cost_usd) AS cost,
         SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unknown
       FROM llm_spans WHERE ${sql}`,
      params,
    );
    const r = rows[0] ?? {};
    return {
      calls: Number(r.calls ?? 0),
      errors: Number(r.errors ?? 0),
      inputTokens: Number(r.tin ?? 0),
      outputTokens: Number(r.tout ?? 0),
      costUsd: Number(r.cost ?? 0),
      costUnknownCalls: Number(r.unknown ?? 0),
    };
  }

  async countCalls(
    projectId: string,
    dimension: RateDimension,
    value: string,
    range: TimeRange,
  ): Promise<CallCounts> {
    checkRange(range);
    const column = DIMENSION_COLUMN[dimension];
    const rows = await this.#db.all(
      `SELECT COUNT(*) AS calls, SUM(CASE WHEN attempt > 0 THEN 1 ELSE 0 END) AS retries
       FROM llm_spans WHERE project_id = ? AND ${column} = ? AND start_ms >= ? AND start_ms < ?
       AND operation IS NOT NULL`,
      [projectId, clean(value), range.fromMs, range.toMs],
    );
    const r = rows[0] ?? {};
    return { calls: Number(r.calls ?? 0), retries: Number(r.retries ?? 0) };
  }

  async countCallsByGroup(
    projectId: string,
    dimension: RateDimension,
    values: readonly string[],
    range: TimeRange,
  ): Promise<Map<string, CallCounts>> {
    checkRange(range);
    const out = new Map<string, CallCounts>();
    const column = DIMENSION_COLUMN[dimension];
    const unique = [...new Set(values.map((v) => clean(v) as string))];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const rows = await this.#db.all(
        `SELECT ${column} AS v, COUNT(*) AS calls, SUM(CASE WHEN attempt > 0 THEN 1 ELSE 0 END) AS retries
         FROM llm_spans WHERE project_id = ? AND ${column} IN (${chunk.map(() => '?').join(', ')})
         AND start_ms >= ? AND start_ms < ? AND operation IS NOT NULL GROUP BY ${column}`,
        [projectId, ...chunk, range.fromMs, range.toMs],
      );
      for (const r of rows)
        out.set(r.v as string, { calls: Number(r.calls ?? 0), retries: Number(r.retries ?? 0) });
    }
    return out;
  }

  addFlag(
    projectId: string,
    traceId: string,
    spanIds: readonly string[],
    flag: string,
  ): Promise<number> {
    return this.addFlags(
      projectId,
      spanIds.map((spanId) => ({ traceId, spanId })),
      flag,
    );
  }

  async addFlags(
    projectId: string,
    spans: readonly { readonly traceId: string; readonly spanId: string }[],
    flag: string,
  ): Promise<number> {
    if (spans.length === 0) return 0;
    const byTrace = new Map<string, Set<string>>();
    for (const s of spans) {
      const set = byTrace.get(s.traceId) ?? new Set<string>();
      set.add(s.spanId);
      byTrace.set(s.traceId, set);
    }
    // One transaction, rows locked in (trace, span) order: concurrent flaggers never deadlock.
    const traces = [...byTrace.keys()].sort();
    return this.#db.tx(async (q) => {
      let changed = 0;
      for (const traceId of traces) {
        const ids = [...(byTrace.get(traceId) ?? [])].sort();
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          const rows = await q.all(
            `SELECT span_id, flags FROM llm_spans WHERE project_id = ? AND trace_id = ? AND span_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY span_id${this.#db.forUpdate}`,
            [projectId, traceId, ...chunk],
          );
          for (const row of rows) {
            const flags = JSON.parse(row.flags as string) as string[];
            if (flags.includes(flag)) continue;
            changed += await q.run(
              'UPDATE llm_spans SET flags = ? WHERE project_id = ? AND trace_id = ? AND span_id = ?',
              [JSON.stringify([...flags, flag]), projectId, traceId, row.span_id as string],
            );
          }
        }
      }
      return changed;
    });
  }

  // --- price tables ---

  async createPriceTable(
    projectId: string,
    spec: PriceTableSpec,
    actor: string,
  ): Promise<StoredPriceTable> {
    if (!Number.isFinite(spec.effectiveFromMs)) invalid('effectiveFromMs must be a finite time');
    if (!Array.isArray(spec.entries) || spec.entries.length === 0)
      invalid('a price table needs at least one entry');
    const now = this.#now();
    // Two concurrent creators may pick the same next version: the loser retries once.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#db.tx(async (q) => {
          const rows = await q.all(
            'SELECT MAX(version) AS v FROM llm_price_tables WHERE project_id = ?',
            [projectId],
          );
          const version = Number(rows[0]?.v ?? 0) + 1;
          await q.run(
            'INSERT INTO llm_price_tables (project_id, version, effective_from_ms, entries, note, created_ms) VALUES (?, ?, ?, ?, ?, ?)',
            [
              projectId,
              version,
              Math.round(spec.effectiveFromMs),
              JSON.stringify(spec.entries),
              clean(spec.note ?? '') ?? '',
              now,
            ],
          );
          await writeAudit(q, projectId, now, {
            actor,
            action: 'price_table.create',
            targetKind: 'price_table',
            target: String(version),
            details: {
              version,
              effectiveFromMs: spec.effectiveFromMs,
              entries: spec.entries.length,
              ...(spec.note === undefined ? {} : { note: spec.note }),
            },
          });
          return {
            projectId,
            version,
            effectiveFromMs: Math.round(spec.effectiveFromMs),
            entries: spec.entries,
            ...(spec.note === undefined || spec.note === '' ? {} : { note: spec.note }),
            createdMs: now,
          };
        });
      } catch (e) {
        if (attempt >= 2 || e instanceof StoreError) throw e;
      }
    }
  }

  async listPriceTables(projectId: string): Promise<StoredPriceTable[]> {
    const rows = await this.#db.all(
      'SELECT * FROM llm_price_tables WHERE project_id = ? ORDER BY version LIMIT ?',
      [projectId, MAX_QUERY_LIMIT],
    );
    return rows.map(toPriceTable);
  }

  async getPriceTable(projectId: string, version: number): Promise<StoredPriceTable | null> {
    const rows = await this.#db.all(
      'SELECT * FROM llm_price_tables WHERE project_id = ? AND version = ?',
      [projectId, version],
    );
    return rows[0] === undefined ? null : toPriceTable(rows[0]);
  }

  async priceTableAt(projectId: string, timeMs: number): Promise<StoredPriceTable | null> {
    const rows = await this.#db.all(
      'SELECT * FROM llm_price_tables WHERE project_id = ? AND effective_from_ms <= ? ORDER BY effective_from_ms DESC, version DESC LIMIT 1',
      [projectId, Math.round(timeMs)],
    );
    return rows[0] === undefined ? null : toPriceTable(rows[0]);
  }

  // --- budgets ---

  async upsertBudget(projectId: string, spec: BudgetSpec, actor: string): Promise<StoredBudget> {
    checkBudgetSpec(spec);
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const rows = await q.all(
        `SELECT * FROM llm_budgets WHERE project_id = ? AND name = ?${this.#db.forUpdate}`,
        [projectId, spec.name],
      );
      const before = rows[0] === undefined ? null : toBudget(rows[0]);
      const id = before?.id ?? randomUUID();
      const values: SqlValue[] = [
        spec.scope,
        spec.match,
        spec.period,
        spec.limitUsd,
        spec.block ? 1 : 0,
        JSON.stringify(spec.alertThresholds),
        JSON.stringify(spec.channels ?? []),
        clean(spec.description ?? '') ?? '',
        now,
      ];
      if (before === null) {
        const n = await q.run(
          `INSERT INTO llm_budgets (scope, match_pattern, period, limit_usd, block, thresholds, channels, description, updated_ms, id, project_id, name, created_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, name) DO NOTHING`,
          [...values, id, projectId, spec.name, now],
        );
        if (n === 0)
          throw new StoreError('CONFLICT', `budget ${spec.name} was created concurrently`);
      } else {
        await q.run(
          `UPDATE llm_budgets SET scope = ?, match_pattern = ?, period = ?, limit_usd = ?, block = ?, thresholds = ?, channels = ?, description = ?, updated_ms = ?
           WHERE id = ?`,
          [...values, id],
        );
      }
      const after: StoredBudget = {
        id,
        projectId,
        name: spec.name,
        scope: spec.scope,
        match: spec.match,
        period: spec.period,
        limitUsd: spec.limitUsd,
        block: spec.block,
        alertThresholds: [...spec.alertThresholds],
        channels: [...(spec.channels ?? [])],
        ...(spec.description === undefined || spec.description === ''
          ? {}
          : { description: spec.description }),
        createdMs: before?.createdMs ?? now,
        updatedMs: now,
      };
      const strip = (b: StoredBudget | null) =>
        b === null
          ? null
          : {
              scope: b.scope,
              match: b.match,
              period: b.period,
              limitUsd: b.limitUsd,
              block: b.block,
              alertThresholds: b.alertThresholds,
            };
      await writeAudit(q, projectId, now, {
        actor,
        action: before === null ? 'budget.create' : 'budget.update',
        targetKind: 'budget',
        target: spec.name,
        details: { id, from: strip(before), to: strip(after) },
      });
      return after;
    });
  }

  async getBudget(projectId: string, id: string): Promise<StoredBudget | null> {
    const rows = await this.#db.all('SELECT * FROM llm_budgets WHERE project_id = ? AND id = ?', [
      projectId,
      clean(id),
    ]);
    return rows[0] === undefined ? null : toBudget(rows[0]);
  }

  async getBudgetByName(projectId: string, name: string): Promise<StoredBudget | null> {
    const rows = await this.#db.all('SELECT * FROM llm_budgets WHERE project_id = ? AND name = ?', [
      projectId,
      clean(name),
    ]);
    return rows[0] === undefined ? null : toBudget(rows[0]);
  }

  async listBudgets(projectId: string): Promise<StoredBudget[]> {
    const rows = await this.#db.all(
      'SELECT * FROM llm_budgets WHERE project_id = ? ORDER BY name LIMIT ?',
      [projectId, MAX_QUERY_LIMIT],
    );
    return rows.map(toBudget);
  }

  async deleteBudget(projectId: string, id: string, actor: string): Promise<boolean> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const rows = await q.all(
        `SELECT * FROM llm_budgets WHERE project_id = ? AND id = ?${this.#db.forUpdate}`,
        [projectId, clean(id)],
      );
      const before = rows[0] === undefined ? null : toBudget(rows[0]);
      if (before === null) return false;
      await q.run('DELETE FROM llm_budget_usage WHERE budget_id = ?', [id]);
      await q.run('DELETE FROM llm_budgets WHERE id = ?', [id]);
      await writeAudit(q, projectId, now, {
        actor,
        action: 'budget.delete',
        targetKind: 'budget',
        target: before.name,
        details: { id, limitUsd: before.limitUsd, scope: before.scope, match: before.match },
      });
      return true;
    });
  }

  async getUsage(
    projectId: string,
    budgetId: string,
    periodStartMs: number,
    subject?: string,
  ): Promise<BudgetUsage[]> {
    const one = subject === undefined ? '' : ' AND subject = ?';
    const rows = await this.#db.all(
      `SELECT * FROM llm_budget_usage WHERE project_id = ? AND budget_id = ? AND period_start_ms = ?${one} ORDER BY subject LIMIT ?`,
      [
        projectId,
        budgetId,
        periodStartMs,
        ...(subject === undefined ? [] : [subject]),
        MAX_QUERY_LIMIT,
      ],
    );
    return rows.map(toUsage);
  }
}
