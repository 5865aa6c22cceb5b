// Cross-project isolation probes for the canary routes, spread into the PROBES of
// isolation.case.test.ts: B runs a canary on its private model, and A's key can neither see,
// stop nor shadow it, nor read its assignment config.
import { expect } from 'vitest';
import type { Harness, Reply } from './harness.js';

type Probe = (h: Harness, b: { keyId: string }) => Promise<Reply[]>;

const NAME = 'b-secret-canary';
const echoed = (r: Reply, ...names: string[]): Reply => ({
  ...r,
  text: names.reduce((t, n) => t.replaceAll(n, '(sent)'), r.text),
});

/** seedCanaryB starts B's canary on b-only-model (after seedRegistryB: production is version 2). */
export async function seedCanaryB(h: Harness): Promise<void> {
  const r = await h.request('POST', '/v1/canaries', {
    key: h.b.key,
    body: {
      name: NAME,
      model: 'b-only-model',
      variants: [
        { name: 'b-secret-base', role: 'baseline' },
        { name: 'b-secret-cand', role: 'candidate', version: 1 },
      ],
    },
  });
  expect(r.status).toBe(201);
}

async function bStillRunning(h: Harness): Promise<void> {
  const r = await h.request('GET', `/v1/canaries/${NAME}`, { key: h.b.key });
  expect(r.status).toBe(200);
  expect(r.json.state).toBe('running');
}

/** CANARY_PROBES has one probe per canary route. */
export const CANARY_PROBES: Record<string, Probe> = {
  'POST /v1/canaries': async (h) => {
    const r = await h.request('POST', '/v1/canaries', {
      key: h.a.key,
      body: {
        name: NAME,
        model: 'b-only-model',
        variants: [
          { name: 'base', role: 'baseline', version: 2 },
          { name: 'cand', role: 'candidate', version: 1 },
        ],
      },
    });
    expect(r.status).toBe(404);
    await bStillRunning(h);
    return [echoed(r, NAME, 'b-only-model')];
  },
  'GET /v1/canaries': async (h) => {
    const r = await h.request('GET', '/v1/canaries', { key: h.a.key });
    expect(r.status).toBe(200);
    expect(r.json.canaries).toEqual([]);
    return [r];
  },
  'GET /v1/canaries/:name': async (h) => {
    const r = await h.request('GET', `/v1/canaries/${NAME}`, { key: h.a.key });
    expect(r.status).toBe(404);
    return [echoed(r, NAME)];
  },
  'POST /v1/canaries/:name/stop': async (h) => {
    const r = await h.request('POST', `/v1/canaries/${NAME}/stop`, { key: h.a.key, body: {} });
    expect(r.status).toBe(404);
    await bStillRunning(h);
    return [echoed(r, NAME)];
  },
  'GET /v1/experiments/:name': async (h) => {
    const r = await h.request('GET', `/v1/experiments/${NAME}`, { key: h.a.key });
    expect(r.status).toBe(404);
    return [echoed(r, NAME)];
  },
};
