// One helper thread for the heavy parts of `vigil drift` on this 2-core class of machine: reading the
// current file while the main thread reads the reference, and analysing half of the numeric
// columns while the main thread does the rest. Small inputs stay on one thread (a worker costs
// ~50 ms to start), and so do runs from TypeScript sources (tests), where there is no worker.js.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CliError } from '../errors.js';
import type { ReadRequest } from '../io/read.js';
import type { DataTable } from '../io/table.js';
import type { ColumnOptions, ColumnResult } from '../report/build.js';
import type { SketchSpec, StreamFile } from '../sketch/run.js';
import type { SideSketch } from '../sketch/side.js';
import type { AnalyseItem, FromWorker, ToWorker } from './messages.js';
import { transferables } from './messages.js';

/** PARALLEL_MIN_BYTES: files smaller than this (both together) are read on one thread. */
export const PARALLEL_MIN_BYTES = 64 << 20;
/** PARALLEL_MIN_VALUES: below this many numeric values to analyse, one thread is faster. */
export const PARALLEL_MIN_VALUES = 4_000_000;

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** ParallelMode: never use the helper thread, decide by size, or always (tests). */
export type ParallelMode = 'off' | 'auto' | 'force';

/**
 * parallelMode reads VIGIL_WORKERS: "0" never uses the helper thread, "1" always does (tests),
 * unset decides by input size. Never when the machine has one core or worker.js is not built.
 */
export function parallelMode(env: Readonly<Record<string, string | undefined>>): ParallelMode {
  if (env.VIGIL_WORKERS === '0' || availableParallelism() < 2) return 'off';
  if (!WORKER_URL.pathname.endsWith('.js') || !existsSync(fileURLToPath(WORKER_URL))) return 'off';
  return env.VIGIL_WORKERS === '1' ? 'force' : 'auto';
}

function rebuildError(error: { kind: string; message: string }): Error {
  if (error.kind === 'usage' || error.kind === 'input')
    return new CliError(error.kind, error.message);
  return new Error(error.message);
}

/** HelperThread runs requests on one worker thread, one at a time. */
export class HelperThread {
  readonly #worker = new Worker(WORKER_URL);

  #request<T extends FromWorker['type']>(
    message: ToWorker,
    transfer: ArrayBuffer[],
    expect: T,
    onProgress: (fraction: number) => void,
  ): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.type === 'progress') {
          onProgress(m.fraction);
          return;
        }
        cleanup();
        if (m.type === 'error') reject(rebuildError(m.error));
        else if (m.type === expect) resolve(m as Extract<FromWorker, { type: T }>);
        else reject(new Error(`worker answered ${m.type}, expected ${expect}`));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        this.#worker.off('message', onMessage);
        this.#worker.off('error', onError);
      };
      this.#worker.on('message', onMessage);
      this.#worker.on('error', onError);
      this.#worker.postMessage(message, transfer);
    });
  }

  /** read reads one file on the helper thread; the table's numeric buffers are moved back. */
  async read(request: ReadRequest): Promise<DataTable> {
    const { onProgress, ...rest } = request;
    const m = await this.#request(
      { type: 'read', request: rest },
      [],
      'table',
      onProgress ?? (() => {}),
    );
    return m.table;
  }

  /**
   * analyse runs analyseColumn over `items` on the helper thread. The columns' buffers move to
   * the worker and back: `restore` receives each item again so the caller can re-attach them.
   */
  async analyse(
    items: AnalyseItem[],
    options: ColumnOptions,
    onProgress: (fraction: number) => void,
    restore: (item: AnalyseItem) => void,
  ): Promise<{ index: number; result: ColumnResult }[]> {
    const columns = items.flatMap((item) => [item.reference, item.current]);
    const m = await this.#request(
      { type: 'analyse', items, options },
      transferables(columns),
      'results',
      onProgress,
    );
    for (const item of m.items) restore(item);
    return m.results;
  }

  /** sketch streams one CSV/TSV file into the sketch engine's profiles on the helper thread. */
  async sketch(
    file: StreamFile,
    specs: readonly SketchSpec[],
    duplicateColumns: readonly string[],
    onProgress: (fraction: number) => void,
  ): Promise<SideSketch> {
    const m = await this.#request(
      { type: 'sketch', file, specs: [...specs], duplicateColumns: [...duplicateColumns] },
      [],
      'side',
      onProgress,
    );
    return m.side;
  }

  /** close stops the worker. */
  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}
