import { cdfDistance } from './ecdf.js';
import { distanceOutput, numericalPair } from './output.js';
import { sortedValues } from './samples.js';
import type { DriftMethodImpl } from './types.js';

/**
 * energyDistance is the energy distance of two samples (Evidently "ed", scipy `energy_distance`).
 *
 * ED = sqrt(2 ∫ (F_ref(x) − F_cur(x))² dx), equivalently sqrt(2E|X−Y| − E|X−X'| − E|Y−Y'|),
 * in the data's units (not normalised). One merge walk over the sorted samples. Drift when
 * ED > threshold (strictly greater, default 0.1, as Evidently). Example: [0] vs [1] → sqrt 2.
 */
export const energyDistance: DriftMethodImpl = {
  name: 'ed',
  displayName: 'Energy-distance',
  kinds: ['numerical', 'text'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  rule: 'gt',
  effectSizeName: 'ed',
  compute(pair) {
    const samples = numericalPair(pair, 'ed');
    if (!samples.ok) return samples;
    const a = sortedValues(samples.value.reference);
    const b = sortedValues(samples.value.current);
    return distanceOutput('ed', Math.SQRT2 * Math.sqrt(cdfDistance(a, b, 2)));
  },
};
