// The evals routes over real HTTP on both backends: a run posted, listed as a series per target and
// version, accepted as the baseline, and bad input answered with one clear 4xx line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/harness.js';

const run = (id: string, version: string, passRate: number, pass: boolean) => ({
  format: 'vigil-regress-run',
  formatVersion: 1,
  id,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 10,
  target: { name: 'support-bot', kind: 'openai', version },
  set: { name: 'support', version: '3', hash: 'sha256:abc', file: 'support.yaml' },
  repeats: 3,
  summary: {
    total: 100,
    counted: 90,
    passed: Math.round(passRate * 90),
    failed: 0,
    passRate,
    flaky: 1,
    knownFailuresPassing: [],
    meanLatencyMs: 3,
    totalCostUsd: null,
  },
  cases: [{ id: 'case-000', pass }],
  gate: { pass, reasons: [], passRate, minPassRate: 0.95, diff: null, test: null },
});

describe.each(BACKENDS)('evals routes on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());

  it('stores runs, lists the series and serves the accepted baseline', async () => {
    const a = await h.request('POST', '/v1/evals/runs', {
      key: h.a.key,
      body: run('r1', 'support@1', 1, true),
    });
    expect(a.status).toBe(201);
    expect(a.json).toMatchObject({
      id: 'r1',
      target: 'support-bot',
      target_version: 'support@1',
      gate_passed: true,
      accepted: false,
    });
    await h.request('POST', '/v1/evals/runs', {
      key: h.a.key,
      body: run('r2', 'support@2', 0.9, false),
    });
    const window = `from=${Date.now() - 60_000}&to=${Date.now() + 60_000}`;
    const series = await h.request('GET', `/v1/evals/runs?target=support-bot&${window}`, {
      key: h.a.key,
    });
    expect(
      series.json.runs.map((r: { target_version: string; pass_rate: number }) => [
        r.target_version,
        r.pass_rate,
      ]),
    ).toEqual([
      ['support@1', 1],
      ['support@2', 0.9],
    ]);
    const v2 = await h.request(
      'GET',
      `/v1/evals/runs?target=support-bot&version=support@2&${window}`,
      { key: h.a.key },
    );
    expect(v2.json.runs).toHaveLength(1);
    expect(
      (await h.request('GET', '/v1/evals/baseline?target=support-bot', { key: h.a.key })).status,
    ).toBe(404);
    const accepted = await h.request('POST', '/v1/evals/runs/r1/accept', { key: h.a.key });
    expect(accepted.json).toMatchObject({ id: 'r1', accepted: true });
    expect(accepted.json.accepted_by).toMatch(/^key:/);
    const baseline = await h.request('GET', '/v1/evals/baseline?target=support-bot', {
      key: h.a.key,
    });
    expect(baseline.json.run.cases).toEqual([{ id: 'case-000', pass: true }]);
    const one = await h.request('GET', '/v1/evals/runs/r2', { key: h.a.key });
    expect(one.json.run.gate.pass).toBe(false);
  });

  it.each([
    {
      name: 'a duplicate run id',
      body: () => run('r1', 'x', 1, true),
      status: 409,
      message: /already stored/,
    },
    { name: 'not a run', body: () => ({ hello: 'world' }), status: 400, message: /body\.format/ },
    {
      name: 'a pass rate above 1',
      body: () => run('r9', 'x', 1.5, true),
      status: 400,
      message: /body\.summary\.passRate/,
    },
  ])('answers $name with $status', async ({ body, status, message }) => {
    const r = await h.request('POST', '/v1/evals/runs', { key: h.a.key, body: body() });
    expect(r.status).toBe(status);
    expect(r.json.error.message).toMatch(message);
  });

  it('answers 404 for an unknown run and 400 for a series without a window', async () => {
    expect((await h.request('POST', '/v1/evals/runs/nope/accept', { key: h.a.key })).status).toBe(
      404,
    );
    const r = await h.request('GET', '/v1/evals/runs?target=support-bot', { key: h.a.key });
    expect(r.status).toBe(400);
  });
});
