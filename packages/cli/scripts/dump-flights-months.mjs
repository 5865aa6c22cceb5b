#!/usr/bin/env node
// dump-flights-months writes January and June 2001 of vega-datasets' flights-3m.parquet to two CSV
// files (delay, distance, origin, destination, hour) for gen-flights-golden.py. It reads the file
// with hyparquet's row API and splits by the calendar month of the timestamp, independently of the
// CLI's columnar reader, time split and --derive, so the golden values check those too.
// Usage: node packages/cli/scripts/dump-flights-months.mjs OUT_DIR
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { asyncBufferFromFile } from 'hyparquet/src/node.js';
import { compressors } from 'hyparquet-compressors';

const out = process.argv[2] ?? '/tmp/vigil-flights';
const file = await asyncBufferFromFile(
  new URL('../../../node_modules/vega-datasets/data/flights-3m.parquet', import.meta.url).pathname,
);
const rows = await parquetReadObjects({ file, compressors });
const months = { '01': [], '06': [] };
for (const r of rows) {
  // Timestamps are not UTC-adjusted: the ISO string of the Date is the wall-clock time.
  const iso = r.date.toISOString();
  const m = iso.slice(5, 7);
  if (iso.startsWith('2001-') && m in months) {
    months[m].push(
      `${r.delay},${r.distance},${r.origin},${r.destination},${Number(iso.slice(11, 13))}`,
    );
  }
}
const { mkdirSync } = await import('node:fs');
mkdirSync(out, { recursive: true });
for (const [m, lines] of Object.entries(months)) {
  writeFileSync(
    join(out, `2001-${m}.csv`),
    `delay,distance,origin,destination,hour\n${lines.join('\n')}\n`,
  );
  console.log(`2001-${m}: ${lines.length} rows`);
}
