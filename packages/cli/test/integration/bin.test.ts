// The installed command: packages/cli/bin/vigil.js on the built dist/ (npm ci runs `tsc -b`).
// Exit codes and stderr must hold for the real process too, not only for main() in-process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const CASE = fileURLToPath(
  new URL('../../../core/testdata/oracle/case-12-600x450/', import.meta.url),
);

function vigil(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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
});
