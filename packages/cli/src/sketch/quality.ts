// Data quality from the sketches: the same checks and severities as the exact engine
// (report/quality.ts grades both), with these sources: missing shares, min and max are exact;
// distinct counts are exact up to 1,024 values (numerical) or 4,096 categories, else HyperLogLog
// estimates; the mode share is exact while values are counted, else a lower bound (Misra-Gries
// with one counter); the out-of-range share is exact (the reference range is known from the first
// pass); new categories are exact while both sides' categories fit the profile, else they come from
// the frequent items.

import { profileSummary } from '@vigil/core';
import type { ColumnResult } from '../report/build.js';
import type { QualityFacts } from '../report/quality.js';
import { qualityFindings } from '../report/quality.js';
import type { ColumnQuality } from '../report/types.js';
import { present } from './drift.js';
import type { ColumnSketch, ColumnSpec } from './side.js';
import { trackedKind } from './tracker.js';

function sideFacts(c: ColumnSketch, numerical: boolean): QualityFacts['reference'] {
  const n = present(c);
  const rows = c.tracker.rows;
  let distinct: number | undefined;
  let top = 0;
  if (c.counts !== null) {
    distinct = c.counts.size;
    for (const v of c.counts.values()) if (v > top) top = v;
  } else if (c.numeric !== null) {
    const s = profileSummary(c.numeric);
    distinct = Math.round(s.distinct);
    top = c.majorityCount;
  } else if (c.categorical !== null) {
    const s = profileSummary(c.categorical);
    if (s.kind === 'categorical') {
      distinct = Math.round(s.distinct);
      top = s.topItems[0]?.count ?? 0;
    }
  }
  const side: ColumnQuality['reference'] = {
    missing_share: rows === 0 ? 0 : (rows - n) / rows,
    ...(numerical && c.numeric !== null && n > 0 ? { min: c.numeric.min, max: c.numeric.max } : {}),
    ...(distinct !== undefined ? { distinct } : {}),
    top_share: n === 0 ? 0 : top / n,
  };
  return { side, present: n, ...(distinct !== undefined ? { distinct } : {}) };
}

/** sketchColumnQuality grades one column's data quality from its two sketches. */
export function sketchColumnQuality(
  spec: ColumnSpec,
  ref: ColumnSketch,
  cur: ColumnSketch,
): Omit<ColumnResult, 'drift'> {
  const numerical = spec.kind === 'numerical';
  const reference = sideFacts(ref, numerical);
  const current = sideFacts(cur, numerical);
  let newCategories: [string, number][] | undefined;
  if (ref.categorical !== null && cur.categorical !== null) {
    const known = ref.categorical.items.counts;
    newCategories = [...cur.categorical.items.counts]
      .filter(([label]) => !known.has(label))
      .sort((a, b) => b[1] - a[1]);
  }
  const curPresent = current.present;
  const outOfRange =
    numerical && reference.present > 0
      ? { share: curPresent === 0 ? 0 : cur.outside / curPresent, count: cur.outside }
      : undefined;
  const { quality, findings } = qualityFindings({
    name: spec.name,
    kind: spec.kind,
    reference,
    current,
    unreadable: [
      { side: 'reference', count: ref.unreadable, example: ref.example },
      { side: 'current', count: cur.unreadable, example: cur.example },
    ],
    ...(newCategories !== undefined ? { newCategories } : {}),
    ...(outOfRange !== undefined ? { outOfRange } : {}),
  });
  const refKind = trackedKind(ref.tracker);
  const curKind = trackedKind(cur.tracker);
  let changedType: ColumnResult['changedType'] = null;
  if (
    refKind !== curKind &&
    quality.reference.missing_share < 1 &&
    quality.current.missing_share < 1
  ) {
    changedType = { column: spec.name, reference: refKind, current: curKind };
    findings.push({
      column: spec.name,
      check: 'changed_type',
      severity: 'critical',
      message: `type changed from ${refKind} to ${curKind}`,
    });
  }
  return { quality, findings, changedType };
}
