// Folding a batch of new prediction events into per-window column values, and turning those
// values into profiles shaped like the stored (or baseline) profile they will merge with.
import type { FeatureKind, FeatureValue, PredictionEvent } from '@vigil/contracts';
import {
  type ColumnProfile,
  createCategoricalProfile,
  createNumericProfile,
  createProfileLike,
  updateCategorical,
  updateNumeric,
} from '@vigil/core';
import type { ColumnRole, WindowKind } from './port.js';

/** WINDOW_MS is the length of each stored window kind (UTC-aligned). */
export const WINDOW_MS: Readonly<Record<WindowKind, number>> = {
  hour: 3_600_000,
  day: 86_400_000,
};

/** windowStart is the start of the UTC-aligned window holding `timeMs`. */
export function windowStart(timeMs: number, kind: WindowKind): number {
  const w = WINDOW_MS[kind];
  return Math.floor(timeMs / w) * w;
}

/** ModelLayout is what the store knows about a model when profiling its events. */
export interface ModelLayout {
  /** Active baseline id, '' when none. */
  readonly layout: string;
  /** Baseline profiles by `role\0name`. */
  readonly baseline: ReadonlyMap<string, ColumnProfile>;
  /** Declared feature kinds. */
  readonly kinds: ReadonlyMap<string, FeatureKind>;
}

/** PendingColumn is one column's new values for one window, not yet profiled. */
export interface PendingColumn {
  readonly model: string;
  readonly layout: string;
  readonly role: ColumnRole;
  readonly column: string;
  readonly windowKind: WindowKind;
  readonly windowStartMs: number;
  readonly values: Array<FeatureValue | undefined>;
  /** Template for a window with no stored profile yet; null: the column is not profiled. */
  template: ColumnProfile | null;
}

/** PREDICTION_COLUMN and LATENCY_COLUMN name the non-feature columns that get profiled. */
export const PREDICTION_COLUMN = 'prediction';
/** LATENCY_COLUMN names the latency column profile. */
export const LATENCY_COLUMN = 'latency_ms';

/**
 * collectColumns groups new prediction events by model, window and column. A feature absent from
 * an event counts as missing in that event's window, so every column's values align with rows.
 */
export function collectColumns(
  events: readonly PredictionEvent[],
  layoutOf: (model: string) => ModelLayout,
  windowKinds: readonly WindowKind[],
): PendingColumn[] {
  const groups = new Map<string, PredictionEvent[]>();
  for (const e of events) {
    for (const kind of windowKinds) {
      const key = `${e.model}\0${kind}\0${windowStart(e.time, kind)}`;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [e]);
      else g.push(e);
    }
  }
  const out: PendingColumn[] = [];
  for (const [key, group] of groups) {
    const [model, kind, start] = key.split('\0');
    const layout = layoutOf(model);
    const names = new Set<string>();
    for (const e of group) for (const n in e.features) names.add(n);
    const make = (role: ColumnRole, column: string, values: PendingColumn['values']) => {
      const base = layout.baseline.get(`${role}\0${column}`);
      out.push({
        model,
        layout: layout.layout,
        role,
        column,
        windowKind: kind as WindowKind,
        windowStartMs: Number(start),
        values,
        template:
          base !== undefined
            ? createProfileLike(base)
            : templateFor(role === 'feature' ? layout.kinds.get(column) : undefined, values),
      });
    };
    for (const n of names)
      make(
        'feature',
        n,
        group.map((e) => e.features[n]),
      );
    if (group.some((e) => e.prediction !== undefined)) {
      make(
        'prediction',
        PREDICTION_COLUMN,
        group.map((e) => e.prediction),
      );
    }
    if (group.some((e) => e.latency_ms !== undefined)) {
      make(
        'latency',
        LATENCY_COLUMN,
        group.map((e) => e.latency_ms),
      );
    }
  }
  return out;
}

// Declared kind first; else the first present value decides (numbers → numeric). Text columns are
// not profiled here: their statistics (length, tokens) belong to a later text profile.
function templateFor(
  kind: FeatureKind | undefined,
  values: PendingColumn['values'],
): ColumnProfile | null {
  if (kind === 'text') return null;
  let numeric = kind === 'numerical';
  if (kind === undefined) {
    const first = values.find((v) => v !== null && v !== undefined);
    if (first === undefined) return null;
    numeric = typeof first === 'number';
  }
  const made = numeric ? createNumericProfile() : createCategoricalProfile();
  // Default options are valid by construction.
  if (!made.ok) throw new Error(`templateFor: ${made.error.message}`);
  return made.value;
}

/**
 * fillProfile adds values to a fresh profile of the template's shape. A value of the wrong type
 * for the profile counts as missing on a numeric profile (a string in a number column) and as its
 * text on a categorical one (7 → '7', true → 'true').
 */
export function fillProfile(
  template: ColumnProfile,
  values: PendingColumn['values'],
): ColumnProfile {
  const p = createProfileLike(template);
  if (p.kind === 'numeric') {
    const xs = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      xs[i] = typeof v === 'number' ? v : Number.NaN;
    }
    updateNumeric(p, xs);
  } else {
    const ss = new Array<string | null>(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      ss[i] = v === null || v === undefined ? null : String(v);
    }
    updateCategorical(p, ss);
  }
  return p;
}

/** ProfiledColumn is one column's profile over a set of events. */
export interface ProfiledColumn {
  readonly role: ColumnRole;
  readonly name: string;
  readonly profile: ColumnProfile;
}

/**
 * profileEvents profiles prediction events as one window (a run of N events, a batch, one
 * segment): features, the prediction and the latency, each shaped like its baseline profile
 * (`baseline` by `role\0name`) so it compares with it, else by declared kind or its first value.
 * A feature absent from an event counts as missing, as in stored window profiles.
 */
export function profileEvents(
  events: readonly PredictionEvent[],
  baseline: ReadonlyMap<string, ColumnProfile>,
  kinds: ReadonlyMap<string, FeatureKind> = new Map(),
): ProfiledColumn[] {
  if (events.length === 0) return [];
  const layout: ModelLayout = { layout: '', baseline, kinds };
  // One pseudo-window holding every event: group under one model and one window start.
  const same = events.map((e) => ({ ...e, model: '-', time: 0 }));
  return collectColumns(same, () => layout, ['hour']).flatMap((c) =>
    c.template === null
      ? []
      : [{ role: c.role, name: c.column, profile: fillProfile(c.template, c.values) }],
  );
}
