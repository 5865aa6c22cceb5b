// A baseline from a window of ingested data: the hourly window profiles of [from, to) merged per
// column. Ten million rows become one profile per column, a few kilobytes, read without raw rows.
import { type ColumnProfile, mergeProfiles, withSketchHistogram } from '@vigil/core';
import { StoreError } from './errors.js';
import type { BaselineColumn, Store, StoredBaseline, WindowProfile } from './port.js';

/** BaselineFromWindowOptions name the model, the window [fromMs, toMs) and the new baseline. */
export interface BaselineFromWindowOptions {
  readonly model: string;
  readonly name: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** Make it the model's active baseline (default true). */
  readonly activate?: boolean;
}

/** BaselineFromWindow is the created baseline with its merged columns. */
export interface BaselineFromWindow {
  readonly baseline: StoredBaseline;
  readonly columns: readonly BaselineColumn[];
}

// Profiles of one layout share edges and sketch parameters, so they merge; profiles laid out for
// another baseline may not. The layout holding the most rows of the window wins.
function dominantLayout(rows: readonly WindowProfile[]): string {
  const rowsByLayout = new Map<string, number>();
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.layout}\0${r.windowStartMs}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rowsByLayout.set(r.layout, (rowsByLayout.get(r.layout) ?? 0) + r.rowCount);
  }
  let best = '';
  let bestRows = -1;
  for (const [layout, n] of rowsByLayout) {
    if (n > bestRows || (n === bestRows && layout < best)) {
      best = layout;
      bestRows = n;
    }
  }
  return best;
}

// Window profiles carry no histogram (their range is unknown before data arrives), so binned
// methods (psi, kl_div, jensenshannon, chisquare) would have nothing to compare. Edges are taken
// on the merged sketch's bucket boundaries: the baseline's counts on them are exact, windows
// profiled after activation copy them, and windows profiled before can be counted on them from
// their sketches, exactly too (core sketchHistogram). A collapsed sketch keeps what it had.
function binned(p: ColumnProfile): ColumnProfile {
  if (p.kind !== 'numeric' || p.count === 0) return p;
  const h = withSketchHistogram(p);
  return h.ok ? h.value : p;
}

/**
 * createBaselineFromWindow merges the model's hourly window profiles whose window starts in
 * [fromMs, toMs) into one profile per (role, column), gives numerical columns histogram edges on
 * their sketch's bucket boundaries (Sturges bins over the window's range; one bin per value for
 * discrete data) and stores them as a baseline (activated unless `activate` is false). The row count is the sum over windows of the largest column count
 * (every column of a window sees every row: absent values count as missing).
 * Throws StoreError NOT_FOUND for an unknown model and INVALID_ARGUMENT when the window holds no
 * profiled data; CONFLICT when the name is taken.
 */
export async function createBaselineFromWindow(
  store: Store,
  projectId: string,
  options: BaselineFromWindowOptions,
): Promise<BaselineFromWindow> {
  const { model, fromMs, toMs } = options;
  if ((await store.getModel(projectId, model)) === null) {
    throw new StoreError('NOT_FOUND', `no model "${model}"`);
  }
  const all = await store.queryWindowProfiles(projectId, {
    model,
    range: { fromMs, toMs },
    windowKind: 'hour',
  });
  if (all.length === 0) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      `model "${model}" has no ingested predictions in [${new Date(fromMs).toISOString()}, ${new Date(toMs).toISOString()})`,
    );
  }
  const layout = dominantLayout(all);
  const merged = new Map<
    string,
    { role: BaselineColumn['role']; name: string; p: ColumnProfile }
  >();
  const rowsPerWindow = new Map<number, number>();
  for (const w of all) {
    if (w.layout !== layout) continue;
    rowsPerWindow.set(
      w.windowStartMs,
      Math.max(rowsPerWindow.get(w.windowStartMs) ?? 0, w.rowCount),
    );
    const key = `${w.role}\0${w.column}`;
    const cur = merged.get(key);
    if (cur === undefined) {
      merged.set(key, { role: w.role, name: w.column, p: w.profile });
      continue;
    }
    const m = mergeProfiles(cur.p, w.profile);
    // One layout means one shape per column; a failure would be a store bug, not bad input.
    if (!m.ok) throw new Error(`createBaselineFromWindow: ${key}: ${m.error.message}`);
    cur.p = m.value;
  }
  let rowCount = 0;
  for (const n of rowsPerWindow.values()) rowCount += n;
  const columns: BaselineColumn[] = [...merged.values()]
    .map((c) => ({ role: c.role, name: c.name, profile: binned(c.p) }))
    .sort((a, b) => (a.role + a.name < b.role + b.name ? -1 : 1));
  const baseline = await store.createBaseline(
    projectId,
    {
      name: options.name,
      model,
      source: { kind: 'window', from: fromMs, to: toMs },
      row_count: rowCount,
    },
    columns,
    { activate: options.activate ?? true },
  );
  return { baseline, columns };
}
