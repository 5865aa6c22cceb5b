// The sketch engine of `vigil drift`: two streamed passes, memory bounded by the column count.
//
// Pass 1 reads the reference once and keeps, per column, what fixes the profiles' parameters:
// kind (as the exact engine infers it), count, range, mean (the quantile sketch's center) and up to
// 21 distinct values. Histogram edges need that range before any value is binned, so the reference
// is read twice; building a DDSketch first and deriving edges from it would save the pass but bin
// approximately. The current file joins pass 1 only when a binned method (psi, kl_div,
// jensenshannon) is asked for on a continuous column: the exact engine bins those over
// reference + current combined, and with the combined range the sketch bins are the same bins.
// Pass 2 streams both files into profiles (core's NumericProfile / CategoricalProfile) and exact
// small counters; the current file is read on the helper thread when there is one.

import { edgesFromReference, hllStandardError, profileSummary } from '@vigil/core';
import type { DriftConfig } from '../drift/config.js';
import type { ColumnPlan } from '../drift/plan.js';
import { checkNames, planWithKinds, selectColumns } from '../drift/plan.js';
import { load, names, neededColumns, rangeLabel } from '../drift/run.js';
import { streamDsv } from '../io/csv.js';
import type { InputFormat } from '../io/format.js';
import { detectFormat } from '../io/format.js';
import { readHeader } from '../io/read.js';
import type { DataTable } from '../io/table.js';
import type { HelperThread, ParallelMode } from '../parallel/pool.js';
import type { Progress } from '../progress.js';
import type { ColumnResult } from '../report/build.js';
import { finishReport } from '../report/build.js';
import type { DriftReport } from '../report/types.js';
import type { Binning } from './drift.js';
import { sketchColumnDrift } from './drift.js';
import { checkSketchConfig } from './engine.js';
import { sketchColumnQuality } from './quality.js';
import type { ColumnSpec, SideSketch } from './side.js';
import { addChunk, createSide, DUPLICATE_HLL_PRECISION } from './side.js';
import type { ColumnTracker, NumberFacts } from './tracker.js';
import { createTracker, trackChunk, trackedKind } from './tracker.js';

/** ChunkSource replays one side's rows as chunks (a file streamed, or a loaded table at once). */
export type ChunkSource = (
  onChunk: (chunk: DataTable) => void,
  onProgress?: (f: number) => void,
) => Promise<void>;

/** SketchSpec is a ColumnSpec plus where its edges came from. */
export type SketchSpec = ColumnSpec & { readonly binning: Binning };

/** StreamFile says how to stream one CSV/TSV file (sent to the helper thread as is). */
export interface StreamFile {
  readonly path: string;
  readonly delimiter: number;
  readonly columns: readonly string[];
}

// chisquare is not here: on numerical columns it counts each distinct value, not bins.
const BINNED = new Set(['psi', 'kl_div', 'jensenshannon']);

/** KS_SKETCH_ACCURACY is the sketch accuracy α of columns tested with ks (core's default is 0.01). */
export const KS_SKETCH_ACCURACY = 0.001;

/** canStream: the sketch engine streams two CSV/TSV files; a time split or --derive loads whole tables. */
export function canStream(
  config: DriftConfig,
  refFormat: InputFormat,
  curFormat: InputFormat,
): boolean {
  const text = (f: InputFormat) => f === 'csv' || f === 'tsv';
  return (
    config.current !== undefined &&
    config.timeColumn === undefined &&
    config.derive.length === 0 &&
    text(refFormat) &&
    text(curFormat)
  );
}

function delimiterOf(config: DriftConfig, format: InputFormat): number {
  if (config.delimiter !== undefined)
    return config.delimiter === '\\t' ? 9 : config.delimiter.charCodeAt(0);
  return format === 'tsv' ? 9 : 44;
}

/** streamSource replays a CSV/TSV file in chunks. */
export function streamSource(file: StreamFile): ChunkSource {
  return async (onChunk, onProgress) => {
    await streamDsv(
      file.path,
      {
        delimiter: file.delimiter,
        columns: new Set(file.columns),
        ...(onProgress
          ? { onProgress: (done, total) => onProgress(total > 0 ? done / total : 1) }
          : {}),
      },
      onChunk,
    );
  };
}

function tableSource(table: DataTable): ChunkSource {
  return async (onChunk) => onChunk(table);
}

/** scanSide runs pass 1 over one side: a tracker per column. */
export async function scanSide(
  source: ChunkSource,
  columns: readonly string[],
  onProgress?: (f: number) => void,
): Promise<Map<string, ColumnTracker>> {
  const trackers = new Map(columns.map((c) => [c, createTracker()]));
  await source((chunk) => {
    for (const [name, t] of trackers) {
      const raw = chunk.columns.get(name);
      if (raw !== undefined) trackChunk(t, raw);
    }
  }, onProgress);
  return trackers;
}

/** sketchSide runs pass 2 over one side: profiles per column and the row hashes. */
export async function sketchSide(
  source: ChunkSource,
  specs: readonly SketchSpec[],
  duplicateColumns: readonly string[],
  onProgress?: (f: number) => void,
): Promise<SideSketch> {
  const side = createSide(specs);
  await source((chunk) => addChunk(side, chunk, specs, duplicateColumns), onProgress);
  return side;
}

/** sturgesBins is numpy's 'sturges' bin count for `size` values over [lo, hi] (as core's binning). */
export function sturgesBins(size: number, lo: number, hi: number): number {
  const width = (hi - lo) / (Math.log2(size) + 1);
  if (!(width > 0)) return 1;
  return Math.ceil((hi - lo) / width);
}

function factsOf(t: ColumnTracker, plan: ColumnPlan): NumberFacts {
  return plan.kind === 'text' ? t.lengths : t.numbers;
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** needsCombined: a binned method on a continuous (more than 20 values, or --bins) numerical column. */
function needsCombined(config: DriftConfig, plan: ColumnPlan, facts: NumberFacts): boolean {
  if (plan.kind === 'categorical' || plan.method === undefined || !BINNED.has(plan.method))
    return false;
  return config.bins !== undefined || facts.distinct.length > 20 || facts.overflow;
}

/** makeSpec fixes a column's profile parameters from pass 1. */
export function makeSpec(
  config: DriftConfig,
  plan: ColumnPlan,
  ref: NumberFacts,
  cur: NumberFacts | undefined,
): SketchSpec {
  const base = { name: plan.name, kind: plan.kind };
  if (plan.kind === 'categorical' || ref.present === 0) {
    return {
      ...base,
      edges: null,
      center: 0,
      referenceMin: Number.POSITIVE_INFINITY,
      referenceMax: Number.NEGATIVE_INFINITY,
      binning: 'reference',
    };
  }
  let center = ref.sum / ref.present;
  if (!Number.isFinite(center)) center = 0;
  // At millions of rows a small error in D moves the ks p-value a lot: a finer sketch for ks.
  const range = {
    referenceMin: ref.min,
    referenceMax: ref.max,
    ...(plan.method === 'ks' ? { sketchAccuracy: KS_SKETCH_ACCURACY } : {}),
  };
  if (cur !== undefined && needsCombined(config, plan, ref)) {
    // The exact engine's bins: equal width over both sides, Sturges on both counts (numpy linspace).
    const lo = Math.min(ref.min, cur.present > 0 ? cur.min : ref.min);
    const hi = Math.max(ref.max, cur.present > 0 ? cur.max : ref.max);
    const k = config.bins ?? sturgesBins(ref.present + cur.present, lo, hi);
    const edges = new Float64Array(k + 1);
    const step = (hi - lo) / k;
    for (let i = 0; i < k; i++) edges[i] = i * step + lo;
    edges[k] = hi;
    if (lo === hi) {
      edges[0] = lo - 0.5;
      edges[k] = hi + 0.5;
    }
    return { ...base, edges, center, ...range, binning: 'combined' };
  }
  if (config.bins === undefined && !ref.overflow && ref.distinct.length <= 20) {
    // One bin per reference value; drift itself bins the union's values from exact counts.
    const edges = must(edgesFromReference(Float64Array.from(ref.distinct)));
    return { ...base, edges, center, ...range, binning: 'values' };
  }
  const k = Math.min(65_536, config.bins ?? Math.ceil(Math.log2(ref.present)) + 1);
  const edges = must(edgesFromReference(Float64Array.of(ref.min, ref.max), { bins: k }));
  return { ...base, edges, center, ...range, binning: 'reference' };
}

/** duplicateEstimate turns the row-hash HyperLogLog into a duplicate share (0 within 3 standard errors). */
function duplicateEstimate(side: SideSketch): { share: number; se: number } {
  if (side.rows === 0 || side.rowHashes.count === 0) return { share: 0, se: 0 };
  const s = profileSummary(side.rowHashes);
  const distinct = Math.min(side.rows, s.distinct);
  const se = (hllStandardError(DUPLICATE_HLL_PRECISION) * distinct) / side.rows;
  const share = (side.rows - distinct) / side.rows;
  return { share: share > 3 * se ? share : 0, se };
}

/** SketchRunOptions: progress, and the helper thread for the current file. */
export interface SketchRunOptions {
  readonly progress: Progress;
  readonly parallel?: ParallelMode;
  readonly helper?: () => HelperThread;
}

/**
 * sketchReport builds the DriftReport with the sketch engine. Options it cannot honour (methods
 * that need raw values, the performance block) are usage errors (exit 2).
 */
export async function sketchReport(
  config: DriftConfig,
  options: SketchRunOptions,
): Promise<DriftReport> {
  checkSketchConfig(config);
  const { progress } = options;
  const refFormat = detectFormat(config.reference, config.inputFormat);
  const curFormat =
    config.current === undefined ? refFormat : detectFormat(config.current, config.inputFormat);
  let refSource: ChunkSource;
  let curSource: ChunkSource;
  let refHeader: readonly string[];
  let curHeader: readonly string[];
  let selected: string[];
  let duplicateColumns: string[];
  let curFile: StreamFile | undefined;
  if (canStream(config, refFormat, curFormat)) {
    const request = (path: string, format: InputFormat) => ({
      path,
      format,
      ...(config.delimiter !== undefined ? { delimiter: config.delimiter } : {}),
    });
    refHeader = (await readHeader(request(config.reference, refFormat)))!;
    curHeader = (await readHeader(request(config.current!, curFormat)))!;
    const sets = names(config, refHeader, curHeader);
    checkNames(config, sets);
    selected = selectColumns(config, sets);
    const projection = [...neededColumns(config, selected)];
    const refSet = new Set(refHeader);
    const curSet = new Set(curHeader);
    duplicateColumns = projection.filter((n) => refSet.has(n) && curSet.has(n));
    refSource = streamSource({
      path: config.reference,
      delimiter: delimiterOf(config, refFormat),
      columns: projection,
    });
    curFile = {
      path: config.current!,
      delimiter: delimiterOf(config, curFormat),
      columns: projection,
    };
    curSource = streamSource(curFile);
  } else {
    // Whole tables: same profiles and numbers, but no memory saving (documented).
    const tables = await load(
      config,
      progress,
      options.parallel ?? 'off',
      options.helper ?? noHelper,
    );
    refHeader = tables.reference.header;
    curHeader = tables.current.header;
    const sets = names(config, tables.reference.header, tables.current.header);
    checkNames(config, sets);
    selected = selectColumns(config, sets);
    const derived = new Set(config.derive.map((d) => d.name));
    duplicateColumns = tables.reference.names.filter(
      (n) => tables.current.columns.has(n) && !derived.has(n),
    );
    refSource = tableSource(tables.reference);
    curSource = tableSource(tables.current);
  }

  progress.stage('pass 1: reference ranges');
  const refScan = await scanSide(refSource, selected, (f) => progress.update(f));
  const plans = planWithKinds(config, selected, (name) => trackedKind(refScan.get(name)!));
  const combined = plans.filter((p) => needsCombined(config, p, factsOf(refScan.get(p.name)!, p)));
  let curScan: Map<string, ColumnTracker> | undefined;
  if (combined.length > 0) {
    progress.stage('pass 1: current ranges');
    curScan = await scanSide(
      curSource,
      combined.map((p) => p.name),
      (f) => progress.update(f),
    );
  }
  const specs = plans.map((p) => {
    const cur = curScan?.get(p.name);
    return makeSpec(
      config,
      p,
      factsOf(refScan.get(p.name)!, p),
      cur === undefined ? undefined : factsOf(cur, p),
    );
  });

  progress.stage('pass 2: profiles');
  let refDone = 0;
  let curDone = 0;
  const tick = () => progress.update((refDone + curDone) / 2);
  const useHelper =
    curFile !== undefined &&
    options.helper !== undefined &&
    options.parallel !== undefined &&
    options.parallel !== 'off';
  const [refSide, curSide] = await Promise.all([
    sketchSide(refSource, specs, duplicateColumns, (f) => {
      refDone = f;
      tick();
    }),
    useHelper
      ? options.helper!().sketch(curFile!, specs, duplicateColumns, (f) => {
          curDone = f;
          tick();
        })
      : sketchSide(curSource, specs, duplicateColumns, (f) => {
          curDone = f;
          tick();
        }),
  ]);

  progress.stage('comparing columns');
  const distributions = config.distributions;
  const results: ColumnResult[] = plans.map((plan, i) => {
    const spec = specs[i];
    const r = refSide.columns.get(plan.name)!;
    const c = curSide.columns.get(plan.name)!;
    const drift = sketchColumnDrift(plan, spec, r, c, {
      ...(config.bins !== undefined ? { bins: config.bins } : {}),
      distributions,
    });
    return { drift, ...sketchColumnQuality(spec, r, c) };
  });
  const dr = duplicateEstimate(refSide);
  const dc = duplicateEstimate(curSide);
  const report = finishReport({
    reference: {
      rows: refSide.rows,
      header: refHeader,
      label: rangeLabel(config.reference, config.timeColumn, config.referenceRange),
    },
    current: {
      rows: curSide.rows,
      header: curHeader,
      label: rangeLabel(config.current ?? config.reference, config.timeColumn, config.currentRange),
    },
    results,
    duplicates: { reference: dr.share, current: dc.share, standard_error: Math.max(dr.se, dc.se) },
    driftShare: config.driftShare,
    performance: null,
  });
  report.engine = 'sketch';
  return report;
}

function noHelper(): HelperThread {
  throw new Error('no helper thread');
}
