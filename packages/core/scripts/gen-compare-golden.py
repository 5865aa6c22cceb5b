#!/usr/bin/python3
"""Reference values for packages/core/src/compare (run with Debian's /usr/bin/python3).

numpy 1.24.2 / scipy 1.10.1. Deterministic: every random input comes from a fixed seed, and the
inputs are written into the JSON beside the expected values, so the tests never need numpy's stream.
statsmodels is not installed here: its formulas (proportions_ztest, confint_proportions_2indep wald,
mcnemar) are written out with numpy/scipy below. One-sided infinite interval bounds are written as
null (JSON has no Infinity).

Usage: /usr/bin/python3 packages/core/scripts/gen-compare-golden.py
"""
import json
import math
import os

import mpmath
import numpy as np
from scipy import special, stats
from scipy.stats import _resampling

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'compare', 'testdata')
ALTERNATIVES = ['two-sided', 'greater', 'less']


def fin(x):
    x = float(x)
    return None if math.isinf(x) else x


def write(name, payload):
    # The generator is shared by compare/ and random/ (the rng golden lives beside rng.ts).
    folder = os.path.join(OUT, '..', '..', 'random', 'testdata') if name == 'rng' else OUT
    path = os.path.join(folder, f'{name}.golden.json')
    with open(path, 'w') as f:
        json.dump(payload, f, indent=1, allow_nan=False)
        f.write('\n')
    print('wrote', os.path.relpath(path))


def rounded(x, digits=6):
    return [float(v) for v in np.round(np.asarray(x, dtype=float), digits)]


# --- seedable generator (independent Python transcription of rng.ts) ---------------------------
U32 = 0xFFFFFFFF


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & U32


def _mix32(x):
    x ^= x >> 16
    x = (x * 0x21F0AAAD) & U32
    x ^= x >> 15
    x = (x * 0x735A2D97) & U32
    x ^= x >> 15
    return x


class Xoshiro128:
    def __init__(self, state):
        self.s = list(state)

    @classmethod
    def seeded(cls, seed):
        lo, hi = seed & U32, (seed >> 32) & U32
        s0 = _mix32((lo + 0x9E3779B9) & U32)
        s1 = _mix32((hi + s0 + 0x3C6EF372) & U32)
        s2 = _mix32(((s1 ^ lo) + 0xDAA66D2B) & U32)
        s3 = _mix32(((s2 ^ hi) + 0x78DDE6E4) & U32)
        if s0 | s1 | s2 | s3 == 0:
            s3 = 1
        return cls([s0, s1, s2, s3])

    def uint32(self):
        s0, s1, s2, s3 = self.s
        result = (_rotl((s1 * 5) & U32, 7) * 9) & U32
        t = (s1 << 9) & U32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = _rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def next(self):
        a, b = self.uint32() >> 5, self.uint32() >> 6
        return (a * 2 ** 26 + b) / 2 ** 53

    def int(self, n):
        # Lemire's nearly-divisionless method (n < 2^21 branch of rng.ts).
        m = self.uint32() * n
        low = m % 2 ** 32
        if low < n:
            threshold = (2 ** 32 - n) % n
            while low < threshold:
                m = self.uint32() * n
                low = m % 2 ** 32
        return m // 2 ** 32


def gen_rng():
    # The transcription reproduces the published xoshiro128** sequence for state {1, 2, 3, 4}.
    ref = Xoshiro128([1, 2, 3, 4])
    assert [ref.uint32() for _ in range(6)] == [11520, 0, 5927040, 70819200, 2031721883, 1637235492]
    cases = []
    for seed in [0, 1, 42, -1, 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1)]:
        g = Xoshiro128.seeded(seed)
        cases.append({'seed': seed, 'uint32': [g.uint32() for _ in range(8)],
                      'next': [g.next() for _ in range(4)], 'int6': [g.int(6) for _ in range(8)]})
    write('rng', {'source': 'Python transcription of xoshiro128** 1.1 with rng.ts seeding',
                  'cases': cases})


# --- Student t quantile (internal helper of the Welch interval) -----------------------------------
# scipy 1.10's t.isf inverts through cdflib with a ~1e-10 relative stopping rule (t.isf(0.25, 1)
# returns 1.0000000000134, not 1), too loose for a golden. The reference is therefore mpmath
# (the oracle scipy's own special-function tests use) at 40 digits; t.isf is checked against it.
mpmath.mp.dps = 40


def t_isf(q, df):
    """Exact t with P(T > t) = q, via the regularised incomplete beta function in mpmath."""
    q, nu = mpmath.mpf(q), mpmath.mpf(df)
    if q == mpmath.mpf('0.5'):
        return 0.0
    if q > 0.5:
        return -t_isf(float(1 - q), df)

    def sf(t):
        return mpmath.betainc(nu / 2, mpmath.mpf(1) / 2, 0, nu / (nu + t * t), regularized=True) / 2

    t0 = mpmath.mpf(stats.t.isf(float(q), df))
    # Newton on log sf in log t converges from scipy's 1e-10-accurate start in a few steps.
    t = mpmath.findroot(lambda u: mpmath.log(sf(mpmath.exp(u))) - mpmath.log(q), mpmath.log(t0))
    return float(mpmath.exp(t))


def gen_t_quantile():
    cases = []
    for df in [1, 1.5, 2, 2.5, 3, 4.7, 7, 10, 30, 100.3, 1000, 1e5, 1e7]:
        for q in [1e-60, 1e-20, 1e-8, 1e-4, 0.001, 0.005, 0.025, 0.05, 0.1, 0.25, 0.4, 0.49,
                  0.51, 0.75, 0.9, 0.975, 0.999]:
            exact = t_isf(q, df)
            assert abs(stats.t.isf(q, df) - exact) <= 1e-7 * abs(exact), (q, df)
            cases.append({'q': q, 'df': df, 'expected': exact})
    write('t-quantile', {'source': 'mpmath 40-digit inversion of betainc (scipy t.isf agrees to 1e-7)',
                         'cases': cases})


# --- Welch t-test ------------------------------------------------------------------------------
def welch_expected(a, b, alternative, level):
    a = np.asarray(a)
    b = np.asarray(b)
    na, nb = len(a), len(b)
    res = stats.ttest_ind(a, b, equal_var=False, alternative=alternative)
    va, vb = a.var(ddof=1) / na, b.var(ddof=1) / nb
    se = math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (na - 1) + vb ** 2 / (nb - 1))
    d = a.mean() - b.mean()
    if alternative == 'two-sided':
        h = t_isf((1 - level) / 2, df) * se
        lo, hi = d - h, d + h
    elif alternative == 'greater':
        lo, hi = d - t_isf(1 - level, df) * se, math.inf
    else:
        lo, hi = -math.inf, d + t_isf(1 - level, df) * se
    m = na + nb - 2
    sp = math.sqrt(((na - 1) * a.var(ddof=1) + (nb - 1) * b.var(ddof=1)) / m)
    j = math.exp(special.gammaln(m / 2) - special.gammaln((m - 1) / 2) - 0.5 * math.log(m / 2))
    return {
        'statistic': float(res.statistic), 'pValue': float(res.pvalue), 'df': df,
        'meanDifference': float(d), 'standardError': se, 'lower': fin(lo), 'upper': fin(hi),
        'cohensD': d / sp, 'hedgesG': j * d / sp,
    }


def gen_welch():
    rng = np.random.default_rng(20240601)
    datasets = [
        ('doc example', [1, 2, 3, 4], [2, 4, 6, 8, 10]),
        ('normal 30 vs 45, unequal variances', rounded(rng.normal(10, 2, 30)),
         rounded(rng.normal(9, 5, 45))),
        ('two values each', [1.5, 2.5], [0.25, 4.0]),
        ('latency-like 800 vs 600', rounded(rng.lognormal(3, 0.5, 800), 4),
         rounded(rng.lognormal(3.05, 0.55, 600), 4)),
        ('a constant, b varies', [5, 5, 5, 5, 5], rounded(rng.normal(5, 1, 12))),
        ('offset 1e9', rounded(1e9 + rng.normal(0, 1, 20), 3), rounded(1e9 + rng.normal(0.5, 1, 25), 3)),
        ('skewed 12 vs 200', rounded(rng.exponential(2, 12)), rounded(rng.exponential(1, 200))),
        ('far apart (tiny p)', rounded(rng.normal(0, 1, 100)), rounded(rng.normal(3, 1, 100))),
    ]
    cases = []
    for i, (name, a, b) in enumerate(datasets):
        for alternative in ALTERNATIVES:
            for level in [0.95, 0.9, 0.99]:
                if alternative != 'two-sided' and level != 0.95:
                    continue
                cases.append({'name': f'{name}, {alternative}, level {level}', 'dataset': i,
                              'alternative': alternative, 'level': level,
                              'expected': welch_expected(a, b, alternative, level)})
    write('welch', {'source': 'scipy.stats.ttest_ind(equal_var=False); CI from the mpmath t quantile',
                    'datasets': [{'name': name, 'a': list(map(float, a)), 'b': list(map(float, b))}
                                 for name, a, b in datasets],
                    'cases': cases})


# --- two-proportion z-test ------------------------------------------------------------------------
def gen_proportions():
    cases = []
    for xa, na, xb, nb in [(120, 1000, 100, 1000), (45, 500, 60, 480), (0, 50, 3, 60), (7, 7, 5, 9),
                           (900, 1000, 100, 1000), (1, 200000, 0, 150000), (5123, 51000, 4899, 50500)]:
        pa, pb = xa / na, xb / nb
        pooled = (xa + xb) / (na + nb)
        z = (pa - pb) / math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
        se = math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
        for alternative in ALTERNATIVES:
            for level in [0.95, 0.8]:
                if alternative == 'two-sided':
                    p = 2 * stats.norm.sf(abs(z))
                    h = stats.norm.isf((1 - level) / 2) * se
                    lo, hi = pa - pb - h, pa - pb + h
                elif alternative == 'greater':
                    p = stats.norm.sf(z)
                    lo, hi = pa - pb - stats.norm.isf(1 - level) * se, math.inf
                else:
                    p = stats.norm.cdf(z)
                    lo, hi = -math.inf, pa - pb + stats.norm.isf(1 - level) * se
                cases.append({
                    'name': f'{xa}/{na} vs {xb}/{nb}, {alternative}, level {level}',
                    'a': {'successes': xa, 'trials': na}, 'b': {'successes': xb, 'trials': nb},
                    'alternative': alternative, 'level': level,
                    'expected': {'statistic': z, 'pValue': float(p), 'difference': pa - pb,
                                 'standardError': se, 'lower': fin(lo), 'upper': fin(hi),
                                 'relativeLift': (pa - pb) / pb if pb > 0 else None},
                })
    write('proportions', {'source': 'statsmodels proportions_ztest / confint_proportions_2indep(wald) '
                                     'formulas with scipy.stats.norm', 'cases': cases})


# --- McNemar --------------------------------------------------------------------------------------
def gen_mcnemar():
    cases = []
    for b, c in [(0, 0), (1, 0), (10, 2), (5, 5), (3, 30), (12, 12), (30, 12), (100, 70), (500, 430),
                 (100000, 99000), (2, 1500)]:
        n, k = b + c, min(b, c)
        exact_p = min(1.0, 2 * stats.binom.cdf(k, n, 0.5)) if n > 0 else 1.0
        if n > 0:
            assert abs(exact_p - stats.binomtest(k, n, 0.5).pvalue) <= 1e-12 * exact_p or b == c
        cases.append({'name': f'exact b={b} c={c}', 'b': b, 'c': c, 'method': 'exact',
                      'correction': True, 'expected': {'statistic': k, 'pValue': exact_p}})
        if n == 0:
            continue
        for correction in [True, False]:
            diff = abs(b - c)
            # Yates' correction clamped at 0 (statsmodels squares -1 when b == c; see mcnemar.ts).
            corrected = max(0, diff - 1) if correction else diff
            stat = corrected ** 2 / n
            cases.append({'name': f'chi-squared b={b} c={c} correction={correction}', 'b': b, 'c': c,
                          'method': 'chi-squared', 'correction': correction,
                          'expected': {'statistic': stat, 'pValue': float(stats.chi2.sf(stat, 1))}})
    write('mcnemar', {'source': 'scipy.stats.binom.cdf (checked against binomtest) and chi2.sf',
                      'cases': cases})


# --- sample ratio mismatch ------------------------------------------------------------------------
def gen_srm():
    cases = []
    for name, counts, weights in [
        ('balanced', [5050, 4950], [1, 1]),
        ('three-way 50/25/25', [5012, 2530, 2458], [0.5, 0.25, 0.25]),
        ('unnormalised weights', [480, 520], [50, 50]),
        ('clear mismatch', [10000, 9000], [1, 1]),
        ('huge mismatch', [600000, 400000], [1, 1]),
        ('ten variants', [1003, 987, 1012, 995, 1040, 968, 1001, 990, 1010, 994], [1] * 10),
        ('90/10 canary', [9130, 870], [0.9, 0.1]),
        ('zero-weight idle variant', [700, 300, 0], [0.7, 0.3, 0]),
    ]:
        o = np.array(counts, dtype=float)
        w = np.array(weights, dtype=float)
        keep = w > 0
        e = o.sum() * w / w.sum()
        res = stats.chisquare(o[keep], e[keep])
        cases.append({'name': name, 'counts': counts, 'weights': weights,
                      'expected': {'statistic': float(res.statistic), 'pValue': float(res.pvalue),
                                   'df': int(keep.sum() - 1), 'expected': list(map(float, e))}})
    write('srm', {'source': 'scipy.stats.chisquare(counts, expected)', 'cases': cases})


# --- mSPRT ----------------------------------------------------------------------------------------
def gen_msprt():
    cases = []

    def general(s, tau2, theta0, alpha):
        v = s['varianceA'] / s['nA'] + s['varianceB'] / s['nB']
        d = s['meanA'] - s['meanB']
        log_lr = 0.5 * math.log(v / (v + tau2)) + tau2 * (d - theta0) ** 2 / (2 * v * (v + tau2))
        r = math.sqrt(2 * v * (v + tau2) / tau2 * (math.log(1 / alpha) + 0.5 * math.log((v + tau2) / v)))
        return log_lr, d - r, d + r

    for n, mean_a, mean_b, sigma2, tau2, theta0, alpha in [
        (1000, 0.1, 0.0, 1.0, 0.01, 0.0, 0.05), (50, 0.3, 0.1, 2.0, 0.5, 0.0, 0.05),
        (100000, 0.012, 0.0, 1.0, 1e-4, 0.0, 0.05), (20, 1.0, 0.0, 4.0, 1.0, 0.5, 0.1),
        (5000, 0.0, 0.0, 1.0, 0.01, 0.0, 0.05), (10 ** 6, 0.01, 0.0, 1.0, 0.01, 0.0, 0.01),
    ]:
        # The paper's balanced form (Johari et al. 2017, n per arm, known variance sigma2).
        s = {'nA': n, 'meanA': mean_a, 'varianceA': sigma2, 'nB': n, 'meanB': mean_b,
             'varianceB': sigma2}
        diff = mean_a - mean_b - theta0
        log_lr = (0.5 * math.log(2 * sigma2 / (2 * sigma2 + n * tau2))
                  + n * n * tau2 * diff ** 2 / (4 * sigma2 * (2 * sigma2 + n * tau2)))
        _, lo, hi = general(s, tau2, theta0, alpha)
        cases.append({'name': f'balanced n={n} tau2={tau2}', 'summary': s,
                      'options': {'mixingVariance': tau2, 'nullDifference': theta0, 'alpha': alpha},
                      'expected': {'logLikelihoodRatio': log_lr, 'pValue': min(1.0, math.exp(-log_lr)),
                                   'lower': lo, 'upper': hi}})
    for s, tau2, theta0, alpha in [
        ({'nA': 400, 'meanA': 5.2, 'varianceA': 3.0, 'nB': 900, 'meanB': 5.0, 'varianceB': 2.0}, 0.04, 0, 0.05),
        ({'nA': 2000, 'meanA': 0.13, 'varianceA': 0.13 * 0.87, 'nB': 2100, 'meanB': 0.11,
          'varianceB': 0.11 * 0.89}, 1e-3, 0, 0.05),
        ({'nA': 10, 'meanA': -1.0, 'varianceA': 0.5, 'nB': 3, 'meanB': 2.0, 'varianceB': 0.0}, 2.0, 0, 0.05),
    ]:
        log_lr, lo, hi = general(s, tau2, theta0, alpha)
        cases.append({'name': f'unbalanced nA={s["nA"]} nB={s["nB"]}', 'summary': s,
                      'options': {'mixingVariance': tau2, 'nullDifference': theta0, 'alpha': alpha},
                      'expected': {'logLikelihoodRatio': log_lr, 'pValue': min(1.0, math.exp(-log_lr)),
                                   'lower': lo, 'upper': hi}})
    write('msprt', {'source': 'closed-form mixture likelihood ratio, Johari et al. 2017', 'cases': cases})


# --- bootstrap ------------------------------------------------------------------------------------
SCIPY_RESAMPLES = 200_000


def gen_bootstrap():
    rng = np.random.default_rng(7)
    exp40 = rounded(rng.exponential(2.0, 40))
    logn51 = rounded(rng.lognormal(0, 0.8, 51))
    ga, gb = rounded(rng.normal(1.0, 1.0, 30)), rounded(rng.normal(0.4, 1.6, 25))
    pa = rounded(rng.gamma(2.0, 1.0, 40))
    pb = rounded(np.asarray(pa) + rng.normal(0.3, 0.5, 40))
    base = (rng.random(200) < 0.8).astype(float)
    cand = np.where(rng.random(200) < 0.1, 1 - base, base)
    cand = np.where((base == 0) & (rng.random(200) < 0.3), 1.0, cand)
    sd30 = rounded(rng.normal(0, 2, 30))
    ra, rb = rounded(rng.gamma(3, 1, 35)), rounded(rng.gamma(2.5, 1, 28))

    def mean_diff(x, y, axis=-1):
        return np.mean(x, axis=axis) - np.mean(y, axis=axis)

    def ratio(x, y, axis=-1):
        return np.mean(x, axis=axis) / np.mean(y, axis=axis)

    specs = [
        ('mean, exponential n=40', 'mean', None, [exp40], False, np.mean),
        ('median, lognormal n=51', 'median', None, [logn51], False, np.median),
        ('difference of means, independent 30 vs 25', 'difference of means', None, [ga, gb], False,
         mean_diff),
        ('difference of means, paired n=40', 'difference of means', None, [pa, pb], True, mean_diff),
        ('pass rate difference, paired n=200', 'pass rate difference', None,
         [list(map(float, cand)), list(map(float, base))], True, mean_diff),
        ('custom population sd, n=30', None, 'std', [sd30], False, np.std),
        ('custom ratio of means, independent 35 vs 28', None, 'ratio', [ra, rb], False, ratio),
    ]
    cases = []
    for seed, (name, named, custom, data, paired, fn) in enumerate(specs):
        arrays = tuple(np.asarray(x, dtype=float) for x in data)
        for method, level in [('BCa', 0.95), ('percentile', 0.95), ('basic', 0.95), ('BCa', 0.9)]:
            res = stats.bootstrap(arrays, fn, n_resamples=SCIPY_RESAMPLES, batch=20_000, paired=paired,
                                  confidence_level=level, method=method, vectorized=True,
                                  random_state=np.random.default_rng(1000 + seed))
            expected = {'lower': float(res.confidence_interval.low),
                        'upper': float(res.confidence_interval.high),
                        'standardError': float(res.standard_error),
                        'estimate': float(fn(*arrays, axis=-1))}
            if method == 'BCa':
                # The acceleration is deterministic (jackknife), so it is compared tightly.
                dist = res.bootstrap_distribution
                if paired:
                    n = len(arrays[0])
                    idx = (np.arange(n),)

                    def stat_idx(i, axis=-1, arrays=arrays):
                        i = i.astype(int)
                        return fn(*(x[..., i] for x in arrays), axis=axis)
                    _, _, a_hat = _resampling._bca_interval(idx, stat_idx, -1, (1 - level) / 2,
                                                            dist, None)
                else:
                    _, _, a_hat = _resampling._bca_interval(arrays, fn, -1, (1 - level) / 2, dist, None)
                theta = expected['estimate']
                pct = ((dist < theta).sum() + (dist <= theta).sum()) / (2 * len(dist))
                expected['acceleration'] = float(np.squeeze(a_hat))
                expected['biasCorrection'] = float(special.ndtri(pct))
            cases.append({'name': f'{name}, {method} {level}', 'dataset': seed,
                          'method': method.lower(), 'level': level, 'expected': expected})
    datasets = [{'name': name, 'statistic': named, 'custom': custom, 'paired': paired,
                 'samples': [list(map(float, x)) for x in data]}
                for name, named, custom, data, paired, _ in specs]
    write('bootstrap', {'source': f'scipy.stats.bootstrap, n_resamples={SCIPY_RESAMPLES}',
                        'scipyResamples': SCIPY_RESAMPLES, 'datasets': datasets, 'cases': cases})


if __name__ == '__main__':
    gen_rng()
    gen_t_quantile()
    gen_welch()
    gen_proportions()
    gen_mcnemar()
    gen_srm()
    gen_msprt()
    gen_bootstrap()
