// The sketch engine against the exact engine on generated data: every method it computes agrees
// within the error bound it reports (0 = same number up to rounding), data quality matches, and
// the options it cannot honour fail with exit 2.

import { createRng } from '@vigil/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { ColumnDrift, DriftReport } from '../../src/report/types.js';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const COLUMNS = ['normal', 'lognormal', 'counts', 'levels', 'gappy', 'plan', 'note'];

/** table writes a deterministic CSV: 7 columns of different shapes; `shift` moves the current side. */
function table(rows: number, seed: number, shift: number): string {
  const rng = createRng(seed);
  const lines = [COLUMNS.join(',')];
  const plans = ['free', 'basic', 'pro', 'team', 'enterprise'];
  for (let i = 0; i < rows; i++) {
    const normal = (rng.normal() + shift * 0.2).toFixed(5);
    const lognormal = Math.exp(0.5 * rng.normal() + shift * 0.1).toFixed(5);
    const counts = Math.round(Math.abs(40 + 12 * rng.normal() + shift * 3));
    // 15 integer levels: numerical with one bin per value (more than 10 values, at most 20).
    const levels = rng.int(15) + (shift > 0 && rng.next() < 0.1 ? 1 : 0);
    const gappy = rng.next() < 0.05 + shift * 0.05 ? '' : (rng.normal() * 3 + 10).toFixed(3);
    const plan = plans[Math.min(4, rng.int(4) + (shift > 0 && rng.next() < 0.2 ? 1 : 0))];
    const note = `note ${i}-${seed}`;
    lines.push([normal, lognormal, counts, levels, gappy, plan, note].join(','));
  }
  return `${lines.join('\n')}\n`;
}

// 50,000 reference rows stream in two batches of 32,768.
const ref = dir.write('ref.csv', table(50_000, 1, 0));
const cur = dir.write('cur.csv', table(40_000, 2, 1));

async function report(engine: string, extra: string[] = []): Promise<DriftReport> {
  const r = await runCli([
    'drift',
    ref,
    cur,
    '--format',
    'json',
    '--no-progress',
    '--engine',
    engine,
    ...extra,
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as DriftReport;
}

/** agree checks one sketch column against the exact one within its error bound. */
function agree(sketch: ColumnDrift, exact: ColumnDrift): void {
  expect(sketch.method).toBe(exact.method);
  expect(sketch.error).toBeUndefined();
  const bound = sketch.error_bound;
  expect(bound).not.toBeNull();
  if (bound === 0) {
    // Same bins or the same moments: the same number up to summation order.
    if (exact.statistic === null) expect(sketch.statistic).toBeNull();
    else expect(sketch.statistic!).toBeCloseTo(exact.statistic, 9);
    expect(sketch.score!).toBeCloseTo(exact.score!, 9);
    expect(sketch.drifted).toBe(exact.drifted);
    return;
  }
  if (sketch.method === 'ks') {
    // D_sketch <= D <= D_sketch + bound.
    expect(sketch.statistic!).toBeLessThanOrEqual(exact.statistic! + 1e-12);
    expect(exact.statistic!).toBeLessThanOrEqual(sketch.statistic! + bound! + 1e-12);
    return;
  }
  expect(Math.abs(sketch.score! - exact.score!)).toBeLessThanOrEqual(bound!);
}

const numerical = ['normal', 'lognormal', 'counts', 'levels', 'gappy'];

describe('--engine sketch agrees with --engine exact', () => {
  it('default methods: the same method per column, scores within the bounds', async () => {
    const exact = await report('exact');
    const sketch = await report('sketch');
    expect(exact.engine).toBe('exact');
    expect(sketch.engine).toBe('sketch');
    expect(sketch.reference.rows).toBe(50_000);
    expect(sketch.current.rows).toBe(40_000);
    expect(sketch.columns.map((c) => [c.column, c.type])).toEqual(
      exact.columns.map((c) => [c.column, c.type]),
    );
    sketch.columns.forEach((c, i) => {
      agree(c, exact.columns[i]);
    });
    expect(sketch.dataset).toEqual(exact.dataset);
  });

  const methods = [
    { name: 'wasserstein', columns: numerical },
    { name: 'ks', columns: numerical },
    { name: 'psi', columns: [...numerical, 'plan'] },
    { name: 'jensenshannon', columns: [...numerical, 'plan'] },
    { name: 'kl_div', columns: [...numerical, 'plan'] },
    { name: 't_test', columns: numerical },
    // chisquare counts each value of a numerical column: the sketch counts up to 1,024 values.
    { name: 'chisquare', columns: ['counts', 'levels', 'plan'] },
  ];
  it.each(methods)('$name within the reported error bound', async ({ name, columns }) => {
    const args = ['--method', name, '--columns', columns.join(',')];
    const exact = await report('exact', args);
    const sketch = await report('sketch', args);
    sketch.columns.forEach((c, i) => {
      agree(c, exact.columns[i]);
    });
  });

  it('psi with --bins uses the exact engine bins (both sides scanned)', async () => {
    const args = ['--method', 'psi', '--bins', '7', '--columns', 'normal,levels'];
    const exact = await report('exact', args);
    const sketch = await report('sketch', args);
    sketch.columns.forEach((c, i) => {
      agree(c, exact.columns[i]);
    });
  });

  it('chisquare on a continuous column is a column error, not a wrong number', async () => {
    const sketch = await report('sketch', ['--method', 'chisquare', '--columns', 'normal']);
    expect(sketch.columns[0].error?.code).toBe('NOT_COMPUTABLE');
    expect(sketch.columns[0].error?.message).toContain('--engine exact');
  });

  it('data quality: missing shares, ranges, out-of-range shares and new categories match', async () => {
    const exact = await report('exact');
    const sketch = await report('sketch');
    sketch.data_quality.columns.forEach((q, i) => {
      const e = exact.data_quality.columns[i];
      expect(q.column).toBe(e.column);
      expect(q.reference.missing_share).toBe(e.reference.missing_share);
      expect(q.current.missing_share).toBe(e.current.missing_share);
      expect(q.reference.min).toBe(e.reference.min);
      expect(q.current.max).toBe(e.current.max);
      expect(q.out_of_range_share).toBe(e.out_of_range_share);
      expect(q.new_categories).toEqual(e.new_categories);
      // Counted exactly up to 1,024 values; HyperLogLog (1.6 % standard error) past that.
      if (e.reference.distinct !== undefined && e.reference.distinct <= 1024)
        expect(q.reference.distinct).toBe(e.reference.distinct);
    });
    expect(sketch.data_quality.duplicate_share.current).toBe(0);
    expect(sketch.data_quality.duplicate_share.standard_error).toBeGreaterThan(0);
    const checks = (r: DriftReport) =>
      r.data_quality.findings.map((f) => `${f.column}:${f.check}:${f.severity}`).sort();
    expect(checks(sketch)).toEqual(checks(exact));
  });

  it('duplicate rows are estimated from a HyperLogLog of row hashes', async () => {
    const body = Array.from({ length: 4000 }, (_, i) => `${i % 1000},${(i % 1000) * 2}`).join('\n');
    const a = dir.write('dup-a.csv', `x,y\n${body}\n`);
    const r = await runCli(['drift', a, a, '--format', 'json', '--engine', 'sketch']);
    const q = (JSON.parse(r.stdout) as DriftReport).data_quality.duplicate_share;
    // 4,000 rows, 1,000 distinct: share 0.75.
    expect(Math.abs(q.current - 0.75)).toBeLessThan(4 * q.standard_error!);
  });
});

describe('--engine options', () => {
  const bad = [
    { name: 'anderson', args: ['--engine', 'sketch', '--method', 'anderson'], says: 'anderson' },
    {
      name: 'column method',
      args: ['--engine', 'sketch', '--column-method', 'normal=mannw'],
      says: 'mannw',
    },
    {
      name: 'performance block',
      args: ['--engine', 'sketch', '--target', 'levels', '--prediction', 'counts'],
      says: '--target',
    },
    { name: 'unknown engine', args: ['--engine', 'fast'], says: '--engine' },
    {
      name: 'bad budget',
      args: ['--engine', 'auto', '--memory-budget', 'lots'],
      says: '--memory-budget',
    },
  ];
  it.each(bad)('$name: exit 2 with one line', async ({ args, says }) => {
    const r = await runCli(['drift', ref, cur, '--format', 'json', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(says);
  });

  it('sketch mode names --engine exact in the error', async () => {
    const r = await runCli(['drift', ref, cur, '--engine', 'sketch', '--method', 'ed']);
    expect(r.stderr).toContain('use --engine exact');
  });

  it('auto switches to sketch past --memory-budget and says so on stderr', async () => {
    const r = await runCli([
      'drift',
      ref,
      cur,
      '--format',
      'json',
      '--engine',
      'auto',
      '--memory-budget',
      '1MB',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/using --engine sketch/);
    expect((JSON.parse(r.stdout) as DriftReport).engine).toBe('sketch');
  });

  it('auto stays exact under the budget, silently', async () => {
    const r = await runCli(['drift', ref, cur, '--format', 'json', '--engine', 'auto']);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as DriftReport).engine).toBe('exact');
  });

  it('auto stays exact when a method needs raw values, and says why', async () => {
    const r = await runCli([
      'drift',
      ref,
      cur,
      '--format',
      'json',
      '--engine',
      'auto',
      '--memory-budget',
      '100KB',
      '--method',
      'anderson',
      '--columns',
      'normal',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/staying exact: --method: anderson/);
  });
});
