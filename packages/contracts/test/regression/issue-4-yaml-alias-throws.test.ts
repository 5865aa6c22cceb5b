// An unresolved YAML alias (`*x` with no `&x`) or an alias bomb made the monitor and resource file
// readers throw from yaml's toJS, which the server answered with a 500 (found by the mutation
// test of PUT /v1/channels). They must come back as issues at the alias, like any YAML error.
import { formatMonitorFileIssue, parseMonitorFile, parseResourceFile } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';

const BOMB = `a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
`;

describe.each([
  { name: 'parseMonitorFile', parse: (t: string) => parseMonitorFile(t, { fileName: 'f.yaml' }) },
  { name: 'parseResourceFile', parse: (t: string) => parseResourceFile(t, { fileName: 'f.yaml' }) },
])('$name', ({ parse }) => {
  it('reports an unresolved alias instead of throwing', () => {
    const r = parse('apiVersion: vigil/v1\nkind: Channel\nmetadata: { name: *x }\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(formatMonitorFileIssue)[0]).toMatch(/^f\.yaml:1:1: YAML: Unresolved alias/);
  });

  it('reports an alias bomb instead of throwing', () => {
    const r = parse(BOMB);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0].message).toMatch(/^YAML: Excessive alias count/);
  });
});
