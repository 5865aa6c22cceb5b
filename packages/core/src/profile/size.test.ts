// Size and merge totals of large profiles. Build and merge speed are measured in bench/core.mjs
// (figures in docs/benchmarks.md), never asserted in a timed test.

import { describe, expect, it } from 'vitest';
import { profileToBytes } from './bytes.js';
import { profileToJSON } from './json.js';
import { mergeAllProfiles } from './merge.js';
import { updateNumeric } from './numeric.js';
import { createProfileLike, numericProfileFromReference } from './reference.js';
import type { NumericProfile } from './types.js';

const ROWS = 1_000_000;
const COLUMNS = 1;

function columns(): Float64Array[] {
  let s = 12345;
  const out: Float64Array[] = [];
  for (let c = 0; c < COLUMNS; c++) {
    const a = new Float64Array(ROWS);
    for (let i = 0; i < ROWS; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const u = (s + 0.5) / 4294967296;
      // Alternate a wide symmetric column and a skewed positive one, ~1 % missing.
      a[i] = u < 0.01 ? Number.NaN : c % 2 === 0 ? 100 + 1000 * (u - 0.5) : Math.exp(8 * u);
    }
    out.push(a);
  }
  return out;
}

describe('large profiles', () => {
  const data = columns();
  const baselines = data.map((a) => {
    const p = numericProfileFromReference(a.subarray(0, 10_000));
    if (!p.ok) throw new Error(p.error.message);
    return p.value;
  });

  it('merges 1,000 partial profiles into one that counts every row', () => {
    const parts: NumericProfile[] = [];
    for (let k = 0; k < 1000; k++) {
      const p = createProfileLike(baselines[0]);
      updateNumeric(p, data[0].subarray(k * 1000, (k + 1) * 1000));
      parts.push(p);
    }
    const m = mergeAllProfiles(parts);
    if (!m.ok) throw new Error(m.error.message);
    expect(m.value.count + m.value.missing).toBe(1_000_000);
  });

  it('keeps a 1M-row profile within a few kilobytes', () => {
    const p = createProfileLike(baselines[0]);
    updateNumeric(p, data[0]);
    // Measured: ~5.1 kB binary, ~9 kB JSON (so is a 10M-row normal or lognormal profile).
    expect(profileToBytes(p).length).toBeLessThan(6_000);
    expect(JSON.stringify(profileToJSON(p)).length).toBeLessThan(11_000);
  });
});
