// Gathering one evaluation's inputs from the store: the model's baseline profiles and the window
// profiles of the evaluated window, merged per column. Profiles only, never raw rows, so the cost
// does not grow with the number of events in the window.
import type { MonitorDefinition } from '@vigil/contracts';
import { type ColumnProfile, mergeProfiles } from '@vigil/core';
import {
  type EvaluationWindow,
  failedCheck,
  type MonitorEvaluation,
  type MonitorInput,
  summarize,
} from '@vigil/engine';
import type { ColumnRole, Store } from '@vigil/store';

/** GatheredInput is the input to evaluate, or an evaluation already decided (no baseline…). */
export type GatheredInput =
  | { readonly kind: 'input'; readonly input: MonitorInput }
  | { readonly kind: 'decided'; readonly evaluation: MonitorEvaluation };

/** SCHEDULED_TYPES are the monitor types whose inputs the scheduler gathers from profiles. */
export const SCHEDULED_TYPES: ReadonlySet<string> = new Set([
  'data_drift',
  'data_quality',
  'prediction_drift',
]);

function decided(
  def: MonitorDefinition,
  status: 'NO_DATA' | 'ERROR',
  message: string,
): GatheredInput {
  const check = failedCheck(
    { subject: '*', check: def.spec.type, direction: 'above' },
    status,
    0,
    message,
  );
  return { kind: 'decided', evaluation: summarize(def.metadata.name, def.spec.type, [check]) };
}

type Columns = Map<string, ColumnProfile>;

// Window profiles of one column may come in several layouts: the baseline's, and Vigil's
// defaults for events ingested before the baseline was activated. Those merge when their
// parameters agree (a baseline built from a window has the defaults' parameters); a profile that
// does not merge with the ones before it is left out, so the baseline's layout goes first.
function byRole(
  rows: readonly { role: ColumnRole; name: string; profile: ColumnProfile }[],
  role: ColumnRole,
): Columns {
  const out: Columns = new Map();
  for (const r of rows) {
    if (r.role !== role) continue;
    const cur = out.get(r.name);
    if (cur === undefined) {
      out.set(r.name, r.profile);
      continue;
    }
    const m = mergeProfiles(cur, r.profile);
    if (m.ok) out.set(r.name, m.value);
  }
  return out;
}

/**
 * gatherInputs loads what `def` needs to be evaluated on `window`: the baseline (the monitor's
 * `baseline` id, else the model's active one) and the hourly window profiles laid out for that
 * baseline whose hour starts in the window, merged per column. No baseline is NO_DATA; window
 * kinds and monitor types the scheduler does not gather (events, batch; performance,
 * infrastructure, business, custom; segment filters) are an ERROR evaluation that says so.
 */
export async function gatherInputs(
  store: Store,
  projectId: string,
  def: MonitorDefinition,
  window: EvaluationWindow | null,
): Promise<GatheredInput> {
  const spec = def.spec;
  if (!SCHEDULED_TYPES.has(spec.type)) {
    return decided(
      def,
      'ERROR',
      `the scheduler does not gather inputs for ${spec.type} monitors yet`,
    );
  }
  if (window === null || window.kind !== 'time') {
    return decided(def, 'ERROR', `window kind ${spec.window.kind} is not evaluated on a schedule`);
  }
  if (spec.segment !== undefined) {
    return decided(def, 'ERROR', 'segment filters are not evaluated by the scheduler yet');
  }
  const model = await store.getModel(projectId, spec.model);
  if (model === null) return decided(def, 'ERROR', `no model "${spec.model}"`);
  const baselineId = spec.baseline ?? model.activeBaselineId;
  if (baselineId === null) return decided(def, 'NO_DATA', `model "${spec.model}" has no baseline`);
  const baselineRows = await store.getBaselineProfiles(projectId, baselineId);
  if (baselineRows.length === 0) {
    return decided(def, 'ERROR', `baseline "${baselineId}" has no profiles in this project`);
  }
  const windowRows = await store.queryWindowProfiles(projectId, {
    model: spec.model,
    range: { fromMs: window.startMs, toMs: window.endMs },
    windowKind: 'hour',
  });
  const current = windowRows
    .map((w) => ({
      role: w.role,
      name: w.column,
      profile: w.profile,
      own: w.layout === baselineId,
    }))
    .sort((a, b) => Number(b.own) - Number(a.own));
  if (spec.type === 'prediction_drift') {
    const base = byRole(baselineRows, 'prediction');
    const cur = byRole(current, 'prediction');
    const [b] = base.values();
    const [c] = cur.values();
    if (b === undefined) return decided(def, 'ERROR', 'the baseline has no prediction profile');
    if (c === undefined) return decided(def, 'NO_DATA', 'no predictions in this window');
    return { kind: 'input', input: { type: 'prediction_drift', baseline: b, current: c } };
  }
  const input = {
    baseline: Object.fromEntries(byRole(baselineRows, 'feature')),
    current: Object.fromEntries(byRole(current, 'feature')),
    features: model.spec.features,
  };
  return {
    kind: 'input',
    input:
      spec.type === 'data_drift'
        ? { type: 'data_drift', ...input }
        : { type: 'data_quality', ...input },
  };
}
