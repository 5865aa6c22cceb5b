// `vigil serve`'s entry point: one process runs the API, the scheduler and the notifier unless
// VIGIL_SCHEDULER / VIGIL_NOTIFIER turn them off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv, NOOP_LOGGER, serve } from '@vigil/server';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serve', () => {
  it.each([
    { name: 'defaults: scheduler and notifier on', env: {}, scheduler: true, notifier: true },
    { name: 'notifier off', env: { VIGIL_NOTIFIER: 'off' }, scheduler: true, notifier: false },
    { name: 'scheduler off', env: { VIGIL_SCHEDULER: 'off' }, scheduler: false, notifier: true },
  ])('$name', async ({ env, scheduler, notifier }) => {
    const serving = await serve(loadEnv({ VIGIL_DB: join(dir, 'vigil.db'), PORT: '0', ...env }), {
      logger: NOOP_LOGGER,
    });
    try {
      expect(serving.server.scheduler !== null).toBe(scheduler);
      expect(serving.server.notifier !== null).toBe(notifier);
      // The workers that follow the scheduler's alerts and the LLM traffic run with it.
      expect(serving.server.incidents !== null).toBe(scheduler);
      expect(serving.server.canaries !== null).toBe(scheduler);
      expect(serving.server.deprecations !== null).toBe(scheduler);
      expect(serving.server.llmQuality !== null).toBe(scheduler);
      // The loop runs: a tick with nothing queued claims nothing and does not throw.
      if (notifier)
        expect(await serving.server.notifier?.tick()).toEqual({ claimed: 0, deliveries: [] });
      expect((await fetch(`${serving.url}/healthz`)).status).toBe(200);
    } finally {
      await serving.stop();
    }
  });
});
