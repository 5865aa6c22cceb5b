// The installed command: packages/cli/bin/vigil.js on the built dist/ (npm ci runs `tsc -b`).
// Exit codes and stderr must hold for the real process too, not only for main() in-process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TempDir } from '../helpers/temp.js';

const BIN = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const CASE = fileURLToPath(
  new URL('../../../core/testdata/oracle/case-12-600x450/', import.meta.url),
);

function vigil(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = new TempDir();
afterAll(() => dir.remove());

describe('bin/vigil.js', () => {
  it('is built (run `npx tsc -b` first)', () => {
    expect(existsSync(DIST)).toBe(true);
  });

  it.each([
    {
      name: 'missing file',
      args: ['drift', 'nope.csv', 'x.csv'],
      stderr: /^vigil: nope\.csv: no such file\n$/,
    },
    {
      name: 'unknown option',
      args: ['drift', 'a.csv', 'b.csv', '--bogus'],
      stderr: /^vigil: unknown option '--bogus' \(see vigil drift --help\)\n$/,
    },
    {
      name: 'bad value',
      args: ['drift', 'a.csv', 'b.csv', '--drift-share', 'half'],
      stderr: /^vigil: --drift-share: expected a number, got 'half'\n$/,
    },
  ])('exits 2 with one line: $name', ({ args, stderr }) => {
    const r = vigil(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
  });

  it('exits 0 with a JSON report, 1 with --fail-on-drift on a drifting dataset', () => {
    const ok = vigil(['drift', `${CASE}reference.csv`, `${CASE}current.csv`, '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).dataset.drifted).toBe(true);
    const fail = vigil([
      'drift',
      `${CASE}reference.csv`,
      `${CASE}current.csv`,
      '--format',
      'json',
      '--fail-on-drift',
    ]);
    expect(fail.code).toBe(1);
    expect(fail.stderr).toBe('');
  });

  it('gives the same report with the helper thread (VIGIL_WORKERS=1) as without (0)', () => {
    // Numeric, categorical and text columns, a column numeric on one side only, and target and
    // prediction also compared as columns: their buffers go to the worker and must come back.
    const rows = (n: number, shift: number) =>
      Array.from({ length: n }, (_, i) => {
        const a = ((i * 7919) % 1000) / 10 + shift;
        const label = ['red', 'green', 'blue'][(i + shift) % 3];
        const text = 'word '.repeat(1 + ((i * 31) % (7 + shift)));
        const odd = shift > 0 && i === 3 ? 'n/a?' : String(i % 50);
        const y = i % 2;
        const p = Math.min(0.99, ((i * 13) % 100) / 100 + (y ? 0.2 : 0) + shift / 100);
        return `${a},${label},"${text.trim()}",${odd},${y},${p}`;
      }).join('\n');
    const header = 'a,label,text,odd,y,p\n';
    const ref = dir.write('w-ref.csv', `${header}${rows(3000, 0)}\n`);
    const cur = dir.write('w-cur.csv', `${header}${rows(2500, 1)}\n`);
    const args = [
      'drift',
      ref,
      cur,
      '--format',
      'json',
      '--distributions',
      '--target',
      'y',
      '--prediction',
      'p',
      '--columns',
      'a,label,text,odd,y,p',
    ];
    const one = vigil(args, { VIGIL_WORKERS: '0' });
    const two = vigil(args, { VIGIL_WORKERS: '1' });
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    const strip = (text: string) => ({ ...JSON.parse(text), timing_ms: undefined });
    expect(strip(two.stdout)).toEqual(strip(one.stdout));
    expect(strip(one.stdout).performance.reference.roc_auc).toBeGreaterThan(0.5);
    const oracle = [`${CASE}reference.csv`, `${CASE}current.csv`, '--format', 'json'];
    expect(strip(vigil(['drift', ...oracle], { VIGIL_WORKERS: '1' }).stdout)).toEqual(
      strip(vigil(['drift', ...oracle], { VIGIL_WORKERS: '0' }).stdout),
    );
  });

  it('reports an input error raised on the helper thread as one line', () => {
    const ref = dir.write('h-ref.csv', 'a,b\n1,2\n3,4\n');
    const cur = dir.write('h-cur.csv', 'a,b\n1,2\n3\n');
    const r = vigil(['drift', ref, cur], { VIGIL_WORKERS: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vigil: .*h-cur\.csv:3: expected 2 fields, found 1\n$/);
  });
});
