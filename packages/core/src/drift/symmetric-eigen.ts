/**
 * symmetricEigen returns the eigenvalues and eigenvectors (columns of `vectors`, row-major n × n)
 * of a small symmetric matrix by cyclic Jacobi rotations, accurate to a few ulps of the largest
 * eigenvalue. Meant for n <= 8 (Epps-Singleton uses 4 × 4). Example: [[2, 1], [1, 2]] → 1 and 3.
 */
export function symmetricEigen(
  matrix: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = matrix.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let frobenius = 0;
  for (let i = 0; i < n * n; i++) frobenius += a[i] * a[i];
  for (let sweep = 0; sweep < 64; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    // Converged once the off-diagonal mass is far below the rounding of the diagonal.
    if (off <= frobenius * 1e-40) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/**
 * pseudoInverseSymmetric returns the Moore-Penrose pseudo-inverse of a symmetric matrix and the
 * rank numpy's `matrix_rank` would report for that pseudo-inverse: singular values (|eigenvalues|)
 * <= 1e-15 · max are treated as zero (numpy `pinv` rcond), and the rank counts the inverted values
 * above max · n · eps (numpy `matrix_rank` tolerance).
 */
export function pseudoInverseSymmetric(
  matrix: Float64Array,
  n: number,
): { inverse: Float64Array; rank: number } {
  const { values, vectors } = symmetricEigen(matrix, n);
  let maxAbs = 0;
  for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i]));
  const cutoff = 1e-15 * maxAbs;
  const inv = new Float64Array(n);
  let maxInv = 0;
  for (let i = 0; i < n; i++) {
    if (Math.abs(values[i]) > cutoff) inv[i] = 1 / values[i];
    maxInv = Math.max(maxInv, Math.abs(inv[i]));
  }
  let rank = 0;
  const tol = maxInv * n * Number.EPSILON;
  for (let i = 0; i < n; i++) if (Math.abs(inv[i]) > tol) rank++;
  const inverse = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[r * n + k] * inv[k] * vectors[c * n + k];
      inverse[r * n + c] = s;
    }
  }
  return { inverse, rank };
}
