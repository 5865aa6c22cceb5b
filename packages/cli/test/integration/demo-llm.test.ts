// `vigil demo --llm` as a real process on the built dist/: a support bot's calls go through the
// gateway to the OpenAI-protocol stand-in, a provider update fires the LLM quality monitors, an
// incident opens, the demo reverts the prompt label and pins the model through the incident, and
// the monitors recover. With --keep it serves the result, read back here over the API.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));
const MONITORS = [
  'support-bot-output-drift',
  'support-bot-repetitiveness',
  'support-bot-wrong-prices',
] as const;

describe('vigil demo --llm', () => {
  it('fires the LLM monitors on a provider update, contains the incident and recovers', async () => {
    const child = spawn(process.execPath, [BIN, 'demo', '--llm', '--keep'], {
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
      child.on('exit', (c) =>
        reject(new Error(`vigil demo --llm exited with ${c}: ${err}\n${out}`)),
      );
    });
    const started = performance.now();
    const url = await ready;
    expect(performance.now() - started).toBeLessThan(60_000);

    const lines = out.split('\n');
    const rowOf = (hour: string) =>
      lines.find((l) => l.startsWith(`${hour}  gpt-4o-`)) ?? `(no row for ${hour})`;
    // Four healthy hours: the old model, prompt v1, drift cosine near 1 and nothing breached.
    for (const hour of ['08:00', '09:00', '10:00', '11:00']) {
      const row = rowOf(hour);
      expect(row).toMatch(/^\d\d:00 {2}gpt-4o-2024-11-20 +v1 +(0\.9\d\d|1\.000) /);
      expect(row).not.toContain('!');
      expect(row).toMatch(/ -$/);
    }
    // The provider update: the new model and prompt v2; drift, repetition and prices fire.
    const bad = rowOf('12:00');
    expect(bad).toMatch(
      /^12:00 {2}gpt-4o-2026-01-15 +v2 +0\.[0-6]\d\d! +0\.\d{3}! +1\.000! +0\.000 /,
    );
    for (const m of MONITORS) expect(bad).toContain(`${m} -> FIRING`);
    const incident = /incident (\S+) opened: (P\d)/.exec(out);
    expect(incident).not.toBeNull();
    // Every answer quoting a price quoted a wrong one: wrong answers to > 50 % of traffic is P0.
    expect(incident?.[2]).toBe('P0');
    const id = incident?.[1] ?? '';
    expect(out).toContain(
      `containment (incident ${id}): prompt support@production v2 -> v1; support/gpt-4o pinned to gpt-4o-2024-11-20`,
    );
    // Contained: the pinned model with prompt v1 again, and every alert resolves.
    const after = rowOf('13:00');
    expect(after).toMatch(/^13:00 {2}gpt-4o-2024-11-20 +v1 +(0\.9\d\d|1\.000) /);
    for (const m of MONITORS) expect(after).toContain(`${m} -> RESOLVED`);
    expect(out).toContain(`incident ${id} resolved`);
    expect(out).toMatch(/firing now: none/);

    const key = /API key\s+(\S+)/.exec(out)?.[1] ?? '';
    const get = async (path: string) => {
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status, path).toBe(200);
      // biome-ignore lint/suspicious/noExplicitAny: reading API JSON in a test
      return (await res.json()) as any;
    };
    const inc = await get(`/v1/incidents/${id}`);
    expect(inc.status).toBe('resolved');
    expect(inc.severity).toBe('P0');
    expect(inc.alerts.map((a: { monitor: string }) => a.monitor).sort()).toEqual([...MONITORS]);
    expect(
      inc.actions.map((a: { kind: string; target: string; from: string; to: string }) => [
        a.kind,
        a.target,
        a.from,
        a.to,
      ]),
    ).toEqual([
      ['prompt_revert', 'support@production', '2', '1'],
      ['model_pin', 'support/gpt-4o', '', 'gpt-4o-2024-11-20'],
    ]);
    const pins = await get('/v1/model-pins');
    expect(pins.pins).toEqual([
      expect.objectContaining({ service: 'support', model: 'gpt-4o', pinned: 'gpt-4o-2024-11-20' }),
    ]);
    const { alerts } = await get('/v1/alerts');
    for (const m of MONITORS) {
      expect(alerts.find((a: { monitor: string }) => a.monitor === m)?.state).toBe('resolved');
    }
    const range = 'from=2026-01-05T08:00:00Z&to=2026-01-05T16:00:00Z';
    const drift = await get(`/v1/monitors/support-bot-output-drift/evaluations?${range}&series=`);
    expect(drift.evaluations.map((e: { status: string }) => e.status)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'triggered',
      'ok',
    ]);
    // The gateway recorded which model served each call and which prompt version it used.
    const gens = await get(
      '/v1/llm/generations?from=2026-01-05T12:00:00Z&to=2026-01-05T13:00:00Z&limit=1000',
    );
    expect(gens.generations).toHaveLength(40);
    for (const g of gens.generations) {
      expect(g).toMatchObject({
        model_served: 'gpt-4o-2026-01-15',
        prompt_name: 'support',
        prompt_version: 2,
        service: 'support',
      });
    }
    const checks = await get(`/v1/llm/reference-checks?${range}&wrong_only=true`);
    expect(checks.checks.length).toBeGreaterThan(0);
    for (const c of checks.checks) expect(c.details[0].quoted - c.details[0].expected).toBe(10);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).toBe('');
  }, 90_000);
});
