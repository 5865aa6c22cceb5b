// The SDK inside a host process that never calls close(): the unref'd timer must not keep the
// process alive, and the beforeExit hook must still deliver what was logged.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countIds, freePort, openTestServer, type TestServer } from '../helpers/server.js';

const CHILD = fileURLToPath(new URL('./child-logger.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface ChildResult {
  readonly code: number | null;
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildResult> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    const kill = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`child still running after ${timeoutMs} ms: the SDK kept it alive\n${stderr}`),
      );
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(kill);
      resolve({ code, ms: Date.now() - t0, stdout, stderr });
    });
  });
}

const idsOf = (r: ChildResult): string[] => JSON.parse(/^ids (.*)$/m.exec(r.stdout)?.[1] ?? '[]');

let server: TestServer;
beforeAll(async () => {
  // The child runs the built package: build it (a no-op when dist/ is current).
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', 'packages/sdk/tsconfig.json'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  server = await openTestServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('a host process that never calls close()', () => {
  it('exits at once when idle: the flush timer is unref-ed', async () => {
    const r = await runChild({
      VIGIL_ENDPOINT: server.url,
      VIGIL_API_KEY: server.key,
      CHILD_EVENTS: '0',
    });
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(10_000); // far below the 60 s flush interval
    expect(r.stderr).toBe('');
  });

  it('delivers its events through the beforeExit flush, then exits', async () => {
    // Fewer events than a batch and a 60 s interval: nothing but the beforeExit hook sends them.
    const r = await runChild({
      VIGIL_ENDPOINT: server.url,
      VIGIL_API_KEY: server.key,
      CHILD_EVENTS: '300',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const ids = idsOf(r);
    expect(ids.length).toBe(300);
    const counts = countIds(await server.events('prediction'));
    for (const id of ids) expect(counts.get(id)).toBe(1);
  });

  it('still exits when the server is unreachable, after bounded retries, reporting on stderr', async () => {
    const port = await freePort();
    const r = await runChild({
      VIGIL_ENDPOINT: `http://127.0.0.1:${port}`,
      VIGIL_API_KEY: 'vgl_unused',
      CHILD_EVENTS: '10',
      CHILD_MAX_RETRIES: '2',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('SEND_FAILED');
    expect(r.stderr).toContain('after 3 attempts');
  });
});
