// Output formats, format selection, colour, exit codes (--fail-on-drift), help and version.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/report/types.js';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const dir = new TempDir();
afterAll(() => dir.remove());

// Deterministic data: `shift` moves in current, `same` does not, `cat` changes its mix.
function table(n: number, offset: number, catMix: number): string {
  const lines = ['same,shift,cat'];
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    lines.push(`${(u * 100).toFixed(3)},${(u * 10 + offset).toFixed(3)},${u < catMix ? 'a' : 'b'}`);
  }
  return `${lines.join('\n')}\n`;
}
const ref = dir.write('ref.csv', table(400, 0, 0.5));
const curDrift = dir.write('cur-drift.csv', table(400, 5, 0.8));
const curSame = dir.write('cur-same.csv', table(400, 0, 0.5));
// ESC, written via fromCharCode so no control character sits in the source.
const ESC = String.fromCharCode(27);

describe('table output', () => {
  it('lists drifted columns first with a verdict line, without colour off a terminal', async () => {
    const r = await runCli(['drift', ref, curDrift, '--format', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Dataset drift: DETECTED - 2 of 3 columns drifted \(66\.7%, threshold 50%\)/,
    );
    const body = r.stdout.split('\n');
    const at = (name: string) => body.findIndex((l) => l.trimStart().startsWith(`${name} `));
    expect(at('shift')).toBeGreaterThan(0);
    expect(at('cat')).toBeGreaterThan(0);
    expect(at('same')).toBeGreaterThan(at('shift'));
    expect(at('same')).toBeGreaterThan(at('cat'));
    expect(body[at('shift')]).toMatch(/DRIFT/);
    expect(body[at('same')]).toMatch(/\bok\b/);
    expect(r.stdout).toMatch(/Data quality:/);
    expect(r.stdout.includes(ESC)).toBe(false);
  });

  it('colours on a terminal, and not with NO_COLOR', async () => {
    const tty = await runCli(['drift', ref, curDrift], { stdoutIsTTY: true });
    expect(tty.stdout).toMatch(/Dataset drift:/);
    expect(tty.stdout.includes(`${ESC}[31m`)).toBe(true);
    const noColor = await runCli(['drift', ref, curDrift], {
      stdoutIsTTY: true,
      env: { NO_COLOR: '1' },
    });
    expect(noColor.stdout.includes(ESC)).toBe(false);
    const forced = await runCli(['drift', ref, curDrift, '--format', 'table', '--color']);
    expect(forced.stdout.includes(ESC)).toBe(true);
  });

  it('defaults to JSON when stdout is not a terminal', async () => {
    const r = await runCli(['drift', ref, curSame]);
    const report: DriftReport = JSON.parse(r.stdout);
    expect(report.dataset.drifted).toBe(false);
    expect(report.reference.rows).toBe(400);
  });
});

describe('exit codes', () => {
  it.each([
    { name: 'drift without --fail-on-drift', current: curDrift, flags: [], code: 0 },
    { name: 'drift with --fail-on-drift', current: curDrift, flags: ['--fail-on-drift'], code: 1 },
    {
      name: 'no drift with --fail-on-drift',
      current: curSame,
      flags: ['--fail-on-drift'],
      code: 0,
    },
    {
      name: 'drift share raised above the drifted share',
      current: curDrift,
      flags: ['--fail-on-drift', '--drift-share', '0.9'],
      code: 0,
    },
  ])('$name -> $code', async ({ current, flags, code }) => {
    const r = await runCli(['drift', ref, current, '--format', 'json', ...flags]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
  });
});

describe('--out', () => {
  it.each([
    {
      file: 'report.json',
      check: (text: string) => expect(JSON.parse(text).dataset.drifted).toBe(true),
    },
    {
      file: 'report.txt',
      check: (text: string) => expect(text).toMatch(/Dataset drift: DETECTED/),
    },
    { file: 'report.html', check: (text: string) => expect(text).toMatch(/^<!doctype html>/i) },
  ])('writes $file in the format its extension names', async ({ file, check }) => {
    const out = dir.file(file);
    const r = await runCli(['drift', ref, curDrift, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^wrote .*${file.replace('.', '\\.')} \\(\\w+\\): dataset drift DETECTED, 2 of 3 columns drifted\\n$`,
      ),
    );
    check(readFileSync(out, 'utf8'));
  });
});

describe('JSON contract', () => {
  it('has the documented blocks and snake_case fields', async () => {
    const r = await runCli(['drift', ref, curDrift, '--format', 'json', '--distributions']);
    const report: DriftReport = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual([
      'reference',
      'current',
      'columns',
      'dataset',
      'data_quality',
      'performance',
      'timing_ms',
      'engine',
    ]);
    expect(report.engine).toBe('exact');
    const shift = report.columns.find((c) => c.column === 'shift')!;
    expect(Object.keys(shift).slice(0, 9)).toEqual([
      'column',
      'type',
      'method',
      'statistic',
      'p_value',
      'score',
      'threshold',
      'drifted',
      'effect_size',
    ]);
    expect(shift.distribution?.edges?.length).toBe((shift.distribution?.reference.length ?? 0) + 1);
    const cat = report.columns.find((c) => c.column === 'cat')!;
    expect(cat.distribution?.categories).toEqual(['a', 'b']);
    expect(cat.distribution?.reference).toEqual([200, 200]);
    expect(report.data_quality.columns).toHaveLength(3);
    expect(report.performance).toBeNull();
    // Without --distributions the JSON stays lean.
    const lean: DriftReport = JSON.parse(
      (await runCli(['drift', ref, curDrift, '--format', 'json'])).stdout,
    );
    expect(lean.columns.every((c) => c.distribution === undefined)).toBe(true);
  });
});

describe('help and version', () => {
  it('prints help with exit 0', async () => {
    const r = await runCli(['drift', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: vigil drift \[options\] <REFERENCE> \[CURRENT\]/);
    expect(r.stdout).toMatch(/--derive <fn:col>/);
    expect(r.stdout).toMatch(/hour {7}0-23/);
  });

  it('prints the version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('0.1.0');
  });

  it('shows usage and exits 2 without arguments', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage: vigil/);
  });
});
