import { readFileSync } from 'node:fs';
import { sampleRatioMismatch } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import { assignmentPoint, assignVariant, murmur3x86_32 } from './experiment-assign.js';

// Vectors from packages/contracts/scripts/gen-experiment-golden.py (an independent Python
// MurmurHash3, itself checked against the published smhasher vectors).
const golden = JSON.parse(
  readFileSync(new URL('./testdata/experiment-assign.golden.json', import.meta.url), 'utf8'),
) as {
  hashes: { key: string; seed: number; hash: number }[];
  assignments: {
    experiment: string;
    unit: string;
    variants: { name: string; weight: number }[];
    point: number;
    variant: string;
  }[];
};

describe('murmur3x86_32', () => {
  it.each(golden.hashes)('hash of $key (seed $seed)', ({ key, seed, hash }) => {
    expect(murmur3x86_32(key, seed)).toBe(hash);
  });
});

describe('assignVariant', () => {
  it.each(golden.assignments)(
    '$experiment / $unit → $variant',
    ({ experiment, unit, variants, point, variant }) => {
      expect(Math.abs(assignmentPoint(unit, experiment) - point)).toBeLessThanOrEqual(1e-15);
      expect(assignVariant(unit, experiment, variants)).toBe(variant);
    },
  );

  it('is stable across calls and independent of the weights scale', () => {
    const a = [
      { name: 'a', weight: 0.9 },
      { name: 'b', weight: 0.1 },
    ];
    const b = [
      { name: 'a', weight: 90 },
      { name: 'b', weight: 10 },
    ];
    for (let i = 0; i < 500; i++) {
      const first = assignVariant(`u${i}`, 'scale', a);
      expect(assignVariant(`u${i}`, 'scale', a)).toBe(first);
      expect(assignVariant(`u${i}`, 'scale', b)).toBe(first);
    }
  });

  it('splits 100 000 units in the weights (no sample-ratio mismatch)', () => {
    const variants = [
      { name: 'baseline', weight: 0.95 },
      { name: 'candidate', weight: 0.05 },
    ];
    const counts = [0, 0];
    for (let i = 0; i < 100_000; i++) {
      counts[assignVariant(`user-${i}`, 'uniformity', variants) === 'baseline' ? 0 : 1]++;
    }
    const srm = sampleRatioMismatch(counts, [0.95, 0.05], { alpha: 0.001 });
    expect(srm.ok && !srm.value.mismatch).toBe(true);
  });

  it('keeps a unit with its variant when the candidate grows (monotone buckets)', () => {
    const at = (w: number) => [
      { name: 'baseline', weight: 1 - w },
      { name: 'candidate', weight: w },
    ];
    for (let i = 0; i < 2000; i++) {
      // The candidate bucket is [1 − w, 1): growing w only moves baseline units into it.
      if (assignVariant(`u${i}`, 'grow', at(0.05)) === 'candidate')
        expect(assignVariant(`u${i}`, 'grow', at(0.1))).toBe('candidate');
    }
  });

  it.each([
    { name: 'no variants', variants: [] },
    { name: 'all zero', variants: [{ name: 'a', weight: 0 }] },
    { name: 'negative', variants: [{ name: 'a', weight: -1 }] },
    { name: 'NaN', variants: [{ name: 'a', weight: Number.NaN }] },
  ])('gives null for $name, never a throw', ({ variants }) => {
    expect(assignVariant('u', 'e', variants)).toBeNull();
  });

  it('never picks a zero-weight variant', () => {
    const v = [
      { name: 'off', weight: 0 },
      { name: 'on', weight: 1 },
    ];
    for (let i = 0; i < 1000; i++) expect(assignVariant(`u${i}`, 'z', v)).toBe('on');
  });
});
