#!/usr/bin/python3
"""Reference values for packages/core/src/profile (mergeable column profiles).

Run with Debian's interpreter (numpy 1.24, scipy 1.10):
    /usr/bin/python3 packages/core/scripts/gen-profile-golden.py
Writes packages/core/src/profile/testdata/profile.golden.json. Deterministic (fixed seeds).

Conventions reproduced here (DESIGN.md "Drift methods"):
- histogram: bins [e_i, e_{i+1}), last bin closed (numpy); underflow x < e_0, overflow x > e_last;
  the under/overflow bins join the drift bins only when either sample has values there.
- edges from a reference with > 20 distinct values: np.linspace(min, max, k + 1), k = ceil(log2 n) + 1.
- psi / kl_div: shares = count / rows, each vector's zero shares replaced by eps
  (eps = m / 1e6 when its smallest non-zero share m <= 1e-4, else 1e-4); kl_div = scipy.stats.entropy.
- jensenshannon: scipy.spatial.distance.jensenshannon (natural log), zeros kept.
- chisquare: scipy.stats.chisquare(cur, ref * n_cur / n_ref) over bins non-empty in either sample.
- wasserstein: scipy.stats.wasserstein_distance / max(np.std(ref), 0.001).
- ks: scipy.stats.ks_2samp (method 'auto': exact for these sizes).
"""
import json
import math
import os

import numpy as np
from scipy import stats
from scipy.spatial import distance

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'profile', 'testdata', 'profile.golden.json')


def fl(a):
    return [float(x) for x in a]


def hist_counts(x, edges):
    x = np.asarray(x, dtype=float)
    e = np.asarray(edges, dtype=float)
    inner = x[(x >= e[0]) & (x <= e[-1])]
    counts, _ = np.histogram(inner, bins=e)
    return counts.astype(int).tolist(), int(np.sum(x < e[0])), int(np.sum(x > e[-1]))


def fill_zero(p):
    p = p.copy()
    nz = p[p > 0]
    m = nz.min()
    eps = m / 1e6 if m <= 1e-4 else 1e-4
    p[p == 0] = eps
    return p


def binned_metrics(ref_counts, cur_counts):
    r = np.asarray(ref_counts, dtype=float)
    c = np.asarray(cur_counts, dtype=float)
    rs = r / r.sum()
    cs = c / c.sum()
    rp = fill_zero(rs)
    cp = fill_zero(cs)
    psi = float(np.sum((rp - cp) * np.log(rp / cp)))
    kl = float(stats.entropy(rp, cp))
    js = float(distance.jensenshannon(rs, cs))
    keep = (r > 0) | (c > 0)
    rk = r[keep]
    ck = c[keep]
    with np.errstate(divide='ignore', invalid='ignore'):
        chi = stats.chisquare(ck, rk * (c.sum() / r.sum()))
    stat = float(chi.statistic)
    pval = float(chi.pvalue)
    return {
        'psi': psi,
        'kl_div': kl,
        'jensenshannon': js,
        'chisquare': {'statistic': stat if math.isfinite(stat) else 'Infinity', 'pValue': pval},
    }


def drift_bins(ref, cur, edges):
    rc, ru, ro = hist_counts(ref, edges)
    cc, cu, co = hist_counts(cur, edges)
    r = ([ru] if ru + cu > 0 else []) + rc + ([ro] if ro + co > 0 else [])
    c = ([cu] if ru + cu > 0 else []) + cc + ([co] if ro + co > 0 else [])
    return r, c


def reference_edges(ref):
    ref = np.asarray(ref, dtype=float)
    k = int(math.ceil(math.log2(len(ref)))) + 1
    return np.linspace(ref.min(), ref.max(), k + 1)


def numeric_drift_case(name, ref, cur):
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    edges = reference_edges(ref)
    r, c = drift_bins(ref, cur, edges)
    out = {
        'name': name,
        'reference': fl(ref),
        'current': fl(cur),
        'edges': fl(edges),
        'referenceBins': r,
        'currentBins': c,
        'wasserstein': float(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)),
        'ks': {
            'statistic': float(stats.ks_2samp(ref, cur).statistic),
            'pValue': float(stats.ks_2samp(ref, cur).pvalue),
        },
    }
    out.update(binned_metrics(r, c))
    return out


def categorical_drift_case(name, ref, cur):
    keys = sorted(set(ref) | set(cur))
    r = [ref.count(k) for k in keys]
    c = [cur.count(k) for k in keys]
    out = {'name': name, 'reference': ref, 'current': cur, 'keys': keys, 'referenceBins': r, 'currentBins': c}
    out.update(binned_metrics(r, c))
    return out


def main():
    rng = np.random.default_rng(20240611)
    histogram_cases = []
    x = rng.normal(0, 1, 500)
    e = np.linspace(-2, 2, 9)
    histogram_cases.append({'name': 'normal with under/overflow', 'values': fl(x), 'edges': fl(e)})
    x = rng.integers(0, 10, 300).astype(float)
    e = np.concatenate([[0.0], np.arange(0.5, 9.0, 1.0), [9.0]])
    histogram_cases.append({'name': 'integers, midpoint edges', 'values': fl(x), 'edges': fl(e)})
    x = rng.lognormal(0, 1.5, 400) - 1
    e = np.array([-10.0, -1.0, 0.0, 0.5, 3.0, 100.0])
    histogram_cases.append({'name': 'lognormal, uneven edges', 'values': fl(x), 'edges': fl(e)})
    e = np.linspace(0.1, 0.7, 7)
    x = np.concatenate([e, e, [0.05, 0.75, 0.3, 0.30000000000000004]])
    histogram_cases.append({'name': 'values on the edges', 'values': fl(x), 'edges': fl(e)})
    for c in histogram_cases:
        counts, under, over = hist_counts(c['values'], c['edges'])
        c.update({'counts': counts, 'underflow': under, 'overflow': over})

    moment_cases = []
    for name, vals in [
        ('normal', rng.normal(3, 2, 400)),
        ('offset 1e6', 1e6 + rng.normal(0, 1e-3, 400)),
        ('lognormal', rng.lognormal(0, 2, 400)),
        ('tiny', rng.normal(0, 1e-200, 200)),
    ]:
        moment_cases.append({'name': name, 'values': fl(vals), 'mean': float(np.mean(vals)), 'var': float(np.var(vals))})

    qs = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1]
    quantile_cases = []
    for name, vals in [
        ('normal', rng.normal(0, 1, 800)),
        ('lognormal', rng.lognormal(1, 1, 800)),
        ('bimodal', np.concatenate([rng.normal(-5, 1, 400), rng.normal(5, 0.5, 400)])),
        ('poisson', rng.poisson(4, 800).astype(float)),
    ]:
        quantile_cases.append({'name': name, 'values': fl(vals), 'q': qs, 'expected': fl(np.quantile(vals, qs))})

    drift_cases = [
        numeric_drift_case('identical normal', rng.normal(0, 1, 400), rng.normal(0, 1, 400)),
        numeric_drift_case('normal shift 0.5', rng.normal(0, 1, 500), rng.normal(0.5, 1, 300)),
        numeric_drift_case('lognormal scale', rng.lognormal(0, 1, 600), rng.lognormal(0, 1.3, 400)),
        numeric_drift_case(
            'bimodal weights',
            np.concatenate([rng.normal(-3, 1, 300), rng.normal(3, 1, 300)]),
            np.concatenate([rng.normal(-3, 1, 100), rng.normal(3, 1, 300)]),
        ),
        numeric_drift_case('poisson rate', rng.poisson(30, 500).astype(float), rng.poisson(33, 500).astype(float)),
        numeric_drift_case('current beyond range', rng.uniform(0, 1, 300), rng.uniform(-0.2, 1.5, 300)),
    ]
    regions = ['north', 'south', 'east', 'west', 'centre']
    ref = [regions[i] for i in rng.choice(5, 700, p=[0.3, 0.3, 0.2, 0.1, 0.1])]
    cur = [regions[i] for i in rng.choice(5, 500, p=[0.25, 0.35, 0.2, 0.15, 0.05])]
    categorical_cases = [categorical_drift_case('regions', ref, cur)]
    cur2 = cur[:480] + ['new'] * 20
    categorical_cases.append(categorical_drift_case('new category', ref, cur2))

    out = {
        'generator': 'packages/core/scripts/gen-profile-golden.py',
        'numpy': np.__version__,
        'scipy': __import__('scipy').__version__,
        'histogram': histogram_cases,
        'moments': moment_cases,
        'quantiles': quantile_cases,
        'numericDrift': drift_cases,
        'categoricalDrift': categorical_cases,
    }
    with open(OUT, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
