// Canaries over HTTP: create one (baseline = the production version, candidate at 5-10 % of
// traffic; for a prompt canary, the version a prompt label points at and another version of that
// prompt, split by the gateway), list them, read one with its per-variant statistics, sample-ratio
// check, sequential p-values and every decision, stop one; and the assignment config the SDK and
// gateway hash with.
import {
  CANARY_KINDS,
  CANARY_STATES,
  type CanaryState,
  type CreateCanary,
  type CreatePromptCanary,
  createAnyCanarySchema,
  createCanarySchemaFor,
  type ExperimentConfig,
  experimentConfigSchema,
  experimentKeySchema,
  modelNameSchema,
} from '@vigil/contracts';
import { type Canary, type CanaryVariantStats, MAX_QUERY_LIMIT } from '@vigil/store';
import { z } from 'zod';
import { type CanaryLook, lookAtCanary } from '../canaries/look.js';
import { PRODUCTION_ALIAS } from '../canaries/worker.js';
import { AppError } from '../errors.js';
import { lookupsFor } from '../gateway/lookups.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { parseInput } from '../http/validate.js';

/** canaryParamsSchema is the `:name` path parameter. */
export const canaryParamsSchema = z.strictObject({ name: experimentKeySchema });

/** canaryListQuerySchema filters GET /v1/canaries. */
export const canaryListQuerySchema = z.strictObject({
  model: modelNameSchema.optional(),
  state: z.enum(CANARY_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(100),
});

/** stopCanaryBodySchema is the optional body of POST /v1/canaries/:name/stop. */
export const stopCanaryBodySchema = z
  .strictObject({ reason: z.string().max(2000).optional() })
  .optional();

const variantWire = z.object({
  name: z.string(),
  role: z.enum(['baseline', 'candidate']),
  version: z.number().int(),
  weight: z.number(),
});

/** canaryResponseSchema is a stored canary. */
export const canaryResponseSchema = z.object({
  name: z.string(),
  kind: z.enum(CANARY_KINDS),
  model: z.string().describe("the model's name; for a prompt canary, the prompt's name"),
  prompt: z
    .object({ name: z.string(), label: z.string() })
    .nullable()
    .describe('a prompt canary: the prompt and the label it splits and, when promoted, moves'),
  state: z.enum(CANARY_STATES),
  variants: z.array(variantWire),
  policy: z.record(z.string(), z.unknown()),
  start_time: z.number().int(),
  end_time: z.number().int().nullable(),
  last_evaluated_at: z.number().int().nullable(),
  created_by: z.string(),
  created_at: z.number().int(),
  updated_at: z.number().int(),
});

const statsWire = z.object({
  variant: z.string(),
  predictions: z.number().int(),
  errors: z.number().int(),
  error_rate: z.number().nullable(),
  latency_ms: z.object({ count: z.number().int(), mean: z.number().nullable() }),
  labelled: z.number().int(),
  accuracy: z.number().nullable(),
  outcomes: z.record(
    z.string(),
    z.object({ predictions: z.number().int(), total: z.number(), per_prediction: z.number() }),
  ),
});

/** canaryDetailSchema is GET /v1/canaries/:name: the canary, its look now and its decisions. */
export const canaryDetailSchema = canaryResponseSchema.extend({
  as_of: z.number().int(),
  stats: z.object({ baseline: statsWire, candidate: statsWire }),
  srm: z
    .object({
      counts: z.array(z.number().int()),
      expected_candidate_share: z.number(),
      statistic: z.number(),
      p_value: z.number(),
      mismatch: z.boolean(),
    })
    .nullable(),
  guards: z.array(
    z.object({
      key: z.string(),
      direction: z.string(),
      required: z.boolean(),
      status: z.enum(['insufficient', 'ok', 'worse']),
      baseline_mean: z.number().nullable(),
      candidate_mean: z.number().nullable(),
      difference: z.number().nullable(),
      tolerance: z.number(),
      p_value: z.number().nullable().describe('always-valid p-value of "no difference"'),
      confidence_sequence: z
        .object({ lower: z.number(), upper: z.number(), level: z.number() })
        .nullable(),
      reason: z.string(),
    }),
  ),
  next_decision: z.object({
    action: z.enum(['continue', 'promote', 'rollback', 'pause']),
    reasons: z.array(z.string()),
  }),
  decisions: z.array(
    z.object({
      seq: z.number().int(),
      time: z.number().int(),
      actor: z.string(),
      action: z.string(),
      state: z.enum(CANARY_STATES),
      reasons: z.array(z.string()),
    }),
  ),
});

/** canaryToWire renders a stored canary for the API. */
export function canaryToWire(c: Canary): z.output<typeof canaryResponseSchema> {
  return {
    name: c.name,
    kind: c.kind,
    model: c.model,
    prompt: c.promptLabel === null ? null : { name: c.model, label: c.promptLabel },
    state: c.state,
    variants: [
      {
        name: c.baseline.variant,
        role: 'baseline',
        version: c.baseline.version,
        weight: c.baseline.weight,
      },
      {
        name: c.candidate.variant,
        role: 'candidate',
        version: c.candidate.version,
        weight: c.candidate.weight,
      },
    ],
    policy: c.policy as unknown as Record<string, unknown>,
    start_time: c.startMs,
    end_time: c.endMs,
    last_evaluated_at: c.lastEvaluatedMs,
    created_by: c.createdBy,
    created_at: c.createdMs,
    updated_at: c.updatedMs,
  };
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function statsToWire(s: CanaryVariantStats): z.output<typeof statsWire> {
  return {
    variant: s.variant,
    predictions: s.predictions,
    errors: s.errors,
    error_rate: ratio(s.errors, s.predictions),
    latency_ms: { count: s.latencyMs.count, mean: ratio(s.latencyMs.sum, s.latencyMs.count) },
    labelled: s.labelled,
    accuracy: ratio(s.correct, s.labelled),
    outcomes: Object.fromEntries(
      Object.entries(s.outcomes).map(([name, o]) => [
        name,
        { predictions: o.count, total: o.sum, per_prediction: ratio(o.sum, s.predictions) ?? 0 },
      ]),
    ),
  };
}

function lookToWire(look: CanaryLook) {
  const d = look.decision;
  return {
    as_of: look.asOfMs,
    stats: {
      baseline: statsToWire(look.stats.baseline),
      candidate: statsToWire(look.stats.candidate),
    },
    srm:
      d.srm === null
        ? null
        : {
            counts: [...d.srm.counts],
            expected_candidate_share: d.srm.expectedShare,
            statistic: d.srm.statistic,
            p_value: d.srm.pValue,
            mismatch: d.srm.mismatch,
          },
    guards: d.guards.map((g) => ({
      key: g.key,
      direction: g.direction,
      required: g.required,
      status: g.status,
      baseline_mean: g.baseline?.mean ?? null,
      candidate_mean: g.candidate?.mean ?? null,
      difference: g.difference,
      tolerance: g.tolerance,
      p_value: g.pValue,
      confidence_sequence: g.confidenceSequence,
      reason: g.reason,
    })),
    next_decision: { action: d.action, reasons: [...d.reasons] },
  };
}

/** experimentConfig is the assignment config of a canary: its variants with the weights in force. */
export function experimentConfig(c: Canary): ExperimentConfig {
  return {
    name: c.name,
    model: c.model,
    state: c.state,
    variants: canaryToWire(c).variants,
    ...(c.kind === 'prompt'
      ? { kind: c.kind, prompt: { name: c.model, label: c.promptLabel ?? '' } }
      : {}),
  };
}

async function mustGet(
  deps: { store: { canaries: { get(p: string, n: string): Promise<Canary | null> } } },
  projectId: string,
  name: string,
): Promise<Canary> {
  const c = await deps.store.canaries.get(projectId, name);
  if (c === null) throw new AppError({ code: 'NOT_FOUND', message: `no canary "${name}"` });
  return c;
}

type CanaryDeps = Parameters<RouteSpec['handler']>[0]['deps'];
type CanaryIdentity = { readonly projectId: string; readonly keyId: string };

// A prompt canary: the baseline is the version the label points at now; the store checks again,
// in the transaction that creates the canary, that the label has not moved meanwhile.
async function createPromptCanary(
  deps: CanaryDeps,
  identity: CanaryIdentity,
  body: CreatePromptCanary,
): Promise<Canary> {
  const { name: prompt, label, candidate_version: candidateVersion } = body.prompt;
  const bad = (field: string, reason: string) =>
    new AppError({
      code: 'VALIDATION_FAILED',
      message: `${field}: ${reason}`,
      issues: [{ field, reason }],
    });
  const current = await deps.store.prompts.getByLabel(identity.projectId, prompt, label);
  if (current === null) {
    const any = await deps.store.prompts.listVersions(identity.projectId, prompt, 1);
    throw new AppError({
      code: 'NOT_FOUND',
      message:
        any.length === 0
          ? `no prompt "${prompt}"`
          : `prompt "${prompt}" has no label "${label}": no baseline version`,
    });
  }
  if (current.version === candidateVersion) {
    throw bad(
      'body.prompt.candidate_version',
      `the candidate is the baseline version (${prompt}@${label} is version ${candidateVersion})`,
    );
  }
  if (
    (await deps.store.prompts.getVersion(identity.projectId, prompt, candidateVersion)) === null
  ) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `prompt "${prompt}" has no version ${candidateVersion}`,
    });
  }
  const b = body.variants.find((v) => v.role === 'baseline');
  const c = body.variants.find((v) => v.role === 'candidate');
  if (b === undefined || c === undefined) throw bad('body.variants', 'a baseline and a candidate');
  const candidateWeight =
    c.weight ?? (b.weight === undefined ? body.policy.min_candidate_weight : 1 - b.weight);
  return deps.store.canaries.create(identity.projectId, {
    name: body.name,
    model: prompt,
    promptLabel: label,
    baseline: { variant: b.name, version: current.version, weight: 1 - candidateWeight },
    candidate: { variant: c.name, version: candidateVersion, weight: candidateWeight },
    policy: body.policy,
    createdBy: `key:${identity.keyId}`,
  });
}

const ENDED: readonly CanaryState[] = ['promoted', 'passed', 'rolled_back', 'stopped'];

/** CANARY_ROUTES create, list, read and stop canaries, and serve the assignment config. */
export const CANARY_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/canaries',
    auth: 'key',
    tag: 'canaries',
    summary:
      "Start a canary: a baseline variant (default: the model's production version) and a candidate version at 5-10 % of traffic; with `prompt` instead of `model`, a prompt canary: the version `prompt.label` points at against `prompt.candidate_version`, split by the gateway",
    body: createAnyCanarySchema,
    // Parsed in the handler by the schema of the kind meant, so errors name that kind's fields.
    validateBody: false,
    responses: {
      201: { description: 'the running canary', schema: canaryResponseSchema },
      400: { description: 'a bad body: no baseline variant, weights out of bounds, ...' },
      404: { description: 'no such model, prompt, label or version in this project' },
      409: {
        description:
          'the name is taken, or the model (prompt) already has an active canary, or the label moved',
      },
    },
    async handler({ request, identity, deps, reply }) {
      const parsed = parseInput(createCanarySchemaFor(request.body), request.body, 'body');
      if ('prompt' in parsed) {
        const created = await createPromptCanary(deps, identity, parsed);
        lookupsFor(deps.store).forget(identity.projectId);
        return reply.status(201).send(canaryToWire(created));
      }
      const body: CreateCanary = parsed;
      const projectId = identity.projectId;
      const bi = body.variants.findIndex((v) => v.role === 'baseline');
      const ci = body.variants.findIndex((v) => v.role === 'candidate');
      const b = body.variants[bi];
      const c = body.variants[ci];
      if ((await deps.store.getModel(projectId, body.model)) === null) {
        throw new AppError({ code: 'NOT_FOUND', message: `no model "${body.model}"` });
      }
      const production = await deps.store.registry.getAlias(
        projectId,
        body.model,
        PRODUCTION_ALIAS,
      );
      const bad = (field: string, reason: string) =>
        new AppError({
          code: 'VALIDATION_FAILED',
          message: `${field}: ${reason}`,
          issues: [{ field, reason }],
        });
      let baselineVersion: number;
      if (b.version === undefined) {
        if (production === null) {
          throw bad(
            `body.variants[${bi}].version`,
            `no baseline version: model "${body.model}" has no ${PRODUCTION_ALIAS} alias; give the baseline's version`,
          );
        }
        baselineVersion = production.version;
      } else {
        if (production !== null && production.version !== b.version) {
          throw bad(
            `body.variants[${bi}].version`,
            `the baseline is the ${PRODUCTION_ALIAS} version (${production.version}), not ${b.version}`,
          );
        }
        baselineVersion = b.version;
      }
      const candidateVersion = c.version as number;
      if (candidateVersion === baselineVersion) {
        throw bad(
          `body.variants[${ci}].version`,
          `the candidate is the baseline version (${baselineVersion})`,
        );
      }
      const candidateWeight =
        c.weight ?? (b.weight === undefined ? body.policy.min_candidate_weight : 1 - b.weight);
      const created = await deps.store.canaries.create(projectId, {
        name: body.name,
        model: body.model,
        baseline: { variant: b.name, version: baselineVersion, weight: 1 - candidateWeight },
        candidate: { variant: c.name, version: candidateVersion, weight: candidateWeight },
        policy: body.policy,
        createdBy: `key:${identity.keyId}`,
      });
      return reply.status(201).send(canaryToWire(created));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/canaries',
    auth: 'key',
    tag: 'canaries',
    summary: "List the project's canaries, newest first",
    query: canaryListQuerySchema,
    responses: {
      200: {
        description: 'the canaries',
        schema: z.object({ canaries: z.array(canaryResponseSchema) }),
      },
    },
    async handler({ identity, query, deps }) {
      const list = await deps.store.canaries.list(identity.projectId, {
        ...(query.model === undefined ? {} : { model: query.model }),
        ...(query.state === undefined ? {} : { state: query.state }),
        limit: query.limit,
      });
      return { canaries: list.map(canaryToWire) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/canaries/:name',
    auth: 'key',
    tag: 'canaries',
    summary:
      'One canary with its per-variant statistics, sample-ratio check, guards (always-valid p-values and confidence sequences), the decision a look now would take, and every decision taken',
    params: canaryParamsSchema,
    responses: {
      200: { description: 'the canary', schema: canaryDetailSchema },
      404: { description: 'no such canary in this project' },
    },
    async handler({ identity, params, deps }) {
      const c = await mustGet(deps, identity.projectId, params.name);
      // An ended canary is shown as of its end; a running one as of now, or of its last look if
      // the worker's clock is ahead of this process's.
      const asOf = c.endMs ?? Math.max(Date.now(), (c.lastEvaluatedMs ?? 0) + 1);
      const look = await lookAtCanary(deps.store, c, asOf);
      const decisions = await deps.store.canaries.decisions(identity.projectId, c.name, {
        limit: MAX_QUERY_LIMIT,
      });
      return {
        ...canaryToWire(c),
        ...lookToWire(look),
        decisions: decisions.map((d) => ({
          seq: d.seq,
          time: d.timeMs,
          actor: d.actor,
          action: d.action,
          state: d.state,
          reasons: [...d.reasons],
        })),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/canaries/:name/stop',
    auth: 'key',
    tag: 'canaries',
    summary: 'Stop a canary: all traffic back to the baseline, nothing promoted (audited)',
    params: canaryParamsSchema,
    body: stopCanaryBodySchema,
    responses: {
      200: { description: 'the stopped canary', schema: canaryResponseSchema },
      404: { description: 'no such canary in this project' },
      409: { description: 'the canary has already ended' },
    },
    async handler({ identity, params, body, deps }) {
      const c = await mustGet(deps, identity.projectId, params.name);
      if (ENDED.includes(c.state)) {
        throw new AppError({
          code: 'CONFLICT',
          message: `canary "${c.name}" has already ended (${c.state})`,
        });
      }
      const stopped = await deps.store.canaries.recordDecision(identity.projectId, c.name, {
        expectedRevision: c.revision,
        actor: `key:${identity.keyId}`,
        action: 'stop',
        state: 'stopped',
        reasons: [body?.reason?.trim() || 'stopped by hand'],
        evidence: {},
        weights: { baseline: 1, candidate: 0 },
        audit: true,
      });
      if (stopped.kind === 'prompt') lookupsFor(deps.store).forget(identity.projectId);
      return canaryToWire(stopped);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/experiments/:name',
    auth: 'key',
    tag: 'canaries',
    summary:
      "An experiment's assignment config: its variants and the weights in force, for assignVariant (SDK, gateway)",
    params: canaryParamsSchema,
    responses: {
      200: { description: 'the config', schema: experimentConfigSchema },
      404: { description: 'no such experiment in this project' },
    },
    async handler({ identity, params, deps }) {
      return experimentConfig(await mustGet(deps, identity.projectId, params.name));
    },
  }),
];
