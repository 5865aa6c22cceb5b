import { describe, expect, it } from 'vitest';
import { datasetDrift } from './dataset.js';

const cols = (...drifted: boolean[]) => drifted.map((d) => ({ drifted: d }));

describe('datasetDrift', () => {
  it.each([
    {
      name: 'half drifted at 0.5',
      results: cols(true, false),
      share: undefined,
      want: { driftedColumns: 1, share: 0.5, drifted: true },
    },
    {
      name: 'below share',
      results: cols(true, false, false),
      share: undefined,
      want: { driftedColumns: 1, share: 1 / 3, drifted: false },
    },
    {
      name: 'custom share',
      results: cols(true, false, false),
      share: 0.3,
      want: { driftedColumns: 1, share: 1 / 3, drifted: true },
    },
    {
      name: 'no columns',
      results: cols(),
      share: undefined,
      want: { driftedColumns: 0, share: 0, drifted: false },
    },
  ])('$name', ({ results, share, want }) => {
    const d = datasetDrift(results, share === undefined ? {} : { driftShare: share });
    expect(d).toMatchObject(want);
    expect(d.columns).toBe(results.length);
    expect(d.threshold).toBe(share ?? 0.5);
  });
});
