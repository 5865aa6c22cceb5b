// `vigil demo` as a real process on the built dist/: a small sample of the flights replay finishes,
// prints a drift alert FIRING for a feature, serves it at GET /v1/alerts with --keep, and stops
// with exit 0 on SIGTERM.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));

describe('vigil demo', () => {
  it('replays February..June, fires a drift alert and serves it until SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'demo', '--sample', '20', '--keep'], {
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const ready = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /serving on (http:\/\/\S+) until/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (c) => reject(new Error(`vigil demo exited with ${c}: ${err}\n${out}`)));
    });
    const started = performance.now();
    const url = await ready;
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(out).toMatch(/every 20th flight \(--sample 20\)/);
    const fired = [...out.matchAll(/-> FIRING PSI (\d\.\d+)\s+\((flights-drift-\w+)\)/g)];
    expect(fired.length).toBeGreaterThan(0);
    for (const f of fired) expect(Number(f[1])).toBeGreaterThan(0.2);
    const key = /API key\s+(\S+)/.exec(out)?.[1] ?? '';
    const res = await fetch(`${url}/v1/alerts`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const { alerts } = (await res.json()) as { alerts: { monitor: string; state: string }[] };
    const monitors = new Set(fired.map((f) => f[2]));
    // Every monitor that fired has its alert record (firing, or resolved or ok since).
    for (const m of monitors) expect(alerts.map((a) => a.monitor)).toContain(m);
    // At least one feature's drift alert is FIRING now, and the end-of-run line names it.
    const firingNow = alerts
      .filter((a) => a.state === 'firing' && a.monitor.startsWith('flights-drift-'))
      .map((a) => a.monitor);
    expect(firingNow.length).toBeGreaterThan(0);
    for (const m of firingNow) {
      expect(monitors).toContain(m);
      expect(out).toMatch(new RegExp(`FIRING at the end of June: .*${m}`));
    }
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/vigil_monitor_value\{[^}]*monitor="flights-drift-delay"/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).toBe('');
  }, 90_000);
});
