import { describe, expect, it } from 'vitest';
import { pseudoInverseSymmetric, symmetricEigen } from './symmetric-eigen.js';

describe('symmetricEigen', () => {
  it('diagonalises a 2 × 2 matrix', () => {
    const { values } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(Array.from(values).sort()).toEqual([1, 3].map((v) => expect.closeTo(v, 14)));
  });

  it('inverts a full-rank matrix', () => {
    const m = Float64Array.of(4, 1, 0, 0, 1, 3, 0.5, 0, 0, 0.5, 2, 0.1, 0, 0, 0.1, 1);
    const { inverse, rank } = pseudoInverseSymmetric(m, 4);
    expect(rank).toBe(4);
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        let s = 0;
        for (let k = 0; k < 4; k++) s += m[r * 4 + k] * inverse[k * 4 + c];
        expect(s).toBeCloseTo(r === c ? 1 : 0, 12);
      }
    }
  });

  it('pseudo-inverts a singular matrix and reports its rank', () => {
    // [[1, 1], [1, 1]]: eigenvalues 0 and 2, pseudo-inverse [[0.25, 0.25], [0.25, 0.25]].
    const { inverse, rank } = pseudoInverseSymmetric(Float64Array.of(1, 1, 1, 1), 2);
    expect(rank).toBe(1);
    for (const v of inverse) expect(v).toBeCloseTo(0.25, 14);
  });
});
