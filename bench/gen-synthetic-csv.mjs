#!/usr/bin/env node
// gen-synthetic-csv writes the synthetic drift benchmark: reference.csv and current.csv, ROWS x COLS
// numerical columns (default 1,000,000 x 100), deterministic (fixed seeds), 7 significant digits.
// Columns f00..f19 drift in current (location and scale shifts); the rest keep their distribution.
// Usage: node bench/gen-synthetic-csv.mjs OUT_DIR [ROWS] [COLS]
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const [outDir = '/tmp/vigil-bench', rowsArg = '1000000', colsArg = '100'] = process.argv.slice(2);
const ROWS = Number(rowsArg);
const COLS = Number(colsArg);
const DRIFTED = Math.min(20, COLS);

// mulberry32: small, fast, seedable; quality is ample for benchmark data.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(next) {
  // Box-Muller; one draw per call keeps the stream simple.
  const u = 1 - next();
  const v = next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// Column j: family by j % 4 (normal, lognormal, uniform, rounded count), its own location and scale.
function sampler(j, drifted, next) {
  const loc = (j % 7) * 3 - 5 + (drifted ? 0.3 + (j % 5) * 0.1 : 0);
  const scale = 1 + (j % 3) * 0.5 + (drifted ? 0.2 : 0);
  switch (j % 4) {
    case 0:
      return () => loc + scale * normal(next);
    case 1:
      return () => Math.exp(0.5 * normal(next) + (drifted ? 0.1 : 0));
    case 2:
      return () => loc + scale * 4 * next();
    default:
      return () => Math.round(Math.abs(loc * 10 + scale * 8 * normal(next)));
  }
}

function write(file, seed, drift) {
  const next = rng(seed);
  const samplers = [];
  const header = [];
  for (let j = 0; j < COLS; j++) {
    header.push(`f${String(j).padStart(2, '0')}`);
    samplers.push(sampler(j, drift && j < DRIFTED, next));
  }
  const fd = openSync(file, 'w');
  writeSync(fd, `${header.join(',')}\n`);
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    let line = '';
    for (let j = 0; j < COLS; j++) {
      const x = samplers[j]();
      line +=
        (j === 0 ? '' : ',') + (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(7))));
    }
    buf += `${line}\n`;
    if (buf.length > 1 << 22) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

mkdirSync(outDir, { recursive: true });
write(join(outDir, 'reference.csv'), 1, false);
write(join(outDir, 'current.csv'), 2, true);
console.log(`wrote ${ROWS} x ${COLS} to ${outDir}/reference.csv and current.csv`);
