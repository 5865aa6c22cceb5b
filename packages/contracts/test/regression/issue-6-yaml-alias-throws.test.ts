// The budget and prompt file readers had the same unguarded yaml toJS as the monitor reader
// (issue-4-yaml-alias-throws): an unresolved alias or an alias bomb threw instead of coming back
// as an issue, so PUT /v1/llm/budgets and `vigil prompts push` could fail with a crash.
import { parseBudgetFile, parsePromptFile } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';

const BOMB = `a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
`;

describe.each([
  { name: 'parseBudgetFile', parse: (t: string) => parseBudgetFile(t) },
  { name: 'parsePromptFile', parse: (t: string) => parsePromptFile(t, { fileName: 'p.yaml' }) },
])('$name', ({ parse }) => {
  it('reports an unresolved alias instead of throwing', () => {
    const r = parse('apiVersion: vigil/v1\nname: *x\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0].message).toMatch(/^YAML: Unresolved alias/);
  });

  it('reports an alias bomb instead of throwing', () => {
    const r = parse(BOMB);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0].message).toMatch(/^YAML: Excessive alias count/);
  });
});
