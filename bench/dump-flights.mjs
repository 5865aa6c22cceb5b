#!/usr/bin/env node
// dump-flights writes January and June 2001 of flights-3m.parquet, read by Vigil's own reader with
// the CLI's time split and --derive hour:date, as plain files numpy reads without pyarrow:
// DIR/{jan,jun}.<column>.f64 (numerical columns, little-endian float64, NaN = missing) and
// DIR/{jan,jun}.<column>.txt (categorical columns, one UTF-8 value per line).
// Usage: npx tsc -b && node bench/dump-flights.mjs [DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(`${root}packages/cli/dist/${p}`);
const { readTable } = await dist('io/read.js');
const { splitByTime } = await dist('io/time-split.js');
const { applyDerive, parseDerive } = await dist('io/derive.js');
const { parseRange } = await dist('io/time.js');

const dir = process.argv[2] ?? '/tmp/vigil-flights-dump';
mkdirSync(dir, { recursive: true });
const t0 = performance.now();
const table = await readTable({
  path: `${root}node_modules/vega-datasets/data/flights-3m.parquet`,
  format: 'parquet',
});
const derive = parseDerive('hour:date');
const months = {
  jan: parseRange('2001-01-01..2001-02-01', '--reference-range'),
  jun: parseRange('2001-06-01..2001-07-01', '--current-range'),
};
const columns = {};
for (const [name, range] of Object.entries(months)) {
  const side = applyDerive(splitByTime(table, 'date', range, name), derive);
  for (const [column, raw] of side.columns) {
    if (column === 'date') continue;
    if (raw.type === 'number') {
      writeFileSync(
        join(dir, `${name}.${column}.f64`),
        new Uint8Array(raw.values.buffer, raw.values.byteOffset, raw.values.byteLength),
      );
      columns[column] = 'numerical';
    } else {
      writeFileSync(join(dir, `${name}.${column}.txt`), raw.values.map((v) => v ?? '').join('\n'));
      columns[column] = 'categorical';
    }
  }
}
writeFileSync(join(dir, 'columns.json'), JSON.stringify(columns));
console.log(
  `dumped ${Object.keys(columns).join(', ')} to ${dir} in ${((performance.now() - t0) / 1000).toFixed(2)} s`,
);
