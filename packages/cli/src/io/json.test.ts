import { afterAll, describe, expect, it } from 'vitest';
import { TempDir } from '../../test/helpers/temp.js';
import { readJson, readJsonLines } from './json.js';
import type { DataTable } from './table.js';

const dir = new TempDir();
afterAll(() => dir.remove());

let counter = 0;
function file(ext: string, text: string | Uint8Array): string {
  return dir.write(`f${counter++}.${ext}`, text);
}

function values(table: DataTable, name: string): unknown[] {
  return Array.from(table.columns.get(name)?.values as ArrayLike<unknown>);
}

type Case = { name: string; text: string; expected: Record<string, unknown[]> };

const records: Case[] = [
  {
    name: 'numbers, strings, booleans, null',
    text: '[{"a": 1, "b": "x", "c": true}, {"a": 2.5, "b": null, "c": false}]',
    expected: { a: [1, 2.5], b: ['x', null], c: ['true', 'false'] },
  },
  {
    name: 'keys that come and go',
    text: '[{"a": 1}, {"b": "y"}, {"a": 3, "b": "z"}]',
    expected: { a: [1, Number.NaN, 3], b: [null, 'y', 'z'] },
  },
  {
    name: 'a column mixing numbers and strings becomes strings',
    text: '[{"a": 1}, {"a": "two"}, {"a": 3}]',
    expected: { a: ['1', 'two', '3'] },
  },
  {
    name: 'nested values become JSON text',
    text: '[{"a": [1, 2]}, {"a": {"k": 1}}]',
    expected: { a: ['[1,2]', '{"k":1}'] },
  },
];

describe('readJson', () => {
  it.each(records)('$name', async ({ text, expected }) => {
    const table = await readJson(file('json', text));
    for (const [name, want] of Object.entries(expected)) expect(values(table, name)).toEqual(want);
  });

  it('reads a real file: vega-datasets penguins.json', async () => {
    const table = await readJson('node_modules/vega-datasets/data/penguins.json');
    expect(table.rows).toBe(344);
    expect(table.columns.get('Species')?.type).toBe('string');
    expect(table.columns.get('Beak Length (mm)')?.type).toBe('number');
  });

  it.each([
    {
      name: 'syntax error names line and column',
      text: '[\n{"a": 1},\n{"a": }\n]',
      error: /f\d+\.json:3: invalid JSON at column 7 \(Unexpected token/,
    },
    {
      name: 'not an array',
      text: '{"a": [1, 2]}',
      error: /expected a JSON array of objects \(records\), found an object/,
    },
    {
      name: 'a record that is not an object',
      text: '[{"a": 1}, 2]',
      error: /record 2: expected an object, found a number/,
    },
    { name: 'empty array', text: '[]', error: /no records/ },
    { name: 'empty file', text: '', error: /empty file/ },
    { name: 'whitespace only', text: ' \n ', error: /empty file/ },
  ])('error: $name', async ({ text, error }) => {
    await expect(readJson(file('json', text))).rejects.toThrow(error);
  });

  it('error: bad UTF-8', async () => {
    const bytes = new Uint8Array([...Buffer.from('[{"a": "'), 0xc3, 0x28, ...Buffer.from('"}]')]);
    await expect(readJson(file('json', bytes))).rejects.toThrow(
      /:1: invalid UTF-8 \(byte 0xc3 at column 9\)/,
    );
  });
});

describe('readJsonLines', () => {
  it('reads one object per line, skipping blank lines', async () => {
    const table = await readJsonLines(
      file('jsonl', '{"a": 1, "b": "x"}\n\n{"a": 2}\r\n{"b": "z"}'),
    );
    expect(values(table, 'a')).toEqual([1, 2, Number.NaN]);
    expect(values(table, 'b')).toEqual(['x', null, 'z']);
  });

  it('projects columns', async () => {
    const table = await readJsonLines(file('jsonl', '{"a": 1, "b": "x"}\n'), {
      columns: new Set(['b']),
    });
    expect(table.names).toEqual(['b']);
  });

  it('streams many lines across blocks', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) =>
      JSON.stringify({ i, s: `row ${i} ${'y'.repeat(i % 50)}` }),
    );
    const table = await readJsonLines(file('jsonl', `${lines.join('\n')}\n`));
    expect(table.rows).toBe(100_000);
    expect(values(table, 's')[99_999]).toBe(`row 99999 ${'y'.repeat(99_999 % 50)}`);
  });

  it.each([
    {
      name: 'bad JSON names the line',
      text: '{"a": 1}\n{"a": 2\n',
      error: /f\d+\.jsonl:2: invalid JSON/,
    },
    {
      name: 'an array line',
      text: '{"a": 1}\n\n[1, 2]\n',
      error: /:3: expected a JSON object, found an array/,
    },
    { name: 'only blank lines', text: '\n\n', error: /no records/ },
  ])('error: $name', async ({ text, error }) => {
    await expect(readJsonLines(file('jsonl', text))).rejects.toThrow(error);
  });
});
