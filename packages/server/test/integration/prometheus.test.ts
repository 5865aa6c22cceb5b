// Vigil as a Prometheus target: Debian's prometheus scrapes /metrics every second and its query
// API returns the monitor value the scheduler computed. A missing prometheus FAILS this test.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scheduleOffsetMs } from '@vigil/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, T0 } from '../helpers/harness.js';

const PROMETHEUS = '/usr/bin/prometheus';
const HOUR = 3_600_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function events(prefix: string, start: number, shift: number) {
  return Array.from({ length: 300 }, (_, i) => ({
    type: 'prediction',
    event_id: `${prefix}-${i}`,
    model: 'm',
    time: start + i * 1000,
    features: { x: (i % 97) + shift, c: `k${i % 5}` },
  }));
}

const MONITOR = `apiVersion: vigil/v1
kind: Monitor
metadata: { name: prom-drift }
spec:
  type: data_drift
  model: m
  features: [x]
  method: wasserstein
  minSampleSize: 50
`;

describe('Prometheus scrapes Vigil', () => {
  let h: Harness | undefined;
  let prom: ChildProcess | undefined;
  let dir: string | undefined;
  let promLog = '';

  beforeAll(() => {
    if (!existsSync(PROMETHEUS)) {
      throw new Error(
        `${PROMETHEUS} is missing: install Debian's prometheus (apt-get install -y --no-install-recommends prometheus); bash .ci/run does`,
      );
    }
  });

  afterAll(async () => {
    if (prom !== undefined && prom.exitCode === null) {
      const p = prom;
      const exited = new Promise((resolve) => p.once('exit', resolve));
      p.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (p.exitCode === null) p.kill('SIGKILL');
    }
    await h?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a monitor value back through the query API', async () => {
    let clock = T0;
    h = await startHarness('sqlite', { scheduler: { now: () => clock, loop: false } });
    const key = h.a.key;
    for (const [p, start, shift] of [
      ['base', T0, 0],
      ['drift', T0 + 5 * HOUR, 40],
    ] as const) {
      expect(
        (await h.request('POST', '/v1/ingest', { key, body: { events: events(p, start, shift) } }))
          .status,
      ).toBe(200);
    }
    const baseline = await h.request('POST', '/v1/models/m/baselines', {
      key,
      body: { from: T0, to: T0 + HOUR },
    });
    expect(baseline.status).toBe(201);
    const applied = await h.request('PUT', '/v1/monitors', {
      key,
      raw: MONITOR,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(applied.status).toBe(200);
    // The slot at 06:00 + the monitor's offset evaluates the drifted hour [05:00, 06:00).
    clock = T0 + 6 * HOUR + scheduleOffsetMs('a-project/prom-drift', HOUR);
    const report = await h.server.scheduler?.tick();
    const computed = report?.evaluated.find((e) => e.monitor === 'prom-drift');
    expect(computed?.status).toBe('BREACH');
    const points = await h.request(
      'GET',
      `/v1/monitors/prom-drift/evaluations?from=${T0}&to=${T0 + 24 * HOUR}&series=x`,
      { key },
    );
    const value = points.json.evaluations[0].value as number;
    expect(value).toBeGreaterThan(0);

    dir = mkdtempSync(join(tmpdir(), 'vigil-prom-'));
    const port = await freePort();
    const target = new URL(h.url).host;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        '  evaluation_interval: 1s',
        'scrape_configs:',
        '  - job_name: vigil',
        '    metrics_path: /metrics',
        '    static_configs:',
        `      - targets: ['${target}']`,
        '',
      ].join('\n'),
    );
    prom = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prom.stdout?.on('data', (d) => {
      promLog += d;
    });
    prom.stderr?.on('data', (d) => {
      promLog += d;
    });

    const query = encodeURIComponent('vigil_monitor_value{monitor="prom-drift",feature="x"}');
    const deadline = Date.now() + 40_000;
    let seen: number | null = null;
    let labels: Record<string, string> = {};
    while (Date.now() < deadline && seen === null) {
      if (prom.exitCode !== null) {
        throw new Error(`prometheus exited with ${prom.exitCode}:\n${promLog.slice(-2000)}`);
      }
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${query}`);
        if (r.ok) {
          const body = (await r.json()) as {
            data: { result: { metric: Record<string, string>; value: [number, string] }[] };
          };
          const [first] = body.data.result;
          if (first !== undefined) {
            seen = Number(first.value[1]);
            labels = first.metric;
          }
        }
      } catch {
        // Not listening yet.
      }
      if (seen === null) await new Promise((r) => setTimeout(r, 250));
    }
    if (seen === null) {
      throw new Error(`prometheus never returned the value within 40 s:\n${promLog.slice(-2000)}`);
    }
    // The exposition format prints shortest round-trip doubles: the value comes back exactly.
    expect(seen).toBe(value);
    expect(labels).toMatchObject({
      __name__: 'vigil_monitor_value',
      project: 'a-project',
      model: 'm',
      monitor: 'prom-drift',
      feature: 'x',
      job: 'vigil',
    });
  });
});
