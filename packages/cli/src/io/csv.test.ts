import { afterAll, describe, expect, it } from 'vitest';
import { TempDir } from '../../test/helpers/temp.js';
import { headerNames, readDsv, readDsvHeader } from './csv.js';
import type { DataTable } from './table.js';

const dir = new TempDir();
afterAll(() => dir.remove());

let counter = 0;
async function parse(
  text: string | Uint8Array,
  options: { delimiter?: number; columns?: string[] } = {},
): Promise<DataTable> {
  const path = dir.write(`t${counter++}.csv`, text);
  return readDsv(path, {
    delimiter: options.delimiter ?? 44,
    ...(options.columns ? { columns: new Set(options.columns) } : {}),
  });
}

function values(table: DataTable, name: string): unknown[] {
  const c = table.columns.get(name);
  if (c === undefined) throw new Error(`no column ${name}`);
  return Array.from(c.values as ArrayLike<unknown>);
}

type Case = {
  name: string;
  text: string;
  expected: Record<string, unknown[]>;
  types?: Record<string, string>;
};

const cases: Case[] = [
  {
    name: 'numbers and strings',
    text: 'a,b\n1,x\n2.5,y\n',
    expected: { a: [1, 2.5], b: ['x', 'y'] },
    types: { a: 'number', b: 'string' },
  },
  {
    name: 'missing tokens in both kinds',
    text: 'a,b\n1,x\n,NA\nNaN,\nnull,None\n',
    expected: { a: [1, Number.NaN, Number.NaN, Number.NaN], b: ['x', null, null, null] },
  },
  {
    name: 'quoted fields: delimiter, escaped quote, line break',
    text: 'a,b\n"1,5","say ""hi"""\n2,"two\nlines"\n',
    expected: { a: ['1,5', '2'], b: ['say "hi"', 'two\nlines'] },
  },
  { name: 'quoted number stays a number', text: 'a\n"3.5"\n4\n', expected: { a: [3.5, 4] } },
  { name: 'CRLF line ends', text: 'a,b\r\n1,x\r\n2,y\r\n', expected: { a: [1, 2], b: ['x', 'y'] } },
  { name: 'byte-order mark', text: '\uFEFFa,b\n1,2\n', expected: { a: [1], b: [2] } },
  { name: 'blank lines skipped', text: 'a\n\n1\n\n2\n\n', expected: { a: [1, 2] } },
  { name: 'no final newline', text: 'a,b\n1,2', expected: { a: [1], b: [2] } },
  { name: 'trailing empty field', text: 'a,b\n1,\n', expected: { a: [1], b: [Number.NaN] } },
  {
    name: 'column turns to strings after numbers',
    text: 'a\n1\n2.50\nx\n',
    expected: { a: ['1', '2.5', 'x'] },
    types: { a: 'string' },
  },
  {
    name: 'number syntax: signs, exponents, inf, spaces',
    text: 'a\n-1\n+2\n1e3\n-2.5E-2\ninf\n-Infinity\n 7 \n.5\n5.\n',
    expected: {
      a: [-1, 2, 1000, -0.025, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 7, 0.5, 5],
    },
  },
  { name: 'hex is text, not a number', text: 'a\n0x10\n1\n', expected: { a: ['0x10', '1'] } },
  {
    name: 'long mantissas go through the exact slow path',
    text: 'a\n0.1234567890123456789\n123456789012345678901\n4.9e-324\n1.7976931348623157e308\n',
    expected: {
      a: [0.1234567890123456789, 123456789012345678901, 4.9e-324, 1.7976931348623157e308],
    },
  },
  { name: 'UTF-8 text', text: 'city\nZürich\n東京\n', expected: { city: ['Zürich', '東京'] } },
];

describe('readDsv', () => {
  it.each(cases)('$name', async ({ text, expected, types }) => {
    const table = await parse(text);
    for (const [name, want] of Object.entries(expected)) expect(values(table, name)).toEqual(want);
    for (const [name, type] of Object.entries(types ?? {}))
      expect(table.columns.get(name)?.type).toBe(type);
    expect(table.rows).toBe(Object.values(expected)[0].length);
  });

  it('reads TSV with a tab delimiter', async () => {
    const table = await parse('a\tb\n1\thello, world\n', { delimiter: 9 });
    expect(values(table, 'b')).toEqual(['hello, world']);
  });

  it('keeps only the projected columns but checks every row', async () => {
    const table = await parse('a,b,c\n1,x,3\n2,y,4\n', { columns: ['c'] });
    expect(table.names).toEqual(['c']);
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(values(table, 'c')).toEqual([3, 4]);
    await expect(parse('a,b,c\n1,x,3\n2,y\n', { columns: ['c'] })).rejects.toThrow(
      /:3: expected 3 fields, found 2/,
    );
  });

  it('renames empty and duplicate header names like pandas', () => {
    expect(headerNames(['', 'a', 'a', 'a.1', 'a'])).toEqual([
      'Unnamed: 0',
      'a',
      'a.1',
      'a.1.1',
      'a.2',
    ]);
  });

  it('reads the header alone', async () => {
    const path = dir.write('header.csv', 'x,y,z\n1,2,3\n');
    expect(await readDsvHeader(path, 44)).toEqual(['x', 'y', 'z']);
  });

  it('parses every number exactly as Number() does', async () => {
    const texts: string[] = [];
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let i = 0; i < 5000; i++) {
      const x = (next() - 0.5) * 10 ** Math.floor(next() * 30 - 15);
      const digits = 1 + Math.floor(next() * 17);
      texts.push(
        i % 3 === 0 ? x.toPrecision(digits) : i % 3 === 1 ? x.toExponential(digits - 1) : String(x),
      );
    }
    const table = await parse(`v\n${texts.join('\n')}\n`);
    expect(values(table, 'v')).toEqual(texts.map(Number));
  });

  it('streams files larger than one block, with records cut at block ends', async () => {
    // ~5 MB: crosses the 4 MB block boundary, with quoted multi-line fields in the way.
    const rows: string[] = ['id,label,value'];
    const labels: string[] = [];
    const nums: number[] = [];
    for (let i = 0; i < 150_000; i++) {
      const label =
        i % 7 === 0
          ? `"multi\nline ""${i}"", with comma"`
          : `label_${i % 13}_${'x'.repeat(i % 17)}`;
      labels.push(i % 7 === 0 ? `multi\nline "${i}", with comma` : label);
      nums.push(i * 0.25 - 1000);
      rows.push(`${i},${label},${i * 0.25 - 1000}`);
    }
    const table = await parse(`${rows.join('\n')}\n`);
    expect(table.rows).toBe(150_000);
    expect(values(table, 'label')).toEqual(labels);
    expect(values(table, 'value')).toEqual(nums);
    expect(values(table, 'id')[149_999]).toBe(149_999);
  });
});

type BadCase = { name: string; text: string | Uint8Array; error: RegExp };

const bad: BadCase[] = [
  {
    name: 'ragged row (too few)',
    text: 'a,b,c\n1,2,3\n4,5\n',
    error: /t\d+\.csv:3: expected 3 fields, found 2$/,
  },
  {
    name: 'ragged row (too many)',
    text: 'a,b\n1,2\n3,4\n5,6,7\n',
    error: /:4: expected 2 fields, found 3$/,
  },
  {
    name: 'line numbers count breaks inside quotes',
    text: 'a,b\n"x\ny\nz",1\n2\n',
    error: /:5: expected 2 fields, found 1$/,
  },
  { name: 'empty file', text: '', error: /: empty file$/ },
  { name: 'only blank lines', text: '\n\n', error: /: empty file$/ },
  { name: 'header only', text: 'a,b\n', error: /no data rows/ },
  { name: 'unterminated quote', text: 'a\n"abc\n', error: /:2: unterminated quoted field/ },
  {
    name: 'text after a closing quote',
    text: 'a,b\n"x"y,1\n',
    error: /:2: unexpected character after a closing quote/,
  },
  {
    name: 'bad UTF-8 names the line and column',
    text: new Uint8Array([...Buffer.from('a,b\n1,ok\n2,'), 0xff, 0xfe, ...Buffer.from('\n')]),
    error: /:3: invalid UTF-8 \(byte 0xff at column 3\)/,
  },
  {
    name: 'truncated multi-byte character',
    text: new Uint8Array([...Buffer.from('a\nx'), 0xe2, 0x82, ...Buffer.from('\n')]),
    error: /:2: invalid UTF-8 \(byte 0xe2 at column 2\)/,
  },
];

describe('readDsv errors', () => {
  it.each(bad)('$name', async ({ text, error }) => {
    await expect(parse(text)).rejects.toThrow(error);
  });

  it('names a missing file', async () => {
    await expect(readDsv(dir.file('nope.csv'), { delimiter: 44 })).rejects.toThrow(
      /nope\.csv: no such file$/,
    );
  });

  it('names a directory', async () => {
    await expect(readDsv(dir.path, { delimiter: 44 })).rejects.toThrow(/is a directory/);
  });
});
