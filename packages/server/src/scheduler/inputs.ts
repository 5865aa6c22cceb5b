// Gathering one evaluation's inputs from the store, for every monitor type: profiles for drift,
// quality and prediction drift (hourly profiles for time windows, raw events for runs of N events,
// batches and segments), labelled pairs for performance, counts and latencies for infrastructure,
// joined outcomes for business metrics, and any named series for custom thresholds.
import type { MonitorDefinition } from '@vigil/contracts';
import { failedCheck, type MonitorEvaluation, type MonitorInput, summarize } from '@vigil/engine';
import type { Store } from '@vigil/store';
import { byRole, EvalContext, GatherError } from './context.js';
import { gatherLlmQuality } from './llm-quality.js';
import { performanceInput } from './performance.js';
import { businessInput, customInput, infrastructureInput } from './series.js';
import { resolveWindow } from './window.js';

/** EvaluationSpan is the data window an evaluation point is stored with. */
export interface EvaluationSpan {
  readonly startMs: number;
  readonly endMs: number;
}

/** GatheredInput is the input to evaluate, or an evaluation already decided (no baseline…). */
export type GatheredInput =
  | { readonly kind: 'input'; readonly input: MonitorInput; readonly span: EvaluationSpan }
  | {
      readonly kind: 'decided';
      readonly evaluation: MonitorEvaluation;
      readonly span: EvaluationSpan;
    };

/** SCHEDULED_TYPES are the monitor types whose inputs the scheduler gathers: all of them. */
export const SCHEDULED_TYPES: ReadonlySet<string> = new Set([
  'data_drift',
  'data_quality',
  'prediction_drift',
  'performance',
  'infrastructure',
  'business',
  'custom',
  'llm_quality',
]);

function decided(
  def: MonitorDefinition,
  status: 'NO_DATA' | 'ERROR',
  message: string,
  span: EvaluationSpan,
): GatheredInput {
  const check = failedCheck(
    { subject: '*', check: def.spec.type, direction: 'above' },
    status,
    0,
    message,
  );
  const evaluation = summarize(def.metadata.name, def.spec.type, [check]);
  return { kind: 'decided', evaluation, span };
}

async function inputOf(ctx: EvalContext): Promise<MonitorInput> {
  const spec = ctx.spec;
  switch (spec.type) {
    case 'data_drift':
    case 'data_quality': {
      const b = await ctx.baseline();
      const current = await ctx.current();
      const input = {
        baseline: byRole(b.columns, 'feature'),
        current: byRole(current, 'feature'),
        features: ctx.model.spec.features,
      };
      if (spec.type === 'data_quality') return { type: 'data_quality', ...input };
      const t = spec.threshold;
      if (t === undefined || typeof t === 'number') return { type: 'data_drift', ...input };
      const chunks = Object.fromEntries(await ctx.referenceChunks('feature', t.learned.chunks));
      return { type: 'data_drift', ...input, referenceChunks: chunks };
    }
    case 'prediction_drift': {
      const b = await ctx.baseline();
      const [base] = Object.values(byRole(b.columns, 'prediction'));
      if (base === undefined)
        throw new GatherError('ERROR', 'the baseline has no prediction profile');
      const [cur] = Object.values(byRole(await ctx.current(), 'prediction'));
      if (cur === undefined) throw new GatherError('NO_DATA', 'no predictions in this window');
      const t = spec.threshold;
      if (t === undefined || typeof t === 'number') {
        return { type: 'prediction_drift', baseline: base, current: cur };
      }
      const [chunks] = (await ctx.referenceChunks('prediction', t.learned.chunks)).values();
      return {
        type: 'prediction_drift',
        baseline: base,
        current: cur,
        ...(chunks === undefined ? {} : { referenceChunks: chunks }),
      };
    }
    case 'performance':
      return { type: 'performance', ...(await performanceInput(ctx)) };
    case 'infrastructure':
      return { type: 'infrastructure', ...(await infrastructureInput(ctx)) };
    case 'business':
      return { type: 'business', ...(await businessInput(ctx)) };
    case 'custom':
      return { type: 'custom', ...(await customInput(ctx)) };
    case 'llm_quality':
      throw new GatherError('ERROR', 'llm_quality inputs come from gatherLlmQuality');
  }
}

/**
 * gatherInputs loads what `def` needs to be evaluated at `slotAt`. The window comes from the
 * monitor's window kind (hourly/daily: the last complete one; events: the last full run of N
 * predictions in arrival order; batch: the last batch received), then the type's inputs. No
 * baseline, too few events for a first window, or an empty window is NO_DATA; a configuration
 * the data cannot answer (a file baseline for learned thresholds or performance, a bad custom
 * series, an unknown model) is an ERROR evaluation that says why.
 */
export async function gatherInputs(
  store: Store,
  projectId: string,
  def: MonitorDefinition,
  slotAt: number,
): Promise<GatheredInput> {
  const spec = def.spec;
  if (spec.type === 'llm_quality') return gatherLlmQuality(store, projectId, def, slotAt);
  const at = { startMs: slotAt, endMs: slotAt };
  const model = await store.getModel(projectId, spec.model);
  if (model === null) return decided(def, 'ERROR', `no model "${spec.model}"`, at);
  const q = { type: 'prediction' as const, model: spec.model, atMs: slotAt };
  const window = await resolveWindow(spec, slotAt, {
    arrived: () => store.monitorData.countArrived(projectId, q),
    lastBatchAt: () => store.monitorData.lastBatchAt(projectId, q),
  });
  if (typeof window === 'string') return decided(def, 'NO_DATA', window, at);
  const ctx = new EvalContext(store, projectId, def, model, window);
  try {
    const input = await inputOf(ctx);
    return { kind: 'input', input, span: ctx.span };
  } catch (e) {
    if (e instanceof GatherError) return decided(def, e.status, e.message, ctx.span);
    throw e;
  }
}
