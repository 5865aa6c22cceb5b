// Every bad input gives exit code 2 and exactly one line on stderr that names the file, line or
// column, never a stack trace.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeParquet } from '../helpers/parquet-writer.js';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const rows = (n: number, f: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => f(i)).join('\n');
const good = `x,c\n${rows(40, (i) => `${(i * 0.37).toFixed(2)},${'abc'[i % 3]}`)}\n`;
const ref = dir.write('ref.csv', good);
const cur = dir.write('cur.csv', good);
const timed = dir.write(
  'timed.csv',
  `t,x\n${rows(40, (i) => `2001-01-${String(1 + (i % 28)).padStart(2, '0')},${i}`)}\n`,
);

// A 6-column file whose line 17 has 5 fields.
const ragged = dir.write(
  'file.csv',
  `a,b,c,d,e,f\n${rows(15, (i) => `${i},1,2,3,4,5`)}\n1,2,3,4,5\n${rows(5, (i) => `${i},1,2,3,4,5`)}\n`,
);

// flights-3m.parquet with zeros over part of a ZSTD page, and cut short (no footer).
const flights = readFileSync(
  new URL('../../../../node_modules/vega-datasets/data/flights-3m.parquet', import.meta.url),
);
const corrupt = dir.write('corrupt.parquet', Buffer.from(flights).fill(0, 200_000, 205_000));
const truncated = dir.write('truncated.parquet', flights.subarray(0, 1_000_000));
const split = [
  '--time-column',
  'date',
  '--reference-range',
  '2001-01-01..2001-02-01',
  '--current-range',
  '2001-06-01..2001-07-01',
];

type Case = { name: string; args: string[]; stderr: RegExp };

const cases: Case[] = [
  {
    name: 'missing file',
    args: ['drift', dir.file('nope.csv'), cur],
    stderr: /nope\.csv: no such file$/,
  },
  {
    name: 'unreadable file (a directory)',
    args: ['drift', dir.path, cur, '--input-format', 'csv'],
    stderr: /: is a directory, not a file$/,
  },
  {
    name: 'unreadable path (through a file)',
    args: ['drift', `${ref}/x.csv`, cur],
    stderr: /ref\.csv\/x\.csv: cannot read \(ENOTDIR\)$/,
  },
  {
    name: 'unknown format',
    args: ['drift', dir.write('data.xlsx', 'x'), cur],
    stderr:
      /data\.xlsx: unknown format '\.xlsx'; use --input-format csv\|tsv\|json\|jsonl\|parquet$/,
  },
  {
    name: 'no extension',
    args: ['drift', dir.write('data', 'x'), cur],
    stderr: /data: unknown format \(no extension\)/,
  },
  {
    name: 'bad --input-format',
    args: ['drift', ref, cur, '--input-format', 'xml'],
    stderr: /option '--input-format <format>' argument 'xml' is invalid/,
  },
  {
    name: 'empty file',
    args: ['drift', dir.write('empty.csv', ''), cur],
    stderr: /empty\.csv: empty file$/,
  },
  {
    name: 'header only',
    args: ['drift', dir.write('head.csv', 'x,c\n'), cur],
    stderr: /head\.csv: no data rows/,
  },
  {
    name: 'ragged CSV row',
    args: ['drift', ragged, cur],
    stderr: /file\.csv:17: expected 6 fields, found 5$/,
  },
  {
    name: 'bad UTF-8',
    args: [
      'drift',
      dir.write(
        'latin1.csv',
        Buffer.concat([Buffer.from('x,c\n1,caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
      ),
      cur,
    ],
    stderr: /latin1\.csv:2: invalid UTF-8 \(byte 0xe9 at column 6\); save the file as UTF-8$/,
  },
  {
    name: 'invalid JSON',
    args: ['drift', dir.write('bad.json', '[{"x": 1},\n {"x": }]'), cur],
    stderr: /bad\.json:2: invalid JSON at column 8/,
  },
  {
    name: 'invalid JSON Lines',
    args: ['drift', dir.write('bad.jsonl', '{"x": 1}\n{"x": 2,}\n'), cur],
    stderr: /bad\.jsonl:2: invalid JSON/,
  },
  {
    name: 'not Parquet',
    args: ['drift', dir.write('fake.parquet', 'x,c\n1,a\n'), cur],
    stderr: /fake\.parquet: not a valid Parquet file/,
  },
  {
    name: 'corrupt Parquet data',
    args: ['drift', corrupt, ...split],
    stderr: /corrupt\.parquet: cannot decode Parquet data \(invalid zstd data\)$/,
  },
  {
    name: 'truncated Parquet',
    args: ['drift', truncated, ...split],
    stderr: /truncated\.parquet: not a valid Parquet file/,
  },
  {
    name: 'no column in common',
    args: ['drift', ref, dir.write('other.csv', 'y,z\n1,2\n')],
    stderr: /no column in common between .*ref\.csv and .*other\.csv$/,
  },
  {
    name: 'no column in common (Parquet vs CSV)',
    args: [
      'drift',
      dir.write('p.parquet', writeParquet([{ name: 'q', type: 'DOUBLE', values: [1, 2] }])),
      ref,
    ],
    stderr: /no column in common/,
  },
  {
    name: 'nothing left to compare',
    args: ['drift', ref, cur, '--exclude', 'x,c'],
    stderr: /no columns left to compare after --exclude and --time-column$/,
  },
  {
    name: 'method that does not fit the kind',
    args: ['drift', ref, cur, '--method', 'ks'],
    stderr: /--method ks: ks does not apply to categorical column 'c'/,
  },
  {
    name: 'per-kind method that does not fit',
    args: ['drift', ref, cur, '--cat-method', 'ks'],
    stderr: /--cat-method ks: ks does not apply to categorical columns/,
  },
  {
    name: 'per-column method that does not fit',
    args: ['drift', ref, cur, '--column-method', 'c=wasserstein'],
    stderr: /--column-method c=wasserstein: wasserstein does not apply to categorical column 'c'/,
  },
  {
    name: 'unknown method',
    args: ['drift', ref, cur, '--num-method', 'kss'],
    stderr: /--num-method: unknown drift method 'kss' \(expected one of ks, /,
  },
  {
    name: 'unknown column in --columns',
    args: ['drift', ref, cur, '--columns', 'x,nope'],
    stderr: /--columns: unknown column 'nope'$/,
  },
  {
    name: 'unknown column in --exclude',
    args: ['drift', ref, cur, '--exclude', 'X'],
    stderr: /--exclude: unknown column 'X' \(did you mean 'x'\?\)$/,
  },
  {
    name: 'unknown column in --column-type',
    args: ['drift', ref, cur, '--column-type', 'zz=text'],
    stderr: /--column-type: unknown column 'zz'/,
  },
  {
    name: 'unknown column type',
    args: ['drift', ref, cur, '--column-type', 'x=number'],
    stderr: /--column-type x=number: unknown type 'number'/,
  },
  {
    name: 'malformed range',
    args: [
      'drift',
      timed,
      '--time-column',
      't',
      '--reference-range',
      '2001-01-01_2001-01-10',
      '--current-range',
      '2001-01-10..2001-01-20',
    ],
    stderr: /--reference-range: no single "\.\." separator in '2001-01-01_2001-01-10'/,
  },
  {
    name: 'impossible date in range',
    args: [
      'drift',
      timed,
      '--time-column',
      't',
      '--reference-range',
      '2001-01-01..2001-02-30',
      '--current-range',
      '2001-01-10..',
    ],
    stderr: /'2001-02-30' is not a valid ISO date/,
  },
  {
    name: 'range with no rows',
    args: [
      'drift',
      timed,
      '--time-column',
      't',
      '--reference-range',
      '2002-01-01..2002-02-01',
      '--current-range',
      '2001-01-10..2001-01-20',
    ],
    stderr:
      /timed\.csv: no rows with 't' in --reference-range 2002-01-01\.\.2002-02-01 \(the column spans 2001-01-01T00:00:00Z to 2001-01-28T00:00:00Z\)$/,
  },
  {
    name: 'range without --time-column',
    args: ['drift', timed, cur, '--reference-range', '2001-01-01..2001-02-01'],
    stderr: /need --time-column$/,
  },
  {
    name: 'unknown time column',
    args: [
      'drift',
      timed,
      '--time-column',
      'when',
      '--reference-range',
      '2001-01-01..2001-01-10',
      '--current-range',
      '2001-01-10..',
    ],
    stderr: /--time-column: unknown column 'when'/,
  },
  {
    name: 'unparseable time value',
    args: [
      'drift',
      dir.write('t2.csv', 't,x\n2001-01-01,1\nlater,2\n'),
      '--time-column',
      't',
      '--reference-range',
      '2001-01-01..2001-01-10',
      '--current-range',
      '2001-01-10..',
    ],
    stderr: /t2\.csv: column 't', row 2: cannot read 'later' as an ISO date or time$/,
  },
  {
    name: 'date range on a numeric time column',
    args: [
      'drift',
      ref,
      '--time-column',
      'x',
      '--reference-range',
      '2001-01-01..2001-01-10',
      '--current-range',
      '2001-01-10..',
    ],
    stderr: /column 'x' holds plain numbers, not dates/,
  },
  { name: 'missing CURRENT', args: ['drift', ref], stderr: /missing CURRENT file/ },
  {
    name: 'bad threshold',
    args: ['drift', ref, cur, '--threshold', 'abc'],
    stderr: /--threshold: expected a number, got 'abc'$/,
  },
  {
    name: 'p-value threshold above 1',
    args: ['drift', ref, cur, '--num-method', 'ks', '--threshold', '2', '--columns', 'x'],
    stderr: /column 'x': ks compares a p-value, so its threshold must be in \[0, 1\], got 2$/,
  },
  {
    name: 'bad bins',
    args: ['drift', ref, cur, '--bins', '0'],
    stderr: /--bins: must be >= 1, got 0$/,
  },
  {
    name: 'bad drift share',
    args: ['drift', ref, cur, '--drift-share', '1.5'],
    stderr: /--drift-share: must be <= 1, got 1\.5$/,
  },
  {
    name: 'bad column threshold',
    args: ['drift', ref, cur, '--column-threshold', 'x'],
    stderr: /--column-threshold: expected COLUMN=NUMBER, got 'x'$/,
  },
  {
    name: 'bad --derive',
    args: ['drift', timed, cur, '--derive', 'h=hour'],
    stderr:
      /--derive: expected FUNCTION:COLUMN or NAME=FUNCTION\(COLUMN\), e.g. hour:date, got 'h=hour'$/,
  },
  {
    name: 'derive from a non-date column',
    args: ['drift', ref, cur, '--derive', 'h=hour(x)'],
    stderr: /--derive h=hour\(x\): column 'x' holds numbers, not dates or times$/,
  },
  {
    name: '--derive name clash',
    args: ['drift', ref, cur, '--derive', 'x=hour(c)'],
    stderr: /already has a column 'x'$/,
  },
  {
    name: 'target without prediction',
    args: ['drift', ref, cur, '--target', 'x'],
    stderr: /needs both --target and --prediction$/,
  },
  {
    name: 'bad --task',
    args: ['drift', ref, cur, '--task', 'ranking'],
    stderr: /argument 'ranking' is invalid/,
  },
  {
    name: 'bad --format',
    args: ['drift', ref, cur, '--format', 'xml'],
    stderr: /--format: unknown format 'xml'/,
  },
  {
    name: 'unwritable --out',
    args: ['drift', ref, cur, '--out', dir.file('no/such/dir/report.json')],
    stderr: /report\.json: cannot write the report: no such file$/,
  },
  {
    name: 'unknown option',
    args: ['drift', ref, cur, '--methd', 'ks'],
    stderr: /unknown option '--methd' \(Did you mean --method\?\)/,
  },
  { name: 'missing argument', args: ['drift'], stderr: /missing required argument 'REFERENCE'/ },
  { name: 'unknown command', args: ['drfit'], stderr: /unknown command 'drfit'/ },
];

describe('bad input: exit 2, one line on stderr, no stack trace', () => {
  it.each(cases)('$name', async ({ args, stderr }) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.endsWith('\n')).toBe(true);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^vigil: /);
    expect(lines[0]).toMatch(stderr);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
