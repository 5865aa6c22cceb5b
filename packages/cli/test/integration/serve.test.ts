// `vigil serve` as a real process on the built dist/: it listens, answers /healthz, /metrics and
// /openapi.json, keeps its SQLite file, refuses bad configuration with one line and exit 2, and
// stops cleanly (exit 0) on SIGTERM.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TempDir } from '../helpers/temp.js';

const BIN = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));
const dir = new TempDir();
afterAll(() => dir.remove());

function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, DATABASE_URL: '', VIGIL_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) =>
      reject(new Error(`vigil serve exited with ${code} before listening`)),
    );
  });
  return { child, url };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('vigil serve', () => {
  it('serves health, metrics and the API description on SQLite, and stops on SIGTERM', async () => {
    const db = join(dir.path, 'vigil.db');
    const { child, url } = start(['--db', db, '--port', '0']);
    const done = exited(child);
    const base = await url;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^# HELP /m);
    const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(openapi.paths)).toContain('/v1/ingest');
    const ingest = await fetch(`${base}/v1/ingest`, { method: 'POST', body: '{}' });
    expect(ingest.status).toBe(401);
    expect(existsSync(db)).toBe(true);
    child.kill('SIGTERM');
    expect(await done).toBe(0);
  });

  it.each([
    { name: 'a port out of range', args: ['--port', '70000'], stderr: /^vigil: PORT: .+\n$/ },
    {
      name: 'a short admin token',
      args: ['--port', '0'],
      env: { VIGIL_ADMIN_TOKEN: 'short' },
      stderr: /^vigil: VIGIL_ADMIN_TOKEN: must be at least 16 characters\n$/,
    },
    {
      name: 'an unknown durability mode',
      args: ['--sqlite-sync', 'maybe'],
      stderr:
        /^vigil: option '--sqlite-sync <mode>' argument 'maybe' is invalid.*\(see vigil serve --help\)\n$/,
    },
  ])('refuses $name with one line and exit 2', ({ args, env, stderr }) => {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--db', join(dir.path, 'x.db'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    expect(r.stderr).toMatch(stderr);
    expect(r.status).toBe(2);
  });
});
