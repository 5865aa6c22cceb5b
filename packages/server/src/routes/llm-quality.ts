// LLM answer quality: user feedback, the human review queue and its hallucination-rate series,
// knowledge tables and reference checks, the worker's settings, and an on-demand quality summary
// of a window of answers against a baseline window (refusals, repetition, safety, language,
// length, output-embedding centroid).
import { durationSchema, timeSchema } from '@vigil/contracts';
import { hashedEmbedding } from '@vigil/core';
import { compileBlocklist, summarizeOutputs } from '@vigil/engine';
import { MAX_QUERY_LIMIT, type RateBucket, type Store } from '@vigil/store';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { queryTimeSchema } from '../http/schemas.js';
import { outputText } from '../llm-quality/output-text.js';

const DAY = 86_400_000;
const idSchema = z.string().min(1).max(256);
const nameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'letters, digits, _ . - (1-128)');
const range = {
  from: queryTimeSchema.describe('window start, inclusive (epoch ms or ISO 8601)'),
  to: queryTimeSchema.describe('window end, exclusive (epoch ms or ISO 8601)'),
};
const ordered = (q: { from: number; to: number }) => q.from < q.to;
const orderedMessage = { message: '"from" must be before "to"', path: ['to'] };
const limit = z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(1000);
const bucket = durationSchema.prefault('1d').describe('bucket width, e.g. 1h or 1d');

/** feedbackItemSchema is one piece of user feedback on a generation. */
export const feedbackItemSchema = z.strictObject({
  id: idSchema.describe('your id for this feedback: a retry with the same id is stored once'),
  time: timeSchema,
  trace_id: idSchema,
  span_id: idSchema.optional(),
  kind: z.enum(['thumbs_up', 'thumbs_down', 'rating', 'correction', 'reported_error']),
  value: z.number().finite().optional().describe('the score, for kind rating'),
  comment: z.string().max(10_000).optional(),
  correction: z.string().max(100_000).optional().describe('the right answer, for kind correction'),
  user: z.string().max(256).optional(),
});

const feedbackBody = z
  .strictObject({ feedback: z.array(feedbackItemSchema).min(1).max(1000) })
  .superRefine((b, ctx) => {
    b.feedback.forEach((f, i) => {
      if (f.kind === 'rating' && f.value === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['feedback', i, 'value'],
          message: 'a rating needs a value',
        });
      }
      if (f.kind === 'correction' && f.correction === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['feedback', i, 'correction'],
          message: 'a correction needs the corrected answer',
        });
      }
    });
  });

const settingsSchema = z.strictObject({
  review_rate: z
    .number()
    .refine((r) => r === 0 || (r >= 0.01 && r <= 0.05), 'review_rate is 0 (off) or 0.01-0.05')
    .describe('share of answers sampled into the human review queue'),
  reference_checks: z
    .array(
      z.strictObject({
        knowledge: nameSchema,
        model: z.string().min(1).max(256).optional(),
        service: z.string().min(1).max(256).optional(),
      }),
    )
    .max(20)
    .default([]),
  scan_from: timeSchema
    .optional()
    .describe('first set only: scan answers that started at or after this time (default now)'),
});

const knowledgeBody = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        item: z.string().min(1).max(256),
        aliases: z.array(z.string().min(1).max(256)).max(20).optional(),
        price: z.number().finite().min(0),
      }),
    )
    .min(1)
    .max(10_000),
});

const seriesSchema = z.object({
  series: z.array(
    z.object({
      start: z.number().int(),
      total: z.number().int(),
      failed: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
});

/** seriesView renders rate buckets as the wire series. */
function seriesView(buckets: readonly RateBucket[]) {
  return {
    series: buckets.map((b) => ({
      start: b.startMs,
      total: b.total,
      failed: b.failed,
      rate: b.rate,
    })),
  };
}

async function outputsOf(
  store: Store,
  projectId: string,
  q: {
    fromMs: number;
    toMs: number;
    model?: string;
    service?: string;
    prompt?: string;
    prompt_version?: number;
  },
) {
  const rows = await store.llm.queryGenerations(projectId, {
    range: { fromMs: q.fromMs, toMs: q.toMs },
    llmOnly: true,
    status: 'ok',
    limit: MAX_QUERY_LIMIT,
    ...(q.model === undefined ? {} : { model: q.model }),
    ...(q.service === undefined ? {} : { service: q.service }),
    ...(q.prompt === undefined ? {} : { promptName: q.prompt }),
    ...(q.prompt_version === undefined ? {} : { promptVersion: q.prompt_version }),
  });
  // Oldest first: repetition is measured between consecutive answers.
  return rows
    .map((g) => ({ startMs: g.startMs, text: outputText(g.output) }))
    .filter((o) => o.text !== '')
    .sort((a, b) => a.startMs - b.startMs)
    .map((o) => {
      const e = hashedEmbedding(o.text);
      return e.ok ? { text: o.text, embedding: e.value } : { text: o.text };
    });
}

const summaryQuery = z
  .strictObject({
    ...range,
    baseline_from: queryTimeSchema.optional(),
    baseline_to: queryTimeSchema.optional(),
    model: z.string().min(1).max(256).optional(),
    service: z.string().min(1).max(256).optional(),
    prompt: z.string().min(1).max(256).optional(),
    prompt_version: z.coerce.number().int().min(1).optional(),
    expect_json: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    blocklist: z.string().max(10_000).optional().describe('comma-separated blocked words'),
  })
  .refine(ordered, orderedMessage)
  .refine((q) => (q.baseline_from === undefined) === (q.baseline_to === undefined), {
    message: 'give both baseline_from and baseline_to, or neither',
    path: ['baseline_to'],
  })
  .refine(
    (q) =>
      q.baseline_from === undefined ||
      q.baseline_to === undefined ||
      q.baseline_from < q.baseline_to,
    { message: '"baseline_from" must be before "baseline_to"', path: ['baseline_to'] },
  );

/** LLM_QUALITY_ROUTES serve feedback, reviews, knowledge tables, reference checks and summaries. */
export const LLM_QUALITY_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/llm/feedback',
    auth: 'key',
    tag: 'llm-quality',
    summary: 'Record user feedback on answers (thumbs, ratings, corrections, reported errors)',
    body: feedbackBody,
    responses: {
      200: {
        description: 'stored; ids already stored are listed as duplicates',
        schema: z.object({ inserted: z.number().int(), duplicates: z.array(z.string()) }),
      },
    },
    async handler({ identity, body, deps }) {
      return deps.store.feedback.addFeedback(
        identity.projectId,
        body.feedback.map((f) => ({
          id: f.id,
          timeMs: f.time,
          traceId: f.trace_id,
          spanId: f.span_id ?? null,
          kind: f.kind,
          value: f.value ?? null,
          comment: f.comment ?? null,
          correction: f.correction ?? null,
          user: f.user ?? null,
        })),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/feedback',
    auth: 'key',
    tag: 'llm-quality',
    summary: 'Feedback given in a time window, oldest first, with counts by kind',
    query: z
      .strictObject({
        ...range,
        kind: feedbackItemSchema.shape.kind.optional(),
        trace_id: idSchema.optional(),
        limit,
      })
      .refine(ordered, orderedMessage),
    responses: { 200: { description: 'the feedback and counts by kind' } },
    async handler({ identity, query, deps }) {
      const r = { fromMs: query.from, toMs: query.to };
      const [rows, counts] = await Promise.all([
        deps.store.feedback.queryFeedback(identity.projectId, {
          range: r,
          limit: query.limit,
          ...(query.kind === undefined ? {} : { kind: query.kind }),
          ...(query.trace_id === undefined ? {} : { traceId: query.trace_id }),
        }),
        deps.store.feedback.feedbackCounts(identity.projectId, r),
      ]);
      return {
        counts,
        feedback: rows.map((f) => ({
          id: f.id,
          time: f.timeMs,
          trace_id: f.traceId,
          span_id: f.spanId,
          kind: f.kind,
          value: f.value,
          comment: f.comment,
          correction: f.correction,
          user: f.user,
        })),
      };
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/llm/quality/settings',
    auth: 'key',
    tag: 'llm-quality',
    summary: 'Set the review sampling rate and the knowledge tables answers are checked against',
    body: settingsSchema,
    responses: { 200: { description: 'the settings; scanning starts from now on first set' } },
    async handler({ identity, body, deps }) {
      for (const c of body.reference_checks) {
        if (
          (await deps.store.feedback.getKnowledgeTable(identity.projectId, c.knowledge)) === null
        ) {
          throw new AppError({
            code: 'NOT_FOUND',
            message: `knowledge table "${c.knowledge}" does not exist: PUT /v1/llm/knowledge/${c.knowledge} first`,
            issues: [
              { field: 'reference_checks', reason: `unknown knowledge table ${c.knowledge}` },
            ],
          });
        }
      }
      const s = await deps.store.feedback.putSettings(
        identity.projectId,
        {
          reviewRate: body.review_rate,
          referenceChecks: body.reference_checks.map((c) => ({
            knowledge: c.knowledge,
            ...(c.model === undefined ? {} : { model: c.model }),
            ...(c.service === undefined ? {} : { service: c.service }),
          })),
        },
        `key:${identity.keyId}`,
        body.scan_from ?? Date.now(),
      );
      return {
        review_rate: s.settings.reviewRate,
        reference_checks: s.settings.referenceChecks,
        cursor: s.cursorMs,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/quality/settings',
    auth: 'key',
    tag: 'llm-quality',
    summary: "The project's LLM quality settings and how far answers have been scanned",
    responses: { 200: { description: 'the settings' }, 404: { description: 'never set' } },
    async handler({ identity, deps }) {
      const s = await deps.store.feedback.getSettings(identity.projectId);
      if (s === null) {
        throw new AppError({ code: 'NOT_FOUND', message: 'LLM quality settings were never set' });
      }
      return {
        review_rate: s.settings.reviewRate,
        reference_checks: s.settings.referenceChecks,
        cursor: s.cursorMs,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/reviews',
    auth: 'key',
    tag: 'llm-quality',
    summary: 'The human review queue: sampled answers, pending or reviewed',
    query: z
      .strictObject({ ...range, state: z.enum(['pending', 'reviewed']).optional(), limit })
      .refine(ordered, orderedMessage),
    responses: { 200: { description: 'the items, oldest first' } },
    async handler({ identity, query, deps }) {
      const items = await deps.store.feedback.listReviews(identity.projectId, {
        range: { fromMs: query.from, toMs: query.to },
        limit: query.limit,
        ...(query.state === undefined ? {} : { state: query.state }),
      });
      return {
        reviews: items.map((r) => ({
          trace_id: r.traceId,
          span_id: r.spanId,
          time: r.timeMs,
          sampled: r.sampledMs,
          model: r.model,
          prompt: r.prompt,
          output: r.output,
          verdict: r.verdict,
          reviewer: r.reviewer,
          notes: r.notes,
          reviewed: r.reviewedMs,
        })),
      };
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/llm/reviews/:traceId/:spanId',
    auth: 'key',
    tag: 'llm-quality',
    summary: "Record a reviewer's verdict on a sampled answer",
    params: z.strictObject({ traceId: idSchema, spanId: idSchema }),
    body: z.strictObject({
      verdict: z.enum(['correct', 'hallucination', 'unsafe', 'irrelevant', 'other']),
      reviewer: z.string().min(1).max(256),
      notes: z.string().max(10_000).optional(),
    }),
    responses: { 200: { description: 'the reviewed item' }, 404: { description: 'not queued' } },
    async handler({ identity, params, body, deps }) {
      const r = await deps.store.feedback.recordVerdict(
        identity.projectId,
        params.traceId,
        params.spanId,
        { verdict: body.verdict, reviewer: body.reviewer, notes: body.notes ?? null },
        `key:${identity.keyId}`,
      );
      return { trace_id: r.traceId, span_id: r.spanId, verdict: r.verdict, reviewed: r.reviewedMs };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/reviews/series',
    auth: 'key',
    tag: 'llm-quality',
    summary: 'Hallucination rate of reviewed answers per time bucket',
    query: z.strictObject({ ...range, bucket }).refine(ordered, orderedMessage),
    responses: { 200: { description: 'one point per bucket', schema: seriesSchema } },
    async handler({ identity, query, deps }) {
      const s = await deps.store.feedback.hallucinationSeries(
        identity.projectId,
        { fromMs: query.from, toMs: query.to },
        query.bucket,
      );
      return seriesView(s);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/llm/knowledge/:name',
    auth: 'key',
    tag: 'llm-quality',
    summary: 'Store a new version of a knowledge table (items and their prices)',
    params: z.strictObject({ name: nameSchema }),
    body: knowledgeBody,
    responses: { 200: { description: 'the stored version' } },
    async handler({ identity, params, body, deps }) {
      const t = await deps.store.feedback.putKnowledgeTable(
        identity.projectId,
        params.name,
        body.rows,
        `key:${identity.keyId}`,
      );
      return { name: t.name, version: t.version, rows: t.rows.length, created: t.createdMs };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/knowledge/:name',
    auth: 'key',
    tag: 'llm-quality',
    summary: 'A knowledge table: the latest version, or the one asked for',
    params: z.strictObject({ name: nameSchema }),
    query: z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
    responses: {
      200: { description: 'the table' },
      404: { description: 'no such table or version' },
    },
    async handler({ identity, params, query, deps }) {
      const t = await deps.store.feedback.getKnowledgeTable(
        identity.projectId,
        params.name,
        query.version,
      );
      if (t === null) {
        throw new AppError({
          code: 'NOT_FOUND',
          message: `knowledge table "${params.name}"${query.version === undefined ? '' : ` version ${query.version}`} does not exist`,
        });
      }
      return { name: t.name, version: t.version, rows: t.rows, created: t.createdMs };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/reference-checks/series',
    auth: 'key',
    tag: 'llm-quality',
    summary: 'Share of answers quoting a price that does not match the knowledge table, per bucket',
    query: z
      .strictObject({ ...range, bucket, knowledge: nameSchema.optional() })
      .refine(ordered, orderedMessage),
    responses: { 200: { description: 'one point per bucket', schema: seriesSchema } },
    async handler({ identity, query, deps }) {
      const s = await deps.store.feedback.referenceSeries(
        identity.projectId,
        { fromMs: query.from, toMs: query.to },
        query.bucket,
        query.knowledge,
      );
      return seriesView(s);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/reference-checks',
    auth: 'key',
    tag: 'llm-quality',
    summary: 'Reference-check results in a time window (wrong_only=true: only wrong quotes)',
    query: z
      .strictObject({
        ...range,
        knowledge: nameSchema.optional(),
        wrong_only: z
          .enum(['true', 'false'])
          .default('false')
          .transform((v) => v === 'true'),
        limit,
      })
      .refine(ordered, orderedMessage),
    responses: { 200: { description: 'the checks, oldest first' } },
    async handler({ identity, query, deps }) {
      const checks = await deps.store.feedback.queryReferenceChecks(identity.projectId, {
        range: { fromMs: query.from, toMs: query.to },
        wrongOnly: query.wrong_only,
        limit: query.limit,
        ...(query.knowledge === undefined ? {} : { knowledge: query.knowledge }),
      });
      return {
        checks: checks.map((c) => ({
          trace_id: c.traceId,
          span_id: c.spanId,
          knowledge: c.knowledge,
          knowledge_version: c.knowledgeVersion,
          time: c.timeMs,
          claims: c.claims,
          wrong: c.wrong,
          details: c.details,
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/llm/quality/summary',
    auth: 'key',
    tag: 'llm-quality',
    summary:
      'Quality of the answers in a window (refusals, repetition, safety, language, length, JSON) and their drift from a baseline window',
    query: summaryQuery,
    responses: { 200: { description: 'the summary' } },
    async handler({ identity, query, deps }) {
      if (query.to - query.from > 31 * DAY) {
        throw new AppError({
          code: 'BAD_REQUEST',
          message: 'the window may span at most 31 days',
          issues: [{ field: 'to', reason: 'window longer than 31 days' }],
        });
      }
      const filter = {
        ...(query.model === undefined ? {} : { model: query.model }),
        ...(query.service === undefined ? {} : { service: query.service }),
        ...(query.prompt === undefined ? {} : { prompt: query.prompt }),
        ...(query.prompt_version === undefined ? {} : { prompt_version: query.prompt_version }),
      };
      const current = await outputsOf(deps.store, identity.projectId, {
        fromMs: query.from,
        toMs: query.to,
        ...filter,
      });
      const blocklist =
        query.blocklist === undefined ? undefined : compileBlocklist(query.blocklist.split(','));
      const options = {
        expectJson: query.expect_json,
        ...(blocklist === undefined ? {} : { blocklist }),
      };
      let baseline: ReturnType<typeof summarizeOutputs> | null = null;
      if (query.baseline_from !== undefined && query.baseline_to !== undefined) {
        const ref = await outputsOf(deps.store, identity.projectId, {
          fromMs: query.baseline_from,
          toMs: query.baseline_to,
          ...filter,
        });
        baseline = summarizeOutputs(ref, options);
      }
      const s = summarizeOutputs(current, {
        ...options,
        ...(baseline === null
          ? {}
          : {
              baseline: {
                ...(baseline.centroid === null ? {} : { centroid: baseline.centroid }),
                languageShares: baseline.languageShares,
              },
            }),
      });
      const view = (x: ReturnType<typeof summarizeOutputs>) => ({
        count: x.count,
        refusal_rate: x.refusalRate,
        json_valid_rate: x.jsonValidRate,
        mean_chars: x.meanChars,
        p95_chars: x.p95Chars,
        repetitive_share: x.repetitiveShare,
        mean_consecutive_rouge_l: x.meanConsecutiveRougeL,
        safety_violation_rate: x.safetyViolationRate,
        violations_by_kind: x.violationsByKind,
        language_shares: x.languageShares,
      });
      return {
        current: view(s),
        baseline: baseline === null ? null : view(baseline),
        drift:
          baseline === null
            ? null
            : {
                centroid_cosine: s.centroidCosine,
                language_tvd: s.languageDrift,
                embedder: 'hashed character 3-grams, 512 dimensions',
              },
      };
    },
  }),
];
