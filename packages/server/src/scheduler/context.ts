// One evaluation's context: the store, the monitor, its model and baseline, its data window, and
// the reads every monitor type shares (the window's raw predictions, current column profiles,
// reference chunk profiles), each done at most once.
import type {
  FeatureKind,
  MonitorDefinition,
  MonitorSpec,
  PredictionEvent,
} from '@vigil/contracts';
import { alignProfile, type ColumnProfile, mergeProfiles } from '@vigil/core';
import {
  type BaselineColumn,
  type ColumnRole,
  DEFAULT_MAX_EVENT_ROWS,
  profileEvents,
  type Store,
  type StoredBaseline,
  type StoredModel,
  type TimeRange,
} from '@vigil/store';
import { chunkRanges, type ResolvedWindow, segmentEvents, spanOf } from './window.js';

/** Columns maps `role\0name` to a profile. */
export type Columns = Map<string, ColumnProfile>;

/** columnKey is the key of a column in Columns. */
export function columnKey(role: ColumnRole, name: string): string {
  return `${role}\0${name}`;
}

/** byRole returns the profiles of one role by column name. */
export function byRole(columns: Columns, role: ColumnRole): Record<string, ColumnProfile> {
  const out: Record<string, ColumnProfile> = {};
  const prefix = `${role}\0`;
  for (const [k, p] of columns) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = p;
  return out;
}

/** GatherError is an expected condition that decides the evaluation (no data, or an error). */
export class GatherError extends Error {
  readonly status: 'NO_DATA' | 'ERROR';
  constructor(status: 'NO_DATA' | 'ERROR', message: string) {
    super(message);
    this.status = status;
  }
}

/** EvalContext gathers one evaluation's data lazily and caches it. */
export class EvalContext {
  readonly store: Store;
  readonly projectId: string;
  readonly def: MonitorDefinition;
  readonly spec: MonitorSpec;
  readonly model: StoredModel;
  readonly window: ResolvedWindow;
  /** The stored span; event and batch windows narrow it to their events' times. */
  span: ResolvedWindow['span'];
  #baseline: Promise<{ meta: StoredBaseline; columns: Columns }> | null = null;
  #events: Promise<PredictionEvent[]> | null = null;
  #current: Promise<Columns> | null = null;

  constructor(
    store: Store,
    projectId: string,
    def: MonitorDefinition,
    model: StoredModel,
    window: ResolvedWindow,
  ) {
    this.store = store;
    this.projectId = projectId;
    this.def = def;
    this.spec = def.spec;
    this.model = model;
    this.window = window;
    this.span = window.span;
  }

  get kinds(): Map<string, FeatureKind> {
    return new Map(this.model.spec.features.map((f) => [f.name, f.kind]));
  }

  /** baseline is the monitor's baseline (its `baseline` id, else the model's active one). */
  baseline(): Promise<{ meta: StoredBaseline; columns: Columns }> {
    this.#baseline ??= (async () => {
      const id = this.spec.baseline ?? this.model.activeBaselineId;
      if (id === null)
        throw new GatherError('NO_DATA', `model "${this.spec.model}" has no baseline`);
      const meta = await this.store.getBaseline(this.projectId, id);
      const rows: BaselineColumn[] = await this.store.getBaselineProfiles(this.projectId, id);
      if (meta === null || rows.length === 0) {
        throw new GatherError('ERROR', `baseline "${id}" has no profiles in this project`);
      }
      return { meta, columns: new Map(rows.map((r) => [columnKey(r.role, r.name), r.profile])) };
    })();
    return this.#baseline;
  }

  /** events are the window's predictions inside the segment filter (raw rows, bounded). */
  events(): Promise<PredictionEvent[]> {
    this.#events ??= (async () => {
      const rows = await this.store.monitorData.queryModelEvents(this.projectId, {
        type: 'prediction',
        model: this.spec.model,
        select: this.window.select,
        maxRows: DEFAULT_MAX_EVENT_ROWS + 1,
      });
      if (rows.length > DEFAULT_MAX_EVENT_ROWS) {
        throw new GatherError(
          'ERROR',
          `the window holds more than ${DEFAULT_MAX_EVENT_ROWS} predictions to read one by one; use an hourly or daily window without a segment filter`,
        );
      }
      const all = rows.map((r) => r.event as PredictionEvent);
      if (this.window.range === null) this.span = spanOf(all, this.span);
      return segmentEvents(all, this.spec.segment);
    })();
    return this.#events;
  }

  /** usesProfiles tells whether stored hourly profiles hold this window (time, no segment). */
  get usesProfiles(): boolean {
    return this.window.range !== null && this.spec.segment === undefined;
  }

  /**
   * current is the window's column profiles: hourly window profiles merged when usesProfiles,
   * else profiled from the raw events; both shaped like the baseline's columns when there is one.
   */
  current(): Promise<Columns> {
    this.#current ??= (async () => {
      const base = await this.baseline().then(
        (b) => b.columns,
        () => new Map<string, ColumnProfile>(),
      );
      if (!this.usesProfiles) {
        const out: Columns = new Map();
        for (const c of profileEvents(await this.events(), base, this.kinds)) {
          out.set(columnKey(c.role, c.name), c.profile);
        }
        return out;
      }
      return this.profilesIn(this.window.range as TimeRange, base);
    })();
    return this.#current;
  }

  /**
   * profilesIn merges the model's hourly profiles whose hour starts in `range`, per column. The
   * baseline's own layout goes first; profiles of other layouts are laid out like the baseline
   * column (alignProfile: exact for a window baseline's sketch edges) and merged, or left out.
   */
  async profilesIn(range: TimeRange, base: Columns): Promise<Columns> {
    const layout = this.spec.baseline ?? this.model.activeBaselineId ?? '';
    const rows = (
      await this.store.queryWindowProfiles(this.projectId, {
        model: this.spec.model,
        range,
        windowKind: 'hour',
      })
    ).sort((a, b) => Number(b.layout === layout) - Number(a.layout === layout));
    const out: Columns = new Map();
    for (const r of rows) {
      const key = columnKey(r.role, r.column);
      const like = base.get(key);
      let p = r.profile;
      if (like !== undefined && like.kind === p.kind) {
        const a = alignProfile(p, like);
        if (!a.ok) continue;
        p = a.value;
      }
      const cur = out.get(key);
      if (cur === undefined) out.set(key, p);
      else {
        const m = mergeProfiles(cur, p);
        if (m.ok) out.set(key, m.value);
      }
    }
    return out;
  }

  /**
   * referenceChunks splits the baseline's reference period into `chunks` ranges and returns, per
   * column of `role`, the merged profile of each chunk that has data (learned thresholds).
   */
  async referenceChunks(role: ColumnRole, chunks: number): Promise<Map<string, ColumnProfile[]>> {
    const b = await this.baseline();
    const ranges = chunkRanges(b.meta, chunks);
    if (typeof ranges === 'string') throw new GatherError('ERROR', ranges);
    const out = new Map<string, ColumnProfile[]>();
    for (const range of ranges) {
      const cols = await this.profilesIn(range, b.columns);
      for (const [k, p] of cols) {
        if (!k.startsWith(`${role}\0`)) continue;
        const name = k.slice(role.length + 1);
        const list = out.get(name) ?? [];
        list.push(p);
        out.set(name, list);
      }
    }
    return out;
  }
}
