// Models, their feature schema, and baseline metadata.
import { z } from 'zod';
import { modelNameSchema } from './ingest.js';
import { LIMITS } from './limits.js';

/** FEATURE_KINDS are the kinds of column DESIGN.md distinguishes. */
export const FEATURE_KINDS = ['numerical', 'categorical', 'text'] as const;

/** featureSpecSchema declares one feature: its name, kind and optional importance (>= 0). */
export const featureSpecSchema = z.strictObject({
  name: z.string().min(1).max(LIMITS.maxNameLength),
  kind: z.enum(FEATURE_KINDS),
  importance: z.number().min(0).refine(Number.isFinite, 'must be finite').optional(),
});

/** modelSpecSchema declares a model; feature names must be unique. */
export const modelSpecSchema = z
  .strictObject({
    name: modelNameSchema,
    description: z.string().max(2000).optional(),
    task: z.enum(['classification', 'regression', 'ranking', 'other']).default('other'),
    features: z.array(featureSpecSchema).max(LIMITS.maxFeatures).default([]),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.features.forEach((f, i) => {
      if (seen.has(f.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'name'],
          message: `duplicate feature "${f.name}"`,
        });
      }
      seen.add(f.name);
    });
  });

/** baselineSourceSchema says where a baseline's rows came from: a file or a window of events. */
export const baselineSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('window'),
    from: z.number().int(),
    to: z.number().int(),
  }),
]);

/** baselineMetaSchema describes a baseline; its per-feature profiles are stored as bytes. */
export const baselineMetaSchema = z.strictObject({
  name: z.string().min(1).max(LIMITS.maxNameLength),
  model: modelNameSchema,
  source: baselineSourceSchema,
  row_count: z.number().int().min(0),
});

/** FeatureKind is one of FEATURE_KINDS. */
export type FeatureKind = (typeof FEATURE_KINDS)[number];
/** FeatureSpec is a declared feature. */
export type FeatureSpec = z.output<typeof featureSpecSchema>;
/** ModelSpec is a validated model declaration. */
export type ModelSpec = z.output<typeof modelSpecSchema>;
/** BaselineSource is where a baseline came from. */
export type BaselineSource = z.output<typeof baselineSourceSchema>;
/** BaselineMeta describes a baseline. */
export type BaselineMeta = z.output<typeof baselineMetaSchema>;
