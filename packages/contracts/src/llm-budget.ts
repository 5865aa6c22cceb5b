// LLM budgets and price tables on the wire: the Budget document (`apiVersion: vigil/v1`,
// `kind: Budget`, YAML or JSON, several per file) read with every problem at its line and column,
// and the price table a project posts (model patterns, USD per 1M tokens per token type).
import { z } from 'zod';
import { locate, pushSchemaIssues, walkVigilDocuments } from './monitor-file.js';

/** BUDGET_SCOPES are what a budget counts: a service, a user, a model, or the whole project. */
export const BUDGET_SCOPES = ['service', 'user', 'model', 'project'] as const;

/** budgetSpecSchema is a budget's settings; `alertThresholds` are shares of the limit. */
export const budgetSpecSchema = z
  .strictObject({
    scope: z.enum(BUDGET_SCOPES),
    match: z
      .string()
      .min(1)
      .max(256)
      .default('*')
      .describe('glob of the scope values counted together, or "*" for a separate count per value'),
    period: z.enum(['daily', 'monthly']),
    limitUsd: z.number().positive().finite().max(1e9),
    block: z.boolean().default(false),
    alertThresholds: z
      .array(z.number().positive().max(10))
      .max(10)
      .default([0.8, 1])
      .refine((t) => t.every((x, i) => i === 0 || x > (t[i - 1] ?? 0)), {
        message: 'alertThresholds must be strictly ascending',
      }),
    channels: z.array(z.string().min(1).max(200)).max(20).default([]),
  })
  .describe('a budget: limit in USD per UTC day or calendar month');

const budgetNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'name must match [A-Za-z0-9_.-]{1,128}');

/** budgetDocumentSchema is one Budget document. */
export const budgetDocumentSchema = z.strictObject({
  apiVersion: z.literal('vigil/v1', { error: 'apiVersion must be "vigil/v1"' }),
  kind: z.literal('Budget', { error: 'kind must be "Budget"' }),
  metadata: z.strictObject({
    name: budgetNameSchema,
    description: z.string().max(2000).optional(),
  }),
  spec: budgetSpecSchema,
});

/** BudgetDocument is a validated Budget document. */
export type BudgetDocument = z.output<typeof budgetDocumentSchema>;

/** BudgetFileIssue is one problem in a budget file; line and column are 1-based, null if unknown. */
export interface BudgetFileIssue {
  readonly line: number | null;
  readonly column: number | null;
  /** 0-based index of the YAML document in the file. */
  readonly document: number;
  /** Field path such as `spec.limitUsd`; '' for the document itself. */
  readonly path: string;
  readonly message: string;
}

/** BudgetFileResult is every budget of a file, or every problem found in it. */
export type BudgetFileResult =
  | { readonly ok: true; readonly budgets: BudgetDocument[] }
  | { readonly ok: false; readonly issues: BudgetFileIssue[] };

/** formatBudgetFileIssue renders an issue as `line:col: path: message`. */
export function formatBudgetFileIssue(i: BudgetFileIssue): string {
  const where =
    i.line === null ? `document ${i.document + 1}` : `line ${i.line}, column ${i.column}`;
  return i.path === '' ? `${where}: ${i.message}` : `${where}: ${i.path}: ${i.message}`;
}

/**
 * parseBudgetFile reads one or more Budget documents (YAML with `---` separators, or JSON) and
 * validates each. Every problem is returned with its position: YAML errors, duplicate keys,
 * unknown keys, wrong types and values, and names repeated in the file.
 * Example: `spec:\n  limitUsd: -3` → issue { path: 'spec.limitUsd', line: 7, ... }.
 */
export function parseBudgetFile(text: string): BudgetFileResult {
  const budgets: BudgetDocument[] = [];
  const names = new Map<string, number>();
  const found = walkVigilDocuments(text, '<input>', 'a budget document', (v) => {
    const r = budgetDocumentSchema.safeParse(v.value);
    if (!r.success) {
      pushSchemaIssues(v.doc, r.error.issues, v.push);
      return;
    }
    const first = names.get(r.data.metadata.name);
    if (first !== undefined) {
      v.push(
        locate(v.doc, ['metadata', 'name'], null),
        'metadata.name',
        `duplicate budget name "${r.data.metadata.name}" (first in document ${first + 1})`,
      );
      return;
    }
    names.set(r.data.metadata.name, v.index);
    budgets.push(r.data);
  });
  const issues: BudgetFileIssue[] = found.map(({ fileName: _, ...issue }) => issue);
  if (issues.length === 0 && budgets.length === 0)
    issues.push({
      line: null,
      column: null,
      document: 0,
      path: '',
      message: 'no document in file',
    });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, budgets };
}

/** priceEntrySchema prices the models matching one pattern, in USD per 1M tokens. */
export const priceEntrySchema = z.strictObject({
  match: z.string().min(1).max(200),
  matchKind: z.enum(['glob', 'regex']).default('glob'),
  inputPer1M: z.number().min(0).finite(),
  outputPer1M: z.number().min(0).finite(),
  cachedInputPer1M: z.number().min(0).finite().nullable().default(null),
  reasoningPer1M: z.number().min(0).finite().nullable().default(null),
});

/** priceTableSchema is a price table version: entries tried in order, first match wins. */
export const priceTableSchema = z.strictObject({
  effectiveFrom: z
    .union([
      z.number().int().min(0),
      z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
    ])
    .describe('epoch ms or ISO 8601: calls that start at or after it are priced by this version'),
  entries: z.array(priceEntrySchema).min(1).max(2000),
  note: z.string().max(2000).optional(),
});
