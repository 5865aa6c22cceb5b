// SIGKILL during ingestion: the server runs as a child process on a SQLite file; batches go in
// over HTTP from several clients, the child is killed mid-stream, restarted on the same file, and
// every event of every batch that got a 2xx must be readable through the API.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, prediction, T0 } from '../helpers/harness.js';

const CHILD = fileURLToPath(new URL('./server-child.mjs', import.meta.url));
const BATCH = 200;

/** IngestReply is the part of the answers this test reads. */
interface IngestReply {
  accepted: number;
  duplicates: number;
  api_key: { key: string };
}

function startChild(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CHILD], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      VIGIL_DB: dbPath,
      PORT: '0',
      HOST: '127.0.0.1',
      VIGIL_ADMIN_TOKEN: ADMIN_TOKEN,
      VIGIL_LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d) => {
      err += d;
    });
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /listening (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`server exited (${code ?? signal}) before listening: ${err}`)),
    );
  });
}

async function post(
  url: string,
  path: string,
  key: string,
  body: unknown,
): Promise<{ status: number; json: IngestReply }> {
  const r = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as IngestReply };
}

describe('SIGKILL during HTTP ingestion (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-sigkill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event across a kill and a restart', {
    timeout: 120_000,
  }, async () => {
    const db = join(dir, 'vigil.db');
    const first = await startChild(db);
    const p = await post(first.url, '/v1/projects', ADMIN_TOKEN, { id: 'acme', name: 'Acme' });
    expect(p.status).toBe(201);
    const key: string = p.json.api_key.key;
    expect((await post(first.url, '/v1/models', key, { name: 'm' })).status).toBe(201);

    const acked: string[] = [];
    let ackedBatches = 0;
    let failed = 0;
    let nextBatch = 0;
    let killed = false;
    const exited = new Promise((r) => first.child.once('exit', r));
    // Four clients send batches until the server dies; it is killed after 40 acknowledgements,
    // while other batches are in flight.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!killed) {
          const b = nextBatch++;
          const events = Array.from({ length: BATCH }, (_, i) =>
            prediction(`k${b * BATCH + i}`, b * BATCH + i),
          );
          try {
            const r = await post(first.url, '/v1/ingest', key, { events });
            if (r.status >= 200 && r.status < 300) {
              expect(r.json.accepted).toBe(BATCH);
              for (const e of events) acked.push(e.event_id as string);
              ackedBatches++;
              if (ackedBatches >= 40 && !killed) {
                killed = true;
                first.child.kill('SIGKILL');
              }
            } else failed++;
          } catch {
            // Connection reset by the kill: this batch was not acknowledged.
            if (!killed) throw new Error('request failed before the kill');
            return;
          }
        }
      }),
    );
    await exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(failed).toBe(0);
    expect(acked.length).toBeGreaterThanOrEqual(40 * BATCH);

    const second = await startChild(db);
    try {
      const stored = new Set<string>();
      const span = (nextBatch + 1) * BATCH;
      // Page through the window in slices under the read limit.
      for (let from = T0; from < T0 + span; from += 5000) {
        const r = await fetch(
          `${second.url}/v1/events?type=prediction&model=m&from=${from}&to=${from + 5000}&limit=10000`,
          { headers: { authorization: `Bearer ${key}` } },
        );
        expect(r.status).toBe(200);
        const page = (await r.json()) as { events: Array<{ event: { event_id: string } }> };
        for (const e of page.events) stored.add(e.event.event_id);
      }
      const missing = acked.filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      // Nothing half-written: whatever batches committed did so whole.
      expect(stored.size % BATCH).toBe(0);
      // The restarted server still takes writes, and a retried acknowledged batch is a duplicate.
      const retry = await post(second.url, '/v1/ingest', key, {
        events: [prediction(acked[0], 0)],
      });
      expect(retry.json).toMatchObject({ accepted: 0, duplicates: 1 });
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  });
});
