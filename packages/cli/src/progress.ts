// A progress bar on stderr for runs longer than two seconds, on a terminal only. It appears late on
// purpose: a one-second run should print its report and nothing else.

import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.js';

/** PROGRESS_DELAY_MS is how long a run goes before the bar appears. */
export const PROGRESS_DELAY_MS = 2000;

/**
 * Progress tracks named stages, each from 0 to 1, and shows one bar once the run has lasted
 * PROGRESS_DELAY_MS. Disabled (a no-op) when stderr is not a terminal or --no-progress is given.
 */
export class Progress {
  readonly #io: CliIo;
  readonly #enabled: boolean;
  readonly #startedAt: number;
  readonly #delayMs: number;
  #bar: cliProgress.SingleBar | null = null;
  #stage = '';

  constructor(io: CliIo, options: { enabled: boolean; delayMs?: number; now?: number }) {
    this.#io = io;
    this.#enabled = options.enabled && io.stderrIsTTY && io.stderrStream !== undefined;
    this.#startedAt = options.now ?? performance.now();
    this.#delayMs = options.delayMs ?? PROGRESS_DELAY_MS;
  }

  /** stage names what is being done now and resets the bar to `fraction`. */
  stage(label: string, fraction = 0): void {
    this.#stage = label;
    this.update(fraction);
  }

  /** update moves the bar of the current stage to `fraction` in [0, 1]. */
  update(fraction: number): void {
    if (!this.#enabled) return;
    const value = Math.round(Math.max(0, Math.min(1, fraction)) * 1000);
    if (this.#bar === null) {
      if (performance.now() - this.#startedAt < this.#delayMs) return;
      this.#bar = new cliProgress.SingleBar(
        {
          stream: this.#io.stderrStream,
          format: ' {stage} |{bar}| {percentage}% | {duration_formatted}',
          hideCursor: true,
          clearOnComplete: true,
          barsize: 30,
        },
        cliProgress.Presets.shades_classic,
      );
      this.#bar.start(1000, value, { stage: this.#stage });
      return;
    }
    this.#bar.update(value, { stage: this.#stage });
  }

  /** stop removes the bar (before the report or an error is printed). */
  stop(): void {
    if (this.#bar !== null) {
      this.#bar.stop();
      this.#bar = null;
    }
  }
}
