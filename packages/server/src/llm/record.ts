// The one path every generation takes into the store (the API, OTLP and the gateway): fill in
// missing tokens with the bundled tokenizers, price the call from the price table in force at its
// start time (unknown model: cost null and flagged), store the batch (budget counters move in the
// same transaction), then raise the budget alerts it crossed and look for runaway traffic.
import type {
  BudgetCrossing,
  GenerationFlag,
  NewGeneration,
  RateDimension,
  RecordItemResult,
  Store,
  StoredPriceTable,
  TokenCounts,
} from '@vigil/store';
import { type Logger, NOOP_LOGGER } from '../logger.js';
import { raiseLlmAlert } from './alerts.js';
import { computeCost, lookupPrice } from './prices.js';
import { DEFAULT_RUNAWAY_OPTIONS, judgeRunaway, type RunawayOptions } from './runaway.js';
import { countTokens } from './tokens.js';

/** GenerationInput is a generation as a caller describes it: anything not known may be left out. */
export interface GenerationInput {
  readonly traceId: string;
  readonly spanId: string;
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly parentSpanId?: string | null;
  /** GenAI operation; null or absent for a plain (non-LLM) span. */
  readonly operation?: string | null;
  readonly modelRequested?: string | null;
  readonly modelServed?: string | null;
  readonly provider?: string | null;
  readonly promptName?: string | null;
  readonly promptVersion?: number | null;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly tokens?: Partial<TokenCounts>;
  /** Cost the caller computed; absent or null: computed here. */
  readonly costUsd?: number | null;
  readonly status?: 'ok' | 'error';
  readonly error?: string | null;
  readonly user?: string | null;
  readonly session?: string | null;
  readonly service?: string | null;
  readonly apiKeyId?: string | null;
  readonly tags?: readonly string[];
  readonly variant?: string | null;
  readonly attempt?: number;
  readonly flags?: readonly GenerationFlag[];
  readonly attributes?: Record<string, unknown>;
}

/** RecordedItem is one stored (or duplicate) generation with the cost and flags it was given. */
export interface RecordedItem extends RecordItemResult {
  readonly costUsd: number | null;
  readonly costSource: NewGeneration['costSource'];
  readonly priceTableVersion: number | null;
  readonly flags: readonly GenerationFlag[];
}

/** RunawayFinding is a group found running away by this write. */
export interface RunawayFinding {
  readonly dimension: RateDimension;
  readonly value: string;
  readonly message: string;
}

/** RecordOutcome is what recordGenerations did. */
export interface RecordOutcome {
  readonly items: readonly RecordedItem[];
  readonly crossings: readonly BudgetCrossing[];
  readonly runaways: readonly RunawayFinding[];
}

/** RecorderDeps are recordGenerations' collaborators. */
export interface RecorderDeps {
  readonly store: Store;
  readonly logger?: Logger;
  /** Clock for alert times; default Date.now. */
  readonly now?: () => number;
  /** Runaway detection settings; false turns it off. */
  readonly runaway?: RunawayOptions | false;
}

const tokenOrNull = (v: number | null | undefined): number | null =>
  v === undefined || v === null ? null : v;

/**
 * prepareGeneration completes one input into a NewGeneration: tokens counted when missing (flag
 * `tokens_estimated`), cost from the caller or from `tables` at the call's start (flag
 * `cost_unknown` when no price applies).
 */
export async function prepareGeneration(
  g: GenerationInput,
  tables: readonly StoredPriceTable[],
): Promise<NewGeneration> {
  const flags = new Set<GenerationFlag>(g.flags ?? []);
  const operation = g.operation ?? null;
  const model = g.modelServed ?? g.modelRequested ?? null;
  const tokens: {
    input: number | null;
    output: number | null;
    cachedInput: number | null;
    reasoning: number | null;
  } = {
    input: tokenOrNull(g.tokens?.input),
    output: tokenOrNull(g.tokens?.output),
    cachedInput: tokenOrNull(g.tokens?.cachedInput),
    reasoning: tokenOrNull(g.tokens?.reasoning),
  };
  if (operation !== null) {
    if (tokens.input === null && g.input !== undefined && g.input !== null) {
      tokens.input = await countTokens(g.input, model);
      flags.add('tokens_estimated');
    }
    if (tokens.output === null) {
      if (operation === 'embeddings') tokens.output = 0;
      else if (g.output !== undefined && g.output !== null) {
        tokens.output = await countTokens(g.output, model);
        flags.add('tokens_estimated');
      }
    }
  }
  let costUsd: number | null = null;
  let costSource: NewGeneration['costSource'] = 'unknown';
  let priceTableVersion: number | null = null;
  if (g.costUsd !== undefined && g.costUsd !== null) {
    costUsd = g.costUsd;
    costSource = 'caller';
  } else if (operation !== null) {
    const price = model === null ? null : lookupPrice(tables, model, g.startMs);
    const cost = price === null ? null : computeCost(price.entry, tokens);
    if (price !== null && cost !== null) {
      costUsd = cost;
      costSource = 'computed';
      priceTableVersion = price.version;
    } else flags.add('cost_unknown');
  }
  return {
    traceId: g.traceId,
    spanId: g.spanId,
    parentSpanId: g.parentSpanId ?? null,
    name: g.name,
    operation,
    startMs: g.startMs,
    endMs: g.endMs,
    modelRequested: g.modelRequested ?? null,
    modelServed: g.modelServed ?? null,
    provider: g.provider ?? null,
    promptName: g.promptName ?? null,
    promptVersion: g.promptVersion ?? null,
    input: g.input ?? null,
    output: g.output ?? null,
    tokens,
    costUsd,
    costSource,
    priceTableVersion,
    status: g.status ?? (g.error ? 'error' : 'ok'),
    error: g.error ?? null,
    user: g.user ?? null,
    session: g.session ?? null,
    service: g.service ?? null,
    apiKeyId: g.apiKeyId ?? null,
    tags: [...(g.tags ?? [])],
    variant: g.variant ?? null,
    attempt: g.attempt ?? 0,
    flags: [...flags],
    attributes: g.attributes ?? {},
  };
}

function crossingSummary(c: BudgetCrossing): string {
  const b = c.budget;
  const who = b.scope === 'project' ? '' : ` (${b.scope} ${c.subject})`;
  const spent = (c.spendNanos / 1e9).toFixed(2);
  return `budget "${b.name}"${who} reached ${Math.round(c.threshold * 100)}% of $${b.limitUsd.toFixed(2)} ${b.period}: $${spent} spent${b.block && c.threshold >= 1 ? '; further calls are blocked' : ''}`;
}

/** raiseBudgetAlerts raises one alert per crossed threshold (warning below 100 %, critical at it). */
export async function raiseBudgetAlerts(
  store: Store,
  projectId: string,
  crossings: readonly BudgetCrossing[],
  now: number,
): Promise<void> {
  for (const c of crossings) {
    await raiseLlmAlert(
      store,
      projectId,
      {
        monitorId: `budget:${c.budget.name}`,
        labels: {
          budget: c.budget.name,
          subject: c.subject,
          period: new Date(c.periodStartMs).toISOString(),
          threshold: String(c.threshold),
        },
        severity: c.threshold >= 1 ? 'critical' : 'warning',
        summary: crossingSummary(c),
        value: c.spendNanos / 1e9,
        channels: c.budget.channels ?? [],
      },
      now,
    );
  }
}

const DIMENSIONS: readonly [RateDimension, (g: NewGeneration) => string | null][] = [
  ['apiKey', (g) => g.apiKeyId],
  ['session', (g) => g.session],
  ['trace', (g) => g.traceId],
];

/** How long a group stays known as running away (its new calls flagged without a recount). */
const RUNAWAY_HOLD_MS = 60_000;
/** Least time between two recounts of a group that stays under its dimension's minimum. */
const RECHECK_MS = 1000;

// What this process knows of each group: when it was last counted, the calls received since,
// and until when it is known to run away. Counting is the expensive part of detection, so a
// group is recounted only when enough new calls came in to change the verdict.
interface GroupState {
  checkedAt: number;
  pending: number;
  runawayUntil: number;
}
const groupStates = new WeakMap<Store, Map<string, GroupState>>();

function statesOf(store: Store): Map<string, GroupState> {
  let m = groupStates.get(store);
  if (m === undefined || m.size > 100_000) {
    m = new Map();
    groupStates.set(store, m);
  }
  return m;
}

const groupKey = (projectId: string, dimension: RateDimension, value: string) =>
  `${projectId}\0${dimension}\0${value}`;

/** flagKnownRunaways marks calls of groups already known to run away, before they are stored. */
function flagKnownRunaways(
  store: Store,
  projectId: string,
  prepared: NewGeneration[],
  now: number,
): void {
  const states = groupStates.get(store);
  if (states === undefined || states.size === 0) return;
  prepared.forEach((g, i) => {
    if (g.operation === null || g.flags.includes('runaway')) return;
    for (const [dimension, groupOf] of DIMENSIONS) {
      const value = groupOf(g);
      if (value === null || value === '') continue;
      const st = states.get(groupKey(projectId, dimension, value));
      if (st !== undefined && st.runawayUntil > now) {
        prepared[i] = { ...g, flags: [...g.flags, 'runaway'] };
        return;
      }
    }
  });
}

async function detectRunaways(
  deps: RecorderDeps,
  projectId: string,
  stored: readonly NewGeneration[],
  options: RunawayOptions,
  now: number,
): Promise<RunawayFinding[]> {
  const { store } = deps;
  const states = statesOf(store);
  const findings: RunawayFinding[] = [];
  let channels: string[] | null = null;
  for (const [dimension, groupOf] of DIMENSIONS) {
    // One check per group in this batch, at the latest call time of the group.
    const groups = new Map<string, { at: number; spans: Map<string, string[]>; calls: number }>();
    for (const g of stored) {
      const value = groupOf(g);
      if (value === null || value === '') continue;
      let grp = groups.get(value);
      if (grp === undefined) {
        grp = { at: g.startMs, spans: new Map(), calls: 0 };
        groups.set(value, grp);
      }
      grp.at = Math.max(grp.at, g.startMs);
      grp.calls++;
      const ids = grp.spans.get(g.traceId) ?? [];
      ids.push(g.spanId);
      grp.spans.set(g.traceId, ids);
    }
    const floor = Math.min(options.minCalls[dimension], options.minRetries);
    // Which groups need a count: new ones, and known ones with enough new calls to matter.
    for (const [value, grp] of groups) {
      const key = groupKey(projectId, dimension, value);
      const st = states.get(key);
      if (st === undefined) continue;
      st.pending += grp.calls;
      const due =
        st.runawayUntil <= now &&
        st.pending >= floor &&
        (st.pending >= options.minCalls[dimension] || now - st.checkedAt >= RECHECK_MS);
      if (!due) groups.delete(value);
    }
    if (groups.size === 0) continue;
    // One grouped count over the union of the groups' recent windows: a group below the floor
    // there cannot run away, so only the rest get their exact counts.
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const grp of groups.values()) {
      lo = Math.min(lo, grp.at - options.recentMs + 1);
      hi = Math.max(hi, grp.at + 1);
    }
    const wide = await store.llm.countCallsByGroup(projectId, dimension, [...groups.keys()], {
      fromMs: lo,
      toMs: hi,
    });
    for (const [value, grp] of groups) {
      const st: GroupState = { checkedAt: now, pending: 0, runawayUntil: 0 };
      states.set(groupKey(projectId, dimension, value), st);
      if ((wide.get(value)?.calls ?? 0) < floor) continue;
      const recentFrom = grp.at - options.recentMs + 1;
      const recent = await store.llm.countCalls(projectId, dimension, value, {
        fromMs: recentFrom,
        toMs: grp.at + 1,
      });
      if (recent.calls < floor) continue;
      const trailing = await store.llm.countCalls(projectId, dimension, value, {
        fromMs: recentFrom - options.trailingMs,
        toMs: recentFrom,
      });
      const verdict = judgeRunaway(dimension, recent, trailing, options);
      if (!verdict.runaway) continue;
      st.runawayUntil = now + RUNAWAY_HOLD_MS;
      await store.llm.addFlags(
        projectId,
        [...grp.spans].flatMap(([traceId, ids]) => ids.map((spanId) => ({ traceId, spanId }))),
        'runaway',
      );
      const label = dimension === 'apiKey' ? 'api key' : dimension;
      const message = `runaway ${label} ${value}: ${verdict.message}`;
      findings.push({ dimension, value, message });
      channels ??= [
        ...new Set((await store.llm.listBudgets(projectId)).flatMap((b) => b.channels ?? [])),
      ];
      const monitorId = `runaway:${dimension}`;
      const labels = { dimension, value };
      // One alert per group while it keeps running: re-raise only after an hour of quiet.
      const recentAlerts = await store.listAlerts(projectId, { monitor: monitorId, limit: 100 });
      const open = recentAlerts.find(
        (a) => a.labels.value === value && a.state === 'firing' && now - a.updatedMs < 3_600_000,
      );
      if (open !== undefined) continue;
      await raiseLlmAlert(
        store,
        projectId,
        {
          monitorId,
          labels,
          severity: 'critical',
          summary: message,
          value: verdict.measure === 'retries' ? recent.retries : recent.calls,
          channels,
        },
        now,
      );
    }
  }
  return findings;
}

/**
 * recordGenerations prepares and stores a batch for a project, raises the budget alerts it
 * crossed and the runaway alerts it caused, and reports each item (inserted or duplicate) with
 * its cost and flags.
 */
export async function recordGenerations(
  deps: RecorderDeps,
  projectId: string,
  inputs: readonly GenerationInput[],
): Promise<RecordOutcome> {
  const now = (deps.now ?? Date.now)();
  const logger = deps.logger ?? NOOP_LOGGER;
  const tables = await deps.store.llm.listPriceTables(projectId);
  const prepared: NewGeneration[] = [];
  for (const g of inputs) prepared.push(await prepareGeneration(g, tables));
  if (deps.runaway !== false) flagKnownRunaways(deps.store, projectId, prepared, now);
  const result = await deps.store.llm.recordGenerations(projectId, prepared);
  const items: RecordedItem[] = result.items.map((r, i) => {
    const g = prepared[i] as NewGeneration;
    return {
      ...r,
      costUsd: g.costUsd,
      costSource: g.costSource,
      priceTableVersion: g.priceTableVersion,
      flags: g.flags,
    };
  });
  // The generations are committed: alerting failures are logged, never lose the write.
  let runaways: RunawayFinding[] = [];
  try {
    await raiseBudgetAlerts(deps.store, projectId, result.crossings, now);
    const options = deps.runaway ?? DEFAULT_RUNAWAY_OPTIONS;
    if (options !== false) {
      const stored = prepared.filter((g, i) => result.items[i]?.inserted && g.operation !== null);
      if (stored.length > 0) runaways = await detectRunaways(deps, projectId, stored, options, now);
    }
  } catch (e) {
    logger.error('llm alerting failed', { project: projectId, error: (e as Error).message });
  }
  return { items, crossings: result.crossings, runaways };
}
