// Turning zod issues into stable, human-readable problems that name the field path.
import type { z } from 'zod';

/** ContractIssue is one problem with an input: where (a field path) and why. */
export interface ContractIssue {
  /** Field path in JavaScript notation, e.g. `events[3].features.age`; '' for the root. */
  readonly path: string;
  readonly message: string;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/**
 * formatPath renders a path as JavaScript accessors: ['events', 3, 'a b'] → `events[3]["a b"]`.
 * Example: formatPath(['features', 'age']) → 'features.age'.
 */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && IDENT.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out;
}

/**
 * zodIssues flattens a zod error into ContractIssues, one per unknown key (so each names its own
 * path), prefixed by `prefix`. Example: an unknown key `foo` in events[2] → path `events[2].foo`,
 * message 'unknown key "foo"'.
 */
export function zodIssues(
  error: z.ZodError,
  prefix: ReadonlyArray<PropertyKey> = [],
): ContractIssue[] {
  const out: ContractIssue[] = [];
  for (const issue of error.issues) {
    const base = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: formatPath([...base, key]), message: `unknown key "${key}"` });
      }
    } else {
      out.push({ path: formatPath(base), message: issue.message });
    }
  }
  return out;
}
