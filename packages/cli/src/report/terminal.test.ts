import { describe, expect, it } from 'vitest';
import { formatNumber, renderTable, sortForDisplay } from './terminal.js';
import type { ColumnDrift, DriftReport } from './types.js';

const column = (name: string, drifted: boolean, extra: Partial<ColumnDrift> = {}): ColumnDrift => ({
  column: name,
  type: 'numerical',
  method: 'wasserstein',
  statistic: 0.2,
  p_value: null,
  score: 0.2,
  threshold: 0.1,
  drifted,
  effect_size: { name: 'wasserstein', value: 0.2 },
  ...extra,
});

function report(columns: ColumnDrift[]): DriftReport {
  return {
    reference: { rows: 1000, source: 'ref.csv' },
    current: { rows: 2000, source: 'cur.csv' },
    columns,
    dataset: {
      drifted_columns: columns.filter((c) => c.drifted).length,
      columns: columns.length,
      share: 0.5,
      threshold: 0.5,
      drifted: true,
    },
    data_quality: {
      columns: [],
      schema: { missing_in_current: ['gone'], new_in_current: [], changed_type: [] },
      duplicate_share: { reference: 0, current: 0.0123 },
      findings: [
        {
          column: 'gone',
          check: 'missing_column',
          severity: 'critical',
          message: 'column missing from current',
        },
        {
          column: null,
          check: 'duplicate_rows',
          severity: 'info',
          message: '1.2% of current rows are duplicates (reference 0%)',
        },
      ],
    },
    performance: {
      task: 'classification',
      target: 'y',
      prediction: 'p',
      reference: { accuracy: 0.9 },
      current: { accuracy: 0.8 },
      change: { accuracy: -0.1 },
      concept_drift: true,
      rule: 'accuracy falls by more than 3% of its reference value',
      prediction_drift: column('p', false, { method: 'jensenshannon', type: 'categorical' }),
    },
  };
}

describe('formatNumber', () => {
  it.each([
    { x: null, expected: '-' },
    { x: 0, expected: '0' },
    { x: 0.123456, expected: '0.1235' },
    { x: 12.5, expected: '12.5' },
    { x: 3.2e-7, expected: '3.20e-7' },
    { x: 1234567, expected: '1.23e+6' },
    { x: Number.POSITIVE_INFINITY, expected: 'inf' },
  ])('$x -> $expected', ({ x, expected }) => {
    expect(formatNumber(x)).toBe(expected);
  });
});

describe('renderTable', () => {
  it('puts drifted columns first, then the rest, untestable last', () => {
    const cols = [
      column('a', false),
      column('b', true),
      column('c', false, { error: { code: 'ALL_MISSING', message: 'x' } }),
      column('d', true),
    ];
    expect(sortForDisplay(cols).map((c) => c.column)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('renders the summary, table, findings and performance', () => {
    const text = renderTable(report([column('calm', false), column('moved', true)]), {
      colour: false,
    });
    expect(text).toMatch(/reference {2}ref\.csv {2}1,000 rows/);
    expect(text).toMatch(/Dataset drift: DETECTED - 1 of 2 columns drifted \(50%, threshold 50%\)/);
    const lines = text.split('\n');
    expect(lines.findIndex((l) => l.includes('moved'))).toBeLessThan(
      lines.findIndex((l) => l.includes('calm')),
    );
    expect(text).toMatch(
      /Data quality: 1 critical, 0 warnings, 1 info; duplicate rows 0% -> 1\.2%/,
    );
    expect(text).toMatch(/critical +gone +missing_column +column missing from current/);
    expect(text).toMatch(/accuracy {2}\s*0\.9 {2}\s*0\.8 {2}\s*-0\.1/);
    expect(text).toMatch(
      /concept drift: YES \(accuracy falls by more than 3% of its reference value\)/,
    );
    expect(text).toMatch(/prediction drift: ok \(jensenshannon/);
  });

  it('shows effect sizes of tests, not the distance twice', () => {
    const ks = column('tested', true, {
      method: 'ks',
      p_value: 0.001,
      score: 0.001,
      threshold: 0.05,
      effect_size: { name: 'ks_d', value: 0.3 },
    });
    const lines = renderTable(report([ks, column('dist', false)]), { colour: false }).split('\n');
    expect(lines.find((l) => l.includes('tested'))).toMatch(/ks_d 0\.3$/);
    expect(lines.find((l) => l.includes('dist '))).toMatch(/ok$/);
  });

  it('caps long tables and says how many columns are left out', () => {
    const many = Array.from({ length: 100 }, (_, i) => column(`c${i}`, i % 10 === 0));
    const text = renderTable(report(many), { colour: false, maxRows: 20 });
    expect(text).toMatch(/\.\.\. 81 more columns \(0 drifted\); --format json lists all/);
  });
});
