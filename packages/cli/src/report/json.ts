import type { DriftReport } from './types.js';

/** renderJson renders the report as the `--format json` contract: pretty-printed, one trailing newline. */
export function renderJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
