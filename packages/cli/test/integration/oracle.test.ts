// The reference drift cases (numpy/scipy, packages/core/testdata/oracle) run through the command
// line exactly as a user would: `vigil drift reference.csv current.csv --format json ARGS`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/report/types.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = fileURLToPath(new URL('../../../core/testdata/oracle/', import.meta.url));

interface ExpectedColumn {
  column: string;
  type: string;
  method: string;
  score: number;
  threshold: number;
  drifted: boolean;
}
interface Expected {
  kinds: Record<string, string>;
  runs: Record<
    string,
    {
      args: string[];
      expected: {
        columns: ExpectedColumn[];
        dataset: { drifted_columns: number; columns: number; share: number; drifted: boolean };
      };
    }
  >;
}

const caseNames: string[] = JSON.parse(readFileSync(`${ROOT}index.json`, 'utf8'));
const runs = caseNames.flatMap((name) => {
  const expected: Expected = JSON.parse(readFileSync(`${ROOT}${name}/expected.json`, 'utf8'));
  return Object.entries(expected.runs).map(([run, spec]) => ({
    name: `${name} ${run}`,
    dir: `${ROOT}${name}/`,
    ...spec,
  }));
});

/** closeTo: absolute 1e-6 below 1, relative 1e-6 above (the oracle's stated tolerance). */
function expectClose(actual: number | null, expected: number, what: string): void {
  expect(actual, what).not.toBeNull();
  const tolerance = Math.abs(expected) < 1 ? 1e-6 : 1e-6 * Math.abs(expected);
  expect(
    Math.abs((actual as number) - expected),
    `${what}: ${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(tolerance);
}

describe('oracle cases through the CLI', () => {
  it('covers every case and run', () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(5);
    expect(runs.length).toBeGreaterThanOrEqual(50);
  });

  it.each(runs)('$name', async ({ dir, args, expected }) => {
    const result = await runCli([
      'drift',
      `${dir}reference.csv`,
      `${dir}current.csv`,
      '--format',
      'json',
      ...args,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report: DriftReport = JSON.parse(result.stdout);
    expect(report.columns.map((c) => c.column)).toEqual(expected.columns.map((c) => c.column));
    for (const want of expected.columns) {
      const got = report.columns.find((c) => c.column === want.column)!;
      expect(got.error, `${want.column} error`).toBeUndefined();
      expect(got.type, `${want.column} type`).toBe(want.type);
      expect(got.method, `${want.column} method`).toBe(want.method);
      expectClose(got.score, want.score, `${want.column} score`);
      expect(got.threshold, `${want.column} threshold`).toBe(want.threshold);
      expect(got.drifted, `${want.column} drifted`).toBe(want.drifted);
      // p_value is the score for tests and null for distances.
      if (got.p_value !== null) expect(got.p_value).toBe(got.score);
    }
    expect(report.dataset.drifted_columns).toBe(expected.dataset.drifted_columns);
    expect(report.dataset.columns).toBe(expected.dataset.columns);
    expectClose(report.dataset.share, expected.dataset.share, 'dataset share');
    expect(report.dataset.drifted).toBe(expected.dataset.drifted);
    expect(report.dataset.threshold).toBe(0.5);
  });
});
