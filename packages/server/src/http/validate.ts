// Parsing request parts with zod at the edge: failures become VALIDATION_FAILED with issues that
// name the field (`body.features[2].kind`, `query.from`).
import { formatPath } from '@vigil/contracts';
import type { z } from 'zod';
import { AppError, type AppIssue } from '../errors.js';

/** issuesFromZod lists a ZodError's problems as { field, reason }, prefixed by `prefix`. */
export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): AppIssue[] {
  const out: AppIssue[] = [];
  for (const issue of error.issues) {
    const base = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: formatPath([...base, key]), reason: `unknown key "${key}"` });
      }
    } else out.push({ field: formatPath(base), reason: issue.message });
  }
  return out;
}

/**
 * parseInput validates `value` (a request's body, query or params, named by `where`) and returns
 * the schema's output, or throws VALIDATION_FAILED naming each bad field.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = issuesFromZod(r.error, [where]);
  const first = issues[0];
  return fail(
    first === undefined ? `invalid ${where}` : `invalid ${where}: ${first.field}: ${first.reason}`,
    issues,
  );
}

function fail(message: string, issues: AppIssue[]): never {
  throw new AppError({ code: 'VALIDATION_FAILED', message, issues });
}
