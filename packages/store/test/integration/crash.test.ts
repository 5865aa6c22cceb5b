// SIGKILL during ingestion: every batch the child acknowledged (its append resolved, so its
// transaction committed) must be in the SQLite file after reopening.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '@vigil/store';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteBackend } from '../helpers/backends.js';

const CHILD = fileURLToPath(new URL('./append-child.mjs', import.meta.url));
const T0 = Date.UTC(2024, 0, 1);

describe('SQLite crash safety', () => {
  const backend = sqliteBackend();
  afterAll(() => backend.cleanup());

  it('loses no acknowledged event when the writer is killed with SIGKILL', async () => {
    const path = backend.target.path as string;
    const setup = openSqliteStore(path);
    await setup.migrate();
    await setup.createProject({ id: 'acme', name: 'Acme' });
    await setup.close();
    const batchSize = 200;
    const acked = await new Promise<number>((resolve, reject) => {
      const p = spawn(
        process.execPath,
        [
          CHILD,
          JSON.stringify({
            backend: 'sqlite',
            path,
            project: 'acme',
            prefix: 'k',
            batches: 100_000,
            batchSize,
            startMs: T0,
          }),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let acks = 0;
      let buf = '';
      let err = '';
      p.stderr.on('data', (d) => {
        err += d;
      });
      p.stdout.on('data', (d) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        acks += lines.filter((l) => l.startsWith('ack ')).length;
        // Kill mid-stream, while the child is inside its next append.
        if (acks >= 25 && !p.killed) p.kill('SIGKILL');
      });
      p.on('error', reject);
      p.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child exited ${code} before the kill: ${err}`));
        else resolve(acks);
      });
    });
    expect(acked).toBeGreaterThanOrEqual(25);
    const store = openSqliteStore(path);
    try {
      await store.migrate();
      const range = { fromMs: T0, toMs: T0 + 100_000_000 };
      const stored = await store.countEvents('acme', { type: 'prediction', range });
      // Everything acknowledged is there; at most the batch in flight may also have committed.
      expect(stored).toBeGreaterThanOrEqual(acked * batchSize);
      expect(stored % batchSize).toBe(0);
      const ids = new Set(
        (await store.queryEvents('acme', { type: 'prediction', range, limit: 10_000 })).map(
          (s) => s.event.event_id,
        ),
      );
      for (let n = 0; n < acked * batchSize; n++) expect(ids.has(`k${n}`)).toBe(true);
      const [x] = await store.queryWindowProfiles('acme', { model: 'm', range, column: 'x' });
      expect(x.rowCount).toBe(stored);
    } finally {
      await store.close();
    }
  });
});
