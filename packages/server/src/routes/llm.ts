// LLM routes: generations posted as a batch (per-item results, 207 when some are rejected), read
// back by window and filters or as a nested trace; versioned price tables; budgets applied as
// `kind: Budget` documents (YAML or JSON, errors with line and column), read with their spend,
// share and forecast, deleted, and checked (the decision the gateway takes before a call).
import {
  type BudgetDocument,
  budgetSpecSchema,
  formatBudgetFileIssue,
  parseBudgetFile,
  priceTableSchema,
} from '@vigil/contracts';
import { MAX_QUERY_LIMIT, type StoredBudget } from '@vigil/store';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { rawBodyText } from '../http/body.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { issueSchema, queryTimeSchema } from '../http/schemas.js';
import { issuesFromZod } from '../http/validate.js';
import { budgetStatus, checkBudgets } from '../llm/budgets.js';
import { DEFAULT_PRICE_ENTRIES, DEFAULT_PRICES_AS_OF } from '../llm/default-prices.js';
import { patternError } from '../llm/prices.js';
import { type GenerationInput, recordGenerations } from '../llm/record.js';
import {
  budgetStatusToWire,
  budgetToWire,
  buildTraceTree,
  generationBatchSchema,
  generationInputSchema,
  generationToWire,
  generationWireSchema,
  priceTableToWire,
  toGenerationInput,
} from '../llm/wire.js';
import { actorOf } from './channels.js';

const itemResultSchema = z.object({
  index: z.number().int(),
  trace_id: z.string().optional(),
  span_id: z.string().optional(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  cost_usd: z.number().nullable().optional(),
  flags: z.array(z.string()).optional(),
  errors: z.array(issueSchema).optional(),
});

const recordResponseSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  results: z.array(itemResultSchema),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

type ItemResult = z.output<typeof itemResultSchema>;

const generationsQuerySchema = z
  .strictObject({
    from: queryTimeSchema.describe('window start, inclusive (epoch ms or ISO 8601)'),
    to: queryTimeSchema.describe('window end, exclusive (epoch ms or ISO 8601)'),
    trace_id: z.string().max(128).optional(),
    service: z.string().max(256).optional(),
    user: z.string().max(256).optional(),
    session: z.string().max(256).optional(),
    model: z.string().max(256).optional().describe('requested or served model'),
    provider: z.string().max(256).optional(),
    prompt_name: z.string().max(256).optional(),
    prompt_version: z.coerce.number().int().min(0).optional(),
    api_key_id: z.string().max(128).optional(),
    status: z.enum(['ok', 'error']).optional(),
    operation: z.string().max(256).optional(),
    tag: z.string().max(256).optional(),
    flag: z.string().max(64).optional(),
    llm_only: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    limit: z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(1000),
  })
  .refine((q) => q.from < q.to, { message: '"from" must be before "to"', path: ['to'] });

const traceParamsSchema = z.strictObject({ traceId: z.string().min(1).max(128) });
const budgetParamsSchema = z.strictObject({ id: z.string().min(1).max(128) });
const versionParamsSchema = z.strictObject({ version: z.coerce.number().int().min(1) });

const flatBudgetSchema = budgetSpecSchema.extend({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'name must match [A-Za-z0-9_.-]{1,128}'),
  description: z.string().max(2000).optional(),
});

const checkBodySchema = z.strictObject({
  service: z.string().max(256).nullable().optional(),
  user: z.string().max(256).nullable().optional(),
  model: z.string().max(256).nullable().optional(),
});

/**
 * budgetDocuments reads PUT /v1/llm/budgets' body: YAML text (one or more `kind: Budget`
 * documents), a JSON document or list of documents, or a flat JSON budget `{ name, scope, ... }`.
 */
function budgetDocuments(body: unknown, raw: string | undefined): BudgetDocument[] {
  const isFlat =
    typeof body === 'object' && body !== null && !Array.isArray(body) && !('kind' in body);
  if (isFlat) {
    const r = flatBudgetSchema.safeParse(body);
    if (!r.success) {
      const issues = issuesFromZod(r.error, ['body']);
      throw new AppError({
        code: 'VALIDATION_FAILED',
        message: `invalid budget: ${issues[0]?.field}: ${issues[0]?.reason}`,
        issues,
      });
    }
    const { name, description, ...spec } = r.data;
    return [
      {
        apiVersion: 'vigil/v1',
        kind: 'Budget',
        metadata: { name, ...(description === undefined ? {} : { description }) },
        spec,
      },
    ];
  }
  let text: string;
  if (Array.isArray(body)) text = body.map((d) => JSON.stringify(d)).join('\n---\n');
  else if (typeof body === 'string') text = body;
  else if (raw !== undefined) text = raw;
  else
    throw new AppError({
      code: 'BAD_REQUEST',
      message: 'send Budget documents as YAML (application/yaml) or JSON',
    });
  const parsed = parseBudgetFile(text);
  if (!parsed.ok) {
    const head = parsed.issues[0];
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `invalid budget file: ${head === undefined ? '' : formatBudgetFileIssue(head)}${parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more)` : ''}`,
      issues: parsed.issues.map((i) => ({
        field: i.path === '' ? 'body' : `body.${i.path}`,
        reason: i.line === null ? i.message : `line ${i.line}, column ${i.column}: ${i.message}`,
      })),
    });
  }
  return parsed.budgets;
}

async function budgetOr404(
  store: import('@vigil/store').Store,
  projectId: string,
  id: string,
): Promise<StoredBudget> {
  const b =
    (await store.llm.getBudget(projectId, id)) ?? (await store.llm.getBudgetByName(projectId, id));
  if (b === null) throw new AppError({ code: 'NOT_FOUND', message: `no budget "${id}"` });
  return b;
}

/** LLM_ROUTES are the generation, trace, price-table and budget endpoints. */
export const LLM_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/llm/generations',
    auth: 'key',
    tag: 'llm',
    summary:
      'Record a batch of generations (LLM calls or plain spans); each is validated on its own, tokens and cost filled in when missing',
    body: generationBatchSchema,
    validateBody: false,
    responses: {
      200: { description: 'every item stored or a duplicate', schema: recordResponseSchema },
      207: { description: 'some items rejected; see results', schema: recordResponseSchema },
      400: { description: 'every item rejected, or the body is not { generations: [...] }' },
    },
    async handler({ request, reply, identity, deps }) {
      const shape = generationBatchSchema.safeParse(request.body);
      if (!shape.success) {
        const issues = issuesFromZod(shape.error, ['body']);
        const tooMany = shape.error.issues.some((i) => i.code === 'too_big');
        throw new AppError({
          code: tooMany ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED',
          message: tooMany
            ? `batch too large: ${issues[0]?.reason ?? ''}`
            : 'body must be { "generations": [ ... ] } with at least one item',
          issues,
        });
      }
      const raw = shape.data.generations;
      const results: ItemResult[] = new Array(raw.length);
      const inputs: GenerationInput[] = [];
      const at: number[] = [];
      raw.forEach((item, index) => {
        const r = generationInputSchema.safeParse(item);
        if (!r.success) {
          const sid = (item as { span_id?: unknown } | null)?.span_id;
          results[index] = {
            index,
            ...(typeof sid === 'string' ? { span_id: sid } : {}),
            status: 'rejected',
            errors: issuesFromZod(r.error, ['generations', index]),
          };
          return;
        }
        inputs.push(toGenerationInput(r.data, identity.keyId));
        at.push(index);
      });
      if (inputs.length > 0) {
        const out = await recordGenerations(
          { store: deps.store, logger: deps.logger },
          identity.projectId,
          inputs,
        );
        out.items.forEach((it, j) => {
          const index = at[j] as number;
          results[index] = {
            index,
            trace_id: it.traceId,
            span_id: it.spanId,
            status: it.inserted ? 'accepted' : 'duplicate',
            cost_usd: it.costUsd,
            flags: [...it.flags],
          };
        });
      }
      let accepted = 0;
      let duplicates = 0;
      let rejected = 0;
      for (const r of results) {
        if (r.status === 'accepted') accepted++;
        else if (r.status === 'duplicate') duplicates++;
        else rejected++;
      }
      const response: z.output<typeof recordResponseSchema> = {
        accepted,
        duplicates,
        rejected,
        results,
      };
      if (rejected === 0) reply.status(200);
      else if (accepted + duplicates > 0) reply.status(207);
      else {
        const first = results.find((r) => r.status === 'rejected')?.errors?.[0];
        response.error = {
          code: 'VALIDATION_FAILED',
          message: `every generation was rejected${first ? `; first: ${first.field}: ${first.reason}` : ''}`,
        };
        reply.status(400);
      }
      return response;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/generations',
    auth: 'key',
    tag: 'llm',
    summary: 'Generations and spans that started in a window, newest first, with filters',
    query: generationsQuerySchema,
    responses: {
      200: {
        description: 'the spans',
        schema: z.object({ generations: z.array(generationWireSchema) }),
      },
    },
    async handler({ query, identity, deps }) {
      const rows = await deps.store.llm.queryGenerations(identity.projectId, {
        range: { fromMs: query.from, toMs: query.to },
        traceId: query.trace_id,
        service: query.service,
        user: query.user,
        session: query.session,
        model: query.model,
        provider: query.provider,
        promptName: query.prompt_name,
        promptVersion: query.prompt_version,
        apiKeyId: query.api_key_id,
        status: query.status,
        operation: query.operation,
        tag: query.tag,
        flag: query.flag,
        llmOnly: query.llm_only,
        limit: query.limit,
      });
      return { generations: rows.map(generationToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/traces/:traceId',
    auth: 'key',
    tag: 'llm',
    summary: 'One trace: its spans nested by parent, with totals',
    params: traceParamsSchema,
    responses: {
      200: { description: 'the trace' },
      404: { description: 'no span of this trace in the project' },
    },
    async handler({ params, identity, deps }) {
      const spans = await deps.store.llm.getTrace(identity.projectId, params.traceId);
      if (spans.length === 0)
        throw new AppError({ code: 'NOT_FOUND', message: `no trace "${params.traceId}"` });
      let cost = 0;
      let unknown = 0;
      let inputTokens = 0;
      let outputTokens = 0;
      for (const s of spans) {
        if (s.operation === null) continue;
        if (s.costUsd === null) unknown++;
        else cost += s.costUsd;
        inputTokens += s.tokens.input ?? 0;
        outputTokens += s.tokens.output ?? 0;
      }
      const start = Math.min(...spans.map((s) => s.startMs));
      const end = Math.max(...spans.map((s) => s.endMs));
      return {
        trace_id: params.traceId,
        span_count: spans.length,
        start_time: start,
        end_time: end,
        duration_ms: end - start,
        llm_calls: spans.filter((s) => s.operation !== null).length,
        cost_usd: cost,
        cost_unknown_calls: unknown,
        input_tokens: inputTokens,
        output_tokens: outputTokens,
        spans: buildTraceTree(spans),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/llm/price-tables',
    auth: 'key',
    tag: 'llm',
    summary:
      'Add a price table version (USD per 1M tokens per token type, model globs or regexes); calls from effectiveFrom on are priced by it',
    body: priceTableSchema,
    responses: {
      201: { description: 'the new version' },
      400: { description: 'a bad entry (named)' },
    },
    async handler({ body, identity, reply, deps }) {
      body.entries.forEach((e, i) => {
        const err = patternError(e.match, e.matchKind);
        if (err !== null)
          throw new AppError({
            code: 'VALIDATION_FAILED',
            message: `invalid body: body.entries[${i}].match: ${err}`,
            issues: [{ field: `body.entries[${i}].match`, reason: err }],
          });
      });
      const t = await deps.store.llm.createPriceTable(
        identity.projectId,
        {
          effectiveFromMs: body.effectiveFrom,
          entries: body.entries,
          ...(body.note === undefined ? {} : { note: body.note }),
        },
        actorOf(identity),
      );
      reply.status(201);
      return priceTableToWire(t);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/price-tables',
    auth: 'key',
    tag: 'llm',
    summary: "The project's price table versions and the built-in table (version 0)",
    responses: { 200: { description: 'the versions' } },
    async handler({ identity, deps }) {
      const tables = await deps.store.llm.listPriceTables(identity.projectId);
      return {
        tables: tables.map(priceTableToWire),
        builtin: { version: 0, asOf: DEFAULT_PRICES_AS_OF, entries: DEFAULT_PRICE_ENTRIES },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/price-tables/:version',
    auth: 'key',
    tag: 'llm',
    summary: 'One price table version',
    params: versionParamsSchema,
    responses: { 200: { description: 'the version' }, 404: { description: 'no such version' } },
    async handler({ params, identity, deps }) {
      const t = await deps.store.llm.getPriceTable(identity.projectId, params.version);
      if (t === null)
        throw new AppError({
          code: 'NOT_FOUND',
          message: `no price table version ${params.version}`,
        });
      return priceTableToWire(t);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/llm/budgets',
    auth: 'key',
    tag: 'llm',
    summary:
      'Apply budgets: `kind: Budget` documents (YAML with `---` separators, or JSON), created or replaced by name, all or none',
    validateBody: false,
    responses: {
      200: { description: 'applied' },
      400: { description: 'every problem of the file, with its line and column' },
    },
    async handler({ request, identity, deps }) {
      const docs = budgetDocuments(request.body, rawBodyText(request));
      const created: string[] = [];
      const updated: string[] = [];
      const budgets: Record<string, unknown>[] = [];
      for (const d of docs) {
        const before = await deps.store.llm.getBudgetByName(identity.projectId, d.metadata.name);
        const b = await deps.store.llm.upsertBudget(
          identity.projectId,
          {
            name: d.metadata.name,
            ...(d.metadata.description === undefined
              ? {}
              : { description: d.metadata.description }),
            ...d.spec,
          },
          actorOf(identity),
        );
        (before === null ? created : updated).push(b.name);
        budgets.push(budgetToWire(b));
      }
      return { created, updated, budgets };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/budgets',
    auth: 'key',
    tag: 'llm',
    summary: "The project's budgets with their spend in the current period",
    responses: { 200: { description: 'the budgets' } },
    async handler({ identity, deps }) {
      const now = Date.now();
      const list = await deps.store.llm.listBudgets(identity.projectId);
      const out: Record<string, unknown>[] = [];
      for (const b of list) out.push(budgetStatusToWire(await budgetStatus(deps.store, b, now)));
      return { budgets: out };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/budgets/:id',
    auth: 'key',
    tag: 'llm',
    summary:
      'One budget (by id or name): spend, share of the limit and forecastExhaustedAt at the current rate',
    params: budgetParamsSchema,
    responses: { 200: { description: 'the budget' }, 404: { description: 'no such budget' } },
    async handler({ params, identity, deps }) {
      const b = await budgetOr404(deps.store, identity.projectId, params.id);
      return budgetStatusToWire(await budgetStatus(deps.store, b, Date.now()));
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/llm/budgets/:id',
    auth: 'key',
    tag: 'llm',
    summary: 'Delete a budget (by id or name) and its counters',
    params: budgetParamsSchema,
    responses: { 204: { description: 'deleted' }, 404: { description: 'no such budget' } },
    async handler({ params, identity, reply, deps }) {
      const b = await budgetOr404(deps.store, identity.projectId, params.id);
      await deps.store.llm.deleteBudget(identity.projectId, b.id, actorOf(identity));
      reply.status(204);
      return null;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/llm/budgets/check',
    auth: 'key',
    tag: 'llm',
    summary: 'Would a call with this service, user and model be allowed now (blocking budgets)?',
    body: checkBodySchema,
    responses: { 200: { description: 'the decision' } },
    async handler({ body, identity, deps }) {
      const d = await checkBudgets(
        deps.store,
        identity.projectId,
        { service: body.service ?? null, user: body.user ?? null, model: body.model ?? null },
        Date.now(),
      );
      return {
        allowed: d.allowed,
        ...(d.budget === undefined ? {} : { budget: d.budget.name, budget_id: d.budget.id }),
        ...(d.reason === undefined ? {} : { reason: d.reason }),
      };
    },
  }),
];
