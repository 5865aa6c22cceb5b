// Choosing the engine of `vigil drift`: exact (every value in memory) or sketch (streamed
// mergeable profiles, memory bounded by the column count), and `auto`, which estimates the exact
// engine's memory before reading and switches to sketch past --memory-budget.

import type { DriftMethodName } from '@vigil/core';
import type { DriftConfig } from '../drift/config.js';
import { usageError } from '../errors.js';

/** Engine is what --engine accepts. */
export type Engine = 'exact' | 'sketch' | 'auto';

/** DEFAULT_MEMORY_BUDGET is --memory-budget's default: 1 GiB. */
export const DEFAULT_MEMORY_BUDGET = 1024 ** 3;

/**
 * SKETCH_METHODS are the drift methods the sketch engine computes from profiles: the binned ones
 * from histograms or category counts, wasserstein and ks from quantile sketches, t_test from the
 * exact moments (count, mean, M2).
 */
export const SKETCH_METHODS: ReadonlySet<DriftMethodName> = new Set<DriftMethodName>([
  'psi',
  'jensenshannon',
  'kl_div',
  'chisquare',
  'wasserstein',
  'ks',
  't_test',
]);

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/**
 * parseMemoryBudget reads a size such as "1GB", "512MB", "1.5g" or "2000000" (bytes); units are
 * binary (1 GB = 2^30 bytes). Example: "1GB" → 1073741824.
 */
export function parseMemoryBudget(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined || !(Number(m[1]) > 0)) {
    throw usageError(`--memory-budget: expected a size such as 1GB or 512MB, got '${text}'`);
  }
  return Math.round(Number(m[1]) * unit);
}

/** formatBytes renders a byte count for messages: 1.6 GB, 512 MB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * sketchBlocker names the first option that the sketch engine cannot honour (a method that needs
 * the raw values, or the performance block), or returns undefined when sketch mode can run.
 */
export function sketchBlocker(config: DriftConfig): string | undefined {
  const methods: [string, DriftMethodName | undefined][] = [
    ['--method', config.method],
    ['--num-method', config.numMethod],
    ['--cat-method', config.catMethod],
    ['--text-method', config.textMethod],
    ...[...config.columnMethods].map(
      ([column, m]) => [`--column-method ${column}=${m}`, m] as [string, DriftMethodName],
    ),
  ];
  for (const [option, method] of methods) {
    if (method !== undefined && !SKETCH_METHODS.has(method)) {
      return `${option}: ${method} needs the raw values, which the sketch engine does not keep (it computes ${[...SKETCH_METHODS].join(', ')})`;
    }
  }
  if (config.target !== undefined || config.prediction !== undefined) {
    return '--target/--prediction: the performance block needs the raw values, which the sketch engine does not keep';
  }
  return undefined;
}

/** checkSketchConfig throws the usage error (exit 2) for --engine sketch with an option it cannot honour. */
export function checkSketchConfig(config: DriftConfig): void {
  const blocker = sketchBlocker(config);
  if (blocker !== undefined) throw usageError(`${blocker}; use --engine exact`);
}

/**
 * exactMemoryEstimate is the memory the exact engine would need for the column data: 8 bytes per
 * value (Float64Array; strings are interned and cost about as much) for every row of every
 * compared column on both sides.
 */
export function exactMemoryEstimate(rows: number, columns: number): number {
  return rows * columns * 8;
}
