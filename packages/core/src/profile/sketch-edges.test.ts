// Edges on sketch boundaries: bin counts read off any sketch with the same α and center must equal
// the fixed-edge histogram of the raw values (itself checked against numpy.histogram).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/index.js';
import { checkComparable, profileDrift } from './drift.js';
import { createNumericProfile, updateNumeric } from './numeric.js';
import { numericProfileFromReference } from './reference.js';
import { mergeProfiles } from './merge.js';
import { alignProfile, sketchEdges, sketchHistogram, withSketchHistogram } from './sketch-edges.js';
import type { NumericProfile } from './types.js';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function sketchOnly(values: readonly number[], center = 0): NumericProfile {
  const p = must(createNumericProfile({ sketchCenter: center }));
  updateNumeric(p, Float64Array.from(values));
  return p;
}

function rawHistogram(values: readonly number[], edges: Float64Array) {
  const p = must(createNumericProfile({ edges }));
  updateNumeric(p, Float64Array.from(values));
  const h = p.histogram;
  if (h === null) throw new Error('no histogram');
  return { counts: [...h.counts], underflow: h.underflow, overflow: h.overflow };
}

function draw(n: number, seed: number, f: (r: ReturnType<typeof createRng>) => number): number[] {
  const r = createRng(seed);
  return Array.from({ length: n }, () => f(r));
}

type Case = { name: string; ref: number[]; cur: number[]; center?: number };
const cases: Case[] = [
  {
    name: 'normal, shifted current',
    ref: draw(5000, 1, (r) => r.normal()),
    cur: draw(3000, 2, (r) => 0.4 + 1.3 * r.normal()),
  },
  {
    name: 'lognormal',
    ref: draw(5000, 3, (r) => Math.exp(r.normal())),
    cur: draw(2000, 4, (r) => Math.exp(0.2 + r.normal())),
  },
  {
    name: 'integers 0..6 (discrete: one bin per value)',
    ref: draw(4000, 5, (r) => r.int(7)),
    cur: draw(4000, 6, (r) => r.int(9)),
  },
  {
    name: 'mixed signs with exact zeros',
    ref: draw(3000, 7, (r) => (r.int(5) === 0 ? 0 : 50 * r.normal())),
    cur: draw(3000, 8, (r) => 60 * r.normal()),
  },
  {
    name: 'centered sketch far from 0',
    ref: draw(3000, 9, (r) => 1e6 + r.normal()),
    cur: draw(3000, 10, (r) => 1e6 + 0.5 + r.normal()),
    center: 1e6,
  },
  { name: 'a constant', ref: Array(100).fill(3.5), cur: [3.5, 3.5, 3.6, -1] },
  { name: 'the center itself', ref: Array(50).fill(0), cur: [0, 0, 1e-300, -2] },
];

describe('sketchEdges and sketchHistogram', () => {
  it.each(cases)('$name: sketch counts equal the raw histogram', ({ ref, cur, center }) => {
    const base = sketchOnly(ref, center);
    const edges = must(sketchEdges(base));
    expect(edges.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1]);
    const own = must(sketchHistogram(base, edges));
    const raw = rawHistogram(ref, edges);
    expect({ counts: [...own.counts], underflow: own.underflow, overflow: own.overflow }).toEqual(
      raw,
    );
    expect(raw.underflow + raw.overflow).toBe(0);
    const later = must(sketchHistogram(sketchOnly(cur, center), edges));
    expect({
      counts: [...later.counts],
      underflow: later.underflow,
      overflow: later.overflow,
    }).toEqual(rawHistogram(cur, edges));
  });

  it('asks Sturges bins over [min, max], each edge within one cell of its target', () => {
    const ref = Array.from({ length: 1000 }, (_, i) => (i / 999) * 100);
    const edges = must(sketchEdges(sketchOnly(ref)));
    expect(edges.length).toBe(12);
    for (let i = 0; i <= 11; i++) {
      const target = (i * 100) / 11;
      expect(Math.abs(edges[i] - target)).toBeLessThanOrEqual(0.0205 * Math.max(target, 1e-9));
    }
  });

  it('gives one bin per value to discrete data', () => {
    const ref = draw(1000, 11, (r) => r.int(7));
    const h = must(sketchHistogram(sketchOnly(ref), must(sketchEdges(sketchOnly(ref)))));
    expect([...h.counts].filter((c) => c > 0).length).toBe(7);
    expect(h.counts.length).toBe(7);
  });

  it('refuses edges that cut through a cell', () => {
    const p = sketchOnly(draw(500, 12, (r) => 100 * r.next()));
    const r = sketchHistogram(p, Float64Array.of(0, 50, 100));
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_COMPUTABLE');
  });

  it('refuses a sketch that collapsed its lowest cells', () => {
    const p = sketchOnly([-5e-324, -1]);
    const r = sketchHistogram(p, Float64Array.of(-0.5066055084882065, 0, 0.5066055084882065));
    expect(r.ok ? 'ok' : r.error.message).toMatch(/collapsed/);
  });

  it('holds for any data (property)', () => {
    // |x| >= 1e-9 keeps the span under the sketch's 18 decades (past them it collapses, below).
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (Math.abs(x) < 1e-9 ? 0 : x)),
      fc.integer({ min: -20, max: 20 }),
      fc.constantFrom(0, -0, 0.1, 1, -1),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 300 }),
        fc.array(value, { minLength: 0, maxLength: 300 }),
        fc.constantFrom(0, 0.5, -3),
        (ref, cur, center) => {
          const edges = must(sketchEdges(sketchOnly(ref, center)));
          for (const xs of [ref, cur]) {
            const h = must(sketchHistogram(sketchOnly(xs, center), edges));
            expect({ counts: [...h.counts], underflow: h.underflow, overflow: h.overflow }).toEqual(
              rawHistogram(xs, edges),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('binned drift against a baseline merged from windows', () => {
  const ref = draw(4000, 13, (r) => 10 + 3 * r.normal());
  const cur = draw(2000, 14, (r) => 11 + 3 * r.normal());
  const baseline = must(withSketchHistogram(sketchOnly(ref)));
  const edges = (baseline.histogram as NonNullable<NumericProfile['histogram']>).edges;

  it.each(['psi', 'kl_div', 'jensenshannon', 'chisquare'] as const)(
    '%s: a window without edges scores as one with them',
    (method) => {
      const withEdges = must(createNumericProfile({ edges }));
      updateNumeric(withEdges, Float64Array.from(cur));
      const a = must(profileDrift(baseline, withEdges, { method }));
      const b = must(profileDrift(baseline, sketchOnly(cur), { method }));
      expect(b.score).toBe(a.score);
      expect(a.errorBound).toBe(0);
      // And both equal the same statistic on the raw baseline rows binned on those edges.
      const rawBase = must(createNumericProfile({ edges }));
      updateNumeric(rawBase, Float64Array.from(ref));
      expect(must(profileDrift(rawBase, withEdges, { method })).score).toBe(a.score);
    },
  );

  it('compares by ks across layouts, but not binned methods against a file baseline', () => {
    const file = must(numericProfileFromReference(Float64Array.from(ref)));
    expect(checkComparable(baseline, sketchOnly(cur), 'ks')).toEqual({ ok: true, value: true });
    const ks = profileDrift(baseline, sketchOnly(cur), { method: 'ks' });
    expect(ks.ok).toBe(true);
    const viaFile = profileDrift(file, sketchOnly(cur), { method: 'psi' });
    expect(viaFile.ok ? 'ok' : viaFile.error.code).toBe('NOT_COMPUTABLE');
    const ksFile = profileDrift(file, sketchOnly(cur), { method: 'ks' });
    expect(ksFile.ok ? 'ok' : ksFile.error.code).toBe('INCOMPATIBLE_PROFILES');
  });
});

describe('alignProfile', () => {
  it('lays a window profiled without edges out like a sketch-edged baseline, exactly', () => {
    const ref = draw(2000, 15, (r) => 5 + r.normal());
    const cur = draw(1000, 16, (r) => 5.5 + r.normal());
    const baseline = must(withSketchHistogram(sketchOnly(ref)));
    const aligned = must(alignProfile(sketchOnly(cur), baseline));
    const h = aligned.histogram as NonNullable<NumericProfile['histogram']>;
    expect({ counts: [...h.counts], underflow: h.underflow, overflow: h.overflow }).toEqual(
      rawHistogram(cur, h.edges),
    );
    // It now merges with a window profiled on the baseline's edges.
    const after = must(createNumericProfile({ edges: h.edges }));
    updateNumeric(after, Float64Array.from(cur));
    expect(mergeProfiles(aligned, after).ok).toBe(true);
    const file = must(numericProfileFromReference(Float64Array.from(ref)));
    const r = alignProfile(sketchOnly(cur), file);
    expect(r.ok ? 'ok' : r.error.code).toBe('INCOMPATIBLE_PROFILES');
  });
});
