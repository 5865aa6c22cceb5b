// Canaries and A/B experiments as they cross the API: the create body (variants with a role, a
// model version and a traffic weight, plus the promotion policy), the policy with its defaults,
// and the assignment config the SDK and the gateway fetch to hash units into variants.
import { z } from 'zod';
import { eventVariantSchema, modelNameSchema } from './ingest.js';
import { LIMITS, NAME_PATTERN } from './limits.js';

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
    const baseline = c.variants.findIndex((v) => v.role === 'baseline');
    const candidate = c.variants.findIndex((v) => v.role === 'candidate');
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
    } else if (c.variants[candidate].version === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants', candidate, 'version'],
        message: 'the candidate names the model version it serves',
      });
    }
    if (baseline >= 0 && candidate >= 0 && c.variants[0].name === c.variants[1].name) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants', 1, 'name'],
        message: 'variant names must differ',
      });
    }
    if (c.policy.min_candidate_weight > c.policy.max_candidate_weight) {
      ctx.addIssue({
        code: 'custom',
        path: ['policy', 'min_candidate_weight'],
        message: 'min_candidate_weight is above max_candidate_weight',
      });
    }
    if (baseline < 0 || candidate < 0) return;
    const cw = c.variants[candidate].weight;
    const bw = c.variants[baseline].weight;
    const w = cw ?? (bw === undefined ? c.policy.min_candidate_weight : 1 - bw);
    const { min_candidate_weight: lo, max_candidate_weight: hi } = c.policy;
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
  });

/** CreateCanary is a validated create body (policy defaults filled in). */
export type CreateCanary = z.output<typeof createCanarySchema>;
/** CreateCanaryInput is a create body as a client sends it. */
export type CreateCanaryInput = z.input<typeof createCanarySchema>;

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
});

/** ExperimentConfig is the assignment config of one experiment. */
export type ExperimentConfig = z.output<typeof experimentConfigSchema>;
