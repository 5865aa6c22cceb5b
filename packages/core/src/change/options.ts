import type { DetectorMode } from './types.js';

// Invalid options are a caller bug, not a data condition, so they throw (RangeError) at creation
// time, the same way river raises ValueError in its constructors.

/** requireFinite throws a RangeError unless `value` is a finite number. */
export function requireFinite(name: string, value: number): void {
  if (!Number.isFinite(value))
    throw new RangeError(`${name} must be a finite number, got ${value}`);
}

/** requireInteger throws a RangeError unless `value` is an integer >= `min`. */
export function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** requireMode throws a RangeError unless `mode` is 'up', 'down' or 'both'. */
export function requireMode(mode: DetectorMode): void {
  if (mode !== 'up' && mode !== 'down' && mode !== 'both') {
    throw new RangeError(`mode must be 'up', 'down' or 'both', got ${String(mode)}`);
  }
}
