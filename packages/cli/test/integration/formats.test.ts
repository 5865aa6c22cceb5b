// The same data as CSV, TSV, JSON, JSON Lines and Parquet gives the same report; --input-format
// overrides the extension; a time split works across two files.
import { afterAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/report/types.js';
import { writeParquet } from '../helpers/parquet-writer.js';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const dir = new TempDir();
afterAll(() => dir.remove());

interface Row {
  when: string;
  amount: number | null;
  plan: string | null;
}

function rows(n: number, shift: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    when: `2024-0${1 + (i % 3)}-${String(1 + (i % 27)).padStart(2, '0')}T${String(Math.floor(i / 3) % 24).padStart(2, '0')}:30:00`,
    amount: i % 17 === 0 ? null : Math.round(((i * 7919) % 1000) / 10 + shift * 10) / 10,
    plan: i % 23 === 0 ? null : ['free', 'basic', 'pro', 'team'][(i + (shift > 0 ? i % 3 : 0)) % 4],
  }));
}

const dsv = (data: Row[], sep: string) =>
  `when${sep}amount${sep}plan\n${data.map((r) => [r.when, r.amount ?? '', r.plan ?? ''].join(sep)).join('\n')}\n`;
const parquet = (data: Row[]) =>
  writeParquet(
    [
      { name: 'when', type: 'BYTE_ARRAY', convertedType: 0, values: data.map((r) => r.when) },
      { name: 'amount', type: 'DOUBLE', values: data.map((r) => r.amount) },
      { name: 'plan', type: 'BYTE_ARRAY', convertedType: 0, values: data.map((r) => r.plan) },
    ],
    'SNAPPY',
  );

const ref = rows(1500, 0);
const cur = rows(1200, 1);
const files: Record<string, [string, string]> = {
  csv: [dir.write('ref.csv', dsv(ref, ',')), dir.write('cur.csv', dsv(cur, ','))],
  tsv: [dir.write('ref.tsv', dsv(ref, '\t')), dir.write('cur.tsv', dsv(cur, '\t'))],
  json: [dir.write('ref.json', JSON.stringify(ref)), dir.write('cur.json', JSON.stringify(cur))],
  jsonl: [
    dir.write('ref.jsonl', ref.map((r) => JSON.stringify(r)).join('\n')),
    dir.write('cur.jsonl', cur.map((r) => JSON.stringify(r)).join('\n')),
  ],
  parquet: [dir.write('ref.parquet', parquet(ref)), dir.write('cur.parquet', parquet(cur))],
};

async function drift(args: string[]): Promise<DriftReport> {
  const r = await runCli(['drift', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

const strip = (r: DriftReport) => ({
  ...r,
  reference: r.reference.rows,
  current: r.current.rows,
  timing_ms: undefined,
});

describe('every input format gives the same report', () => {
  const formats = Object.keys(files);
  it.each(formats)('%s', async (format) => {
    const [a, b] = files[format];
    const report = await drift([a, b, '--time-column', 'when']);
    const baseline = await drift([...files.csv, '--time-column', 'when']);
    expect(strip(report)).toEqual(strip(baseline));
    expect(report.columns.map((c) => [c.column, c.type])).toEqual([
      ['amount', 'numerical'],
      ['plan', 'categorical'],
    ]);
    expect(report.data_quality.columns[0].reference.missing_share).toBeCloseTo(89 / 1500, 12);
  });

  it('--input-format overrides the extension', async () => {
    const a = dir.write('ref.data', dsv(ref, ';'));
    const b = dir.write('cur.txt', dsv(cur, ';'));
    const report = await drift([a, b, '--input-format', 'csv', '--delimiter', ';']);
    expect(report.reference.rows).toBe(1500);
  });

  it('splits two files by time: each range applies to its own file', async () => {
    const report = await drift([
      ...files.jsonl,
      '--time-column',
      'when',
      '--reference-range',
      '2024-01-01..2024-02-01',
      '--current-range',
      '2024-03-01..2024-04-01',
      '--derive',
      'hour=hour(when)',
      '--derive',
      'dow=weekday(when)',
    ]);
    expect(report.reference.rows).toBe(500);
    expect(report.current.rows).toBe(400);
    expect(report.columns.map((c) => [c.column, c.type])).toEqual([
      ['amount', 'numerical'],
      ['plan', 'categorical'],
      ['hour', 'numerical'],
      ['dow', 'categorical'],
    ]);
  });

  it('honours --columns, --exclude, --column-type and per-column settings', async () => {
    const report = await drift([
      ...files.csv,
      '--exclude',
      'when',
      '--column-type',
      'amount=categorical',
      '--column-method',
      'plan=psi',
      '--column-threshold',
      'plan=0.5',
      '--cat-method',
      'TVD',
      '--seed',
      '7',
    ]);
    expect(report.columns.map((c) => [c.column, c.type, c.method, c.threshold])).toEqual([
      ['amount', 'categorical', 'TVD', 0.1],
      ['plan', 'categorical', 'psi', 0.5],
    ]);
    const only = await drift([...files.csv, '--columns', 'plan']);
    expect(only.columns.map((c) => c.column)).toEqual(['plan']);
  });

  it('honours --bins for the binned methods', async () => {
    const report = await drift([
      ...files.csv,
      '--columns',
      'amount',
      '--num-method',
      'psi',
      '--bins',
      '7',
      '--distributions',
    ]);
    expect(report.columns[0].distribution?.edges).toHaveLength(8);
  });
});
