// The README's run: flights-3m.parquet (vega-datasets), January vs June 2001 from one file, plus
// an hour-of-day column derived from `date`. Expected values come from numpy/scipy on an
// independent dump of the two months (scripts/dump-flights-months.mjs, gen-flights-golden.py).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/report/types.js';
import { runCli } from '../helpers/run-cli.js';

const FLIGHTS = fileURLToPath(
  new URL('../../../../node_modules/vega-datasets/data/flights-3m.parquet', import.meta.url),
);
const golden = JSON.parse(
  readFileSync(new URL('./testdata/flights.golden.json', import.meta.url), 'utf8'),
);
const SPLIT = [
  '--time-column',
  'date',
  '--reference-range',
  '2001-01-01..2001-02-01',
  '--current-range',
  '2001-06-01..2001-07-01',
  '--derive',
  'hour:date',
];

async function report(extra: string[]): Promise<DriftReport> {
  const r = await runCli(['drift', FLIGHTS, ...SPLIT, '--format', 'json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

function close(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    1e-6 * Math.max(1, Math.abs(expected)),
  );
}

describe('flights-3m.parquet, January vs June 2001', () => {
  it('splits by month, derives the hour and matches numpy/scipy (default methods)', async () => {
    const r = await report([]);
    expect(r.reference.rows).toBe(golden.reference_rows);
    expect(r.current.rows).toBe(golden.current_rows);
    expect(r.reference.source).toMatch(
      /flights-3m\.parquet \(date in \[2001-01-01, 2001-02-01\)\)$/,
    );
    expect(r.columns.map((c) => c.column)).toEqual([
      'delay',
      'distance',
      'origin',
      'destination',
      'hour',
    ]);
    for (const c of r.columns) {
      const want = golden.columns[c.column];
      expect(c.type, c.column).toBe(want.type);
      expect(c.method, c.column).toBe(want.method);
      close(c.score, want.score);
      expect(c.drifted, c.column).toBe(want.drifted);
    }
    expect(r.dataset).toMatchObject(golden.dataset);
    // Delay moves most: a seasonal shift of about 0.09 reference standard deviations.
    const byScore = [...r.columns].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    expect(byScore[0].column).toBe('delay');
  });

  it('flags every column with the KS test at this sample size, hour and delay with large effects', async () => {
    const r = await report(['--num-method', 'ks', '--cat-method', 'chisquare']);
    expect(r.columns.every((c) => c.drifted)).toBe(true);
    expect(r.dataset.drifted).toBe(true);
    const d = (name: string) => r.columns.find((c) => c.column === name)?.effect_size?.value ?? 0;
    expect(d('delay')).toBeGreaterThan(d('distance'));
  });

  it('matches numpy on psi with Sturges bins', async () => {
    const r = await report(['--num-method', 'psi', '--cat-method', 'psi']);
    for (const c of r.columns) {
      close(c.score, golden.psi[c.column].score);
      expect(c.drifted).toBe(golden.psi[c.column].drifted);
    }
  });

  it('reports data quality on the split: new routes, delays outside January range', async () => {
    const r = await report([]);
    const q = r.data_quality;
    expect(q.columns.map((c) => c.column)).toEqual([
      'delay',
      'distance',
      'origin',
      'destination',
      'hour',
    ]);
    expect(q.schema).toEqual({ missing_in_current: [], new_in_current: [], changed_type: [] });
    expect(
      q.columns.every((c) => c.reference.missing_share === 0 && c.current.missing_share === 0),
    ).toBe(true);
    const hour = q.columns.find((c) => c.column === 'hour')!;
    expect(hour.reference.min).toBe(0);
    expect(hour.reference.max).toBe(23);
  });
});
