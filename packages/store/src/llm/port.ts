// The LLM store's port: generations and spans (one row per span, nested by parent span id into a
// trace), versioned price tables, and budgets whose usage counters are incremented in SQL inside
// the transaction that stores the generation, so spend stays exact under concurrent writers.
//
// Servers record generations through `packages/server/src/llm/record.ts` (`recordGenerations`),
// which fills in tokens and cost from the price table, then calls `LlmStore.recordGenerations`
// and raises the budget alerts it returns. Gateways check budgets with
// `packages/server/src/llm/budgets.ts` (`checkBudgets`) before calling upstream.
import type { TimeRange } from '../errors.js';

/** TokenCounts are a generation's tokens by type; null where the type is unknown. */
export interface TokenCounts {
  /** Prompt tokens, cached ones included (OpenAI `prompt_tokens`). */
  readonly input: number | null;
  /** Completion tokens, reasoning ones included (OpenAI `completion_tokens`). */
  readonly output: number | null;
  /** The part of `input` served from the provider's prompt cache. */
  readonly cachedInput: number | null;
  /** The part of `output` spent on hidden reasoning. */
  readonly reasoning: number | null;
}

/** GenerationStatus is how a call (or span) ended. */
export type GenerationStatus = 'ok' | 'error';

/**
 * CostSource says where a generation's cost came from: sent by the caller, computed from a price
 * table, or unknown (no price for the model: cost is null, never zero).
 */
export type CostSource = 'caller' | 'computed' | 'unknown';

/**
 * GenerationFlag marks a generation for follow-up: `cost_unknown` (no price for the model),
 * `tokens_estimated` (tokens counted locally with a bundled tokenizer), `runaway` (its key,
 * session or trace rose far above its trailing rate), `unpinned_alias` (a model alias with no pin),
 * `budget_blocked` (refused by a blocking budget). Other strings are allowed.
 */
export type GenerationFlag =
  | 'cost_unknown'
  | 'tokens_estimated'
  | 'runaway'
  | 'unpinned_alias'
  | 'budget_blocked'
  | (string & {});

/** NewGeneration is one span to store: an LLM call (operation set) or any other span of a trace. */
export interface NewGeneration {
  /** 32 lower-case hex characters in OTLP; any non-empty string up to 128 characters here. */
  readonly traceId: string;
  /** 16 hex characters in OTLP; unique within the trace. (traceId, spanId) is the idempotency key. */
  readonly spanId: string;
  readonly parentSpanId: string | null;
  /** Span name, e.g. `chat gpt-4o` or `retrieve-documents`. */
  readonly name: string;
  /** GenAI operation (`chat`, `text_completion`, `embeddings`, `execute_tool`…); null for a plain span. */
  readonly operation: string | null;
  readonly startMs: number;
  readonly endMs: number;
  /** Model asked for (after pinning, the pinned id); null when not an LLM call. */
  readonly modelRequested: string | null;
  /** Model the provider says served the call. */
  readonly modelServed: string | null;
  /** Provider / system, e.g. `openai`. */
  readonly provider: string | null;
  readonly promptName: string | null;
  readonly promptVersion: number | null;
  /** Input messages or text, as sent (JSON). */
  readonly input: unknown;
  /** Output messages or text, as received (JSON). */
  readonly output: unknown;
  readonly tokens: TokenCounts;
  /** Cost in USD; null when unknown (NOT zero). */
  readonly costUsd: number | null;
  readonly costSource: CostSource;
  /** Version of the price table used to compute the cost (0: the built-in default table). */
  readonly priceTableVersion: number | null;
  readonly status: GenerationStatus;
  readonly error: string | null;
  readonly user: string | null;
  readonly session: string | null;
  readonly service: string | null;
  /** The API key that sent the call (the ingesting key unless the gateway says otherwise). */
  readonly apiKeyId: string | null;
  readonly tags: readonly string[];
  /** A/B variant or prompt variant label. */
  readonly variant: string | null;
  /** Retry attempt of the same logical call: 0 for the first try (runaway detection counts > 0). */
  readonly attempt: number;
  readonly flags: readonly GenerationFlag[];
  /** Remaining attributes (small JSON), e.g. OTLP attributes not mapped above, ttft. */
  readonly attributes: Record<string, unknown>;
}

/** Generation is a stored span with its receive time and derived latency. */
export interface Generation extends NewGeneration {
  readonly latencyMs: number;
  readonly receivedMs: number;
}

/** BudgetScope is what a budget counts: one service, user or model, or the whole project. */
export type BudgetScope = 'service' | 'user' | 'model' | 'project';

/** BudgetPeriod is the budget's reset period (UTC days or calendar months). */
export type BudgetPeriod = 'daily' | 'monthly';

/** BudgetSpec is a budget as written by a user (API or YAML file). */
export interface BudgetSpec {
  /** Unique within the project; [A-Za-z0-9_.-]{1,128}. */
  readonly name: string;
  readonly scope: BudgetScope;
  /**
   * Which values of the scope count (for `model`: the model requested, else the one served): a glob (`support-*`, `gpt-4o*`) counted together, or `*`
   * counted separately per value (e.g. every user gets the limit). Ignored for `project`.
   */
  readonly match: string;
  readonly period: BudgetPeriod;
  readonly limitUsd: number;
  /** When true, checkBudgets refuses calls once spend reaches the limit. */
  readonly block: boolean;
  /** Alert thresholds as shares of the limit, ascending; default [0.8, 1]. */
  readonly alertThresholds: readonly number[];
  /** Notification channels for the budget's alerts (names of `kind: Channel` documents). */
  readonly channels?: readonly string[];
  readonly description?: string;
}

/** StoredBudget is a budget with its id and bookkeeping. */
export interface StoredBudget extends BudgetSpec {
  readonly id: string;
  readonly projectId: string;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/** BudgetUsage is a budget's counter for one period and one subject. */
export interface BudgetUsage {
  readonly budgetId: string;
  /** The value counted (a service/user/model name, the glob, or '*' for project scope). */
  readonly subject: string;
  readonly periodStartMs: number;
  /** Spend in nano-USD (1e-9), an exact integer sum. */
  readonly spendNanos: number;
  readonly calls: number;
  /** Highest alert threshold already raised for this period (0: none). */
  readonly alertedLevel: number;
  readonly updatedMs: number;
}

/** BudgetCrossing is an alert threshold crossed by a write (raised once per period and subject). */
export interface BudgetCrossing {
  readonly budget: StoredBudget;
  readonly subject: string;
  readonly periodStartMs: number;
  readonly threshold: number;
  readonly spendNanos: number;
}

/** RecordItemResult is the outcome of one generation in a batch. */
export interface RecordItemResult {
  readonly traceId: string;
  readonly spanId: string;
  /** false: a span with the same (traceId, spanId) was already stored; nothing was counted. */
  readonly inserted: boolean;
}

/** RecordResult reports a batch write and the budget thresholds it crossed. */
export interface RecordResult {
  readonly items: readonly RecordItemResult[];
  readonly crossings: readonly BudgetCrossing[];
}

/** PriceMatchKind says how a price entry's pattern matches a model name. */
export type PriceMatchKind = 'glob' | 'regex';

/** PriceEntry prices the models matching one pattern, in USD per 1M tokens. */
export interface PriceEntry {
  readonly match: string;
  readonly matchKind: PriceMatchKind;
  readonly inputPer1M: number;
  readonly outputPer1M: number;
  /** Price of cached input tokens; null: same as input. */
  readonly cachedInputPer1M: number | null;
  /** Price of reasoning tokens; null: same as output. */
  readonly reasoningPer1M: number | null;
}

/** PriceTableSpec is a price table as written: entries are tried in order, the first match wins. */
export interface PriceTableSpec {
  readonly effectiveFromMs: number;
  readonly entries: readonly PriceEntry[];
  readonly note?: string;
}

/** StoredPriceTable is one immutable version of a project's price table. */
export interface StoredPriceTable extends PriceTableSpec {
  readonly projectId: string;
  /** 1, 2, 3… per project (0 is reserved for the built-in default table). */
  readonly version: number;
  readonly createdMs: number;
}

/** GenerationQuery selects spans that started in a window, newest first. */
export interface GenerationQuery {
  readonly range: TimeRange;
  readonly traceId?: string;
  readonly service?: string;
  readonly user?: string;
  readonly session?: string;
  /** Matches the requested or the served model. */
  readonly model?: string;
  readonly provider?: string;
  readonly promptName?: string;
  readonly promptVersion?: number;
  readonly apiKeyId?: string;
  readonly status?: GenerationStatus;
  readonly operation?: string;
  /** Only spans carrying this tag. */
  readonly tag?: string;
  /** Only spans carrying this flag. */
  readonly flag?: string;
  /** true: only LLM calls (operation set). */
  readonly llmOnly?: boolean;
  readonly limit?: number;
}

/** RateDimension is what runaway detection groups calls by. */
export type RateDimension = 'apiKey' | 'session' | 'trace';

/** CallCounts counts LLM calls (and retries among them) of one group in a window. */
export interface CallCounts {
  readonly calls: number;
  readonly retries: number;
}

/** GenerationTotals sums a window: calls, errors, tokens and cost (unknown costs counted apart). */
export interface GenerationTotals {
  readonly calls: number;
  readonly errors: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly costUnknownCalls: number;
}

/** LlmStore persists generations, price tables and budgets of every project. */
export interface LlmStore {
  /**
   * recordGenerations stores spans idempotently by (traceId, spanId) and, in the same
   * transaction, adds each new priced LLM call to the usage of every matching budget (period of
   * the call's start time); returns per-item results and the alert thresholds crossed.
   */
  recordGenerations(projectId: string, items: readonly NewGeneration[]): Promise<RecordResult>;
  queryGenerations(projectId: string, query: GenerationQuery): Promise<Generation[]>;
  /** getTrace returns every span of a trace, oldest first (at most MAX_QUERY_LIMIT). */
  getTrace(projectId: string, traceId: string): Promise<Generation[]>;
  /** totals sums the LLM calls matching a query (limit ignored). */
  totals(projectId: string, query: Omit<GenerationQuery, 'limit'>): Promise<GenerationTotals>;
  /** countCalls counts LLM calls of one key, session or trace that started in a window. */
  countCalls(
    projectId: string,
    dimension: RateDimension,
    value: string,
    range: TimeRange,
  ): Promise<CallCounts>;
  /**
   * countCallsByGroup counts LLM calls per value of a dimension in one window, for many values at
   * once (values with no call are absent from the map).
   */
  countCallsByGroup(
    projectId: string,
    dimension: RateDimension,
    values: readonly string[],
    range: TimeRange,
  ): Promise<Map<string, CallCounts>>;
  /** addFlag adds a flag to stored spans of one trace (e.g. `runaway`); returns how many changed. */
  addFlag(
    projectId: string,
    traceId: string,
    spanIds: readonly string[],
    flag: string,
  ): Promise<number>;
  /** addFlags adds a flag to stored spans of any traces in one transaction; returns how many changed. */
  addFlags(
    projectId: string,
    spans: readonly { readonly traceId: string; readonly spanId: string }[],
    flag: string,
  ): Promise<number>;

  /** createPriceTable stores the next version (audited) and returns it. */
  createPriceTable(
    projectId: string,
    spec: PriceTableSpec,
    actor: string,
  ): Promise<StoredPriceTable>;
  listPriceTables(projectId: string): Promise<StoredPriceTable[]>;
  getPriceTable(projectId: string, version: number): Promise<StoredPriceTable | null>;
  /** priceTableAt is the version in force at `timeMs` (latest effectiveFrom <= timeMs), or null. */
  priceTableAt(projectId: string, timeMs: number): Promise<StoredPriceTable | null>;

  /** upsertBudget creates or replaces a budget by name (audited). */
  upsertBudget(projectId: string, spec: BudgetSpec, actor: string): Promise<StoredBudget>;
  getBudget(projectId: string, id: string): Promise<StoredBudget | null>;
  getBudgetByName(projectId: string, name: string): Promise<StoredBudget | null>;
  listBudgets(projectId: string): Promise<StoredBudget[]>;
  /** deleteBudget removes a budget and its usage (audited); false if it did not exist. */
  deleteBudget(projectId: string, id: string, actor: string): Promise<boolean>;
  /** getUsage returns a budget's usage rows (one subject, or all) for the period at periodStartMs. */
  getUsage(
    projectId: string,
    budgetId: string,
    periodStartMs: number,
    subject?: string,
  ): Promise<BudgetUsage[]>;
}
