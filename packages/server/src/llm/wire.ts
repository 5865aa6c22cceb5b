// The LLM API's wire shapes: a generation as callers post it (snake_case, like event ingest), a
// stored generation and a trace tree as the API returns them, and budget / price-table answers.
import { LIMITS, timeSchema } from '@vigil/contracts';
import type { Generation, StoredBudget, StoredPriceTable } from '@vigil/store';
import { z } from 'zod';
import type { BudgetStatus } from './budgets.js';
import type { GenerationInput } from './record.js';

const id = z.string().min(1).max(128);
const text = z.string().max(LIMITS.maxNameLength * 2);
const count = z.number().int().min(0).max(1e12);

/** generationInputSchema is one generation posted to POST /v1/llm/generations. */
export const generationInputSchema = z.strictObject({
  span_id: id.describe('unique within the trace; (trace_id, span_id) makes retries idempotent'),
  trace_id: id.optional().describe('default: the span_id (a one-span trace)'),
  parent_span_id: id.nullable().optional(),
  name: text.optional().describe('default: the operation'),
  operation: text
    .nullable()
    .optional()
    .describe('GenAI operation (chat, text_completion, embeddings, ...); null for a plain span'),
  start_time: timeSchema,
  end_time: timeSchema.optional(),
  latency_ms: z.number().min(0).max(8.64e7).optional().describe('used when end_time is absent'),
  model: text.optional().describe('the model requested'),
  model_served: text.optional().describe('the model the provider says answered'),
  provider: text.optional(),
  prompt_name: text.optional(),
  prompt_version: z.number().int().min(0).optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  usage: z
    .strictObject({
      input_tokens: count.optional(),
      output_tokens: count.optional(),
      cached_input_tokens: count.optional(),
      reasoning_tokens: count.optional(),
    })
    .optional(),
  cost_usd: z.number().min(0).finite().nullable().optional(),
  status: z.enum(['ok', 'error']).optional(),
  error: z.string().max(LIMITS.maxStringLength).nullable().optional(),
  user: text.optional(),
  session: text.optional(),
  service: text.optional(),
  tags: z.array(text).max(LIMITS.maxTags).optional(),
  variant: text.optional(),
  attempt: z.number().int().min(0).max(1000).optional().describe('retry attempt, 0 for the first'),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/** generationBatchSchema is the body of POST /v1/llm/generations (validated item by item). */
export const generationBatchSchema = z.strictObject({
  generations: z.array(z.unknown()).min(1).max(LIMITS.maxBatchEvents),
});

/** toGenerationInput turns a validated wire generation into a recorder input. */
export function toGenerationInput(
  g: z.output<typeof generationInputSchema>,
  apiKeyId: string,
): GenerationInput {
  const endMs = g.end_time ?? g.start_time + Math.round(g.latency_ms ?? 0);
  const operation = g.operation === undefined ? 'chat' : g.operation;
  return {
    traceId: g.trace_id ?? g.span_id,
    spanId: g.span_id,
    parentSpanId: g.parent_span_id ?? null,
    name: g.name ?? operation ?? 'span',
    operation,
    startMs: g.start_time,
    endMs: Math.max(endMs, g.start_time),
    modelRequested: g.model ?? null,
    modelServed: g.model_served ?? null,
    provider: g.provider ?? null,
    promptName: g.prompt_name ?? null,
    promptVersion: g.prompt_version ?? null,
    input: g.input,
    output: g.output,
    tokens: {
      input: g.usage?.input_tokens ?? null,
      output: g.usage?.output_tokens ?? null,
      cachedInput: g.usage?.cached_input_tokens ?? null,
      reasoning: g.usage?.reasoning_tokens ?? null,
    },
    costUsd: g.cost_usd ?? null,
    status: g.status ?? (g.error ? 'error' : 'ok'),
    error: g.error ?? null,
    user: g.user ?? null,
    session: g.session ?? null,
    service: g.service ?? null,
    apiKeyId,
    tags: g.tags ?? [],
    variant: g.variant ?? null,
    attempt: g.attempt ?? 0,
    attributes: g.metadata ?? {},
  };
}

/** generationWireSchema is a stored generation (span) as the API returns it. */
export const generationWireSchema = z.object({
  trace_id: z.string(),
  span_id: z.string(),
  parent_span_id: z.string().nullable(),
  name: z.string(),
  operation: z.string().nullable(),
  start_time: z.number().int(),
  end_time: z.number().int(),
  latency_ms: z.number(),
  model: z.string().nullable(),
  model_served: z.string().nullable(),
  provider: z.string().nullable(),
  prompt_name: z.string().nullable(),
  prompt_version: z.number().int().nullable(),
  input: z.unknown(),
  output: z.unknown(),
  usage: z.object({
    input_tokens: z.number().nullable(),
    output_tokens: z.number().nullable(),
    cached_input_tokens: z.number().nullable(),
    reasoning_tokens: z.number().nullable(),
  }),
  cost_usd: z.number().nullable().describe('null: unknown (no price for the model), never zero'),
  cost_source: z.enum(['caller', 'computed', 'unknown']),
  price_table_version: z.number().int().nullable().describe('0: the built-in table'),
  status: z.enum(['ok', 'error']),
  error: z.string().nullable(),
  user: z.string().nullable(),
  session: z.string().nullable(),
  service: z.string().nullable(),
  api_key_id: z.string().nullable(),
  tags: z.array(z.string()),
  variant: z.string().nullable(),
  attempt: z.number().int(),
  flags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  received_at: z.number().int(),
});

/** GenerationWire is generationWireSchema's type. */
export type GenerationWire = z.output<typeof generationWireSchema>;

/** generationToWire renders a stored generation for the API. */
export function generationToWire(g: Generation): GenerationWire {
  return {
    trace_id: g.traceId,
    span_id: g.spanId,
    parent_span_id: g.parentSpanId,
    name: g.name,
    operation: g.operation,
    start_time: g.startMs,
    end_time: g.endMs,
    latency_ms: g.latencyMs,
    model: g.modelRequested,
    model_served: g.modelServed,
    provider: g.provider,
    prompt_name: g.promptName,
    prompt_version: g.promptVersion,
    input: g.input,
    output: g.output,
    usage: {
      input_tokens: g.tokens.input,
      output_tokens: g.tokens.output,
      cached_input_tokens: g.tokens.cachedInput,
      reasoning_tokens: g.tokens.reasoning,
    },
    cost_usd: g.costUsd,
    cost_source: g.costSource,
    price_table_version: g.priceTableVersion,
    status: g.status,
    error: g.error,
    user: g.user,
    session: g.session,
    service: g.service,
    api_key_id: g.apiKeyId,
    tags: [...g.tags],
    variant: g.variant,
    attempt: g.attempt,
    flags: [...g.flags],
    metadata: g.attributes,
    received_at: g.receivedMs,
  };
}

/** TraceNode is a span with its children (ordered by start time). */
export interface TraceNode extends GenerationWire {
  readonly children: TraceNode[];
}

/**
 * buildTraceTree nests a trace's spans by parent span id: spans whose parent is absent from the
 * trace (not received yet, or the root) become roots. Children sort by start time, then span id.
 */
export function buildTraceTree(spans: readonly Generation[]): TraceNode[] {
  const nodes = new Map<string, TraceNode>();
  for (const s of spans) nodes.set(s.spanId, { ...generationToWire(s), children: [] });
  const roots: TraceNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent_span_id === null ? undefined : nodes.get(node.parent_span_id);
    if (parent === undefined || parent === node) roots.push(node);
    else parent.children.push(node);
  }
  const order = (a: TraceNode, b: TraceNode) =>
    a.start_time - b.start_time || (a.span_id < b.span_id ? -1 : 1);
  const sortAll = (list: TraceNode[]) => {
    list.sort(order);
    for (const n of list) sortAll(n.children);
  };
  sortAll(roots);
  return roots;
}

/** budgetToWire renders a stored budget for the API (the document's fields plus bookkeeping). */
export function budgetToWire(b: StoredBudget): Record<string, unknown> {
  return {
    id: b.id,
    name: b.name,
    ...(b.description === undefined ? {} : { description: b.description }),
    scope: b.scope,
    match: b.match,
    period: b.period,
    limitUsd: b.limitUsd,
    block: b.block,
    alertThresholds: [...b.alertThresholds],
    channels: [...(b.channels ?? [])],
    created_at: b.createdMs,
    updated_at: b.updatedMs,
  };
}

/** budgetStatusToWire renders a budget with its spend, share and forecast. */
export function budgetStatusToWire(s: BudgetStatus): Record<string, unknown> {
  return {
    ...budgetToWire(s.budget),
    periodStart: s.periodStartMs,
    periodEnd: s.periodEndMs,
    spendUsd: s.spendUsd,
    share: s.share,
    exhausted: s.exhausted,
    forecastExhaustedAt: s.forecastExhaustedAt,
    subjects: s.subjects.map((x) => ({
      subject: x.subject,
      spendUsd: x.spendUsd,
      calls: x.calls,
      share: x.share,
      exhausted: x.exhausted,
      forecastExhaustedAt: x.forecastExhaustedAt,
    })),
  };
}

/** priceTableToWire renders a stored price table version. */
export function priceTableToWire(t: StoredPriceTable): Record<string, unknown> {
  return {
    version: t.version,
    effectiveFrom: t.effectiveFromMs,
    entries: t.entries,
    ...(t.note === undefined ? {} : { note: t.note }),
    created_at: t.createdMs,
  };
}
