// Budget files: valid documents with defaults, and every problem at its line and column.
import { describe, expect, it } from 'vitest';
import { formatBudgetFileIssue, parseBudgetFile, priceTableSchema } from './llm-budget.js';

const DOC = `apiVersion: vigil/v1
kind: Budget
metadata: { name: bot }
spec:
  scope: service
  match: support-*
  period: daily
  limitUsd: 25
`;

describe('parseBudgetFile', () => {
  it('reads documents and fills defaults', () => {
    const r = parseBudgetFile(
      `${DOC}---\n${DOC.replace('name: bot', 'name: bot2').replace('daily', 'monthly')}`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.budgets.map((b) => [b.metadata.name, b.spec.period])).toEqual([
      ['bot', 'daily'],
      ['bot2', 'monthly'],
    ]);
    expect(r.budgets[0].spec).toEqual({
      scope: 'service',
      match: 'support-*',
      period: 'daily',
      limitUsd: 25,
      block: false,
      alertThresholds: [0.8, 1],
      channels: [],
    });
  });

  it('reports every problem with its position', () => {
    const r = parseBudgetFile(
      DOC.replace('limitUsd: 25', 'limitUsd: many\n  alertThresholds: [1, 0.8]').replace(
        'scope: service',
        'scope: team',
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.path, i.line])).toEqual([
      ['spec.scope', 5],
      ['spec.limitUsd', 8],
      ['spec.alertThresholds', 9],
    ]);
    expect(formatBudgetFileIssue(r.issues[2])).toBe(
      'line 9, column 20: spec.alertThresholds: alertThresholds must be strictly ascending',
    );
  });

  it('names YAML errors, unknown keys, repeated names and empty files', () => {
    const bad = parseBudgetFile('kind: Budget\nkind: Budget\n');
    expect(!bad.ok && bad.issues[0].message).toMatch(/^YAML: Map keys must be unique/);
    const extra = parseBudgetFile(
      DOC.replace('metadata: { name: bot }', 'metadata: { name: bot, owner: me }'),
    );
    expect(!extra.ok && formatBudgetFileIssue(extra.issues[0])).toBe(
      'line 3, column 24: metadata.owner: unknown key "owner"',
    );
    const twice = parseBudgetFile(`${DOC}---\n${DOC}`);
    expect(!twice.ok && twice.issues[0].message).toBe(
      'duplicate budget name "bot" (first in document 1)',
    );
    const none = parseBudgetFile('');
    expect(!none.ok && none.issues[0].message).toBe('no document in file');
    const kind = parseBudgetFile(DOC.replace('kind: Budget', 'kind: Monitor'));
    expect(!kind.ok && kind.issues[0].message).toBe('kind must be "Budget"');
  });
});

describe('priceTableSchema', () => {
  it('accepts ISO or epoch effectiveFrom and fills entry defaults', () => {
    const t = priceTableSchema.parse({
      effectiveFrom: '2026-01-01T00:00:00Z',
      entries: [{ match: 'gpt-*', inputPer1M: 1, outputPer1M: 2 }],
    });
    expect(t.effectiveFrom).toBe(Date.UTC(2026, 0, 1));
    expect(t.entries[0]).toEqual({
      match: 'gpt-*',
      matchKind: 'glob',
      inputPer1M: 1,
      outputPer1M: 2,
      cachedInputPer1M: null,
      reasoningPer1M: null,
    });
    expect(priceTableSchema.safeParse({ effectiveFrom: 0, entries: [] }).success).toBe(false);
  });
});
