// The polling loop shared by the scheduler and the notifier: run once every pollMs, never two runs
// at once (the next wait starts only after a run settles), and a failed run is logged, not fatal.

import type { Logger } from '../logger.js';

/** PollLoop starts and stops a background loop; stop() only ends the waiting, not a run in flight. */
export interface PollLoop {
  start(): void;
  stop(): void;
}

/**
 * createPollLoop calls `run` pollMs after the previous call settled, until stop(). A rejected run
 * is logged at error level as `${name} failed` and the loop goes on.
 */
export function createPollLoop(options: {
  name: string;
  pollMs: number;
  logger: Logger;
  run: () => Promise<unknown>;
}): PollLoop {
  const { name, pollMs, logger, run } = options;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const schedule = () => {
    timer = setTimeout(() => {
      run()
        .catch((e: unknown) => logger.error(`${name} failed`, { error: (e as Error).message }))
        .finally(() => {
          if (running) schedule();
        });
    }, pollMs);
  };
  return {
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    stop() {
      running = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
