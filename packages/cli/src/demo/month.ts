// Whole-month PSI against the baseline, from every flight of the month (not the sample): the
// yardstick the daily evaluations are read against. Daily windows of a sample are noisier, above
// all for categorical features with hundreds of values.
import { createProfileLike, profileDrift, updateCategorical, updateNumeric } from '@vigil/core';
import type { ReferenceProfiles } from '../baseline/profiles.js';
import type { DataTable } from '../io/table.js';
import { splitByTime } from '../io/time-split.js';

/** monthPsi computes each profiled column's PSI between the baseline and month `month` of 2001. */
export function monthPsi(
  table: DataTable,
  baseline: ReferenceProfiles,
  month: number,
): Map<string, number> {
  const start = Date.UTC(2001, month, 1);
  const end = Date.UTC(2001, month + 1, 1);
  const out = new Map<string, number>();
  const rows = splitByTime(table, 'date', { start, end, kind: 'date', text: '' }, 'month');
  for (const c of baseline.columns) {
    const col = rows.columns.get(c.name);
    if (col === undefined) continue;
    const p = createProfileLike(c.profile);
    if (p.kind === 'numeric' && col.type === 'number') updateNumeric(p, col.values);
    else if (p.kind === 'categorical' && col.type === 'string') updateCategorical(p, col.values);
    else continue;
    const d = profileDrift(c.profile, p, { method: 'psi' });
    if (d.ok) out.set(c.name, d.value.score);
  }
  return out;
}
