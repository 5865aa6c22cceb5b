#!/usr/bin/python3
"""Reference values for packages/core/src/drift (run with Debian's /usr/bin/python3).

numpy 1.24.2 / scipy 1.10.1. Each method follows Evidently 0.7's legacy stattests definitions
(src/evidently/legacy/calculations/stattests/*.py), written out below with numpy/scipy calls:
the scipy functions Evidently calls are called directly (ks_2samp, chisquare, power_divergence,
anderson_ksamp, fisher_exact, cramervonmises_2samp, mannwhitneyu, energy_distance,
epps_singleton_2samp, ttest_ind, wasserstein_distance, jensenshannon, entropy); the binning
(get_binned_data), hellinger, TVD and MMD statistics are transcribed from Evidently.

Inputs are either explicit lists (rounded before use, written into the JSON) or a formula spec
{"gen": "mod", "n", "mult", "add", "mod", "scale", "offset"}: value_i = ((mult*i + add) % mod) * scale
+ offset, exact integer arithmetic then one multiply and one add in doubles, so the TypeScript test
rebuilds the same values without a copy of a 10,000-value array.
Permutation p-values (TVD, empirical_mmd) depend on numpy's RNG: only their statistics are golden.

Usage: /usr/bin/python3 packages/core/scripts/gen-drift-golden.py
"""
import json
import math
import os
import warnings

import numpy as np
from scipy import stats
from scipy.spatial import distance

warnings.simplefilter('ignore')
OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'drift', 'testdata', 'drift.golden.json')
rng = np.random.default_rng(20240601)


def fin(x):
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        raise ValueError('NaN in golden output')
    return None if math.isinf(x) else x


def gen(n, mult, add, mod, scale, offset, append=()):
    spec = {'gen': 'mod', 'n': n, 'mult': mult, 'add': add, 'mod': mod, 'scale': scale, 'offset': offset,
            'append': list(append)}
    values = np.array([((mult * i + add) % mod) * scale + offset for i in range(n)] + list(append), dtype=float)
    return spec, values


def explicit(values, digits=4):
    arr = np.round(np.asarray(values, dtype=float), digits)
    return [float(v) for v in arr], arr


# --- Evidently definitions ----------------------------------------------------------------------

def binned(ref, cur, numerical, fill_zeroes, bins=None):
    """get_binned_data; `bins` is our extension (Evidently ignores n_bins)."""
    if numerical and (bins is not None or len(np.unique(ref)) > 20):
        both = np.concatenate([ref, cur])
        if bins is None:
            edges = np.histogram_bin_edges(both, bins='sturges')
        else:
            edges = np.linspace(both.min(), both.max(), bins + 1)
        rp = np.histogram(ref, edges)[0] / len(ref)
        cp = np.histogram(cur, edges)[0] / len(cur)
    else:
        keys = sorted(set(ref.tolist()) | set(cur.tolist()))
        rc = {k: 0 for k in keys}
        cc = {k: 0 for k in keys}
        for v in ref.tolist():
            rc[v] += 1
        for v in cur.tolist():
            cc[v] += 1
        rp = np.array([rc[k] / len(ref) for k in keys])
        cp = np.array([cc[k] / len(cur) for k in keys])
    if fill_zeroes:
        for p in (rp, cp):
            m = min(p[p != 0])
            np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return rp, cp


def counts(ref, cur):
    keys = sorted(set(ref.tolist()) | set(cur.tolist()))
    rc = {k: 0 for k in keys}
    cc = {k: 0 for k in keys}
    for v in ref.tolist():
        rc[v] += 1
    for v in cur.tolist():
        cc[v] += 1
    return keys, np.array([rc[k] for k in keys], float), np.array([cc[k] for k in keys], float)


def m_ks(ref, cur, numerical, bins):
    r = stats.ks_2samp(ref, cur)
    return r.statistic, r.pvalue, r.pvalue


def m_chisquare(ref, cur, numerical, bins):
    keys, rc, cc = counts(ref, cur)
    f_exp = rc * (len(cur) / len(ref))
    r = stats.chisquare(cc, f_exp)
    return r.statistic, r.pvalue, r.pvalue


def m_g_test(ref, cur, numerical, bins):
    keys, rc, cc = counts(ref, cur)
    f_exp = rc * (len(cur) / len(ref))
    r = stats.power_divergence(cc, f_exp, lambda_='log-likelihood')
    return r.statistic, r.pvalue, r.pvalue


def m_z(ref, cur, numerical, bins):
    keys = sorted(set(ref.tolist()) | set(cur.tolist()))
    if len(keys) == 1:
        return 0.0, 1.0, 1.0
    r = (ref != keys[0]).astype(float)
    c = (cur != keys[0]).astype(float)
    n1, n2 = len(r), len(c)
    p1, p2 = r.sum() / n1, c.sum() / n2
    pp = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pp * (1 - pp) * (1.0 / n1 + 1.0 / n2))
    p = 2 * stats.norm.sf(abs(z))  # Evidently: 2 * (1 - cdf); identical above 1e-16
    return z, p, p


def m_fisher_exact(ref, cur, numerical, bins):
    keys = sorted(set(ref.tolist()) | set(cur.tolist()))
    if len(keys) == 1:
        return None, 1.0, 1.0
    table = [[np.sum(cur == keys[0]), np.sum(cur == keys[1])], [np.sum(ref == keys[0]), np.sum(ref == keys[1])]]
    odds, p = stats.fisher_exact(table)
    return odds, p, p


def m_psi(ref, cur, numerical, bins):
    rp, cp = binned(ref, cur, numerical, True, bins)
    v = np.sum((rp - cp) * np.log(rp / cp))
    return v, None, v


def m_kl_div(ref, cur, numerical, bins):
    rp, cp = binned(ref, cur, numerical, True, bins)
    v = stats.entropy(rp, cp)
    return v, None, v


def m_jensenshannon(ref, cur, numerical, bins):
    rp, cp = binned(ref, cur, numerical, False, bins)
    v = distance.jensenshannon(rp, cp)
    return v, None, v


def m_hellinger(ref, cur, numerical, bins):
    if not numerical:
        keys, rc, cc = counts(ref, cur)
        s = np.sum(np.sqrt((rc / len(ref)) * (cc / len(cur))))
    else:
        keys = list(set(ref.tolist()) | set(cur.tolist()))
        edges = np.histogram_bin_edges(keys, bins='sturges' if bins is None else bins)
        h1 = np.histogram(ref, bins=edges, density=True)[0]
        h2 = np.histogram(cur, bins=edges, density=True)[0]
        width = (max(edges) - min(edges)) / (len(edges) - 1)
        s = sum(math.sqrt(h1[i] * h2[i]) * width for i in range(len(h1)))
    v = math.sqrt(1 - float(np.clip(s, 0, 1)))
    return v, None, v


def m_wasserstein(ref, cur, numerical, bins):
    v = stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)
    return v, None, v


def m_ed(ref, cur, numerical, bins):
    v = stats.energy_distance(ref, cur)
    return v, None, v


def m_anderson(ref, cur, numerical, bins):
    r = stats.anderson_ksamp([ref, cur])
    return r.statistic, r.significance_level, r.significance_level


def m_cramer_von_mises(ref, cur, numerical, bins):
    r = stats.cramervonmises_2samp(ref, cur)
    return r.statistic, r.pvalue, r.pvalue


def m_mannw(ref, cur, numerical, bins):
    r = stats.mannwhitneyu(ref, cur, alternative='less')
    return r.statistic, r.pvalue, r.pvalue


def m_es(ref, cur, numerical, bins):
    r = stats.epps_singleton_2samp(ref, cur)
    return r.statistic, r.pvalue, r.pvalue


def m_t_test(ref, cur, numerical, bins):
    r = stats.ttest_ind(ref, cur)
    return r.statistic, r.pvalue, r.pvalue


def m_tvd(ref, cur, numerical, bins):
    keys, rc, cc = counts(ref, cur)
    v = 0.5 * np.sum(np.abs(rc / rc.sum() - cc / cc.sum()))
    return v, None, None


def m_empirical_mmd(ref, cur, numerical, bins):
    x = ref.reshape(-1, 1)
    y = cur.reshape(-1, 1)

    def sq(a, b):
        return (b**2).T - 2 * np.dot(a, b.T) + a**2

    dxx = sq(x, x)
    sigma = (0.5 * np.percentile(dxx.flatten(), 50, method='nearest')) ** 0.5
    if sigma == 0:
        sigma = (0.5 * 1) ** 0.5
    gamma = 1.0 / (2.0 * sigma**2)
    kxx, kxy, kyy = np.exp(-gamma * dxx), np.exp(-gamma * sq(x, y)), np.exp(-gamma * sq(y, y))
    k = np.concatenate((np.concatenate((kxx, kxy), axis=1), np.concatenate((kxy.T, kyy), axis=1)), axis=0)
    k = k - np.diag(np.diagonal(k))
    n, m = len(x), len(y)
    mmd = (1 / (n * (n - 1))) * k[:-m, :-m].sum() + (1 / (m * (m - 1))) * k[-m:, -m:].sum() - 2.0 * k[-m:, :-m].mean()
    return mmd, None, None


METHODS = {
    'ks': m_ks, 'chisquare': m_chisquare, 'z': m_z, 'jensenshannon': m_jensenshannon, 'kl_div': m_kl_div,
    'psi': m_psi, 'wasserstein': m_wasserstein, 'anderson': m_anderson, 'fisher_exact': m_fisher_exact,
    'cramer_von_mises': m_cramer_von_mises, 'g_test': m_g_test, 'hellinger': m_hellinger, 'mannw': m_mannw,
    'ed': m_ed, 'es': m_es, 't_test': m_t_test, 'TVD': m_tvd, 'empirical_mmd': m_empirical_mmd,
}

cases = []


def add(name, method, ref, cur, kind='numerical', bins=None, p_abs=None):
    """ref/cur: (json_form, numpy_values) pairs; p_abs widens the absolute p-value tolerance."""
    ref_json, ref_vals = ref
    cur_json, cur_vals = cur
    stat, p, score = METHODS[method](ref_vals, cur_vals, kind == 'numerical', bins)
    case = {'name': name, 'method': method, 'kind': kind, 'reference': ref_json, 'current': cur_json,
            'statistic': fin(stat) if stat is not None else None,
            'statistic_infinite': stat is not None and math.isinf(float(stat)),
            'p_value': fin(p), 'score': fin(score)}
    if bins is not None:
        case['bins'] = bins
    if p_abs is not None:
        case['p_value_absolute'] = p_abs
    cases.append(case)


def cat(values):
    arr = np.array(values, dtype=object)
    return list(values), arr


def normal(n, loc=0.0, scale=1.0, digits=4):
    return explicit(rng.normal(loc, scale, n), digits)


def ints(n, lo, hi):
    return explicit(rng.integers(lo, hi, n), 0)


# --- ks -----------------------------------------------------------------------------------------
add('ks small disjoint', 'ks', explicit([1, 2, 3, 4, 5]), explicit([6, 7, 8, 9, 10]))
add('ks single values', 'ks', explicit([1.5]), explicit([2.5]))
add('ks ties', 'ks', ints(40, 0, 5), ints(55, 1, 6))
add('ks unequal sizes', 'ks', normal(30), normal(700, 0.4))
add('ks heavy tails', 'ks', explicit(rng.standard_cauchy(300), 3), explicit(rng.standard_cauchy(250) + 1, 3))
add('ks huge shift tiny p', 'ks', normal(800), normal(900, 1.0))
same = normal(100)
add('ks identical', 'ks', same, same)
add('ks exact boundary n=10000', 'ks', gen(10000, 7919, 13, 10007, 0.001, 0.0), gen(60, 31, 7, 61, 0.15, 0.3))
add('ks asymptotic boundary n=10001', 'ks', gen(10001, 7919, 13, 10007, 0.001, 0.0), gen(60, 31, 7, 61, 0.15, 0.3))
add('ks asymptotic large', 'ks', gen(20000, 7919, 13, 20011, 0.0005, 0.0), gen(15000, 104729, 3, 15013, 0.00065, 0.05))

# --- chisquare / g_test / z / fisher / TVD (categorical) ----------------------------------------
abc = lambda n, p: cat(list(rng.choice(['a', 'b', 'c', 'd'], n, p=p)))
add('chisquare basic', 'chisquare', abc(200, [0.4, 0.3, 0.2, 0.1]), abc(150, [0.35, 0.3, 0.2, 0.15]), 'categorical')
add('chisquare new category', 'chisquare', cat(['a'] * 30 + ['b'] * 20), cat(['a'] * 25 + ['b'] * 20 + ['c'] * 3), 'categorical')
add('chisquare tiny p', 'chisquare', abc(600, [0.7, 0.1, 0.1, 0.1]), abc(600, [0.1, 0.1, 0.1, 0.7]), 'categorical')
add('chisquare numerical values', 'chisquare', ints(120, 0, 4), ints(90, 0, 4))
add('chisquare unequal', 'chisquare', abc(40, [0.25] * 4), abc(900, [0.25] * 4), 'categorical')
add('g_test basic', 'g_test', abc(200, [0.4, 0.3, 0.2, 0.1]), abc(150, [0.35, 0.3, 0.2, 0.15]), 'categorical')
add('g_test new category', 'g_test', cat(['a'] * 30 + ['b'] * 20), cat(['a'] * 25 + ['b'] * 20 + ['c'] * 3), 'categorical')
add('g_test missing category in current', 'g_test', cat(['a'] * 30 + ['b'] * 20 + ['c'] * 5), cat(['a'] * 25 + ['b'] * 20), 'categorical')
add('z binary', 'z', cat(['no'] * 70 + ['yes'] * 30), cat(['no'] * 50 + ['yes'] * 50), 'categorical')
add('z first key vs rest', 'z', abc(300, [0.4, 0.3, 0.2, 0.1]), abc(250, [0.3, 0.3, 0.2, 0.2]), 'categorical')
add('z single shared value', 'z', cat(['x'] * 10), cat(['x'] * 7), 'categorical')
add('z huge shift', 'z', cat(['a'] * 990 + ['b'] * 10), cat(['a'] * 10 + ['b'] * 990), 'categorical')
add('z numerical two values', 'z', explicit([0, 1, 1, 0, 0, 0, 1, 0, 0, 0]), explicit([1, 1, 1, 0, 1, 1, 1, 0, 1, 1]))
add('fisher_exact small', 'fisher_exact', cat(['yes'] * 5 + ['no'] * 1), cat(['yes'] * 1 + ['no'] * 8), 'categorical')
add('fisher_exact symmetric', 'fisher_exact', cat(['a'] * 3 + ['b'] * 3), cat(['a'] * 3 + ['b'] * 3), 'categorical')
add('fisher_exact unequal sizes', 'fisher_exact', cat(['a'] * 40 + ['b'] * 60), cat(['a'] * 300 + ['b'] * 200), 'categorical')
add('fisher_exact tiny p', 'fisher_exact', cat(['a'] * 480 + ['b'] * 20), cat(['a'] * 30 + ['b'] * 470), 'categorical')
add('fisher_exact one category', 'fisher_exact', cat(['a'] * 4), cat(['a'] * 9), 'categorical')
add('fisher_exact zero cell', 'fisher_exact', cat(['a'] * 12), cat(['a'] * 6 + ['b'] * 6), 'categorical')
add('TVD shift', 'TVD', abc(300, [0.4, 0.3, 0.2, 0.1]), abc(250, [0.1, 0.2, 0.3, 0.4]), 'categorical')
add('TVD disjoint', 'TVD', cat(['a'] * 5 + ['b'] * 5), cat(['c'] * 5 + ['d'] * 4), 'categorical')

# --- binned distances ---------------------------------------------------------------------------
for method in ['psi', 'kl_div', 'jensenshannon']:
    add(f'{method} sturges', method, normal(500), normal(400, 0.3, 1.2))
    add(f'{method} few values', method, ints(300, 0, 8), ints(200, 2, 11))
    add(f'{method} categorical', method, abc(300, [0.4, 0.3, 0.2, 0.1]), abc(250, [0.3, 0.2, 0.3, 0.2]), 'categorical')
    add(f'{method} empty bins', method, normal(100), normal(100, 4.0))
    add(f'{method} user bins', method, normal(500), normal(400, 0.3, 1.2), bins=7)
    add(f'{method} disjoint categories', method, cat(['a'] * 5 + ['b'] * 5), cat(['c'] * 5 + ['d'] * 5), 'categorical')
# A lone reference outlier makes the smallest non-zero share 1/20001 <= 1e-4, so eps = m / 1e6.
add('psi tiny shares eps', 'psi', gen(20000, 7919, 13, 20011, 0.0005, 0.0, [25.0]), gen(3000, 31, 7, 2999, 0.004, 8.0))
add('kl_div tiny shares eps', 'kl_div', gen(20000, 7919, 13, 20011, 0.0005, 0.0, [25.0]), gen(3000, 31, 7, 2999, 0.004, 8.0))
add('hellinger categorical', 'hellinger', abc(300, [0.4, 0.3, 0.2, 0.1]), abc(250, [0.3, 0.2, 0.3, 0.2]), 'categorical')
add('hellinger numerical', 'hellinger', normal(500), normal(400, 0.3, 1.2))
add('hellinger numerical ties', 'hellinger', ints(300, 0, 30), ints(200, 5, 40))
add('hellinger constant', 'hellinger', explicit([3.0] * 5), explicit([3.0] * 8))
add('hellinger user bins', 'hellinger', normal(500), normal(400, 0.3, 1.2), bins=9)

# --- numerical distances ------------------------------------------------------------------------
add('wasserstein basic', 'wasserstein', normal(500), normal(400, 0.3, 1.2))
add('wasserstein constant reference', 'wasserstein', explicit([2.0] * 20), explicit([2.0] * 10 + [2.5] * 10))
add('wasserstein heavy tails', 'wasserstein', explicit(rng.standard_cauchy(300), 3), explicit(rng.standard_cauchy(250) + 1, 3))
add('wasserstein ties unequal', 'wasserstein', ints(50, 0, 6), ints(700, 1, 7))
add('ed basic', 'ed', normal(500), normal(400, 0.3, 1.2))
add('ed single values', 'ed', explicit([0.0]), explicit([1.0]))
add('ed ties unequal', 'ed', ints(50, 0, 6), ints(700, 1, 7))

# --- rank and moment tests ----------------------------------------------------------------------
add('anderson interpolated', 'anderson', normal(200), normal(200, 0.25))
add('anderson capped 0.25', 'anderson', normal(300), normal(300))
add('anderson floored 0.001', 'anderson', normal(200), normal(200, 1.5))
add('anderson ties', 'anderson', ints(150, 0, 6), ints(120, 0, 7))
add('anderson tiny', 'anderson', explicit([1, 2]), explicit([3, 4, 5]))
add('cramer_von_mises exact', 'cramer_von_mises', normal(8), normal(11, 1.0))
add('cramer_von_mises exact ties', 'cramer_von_mises', ints(12, 0, 5), ints(20, 1, 6))
add('cramer_von_mises exact disjoint', 'cramer_von_mises', explicit([1, 2, 3]), explicit([4, 5, 6]))
# Asymptotic p = 1 − CDF: both scipy and we lose ~1e-16 absolute to cancellation, so small p-values
# can only be compared absolutely.
add('cramer_von_mises asymptotic', 'cramer_von_mises', normal(300), normal(250, 0.2), p_abs=1e-14)
add('cramer_von_mises tiny p', 'cramer_von_mises', normal(400), normal(500, 1.0), p_abs=1e-14)
add('cramer_von_mises identical asymptotic', 'cramer_von_mises', explicit(np.arange(30)), explicit(np.arange(30)))
add('mannw exact', 'mannw', normal(6), normal(30, 0.8))
add('mannw exact tiny', 'mannw', explicit([1, 2, 3]), explicit([4, 5, 6]))
add('mannw exact reversed', 'mannw', explicit([4.5, 5, 6, 7]), explicit([1, 2, 3, 3.5, 8]))
add('mannw asymptotic ties', 'mannw', ints(200, 0, 10), ints(150, 1, 11))
add('mannw small with ties', 'mannw', explicit([1, 2, 2, 3]), explicit([2, 3, 4]))
add('mannw tiny p', 'mannw', normal(600), normal(500, 1.5))
add('mannw shift down', 'mannw', normal(100, 1.0), normal(100))
add('es basic', 'es', normal(300), normal(250, 0.2, 1.3))
add('es small sample correction', 'es', normal(12), normal(15, 1.0))
add('es ties', 'es', ints(200, 0, 10), ints(150, 1, 11))
add('es tiny p', 'es', normal(500), normal(500, 2.0))
add('t_test basic', 't_test', normal(50), normal(60, 0.3))
add('t_test tiny', 't_test', explicit([1, 2, 3, 4]), explicit([3, 4, 5, 6]))
add('t_test tiny p', 't_test', normal(300), normal(300, 1.0))
add('t_test unequal sizes', 't_test', normal(5), normal(500, 0.5, 3.0))
add('empirical_mmd basic', 'empirical_mmd', normal(60), normal(50, 0.5))
add('empirical_mmd ties', 'empirical_mmd', ints(40, 0, 5), ints(30, 0, 6))
add('empirical_mmd constant reference', 'empirical_mmd', explicit([1.0] * 10), explicit([1.0] * 5 + [2.0] * 5))
add('empirical_mmd even count median', 'empirical_mmd', normal(9), normal(12, 2.0))

header = {
    'generated_by': 'packages/core/scripts/gen-drift-golden.py (numpy %s, scipy %s)' % (np.__version__, __import__('scipy').__version__),
    'tolerance': {'relative': 1e-9, 'statistic_absolute': 1e-12, 'p_value_absolute': 1e-300},
}
with open(OUT, 'w') as f:
    # One case per line keeps the file small and its diffs readable.
    f.write(json.dumps(header, allow_nan=False)[:-1] + ', "cases": [\n')
    f.write(',\n'.join(json.dumps(c, separators=(',', ':'), allow_nan=False) for c in cases))
    f.write('\n]}\n')
print('wrote', os.path.relpath(OUT), len(cases), 'cases')
