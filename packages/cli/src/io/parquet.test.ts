import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestColumn } from '../../test/helpers/parquet-writer.js';
import { writeParquet } from '../../test/helpers/parquet-writer.js';
import { TempDir } from '../../test/helpers/temp.js';
import { readParquet, readParquetHeader } from './parquet.js';

const FLIGHTS = fileURLToPath(
  new URL('../../../../node_modules/vega-datasets/data/flights-3m.parquet', import.meta.url),
);
const dir = new TempDir();
afterAll(() => dir.remove());

const columns: TestColumn[] = [
  { name: 'i32', type: 'INT32', values: [1, -2, null, 4] },
  { name: 'i64', type: 'INT64', values: [10n, null, -30n, 2n ** 40n] },
  { name: 'f64', type: 'DOUBLE', values: [0.5, 1.25, Number.NaN, null] },
  { name: 'flag', type: 'BOOLEAN', values: [true, false, null, true] },
  { name: 'text', type: 'BYTE_ARRAY', convertedType: 0, values: ['a', null, 'Zürich', ''] },
  { name: 'day', type: 'INT32', convertedType: 6, values: [0, 11_323, null, 1] },
  {
    name: 'ts',
    type: 'INT64',
    logicalTimestamp: 'MICROS',
    values: [978_307_260_000_000n, null, 0n, 1_500n],
  },
  {
    name: 'price',
    type: 'INT64',
    convertedType: 5,
    scale: 2,
    precision: 10,
    values: [12_345n, null, -5n, 0n],
  },
];

describe('readParquet', () => {
  it.each(['UNCOMPRESSED', 'GZIP', 'SNAPPY'] as const)(
    'converts every type (%s)',
    async (codec) => {
      const path = dir.write(`types-${codec}.parquet`, writeParquet(columns, codec));
      const table = await readParquet(path);
      expect(table.rows).toBe(4);
      expect(table.names).toEqual(columns.map((c) => c.name));
      const get = (n: string) => table.columns.get(n)!;
      expect(Array.from(get('i32').values as Float64Array)).toEqual([1, -2, Number.NaN, 4]);
      expect(Array.from(get('i64').values as Float64Array)).toEqual([10, Number.NaN, -30, 2 ** 40]);
      expect(Array.from(get('f64').values as Float64Array)).toEqual([
        0.5,
        1.25,
        Number.NaN,
        Number.NaN,
      ]);
      expect(get('flag').values).toEqual(['true', 'false', null, 'true']);
      expect(get('text').values).toEqual(['a', null, 'Zürich', '']);
      expect(get('day')).toMatchObject({ type: 'number', temporal: true });
      expect(Array.from(get('day').values as Float64Array)).toEqual([
        0,
        Date.UTC(2001, 0, 1),
        Number.NaN,
        86_400_000,
      ]);
      expect(get('ts')).toMatchObject({ type: 'number', temporal: true });
      expect(Array.from(get('ts').values as Float64Array)).toEqual([
        978_307_260_000,
        Number.NaN,
        0,
        1.5,
      ]);
      expect(Array.from(get('price').values as Float64Array)).toEqual([
        123.45,
        Number.NaN,
        -0.05,
        0,
      ]);
    },
  );

  it('reads only the requested columns', async () => {
    const path = dir.write('proj.parquet', writeParquet(columns));
    const table = await readParquet(path, { columns: new Set(['text', 'i32']) });
    expect(table.names).toEqual(['i32', 'text']);
    expect(table.header).toEqual(columns.map((c) => c.name));
    expect(await readParquetHeader(path)).toEqual(columns.map((c) => c.name));
  });

  it('reads flights-3m.parquet (ZSTD, dictionaries) and skips row groups by time statistics', async () => {
    // Only row group 1 (2001-01-01 .. 2001-01-17) can hold rows before 2001-01-10.
    const table = await readParquet(FLIGHTS, {
      columns: new Set(['date', 'delay', 'origin']),
      prune: { column: 'date', intervals: [[Date.UTC(2001, 0, 1), Date.UTC(2001, 0, 10)]] },
    });
    expect(table.rows).toBe(272_727);
    expect(table.header).toEqual(['date', 'delay', 'distance', 'origin', 'destination']);
    const date = table.columns.get('date')!;
    expect(date).toMatchObject({ type: 'number', temporal: true });
    expect((date.values as Float64Array)[0]).toBe(Date.UTC(2001, 0, 1, 0, 1));
    expect(table.columns.get('delay')?.type).toBe('number');
    expect(table.columns.get('origin')?.values[0]).toBe('LAS');
  });

  it.each([
    { name: 'not Parquet', content: 'a,b\n1,2\n', error: /not a valid Parquet file/ },
    { name: 'empty', content: '', error: /: empty file$/ },
  ])('fails on a file that is $name', async ({ content, error }) => {
    await expect(readParquet(dir.write('bad.parquet', content))).rejects.toThrow(error);
  });
});
