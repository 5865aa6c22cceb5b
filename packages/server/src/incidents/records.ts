// What the incident runtime keeps on an incident besides the store's own columns: the worker's
// actor name and the shapes of the diagnosis and impact JSON.
import type { DriftedFeature, Onset, SegmentImpact } from '@vigil/engine';

/** SYSTEM_ACTOR is the actor the incident worker records. */
export const SYSTEM_ACTOR = 'system:incidents';

/** StoredDiagnosis is the diagnosis JSON kept on an incident. */
export interface StoredDiagnosis {
  readonly driftedFeatures: readonly DriftedFeature[];
  readonly onset: Onset | null;
  readonly segments: readonly SegmentImpact[];
}

/** StoredImpact is the measured-impact JSON kept on an incident. */
export interface StoredImpact {
  readonly wrongShare: number | null;
  readonly performanceDrop: number | null;
  readonly errorShare: number | null;
  readonly labelledRows: number;
  readonly baselineAccuracy: number | null;
  /** Where the baseline accuracy came from: `registry` (version metrics), `baseline` (window), or null. */
  readonly baselineSource: string | null;
  /** Start of the measured window (the estimated onset); it runs to the latest evaluation. */
  readonly fromMs: number;
}
