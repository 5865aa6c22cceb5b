// Regression runs: `vigil regress run --report-to` posts every run here, so the pass rate per target
// and version is a series with history; a run can be accepted as its target's baseline, which the
// next gate compares against.
import { LIMITS } from '@vigil/contracts';
import { type EvalRun, MAX_QUERY_LIMIT } from '@vigil/store';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { queryTimeSchema } from '../http/schemas.js';

const name = z.string().min(1).max(LIMITS.maxNameLength);

/** evalRunBodySchema is a gated run as `vigil regress run --json` writes it (extra fields kept). */
export const evalRunBodySchema = z.looseObject({
  format: z.literal('vigil-regress-run'),
  id: z.string().min(1).max(100),
  startedAt: z.iso.datetime({ offset: true }),
  target: z.looseObject({
    name,
    kind: z.string().min(1).max(50),
    version: z.string().min(1).max(500),
  }),
  set: z.looseObject({ name, version: z.string().min(1).max(200), hash: z.string().max(200) }),
  summary: z.looseObject({
    passRate: z.number().min(0).max(1),
    passed: z.number().int().min(0),
    counted: z.number().int().min(0),
    flaky: z.number().int().min(0),
  }),
  gate: z.looseObject({ pass: z.boolean() }),
  cases: z.array(z.unknown()).max(100_000),
});

/** evalRunSchema is a stored run's headline on the wire. */
export const evalRunSchema = z.object({
  id: z.string(),
  target: z.string(),
  target_kind: z.string(),
  target_version: z.string(),
  set_name: z.string(),
  set_version: z.string(),
  set_hash: z.string(),
  pass_rate: z.number(),
  passed: z.number().int(),
  counted: z.number().int(),
  flaky: z.number().int(),
  gate_passed: z.boolean(),
  accepted: z.boolean(),
  accepted_at: z.number().int().nullable(),
  accepted_by: z.string().nullable(),
  started_at: z.number().int(),
  created_at: z.number().int(),
});

/** evalRunToWire renders a stored run's headline for the API. */
export function evalRunToWire(r: EvalRun): z.output<typeof evalRunSchema> {
  return {
    id: r.id,
    target: r.target,
    target_kind: r.targetKind,
    target_version: r.targetVersion,
    set_name: r.setName,
    set_version: r.setVersion,
    set_hash: r.setHash,
    pass_rate: r.passRate,
    passed: r.passed,
    counted: r.counted,
    flaky: r.flaky,
    gate_passed: r.gatePassed,
    accepted: r.accepted,
    accepted_at: r.acceptedMs,
    accepted_by: r.acceptedBy,
    started_at: r.startedMs,
    created_at: r.createdMs,
  };
}

const runParams = z.strictObject({ id: z.string().min(1).max(100) });
const detailSchema = evalRunSchema.extend({ run: z.unknown() });

/** evalSeriesQuerySchema selects a target's runs in a required time window. */
export const evalSeriesQuerySchema = z
  .strictObject({
    target: name,
    version: z.string().min(1).max(500).optional(),
    from: queryTimeSchema.describe('window start, inclusive (epoch ms or ISO 8601)'),
    to: queryTimeSchema.describe('window end, exclusive (epoch ms or ISO 8601)'),
    limit: z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(1000),
  })
  .refine((q) => q.from < q.to, { message: '"from" must be before "to"', path: ['to'] });

/** EVAL_ROUTES store regression runs, list them as series, and manage the accepted baseline. */
export const EVAL_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/evals/runs',
    auth: 'key',
    tag: 'evals',
    summary: 'Store a regression run (the JSON of `vigil regress run --json`)',
    body: evalRunBodySchema,
    responses: {
      201: { description: 'stored', schema: evalRunSchema },
      400: { description: 'not a regression run' },
      409: { description: 'a run with this id is already stored' },
    },
    async handler({ body, identity, deps, reply }) {
      const stored = await deps.store.evals.record(identity.projectId, {
        id: body.id,
        target: body.target.name,
        targetKind: body.target.kind,
        targetVersion: body.target.version,
        setName: body.set.name,
        setVersion: body.set.version,
        setHash: body.set.hash,
        passRate: body.summary.passRate,
        passed: body.summary.passed,
        counted: body.summary.counted,
        flaky: body.summary.flaky,
        gatePassed: body.gate.pass,
        startedMs: Date.parse(body.startedAt),
        run: body,
      });
      reply.status(201);
      return evalRunToWire(stored);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/evals/runs',
    auth: 'key',
    tag: 'evals',
    summary: "A target's runs in a time window, oldest first: the pass rate per version over time",
    query: evalSeriesQuerySchema,
    responses: {
      200: { description: 'the series', schema: z.object({ runs: z.array(evalRunSchema) }) },
    },
    async handler({ query, identity, deps }) {
      const runs = await deps.store.evals.series(identity.projectId, {
        target: query.target,
        range: { fromMs: query.from, toMs: query.to },
        ...(query.version === undefined ? {} : { targetVersion: query.version }),
        limit: query.limit,
      });
      return { runs: runs.map(evalRunToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/evals/runs/:id',
    auth: 'key',
    tag: 'evals',
    summary: 'One run with its cases',
    params: runParams,
    responses: {
      200: { description: 'the run', schema: detailSchema },
      404: { description: 'no such run in this project' },
    },
    async handler({ params, identity, deps }) {
      const r = await deps.store.evals.get(identity.projectId, params.id);
      if (r === null) throw new AppError({ code: 'NOT_FOUND', message: `no run ${params.id}` });
      return { ...evalRunToWire(r), run: r.run };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/evals/runs/:id/accept',
    auth: 'key',
    tag: 'evals',
    summary: "Accept a run as its target's baseline (audited)",
    params: runParams,
    responses: {
      200: { description: 'accepted', schema: evalRunSchema },
      404: { description: 'no such run in this project' },
    },
    async handler({ params, identity, deps }) {
      const r = await deps.store.evals.accept(
        identity.projectId,
        params.id,
        `key:${identity.keyId}`,
      );
      if (r === null) throw new AppError({ code: 'NOT_FOUND', message: `no run ${params.id}` });
      return evalRunToWire(r);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/evals/baseline',
    auth: 'key',
    tag: 'evals',
    summary: "A target's baseline: its most recently accepted run, with its cases",
    query: z.strictObject({ target: name }),
    responses: {
      200: { description: 'the baseline run', schema: detailSchema },
      404: { description: 'the target has no accepted run' },
    },
    async handler({ query, identity, deps }) {
      const r = await deps.store.evals.baseline(identity.projectId, query.target);
      if (r === null) {
        throw new AppError({
          code: 'NOT_FOUND',
          message: `target ${query.target} has no accepted run`,
        });
      }
      return { ...evalRunToWire(r), run: r.run };
    },
  }),
];
