/** gcd of two non-negative integers. */
function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** binomial returns C(n, k) exactly for results below 2^53. */
function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

/**
 * pythonFloorDiv is Python's float `//` (floor of the true quotient, computed through fmod as
 * CPython does), so that a threshold lands on the same integer as in scipy.
 */
export function pythonFloorDiv(x: number, y: number): number {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0 && y < 0 !== mod < 0) {
    mod += y;
    div -= 1;
  }
  if (div === 0) return 0 * (x / y);
  const floor = Math.floor(div);
  return div - floor > 0.5 ? floor + 1 : floor;
}

/**
 * cvmExactPValue is the exact p-value P(U >= u) of the two-sample Cramér-von Mises statistic
 * U = m Σ(r_i − i)² + n Σ(s_j − j)² for samples of sizes m and n (Xiao, Gordon & Yakovlev 2006,
 * Algorithm 1, as scipy `_pval_cvm_2samp_exact`). The frequency table g_{u,v} of the integer
 * statistic Σ (a·v − b·u)² over lattice paths (a = lcm/m, b = lcm/n) is built row by row:
 * g_{u,v} = shift(g_{u,v−1} ∪ g_{u−1,v}, (a v − b u)²). Meant for max(m, n) <= 20 (C(40, 20)
 * paths). Example: m = n = 2, u = 8 (fully separated samples) → 2/6.
 */
export function cvmExactPValue(u: number, m: number, n: number): number {
  const lcm = (m / gcd(m, n)) * n;
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  const zeta = pythonFloorDiv(lcm * lcm * (m + n) * (6 * u - mn * (4 * mn - 1)), 6 * mn * mn);
  let gs: Map<number, number>[] = [new Map([[0, 1]])];
  for (let v = 1; v <= m; v++) gs.push(new Map());
  for (let row = 0; row <= n; row++) {
    const next: Map<number, number>[] = [];
    let tmp = new Map<number, number>();
    for (let v = 0; v <= m; v++) {
      const merged = new Map<number, number>();
      const shift = (a * v - b * row) ** 2;
      for (const [value, freq] of tmp) merged.set(value + shift, freq);
      for (const [value, freq] of gs[v]) {
        const key = value + shift;
        merged.set(key, (merged.get(key) ?? 0) + freq);
      }
      tmp = merged;
      next.push(tmp);
    }
    gs = next;
  }
  let hits = 0;
  for (const [value, freq] of gs[m]) if (value >= zeta) hits += freq;
  return hits / binomial(m + n, m);
}
