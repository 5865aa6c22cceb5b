// storeEvidence, the incident guard's default evidence, read from a real store: a passing
// regression run of the model at that version, and a canary of the version that passed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CANARY_POLICY } from '@vigil/contracts';
import { openSqliteStore, type SqlStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryPromotionRefusal, storeEvidence } from './guard.js';

describe('storeEvidence', () => {
  let dir: string;
  let store: SqlStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-evidence-'));
    store = openSqliteStore(join(dir, 'vigil.db'));
    await store.migrate();
    await store.createProject({ id: 'p', name: 'P' });
    await store.upsertModel('p', {
      name: 'churn',
      task: 'classification',
      features: [{ name: 'x', kind: 'numerical' }],
    });
    for (const uri of ['s3://m/1', 's3://m/2', 's3://m/3']) {
      await store.registry.createVersion('p', 'churn', { artifactUri: uri, createdBy: 'alice' });
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (id: string, version: string, gatePassed: boolean) => ({
    id,
    target: 'churn',
    targetKind: 'classic',
    targetVersion: version,
    setName: 'holdout',
    setVersion: '1',
    setHash: 'sha256:0',
    passRate: gatePassed ? 1 : 0.5,
    passed: gatePassed ? 10 : 5,
    counted: 10,
    flaky: 0,
    gatePassed,
    startedMs: 1,
    run: {},
  });

  it('counts only a passing run of that model and version', async () => {
    const e = storeEvidence(store);
    expect(await e.hasPassingRegression('p', 'churn', 3)).toBe(false);
    await store.evals.record('p', run('r1', '3', false));
    await store.evals.record('p', run('r2', '2', true));
    expect(await e.hasPassingRegression('p', 'churn', 3)).toBe(false);
    await store.evals.record('p', run('r3', '3', true));
    expect(await e.hasPassingRegression('p', 'churn', 3)).toBe(true);
    expect(await e.hasPassingRegression('other', 'churn', 3)).toBe(false);
  });

  it('counts a canary of the version once it passed, not while it runs', async () => {
    const e = storeEvidence(store);
    const c = await store.canaries.create('p', {
      name: 'churn-v3',
      model: 'churn',
      baseline: { variant: 'baseline', version: 1, weight: 0.9 },
      candidate: { variant: 'candidate', version: 3, weight: 0.1 },
      policy: DEFAULT_CANARY_POLICY,
      createdBy: 'alice',
    });
    expect(await e.hasFinishedCanary('p', 'churn', 3)).toBe(false);
    await store.canaries.recordDecision('p', 'churn-v3', {
      expectedRevision: c.revision,
      actor: 'system:canary',
      action: 'pass',
      state: 'passed',
      reasons: ['7 days, no guard metric worse'],
      evidence: {},
      audit: true,
    });
    expect(await e.hasFinishedCanary('p', 'churn', 3)).toBe(true);
    expect(await e.hasFinishedCanary('p', 'churn', 2)).toBe(false);
  });

  it("refuses a canary's promotion of a version made during an open P1 until a regression run passes", async () => {
    const incident = await store.incidents.open(
      'p',
      {
        model: 'churn',
        failureMode: 'performance',
        title: 'accuracy down',
        severity: 'P1',
        severityReason: 'performance 25.0 % below baseline',
        alert: { fingerprint: 'fp', monitor: 'churn-accuracy', startedMs: Date.now() },
      },
      'system:test',
    );
    // Version 3 predates the incident: a rollback target, not a new deployment.
    expect(await canaryPromotionRefusal(store, 'p', 'churn', 3)).toBeNull();
    await store.registry.createVersion('p', 'churn', { artifactUri: 's3://m/4', createdBy: 'ci' });
    expect(await canaryPromotionRefusal(store, 'p', 'churn', 4)).toBe(
      `P1 incident ${incident.id} is open on churn: version 4 was created after it opened and has no passing regression run`,
    );
    await store.evals.record('p', run('r4', '4', true));
    expect(await canaryPromotionRefusal(store, 'p', 'churn', 4)).toBeNull();
  });
});
