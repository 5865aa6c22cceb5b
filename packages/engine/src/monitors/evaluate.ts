// One entry point: evaluate any monitor definition on the inputs of its type.
import type { MonitorDefinition } from '@vigil/contracts';
import { failedCheck, summarize } from './checks.js';
import {
  type DataDriftInput,
  evaluateDataDrift,
  evaluatePredictionDrift,
  type PredictionDriftInput,
} from './drift.js';
import { evaluateInfrastructure, type InfrastructureInput } from './infrastructure.js';
import { evaluateLlmQuality, type LlmQualityInput } from './llm-quality.js';
import { evaluatePerformance, type PerformanceInput } from './performance.js';
import { type DataQualityInput, evaluateDataQuality } from './quality.js';
import { evaluateBusiness, evaluateCustom, type SeriesInput } from './series.js';
import type { MonitorEvaluation } from './types.js';

/** MonitorInput is the window data of one evaluation, tagged with the monitor type it feeds. */
export type MonitorInput =
  | ({ readonly type: 'data_drift' } & DataDriftInput)
  | ({ readonly type: 'data_quality' } & DataQualityInput)
  | ({ readonly type: 'prediction_drift' } & PredictionDriftInput)
  | ({ readonly type: 'performance' } & PerformanceInput)
  | ({ readonly type: 'infrastructure' } & InfrastructureInput)
  | ({ readonly type: 'business' } & SeriesInput)
  | ({ readonly type: 'custom' } & SeriesInput)
  | ({ readonly type: 'llm_quality' } & LlmQualityInput);

/**
 * evaluateMonitor evaluates a validated monitor definition on one window's inputs and returns
 * its MonitorEvaluation (status OK, BREACH, NO_DATA or ERROR, headline value, every check).
 * Pure: no clock, no I/O. An input of another type than the monitor's is an ERROR evaluation.
 * Example: a data_drift monitor with baseline and window profiles → PSI per feature.
 */
export function evaluateMonitor(def: MonitorDefinition, input: MonitorInput): MonitorEvaluation {
  const name = def.metadata.name;
  const spec = def.spec;
  if (input.type !== spec.type) {
    const c = failedCheck(
      { subject: '*', check: spec.type, direction: 'above' },
      'ERROR',
      0,
      `input of type ${input.type} for a ${spec.type} monitor`,
    );
    return summarize(name, spec.type, [c]);
  }
  switch (spec.type) {
    case 'data_drift':
      return evaluateDataDrift(name, spec, input as DataDriftInput);
    case 'data_quality':
      return evaluateDataQuality(name, spec, input as DataQualityInput);
    case 'prediction_drift':
      return evaluatePredictionDrift(name, spec, input as PredictionDriftInput);
    case 'performance':
      return evaluatePerformance(name, spec, input as PerformanceInput);
    case 'infrastructure':
      return evaluateInfrastructure(name, spec, input as InfrastructureInput);
    case 'business':
      return evaluateBusiness(name, spec, input as SeriesInput);
    case 'custom':
      return evaluateCustom(name, spec, input as SeriesInput);
    case 'llm_quality':
      return evaluateLlmQuality(name, spec, input as LlmQualityInput);
  }
}
