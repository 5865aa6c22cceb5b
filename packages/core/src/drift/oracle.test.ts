import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetDrift } from './dataset.js';
import { driftTest } from './drift-test.js';
import { isDriftMethodName } from './registry.js';
import type { ColumnData, DriftMethodName, DriftResult } from './types.js';

// Reference answers (numpy/scipy, Evidently definitions); see testdata/oracle/README.md.
const ORACLE = new URL('../../testdata/oracle/', import.meta.url);

interface ExpectedColumn {
  column: string;
  type: 'numerical' | 'categorical';
  method: string;
  score: number;
  threshold: number;
  drifted: boolean;
}
interface ExpectedRun {
  args: string[];
  expected: {
    columns: ExpectedColumn[];
    dataset: { drifted_columns: number; columns: number; share: number; drifted: boolean };
  };
}
interface Case {
  kinds: Record<string, 'numerical' | 'categorical'>;
  runs: Record<string, ExpectedRun>;
}

function readCsv(path: URL): Map<string, string[]> {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const columns = new Map<string, string[]>(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    for (let i = 0; i < header.length; i++) columns.get(header[i])?.push(cells[i] ?? '');
  }
  return columns;
}

function columnData(kind: 'numerical' | 'categorical', cells: string[]): ColumnData {
  if (kind === 'numerical') {
    return { kind, values: Float64Array.from(cells, (c) => (c === '' ? Number.NaN : Number(c))) };
  }
  return { kind, values: cells.map((c) => (c === '' ? null : c)) };
}

function methodArgs(args: string[]): {
  numerical?: DriftMethodName;
  categorical?: DriftMethodName;
} {
  const out: { numerical?: DriftMethodName; categorical?: DriftMethodName } = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i + 1];
    if (!isDriftMethodName(name)) throw new Error(`oracle names unknown method ${name}`);
    if (args[i] === '--num-method') out.numerical = name;
    else if (args[i] === '--cat-method') out.categorical = name;
    else throw new Error(`unknown oracle argument ${args[i]}`);
  }
  return out;
}

function closeEnough(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected));
}

const caseNames = JSON.parse(readFileSync(new URL('index.json', ORACLE), 'utf8')) as string[];
const runs = caseNames.flatMap((caseName) => {
  const spec = JSON.parse(
    readFileSync(new URL(`${caseName}/expected.json`, ORACLE), 'utf8'),
  ) as Case;
  return Object.entries(spec.runs).map(([runName, run]) => ({
    name: `${caseName} ${runName}`,
    caseName,
    spec,
    run,
  }));
});

describe('oracle drift cases', () => {
  it('covers every case', () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(5);
    expect(runs.length).toBeGreaterThanOrEqual(50);
  });

  it.each(runs)('$name', ({ caseName, spec, run }) => {
    const reference = readCsv(new URL(`${caseName}/reference.csv`, ORACLE));
    const current = readCsv(new URL(`${caseName}/current.csv`, ORACLE));
    const forced = methodArgs(run.args);
    const results: DriftResult[] = [];
    for (const want of run.expected.columns) {
      const kind = spec.kinds[want.column];
      const ref = reference.get(want.column);
      const cur = current.get(want.column);
      if (ref === undefined || cur === undefined) throw new Error(`missing column ${want.column}`);
      const method = kind === 'numerical' ? forced.numerical : forced.categorical;
      const got = driftTest(columnData(kind, ref), columnData(kind, cur), method ? { method } : {});
      if (!got.ok) throw new Error(`${want.column}: ${got.error.code} ${got.error.message}`);
      const r = got.value;
      const label = `${want.column} ${want.method}: got ${r.method} ${r.score}, want ${want.score}`;
      expect(r.method, label).toBe(want.method);
      expect(r.kind, label).toBe(want.type);
      expect(closeEnough(r.score, want.score), label).toBe(true);
      expect(r.threshold, label).toBe(want.threshold);
      expect(r.drifted, label).toBe(want.drifted);
      results.push(r);
    }
    const ds = datasetDrift(results, { driftShare: 0.5 });
    const want = run.expected.dataset;
    expect(ds.driftedColumns).toBe(want.drifted_columns);
    expect(ds.columns).toBe(want.columns);
    expect(ds.share).toBeCloseTo(want.share, 15);
    expect(ds.drifted).toBe(want.drifted);
  });
});
