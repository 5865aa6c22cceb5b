// Canaries and A/B experiments as they cross the API: the create body (variants with a role, a
// model version and a traffic weight, plus the promotion policy), the policy with its defaults,
// and the assignment config the SDK and the gateway fetch to hash units into variants.
import { z } from 'zod';
import { eventVariantSchema, modelNameSchema } from './ingest.js';
import { LIMITS, NAME_PATTERN } from './limits.js';
import { LATEST_LABEL, promptLabelSchema, promptNameSchema } from './prompt.js';

/** experimentKeySchema is an experiment's (canary's) name, the key units are hashed with. */
export const experimentKeySchema = z
  .string()
  .min(1, 'name must not be empty')
  .max(LIMITS.maxNameLength, `name longer than ${LIMITS.maxNameLength} characters`)
  .regex(
    NAME_PATTERN,
    'name must start with a letter or digit and hold only letters, digits, ".", "_", "-"',
  );

/** variantNameSchema is a variant's name as recorded on events (`variant`). */
export const variantNameSchema = eventVariantSchema;

/** GUARD_METRICS lists what a canary can guard: accuracy (labels), error rate, latency, an outcome. */
export const GUARD_METRICS = ['accuracy', 'error_rate', 'latency_ms', 'outcome'] as const;

/** guardMetricSchema is one metric the candidate must not be significantly worse on. */
export const guardMetricSchema = z
  .strictObject({
    metric: z.enum(GUARD_METRICS),
    /** The outcome's name when metric is `outcome` (per-prediction sum of that outcome's values). */
    outcome: z.string().min(1).max(LIMITS.maxNameLength).optional(),
    /** Default: higher for accuracy, lower for error_rate and latency_ms; required for outcomes. */
    direction: z.enum(['higher_is_better', 'lower_is_better']).optional(),
    /** Worse by at most this much (absolute, in the metric's unit) is tolerated. */
    tolerance: z.number().min(0).refine(Number.isFinite, 'must be finite').default(0),
    /** Worse by at most this share of the baseline's value is tolerated (the larger bound wins). */
    relative_tolerance: z.number().min(0).max(10).default(0),
    /** Observations per variant before the metric is tested (plug-in variances need some data). */
    min_sample: z.number().int().min(2).max(100_000_000).default(30),
    /** false: promotion does not wait for this metric to have data (labels may never come). */
    required: z.boolean().default(true),
    /** τ² of the mSPRT mixture; default (0.1 · pooled standard deviation)² at the first look. */
    mixing_variance: z.number().positive().refine(Number.isFinite, 'must be finite').optional(),
  })
  .superRefine((g, ctx) => {
    if (g.metric === 'outcome' && g.outcome === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'an outcome guard names its outcome',
      });
    if (g.metric !== 'outcome' && g.outcome !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'only an outcome guard names an outcome',
      });
    if (g.metric === 'outcome' && g.direction === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['direction'],
        message: 'an outcome guard says whether higher or lower is better',
      });
  });

/** DEFAULT_GUARDS watch the error rate (0.5 point), latency (10 %) and accuracy when labelled (1 point). */
export const DEFAULT_GUARDS: readonly z.input<typeof guardMetricSchema>[] = [
  { metric: 'error_rate', tolerance: 0.005 },
  { metric: 'latency_ms', relative_tolerance: 0.1, required: false },
  { metric: 'accuracy', tolerance: 0.01, required: false },
];

/** canaryPolicySchema is when a canary is promoted, rolled back or paused. */
export const canaryPolicySchema = z.strictObject({
  /** Days the canary runs at least before it may be promoted. */
  min_days: z.number().min(0).max(365).default(7),
  /** Predictions per variant before promotion. */
  min_sample: z.number().int().min(1).max(1_000_000_000).default(1000),
  /** Level of the always-valid tests (confidence sequences at 1 − alpha). */
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  /** Level of the sample-ratio-mismatch check (chi-squared). */
  srm_alpha: z.number().gt(0).lt(0.5).default(0.001),
  /** Bounds of the candidate's starting traffic share. */
  min_candidate_weight: z.number().gt(0).lt(1).default(0.05),
  max_candidate_weight: z.number().gt(0).lt(1).default(0.1),
  /** false: a passing canary is marked `passed` and a person moves the alias. */
  auto_promote: z.boolean().default(true),
  guards: z
    .array(guardMetricSchema)
    .min(1, 'give at least one guard metric')
    .max(16)
    .default(() => DEFAULT_GUARDS.map((g) => guardMetricSchema.parse(g))),
});

/** CanaryPolicy is a validated policy with its defaults filled in. */
export type CanaryPolicy = z.output<typeof canaryPolicySchema>;
/** GuardMetric is one validated guard. */
export type GuardMetric = z.output<typeof guardMetricSchema>;

/** DEFAULT_CANARY_POLICY is the policy of a canary that gives none. */
export const DEFAULT_CANARY_POLICY: CanaryPolicy = canaryPolicySchema.parse({});

/** VARIANT_ROLES are the two roles of a canary's variants. */
export const VARIANT_ROLES = ['baseline', 'candidate'] as const;

/** canaryVariantSchema is one variant of a canary as given on create. */
export const canaryVariantSchema = z.strictObject({
  name: variantNameSchema,
  role: z.enum(VARIANT_ROLES),
  /** The model version it serves; default for the baseline: the `production` alias's version. */
  version: z.number().int().min(1).optional(),
  /** Traffic share in (0, 1); default 1 − the other's for the baseline, the policy minimum for the candidate. */
  weight: z.number().min(0).max(1).optional(),
});

// The variant rules of both kinds of canary: one baseline, one candidate, distinct names, the
// candidate's share within the policy's bounds, weights summing to 1. `candidateCheck` adds the
// kind's own check of the candidate (a model canary's candidate names its version).
function refineVariants(
  variants: readonly { name: string; role: string; weight?: number | undefined }[],
  policy: Pick<CanaryPolicy, 'min_candidate_weight' | 'max_candidate_weight'>,
  ctx: z.RefinementCtx,
  candidateCheck?: (index: number) => void,
): void {
  const baseline = variants.findIndex((v) => v.role === 'baseline');
  const candidate = variants.findIndex((v) => v.role === 'candidate');
  if (baseline < 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['variants'],
      message:
        'no baseline variant (role "baseline"): a canary compares its candidate with the version in production',
    });
  }
  if (candidate < 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['variants'],
      message: 'no candidate variant (role "candidate")',
    });
  } else candidateCheck?.(candidate);
  if (baseline >= 0 && candidate >= 0 && variants[0].name === variants[1].name) {
    ctx.addIssue({
      code: 'custom',
      path: ['variants', 1, 'name'],
      message: 'variant names must differ',
    });
  }
  if (policy.min_candidate_weight > policy.max_candidate_weight) {
    ctx.addIssue({
      code: 'custom',
      path: ['policy', 'min_candidate_weight'],
      message: 'min_candidate_weight is above max_candidate_weight',
    });
  }
  if (baseline < 0 || candidate < 0) return;
  const cw = variants[candidate].weight;
  const bw = variants[baseline].weight;
  const w = cw ?? (bw === undefined ? policy.min_candidate_weight : 1 - bw);
  const { min_candidate_weight: lo, max_candidate_weight: hi } = policy;
  if (w < lo - 1e-12 || w > hi + 1e-12) {
    ctx.addIssue({
      code: 'custom',
      path: ['variants', candidate, 'weight'],
      message: `the candidate starts at ${lo * 100}-${hi * 100} % of traffic (got ${+(w * 100).toFixed(6)} %; set policy.min/max_candidate_weight to change the bounds)`,
    });
  }
  if (cw !== undefined && bw !== undefined && Math.abs(cw + bw - 1) > 1e-9) {
    ctx.addIssue({
      code: 'custom',
      path: ['variants'],
      message: `weights must sum to 1 (got ${cw + bw})`,
    });
  }
}

/** createCanarySchema is the body of POST /v1/canaries. */
export const createCanarySchema = z
  .strictObject({
    name: experimentKeySchema,
    model: modelNameSchema,
    variants: z
      .array(canaryVariantSchema)
      .max(2, 'a canary has two variants: baseline and candidate'),
    policy: canaryPolicySchema.default(() => canaryPolicySchema.parse({})),
  })
  .superRefine((c, ctx) => {
    refineVariants(c.variants, c.policy, ctx, (i) => {
      if (c.variants[i].version === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, 'version'],
          message: 'the candidate names the model version it serves',
        });
      }
    });
  });

/** CreateCanary is a validated create body (policy defaults filled in). */
export type CreateCanary = z.output<typeof createCanarySchema>;
/** CreateCanaryInput is a create body as a client sends it. */
export type CreateCanaryInput = z.input<typeof createCanarySchema>;

/** CANARY_KINDS: a canary compares two versions of a model, or two versions of a prompt. */
export const CANARY_KINDS = ['model', 'prompt'] as const;

/** CanaryKind says what a canary's variants are versions of. */
export type CanaryKind = (typeof CANARY_KINDS)[number];

/**
 * PROMPT_GUARD_OUTCOMES are the per-call measures of a prompt canary's generations that can be
 * guarded besides error_rate, latency_ms and accuracy (review verdicts): cost in USD per call, the
 * share of calls whose answer quoted a wrong price (reference checks), the share of calls with
 * negative feedback (thumbs down or a reported error). Each is tested as an outcome guard.
 */
export const PROMPT_GUARD_OUTCOMES = [
  'cost_usd',
  'wrong_price_rate',
  'negative_feedback_rate',
] as const;

const PROMPT_GUARD_METRICS = [
  'accuracy',
  'error_rate',
  'latency_ms',
  ...PROMPT_GUARD_OUTCOMES,
] as const;

// A prompt guard names its measure directly (`cost_usd`); the engine tests it as an outcome guard.
function promptGuardToGuard(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const g = v as Record<string, unknown>;
  if (!(PROMPT_GUARD_OUTCOMES as readonly unknown[]).includes(g.metric)) return v;
  return {
    ...g,
    metric: 'outcome',
    outcome: g.metric,
    direction: g.direction ?? 'lower_is_better',
  };
}

/**
 * promptGuardMetricSchema is one guard of a prompt canary: a guardMetricSchema whose metric is
 * accuracy (review verdicts: reviewed calls judged correct), error_rate, latency_ms or one of
 * PROMPT_GUARD_OUTCOMES (lower is better by default). Parsed into the engine's GuardMetric: the
 * outcomes become `{ metric: 'outcome', outcome: 'cost_usd', ... }`.
 */
export const promptGuardMetricSchema = z.preprocess(
  promptGuardToGuard,
  guardMetricSchema.superRefine((g, ctx) => {
    if (
      g.metric === 'outcome' &&
      !(PROMPT_GUARD_OUTCOMES as readonly string[]).includes(g.outcome ?? '')
    )
      ctx.addIssue({
        code: 'custom',
        path: ['metric'],
        message: `a prompt canary guards one of ${PROMPT_GUARD_METRICS.join(', ')}`,
      });
  }),
);

/** DEFAULT_PROMPT_GUARDS watch errors (0.5 point), wrong prices (1 point), cost and latency (10 %), review verdicts. */
export const DEFAULT_PROMPT_GUARDS: readonly Record<string, unknown>[] = [
  { metric: 'error_rate', tolerance: 0.005 },
  { metric: 'wrong_price_rate', tolerance: 0.01 },
  { metric: 'cost_usd', relative_tolerance: 0.1 },
  { metric: 'latency_ms', relative_tolerance: 0.1, required: false },
  { metric: 'accuracy', tolerance: 0.01, required: false },
];

/** promptCanaryPolicySchema is canaryPolicySchema with prompt guards (defaults: DEFAULT_PROMPT_GUARDS). */
export const promptCanaryPolicySchema = canaryPolicySchema.extend({
  guards: z
    .array(promptGuardMetricSchema)
    .min(1, 'give at least one guard metric')
    .max(16)
    .default(() =>
      DEFAULT_PROMPT_GUARDS.map((g) => guardMetricSchema.parse(promptGuardToGuard(g))),
    ),
});

/** promptCanaryVariantSchema is a variant of a prompt canary: its versions come from the prompt. */
export const promptCanaryVariantSchema = z.strictObject({
  name: variantNameSchema,
  role: z.enum(VARIANT_ROLES),
  /** Traffic share; default as for model canaries (the candidate at the policy minimum). */
  weight: z.number().min(0).max(1).optional(),
});

/**
 * createPromptCanarySchema is the body of POST /v1/canaries for a prompt: the baseline is the
 * version `prompt.label` points at when the canary starts, the candidate `candidate_version`;
 * variants default to `baseline` and `candidate` at the policy's minimum candidate share.
 */
export const createPromptCanarySchema = z
  .strictObject({
    name: experimentKeySchema,
    prompt: z.strictObject({
      name: promptNameSchema,
      label: promptLabelSchema.default('production'),
      candidate_version: z.number().int().min(1),
    }),
    variants: z
      .array(promptCanaryVariantSchema)
      .max(2, 'a canary has two variants: baseline and candidate')
      .default(() => [
        { name: 'baseline', role: 'baseline' as const },
        { name: 'candidate', role: 'candidate' as const },
      ]),
    policy: promptCanaryPolicySchema.default(() => promptCanaryPolicySchema.parse({})),
  })
  .superRefine((c, ctx) => {
    if (c.prompt.label === LATEST_LABEL)
      ctx.addIssue({
        code: 'custom',
        path: ['prompt', 'label'],
        message: '"latest" moves by itself to every new version: canary a label people move',
      });
    refineVariants(c.variants, c.policy, ctx);
  });

/** CreatePromptCanary is a validated prompt canary body. */
export type CreatePromptCanary = z.output<typeof createPromptCanarySchema>;

/**
 * createAnyCanarySchema documents POST /v1/canaries: a model canary or a prompt canary. Parse
 * with parseCreateCanary, which picks the schema by the body's `prompt` key so that errors name
 * the fields of the kind meant (a plain union only says "invalid input").
 */
export const createAnyCanarySchema = z.union([createCanarySchema, createPromptCanarySchema]);

/**
 * createCanarySchemaFor returns the schema of a create body: createPromptCanarySchema when it
 * has a `prompt` key, else createCanarySchema.
 * Example: createCanarySchemaFor({ name: 'x', prompt: { ... } }) === createPromptCanarySchema.
 */
export function createCanarySchemaFor(
  body: unknown,
): typeof createCanarySchema | typeof createPromptCanarySchema {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'prompt' in body
    ? createPromptCanarySchema
    : createCanarySchema;
}

/** CANARY_STATES: running, paused (held, never promoted), and the final ones. */
export const CANARY_STATES = [
  'running',
  'paused',
  'promoted',
  'passed',
  'rolled_back',
  'stopped',
] as const;

/** CanaryState is a canary's lifecycle state. */
export type CanaryState = (typeof CANARY_STATES)[number];

/** experimentVariantSchema is one variant in the assignment config. */
export const experimentVariantSchema = z.object({
  name: variantNameSchema,
  role: z.enum(VARIANT_ROLES),
  version: z.number().int().min(1),
  weight: z.number().min(0).max(1),
});

/**
 * experimentConfigSchema is what GET /v1/experiments/:name answers: the weights in force (after a
 * rollback the baseline has weight 1, after a promotion the candidate) to hash units with.
 */
export const experimentConfigSchema = z.object({
  name: experimentKeySchema,
  model: modelNameSchema,
  state: z.enum(CANARY_STATES),
  variants: z.array(experimentVariantSchema),
  /** `prompt`: the variants' versions are versions of `prompt.name` (and `model` is its name). */
  kind: z.enum(CANARY_KINDS).optional(),
  prompt: z.object({ name: promptNameSchema, label: promptLabelSchema }).optional(),
});

/** ExperimentConfig is the assignment config of one experiment. */
export type ExperimentConfig = z.output<typeof experimentConfigSchema>;
