// A minimal Parquet writer for reader tests: one row group, one PLAIN data page (v1) per column,
// flat schema, REQUIRED or OPTIONAL columns, UNCOMPRESSED / GZIP / SNAPPY (literal-only stream,
// which every Snappy decoder must accept). Enough to exercise the reader's type conversions and
// codecs without a Parquet library that can write; flights-3m.parquet covers ZSTD and dictionaries.

import { gzipSync } from 'node:zlib';

/** TestColumn describes one column to write. */
export interface TestColumn {
  name: string;
  type: 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
  /** converted_type (e.g. UTF8 = 0, DATE = 6, TIMESTAMP_MILLIS = 9, DECIMAL = 5). */
  convertedType?: number;
  /** logicalTimestamp adds a TIMESTAMP logical type with this unit. */
  logicalTimestamp?: 'MILLIS' | 'MICROS';
  scale?: number;
  precision?: number;
  /** values; null marks a missing value (the column is then OPTIONAL). */
  values: (number | bigint | boolean | string | null)[];
}

const TYPE = { BOOLEAN: 0, INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
const CODEC = { UNCOMPRESSED: 0, SNAPPY: 1, GZIP: 2 } as const;

class Bytes {
  parts: number[] = [];
  byte(b: number) {
    this.parts.push(b & 0xff);
  }
  varint(v: bigint | number) {
    let x = BigInt(v);
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x > 0n) b |= 0x80;
      this.byte(b);
    } while (x > 0n);
  }
  zigzag(v: bigint | number) {
    const x = BigInt(v);
    this.varint(x >= 0n ? x << 1n : (-x << 1n) - 1n);
  }
  raw(bytes: Uint8Array | number[]) {
    for (const b of bytes) this.byte(b);
  }
  u32(v: number) {
    this.raw([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]);
  }
  get array(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Thrift compact protocol: fields are written in increasing id order. */
type Field = [
  id: number,
  type: 'bool' | 'i32' | 'i64' | 'binary' | 'struct' | 'list-i32' | 'list-binary' | 'list-struct',
  value: unknown,
];

function struct(out: Bytes, fields: Field[]): void {
  let last = 0;
  const header = (id: number, t: number) => {
    out.byte(((id - last) << 4) | t);
    last = id;
  };
  for (const [id, type, value] of fields) {
    if (value === undefined) continue;
    switch (type) {
      case 'bool':
        // Compact protocol: a bool field's value lives in the type nibble (1 true, 2 false).
        header(id, value ? 1 : 2);
        break;
      case 'i32':
        header(id, 5);
        out.zigzag(value as number);
        break;
      case 'i64':
        header(id, 6);
        out.zigzag(value as number);
        break;
      case 'binary': {
        header(id, 8);
        const b = Buffer.from(value as string);
        out.varint(b.length);
        out.raw(b);
        break;
      }
      case 'struct':
        header(id, 12);
        struct(out, value as Field[]);
        break;
      default: {
        const items = value as unknown[];
        const elem = type === 'list-i32' ? 5 : type === 'list-binary' ? 8 : 12;
        header(id, 9);
        if (items.length < 15) out.byte((items.length << 4) | elem);
        else {
          out.byte(0xf0 | elem);
          out.varint(items.length);
        }
        for (const item of items) {
          if (type === 'list-i32') out.zigzag(item as number);
          else if (type === 'list-binary') {
            const b = Buffer.from(item as string);
            out.varint(b.length);
            out.raw(b);
          } else struct(out, item as Field[]);
        }
      }
    }
  }
  out.byte(0);
}

function plainValues(column: TestColumn): Uint8Array {
  const out = new Bytes();
  const present = column.values.filter((v) => v !== null);
  if (column.type === 'BOOLEAN') {
    for (let i = 0; i < present.length; i += 8) {
      let b = 0;
      for (let k = 0; k < 8 && i + k < present.length; k++) if (present[i + k]) b |= 1 << k;
      out.byte(b);
    }
    return out.array;
  }
  for (const v of present) {
    if (column.type === 'INT32') out.u32(Number(v) | 0);
    else if (column.type === 'INT64') {
      const x = BigInt.asUintN(64, BigInt(v as number | bigint));
      out.u32(Number(x & 0xffffffffn));
      out.u32(Number(x >> 32n));
    } else if (column.type === 'DOUBLE') {
      out.raw(new Uint8Array(Float64Array.of(v as number).buffer));
    } else {
      const b = Buffer.from(v as string);
      out.u32(b.length);
      out.raw(b);
    }
  }
  return out.array;
}

/** snappyLiteral encodes bytes as a Snappy stream of literals only (valid, uncompressed). */
function snappyLiteral(data: Uint8Array): Uint8Array {
  const out = new Bytes();
  out.varint(data.length);
  for (let i = 0; i < data.length; i += 65536) {
    const chunk = data.subarray(i, Math.min(data.length, i + 65536));
    out.byte(61 << 2);
    out.raw([(chunk.length - 1) & 0xff, ((chunk.length - 1) >> 8) & 0xff]);
    out.raw(chunk);
  }
  return out.array;
}

/** writeParquet returns the bytes of a one-row-group Parquet file holding `columns`. */
export function writeParquet(
  columns: TestColumn[],
  codec: keyof typeof CODEC = 'UNCOMPRESSED',
): Uint8Array {
  const rows = columns[0].values.length;
  const file = new Bytes();
  file.raw(Buffer.from('PAR1'));
  const chunks: Field[][] = [];
  for (const column of columns) {
    const optional = column.values.some((v) => v === null);
    const body = new Bytes();
    if (optional) {
      // Definition levels: RLE runs of length 1 (header = run << 1), bit width 1, length-prefixed.
      const levels = new Bytes();
      for (const v of column.values) {
        levels.varint(2);
        levels.byte(v === null ? 0 : 1);
      }
      body.u32(levels.parts.length);
      body.raw(levels.parts);
    }
    body.raw(plainValues(column));
    const raw = body.array;
    const compressed =
      codec === 'GZIP' ? gzipSync(raw) : codec === 'SNAPPY' ? snappyLiteral(raw) : raw;
    const header = new Bytes();
    struct(header, [
      [1, 'i32', 0],
      [2, 'i32', raw.length],
      [3, 'i32', compressed.length],
      [
        5,
        'struct',
        [
          [1, 'i32', rows],
          [2, 'i32', 0],
          [3, 'i32', 3],
          [4, 'i32', 3],
        ],
      ],
    ]);
    const offset = file.parts.length;
    file.raw(header.parts);
    file.raw(compressed);
    const size = header.parts.length + compressed.length;
    chunks.push([
      [2, 'i64', offset],
      [
        3,
        'struct',
        [
          [1, 'i32', TYPE[column.type]],
          [2, 'list-i32', [0, 3]],
          [3, 'list-binary', [column.name]],
          [4, 'i32', CODEC[codec]],
          [5, 'i64', rows],
          [6, 'i64', header.parts.length + raw.length],
          [7, 'i64', size],
          [9, 'i64', offset],
        ],
      ],
    ]);
  }
  const schema: Field[][] = [
    [
      [4, 'binary', 'schema'],
      [5, 'i32', columns.length],
    ],
    ...columns.map((c): Field[] => [
      [1, 'i32', TYPE[c.type]],
      [3, 'i32', c.values.some((v) => v === null) ? 1 : 0],
      [4, 'binary', c.name],
      [6, 'i32', c.convertedType],
      [7, 'i32', c.scale],
      [8, 'i32', c.precision],
      [
        10,
        'struct',
        c.logicalTimestamp === undefined
          ? undefined
          : [
              [
                8,
                'struct',
                [
                  [1, 'bool', false],
                  [2, 'struct', [[c.logicalTimestamp === 'MILLIS' ? 1 : 2, 'struct', []]]],
                ],
              ],
            ],
      ],
    ]),
  ];
  const footer = new Bytes();
  struct(footer, [
    [1, 'i32', 1],
    [2, 'list-struct', schema],
    [3, 'i64', rows],
    [
      4,
      'list-struct',
      [
        [
          [1, 'list-struct', chunks],
          [2, 'i64', file.parts.length],
          [3, 'i64', rows],
        ],
      ],
    ],
  ]);
  file.raw(footer.parts);
  file.u32(footer.parts.length);
  file.raw(Buffer.from('PAR1'));
  return file.array;
}
