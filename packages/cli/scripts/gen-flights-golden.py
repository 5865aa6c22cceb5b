#!/usr/bin/python3
"""gen-flights-golden: reference drift values for flights-3m.parquet, January vs June 2001.

Reads the two CSV files written by dump-flights-months.mjs and computes, with numpy/scipy, what
`vigil drift ... --derive hour=hour(date)` must report with default settings (DESIGN.md "Drift
methods"): numerical columns with > 1000 reference rows and > 5 distinct values use wasserstein
(W1 / max(population std of reference, 0.001)); categorical columns with > 1000 rows use
jensenshannon (one bin per category of the union, shares = count / rows, natural log, distance).
Also psi for every column (`--num-method psi --cat-method psi`): a numerical column with more
than 20 distinct reference values gets np.histogram_bin_edges(both, bins="sturges") equal-width
bins, else one bin per distinct value; shares = count / rows; a zero share becomes eps (m / 1e6
when the smallest non-zero share m of that vector <= 1e-4, else 1e-4); PSI = sum((c - r) * ln(c / r)).
Writes packages/cli/test/integration/testdata/flights.golden.json.
Usage: /usr/bin/python3 packages/cli/scripts/gen-flights-golden.py [DUMP_DIR]
"""
import csv
import json
import os
import sys

import numpy as np
from scipy.spatial import distance
from scipy.stats import wasserstein_distance

dump = sys.argv[1] if len(sys.argv) > 1 else '/tmp/vigil-flights'


def load(name):
    with open(os.path.join(dump, name), newline='') as f:
        rows = list(csv.DictReader(f))
    return {k: [r[k] for r in rows] for k in rows[0]}


ref = load('2001-01.csv')
cur = load('2001-06.csv')
out = {'reference_rows': len(ref['delay']), 'current_rows': len(cur['delay']), 'columns': {}}
for col in ['delay', 'distance', 'hour']:
    r = np.array(ref[col], dtype=float)
    c = np.array(cur[col], dtype=float)
    score = wasserstein_distance(r, c) / max(np.std(r), 0.001)
    out['columns'][col] = {'type': 'numerical', 'method': 'wasserstein', 'score': score, 'threshold': 0.1, 'drifted': bool(score >= 0.1)}
for col in ['origin', 'destination']:
    keys = sorted(set(ref[col]) | set(cur[col]))
    rc = {k: 0 for k in keys}
    cc = {k: 0 for k in keys}
    for v in ref[col]:
        rc[v] += 1
    for v in cur[col]:
        cc[v] += 1
    p = np.array([rc[k] for k in keys], dtype=float) / len(ref[col])
    q = np.array([cc[k] for k in keys], dtype=float) / len(cur[col])
    score = distance.jensenshannon(p, q)
    out['columns'][col] = {'type': 'categorical', 'method': 'jensenshannon', 'score': score, 'threshold': 0.1, 'drifted': bool(score >= 0.1)}


def shares(r, c):
    return r / r.sum(), c / c.sum()


def fill_zeros(p):
    # Evidently's policy, per vector: eps from that vector's smallest non-zero share.
    m = p[p > 0].min()
    return np.where(p == 0, m / 1e6 if m <= 1e-4 else 1e-4, p)


def psi(p, q):
    p = fill_zeros(p)
    q = fill_zeros(q)
    return float(np.sum((q - p) * np.log(q / p)))


out['psi'] = {}
for col in ['delay', 'distance', 'hour']:
    r = np.array(ref[col], dtype=float)
    c = np.array(cur[col], dtype=float)
    if len(np.unique(r)) > 20:
        edges = np.histogram_bin_edges(np.concatenate([r, c]), bins='sturges')
        rc, _ = np.histogram(r, edges)
        cc, _ = np.histogram(c, edges)
    else:
        keys = np.union1d(r, c)
        rc = np.array([np.sum(r == k) for k in keys])
        cc = np.array([np.sum(c == k) for k in keys])
    p, q = shares(rc.astype(float), cc.astype(float))
    score = psi(p, q)
    out['psi'][col] = {'score': score, 'drifted': bool(score >= 0.1)}
for col in ['origin', 'destination']:
    keys = sorted(set(ref[col]) | set(cur[col]))
    rc = {k: 0 for k in keys}
    cc = {k: 0 for k in keys}
    for v in ref[col]:
        rc[v] += 1
    for v in cur[col]:
        cc[v] += 1
    p, q = shares(np.array([rc[k] for k in keys], dtype=float), np.array([cc[k] for k in keys], dtype=float))
    score = psi(p, q)
    out['psi'][col] = {'score': score, 'drifted': bool(score >= 0.1)}
drifted = sum(1 for v in out['columns'].values() if v['drifted'])
out['dataset'] = {'drifted_columns': drifted, 'columns': 5, 'share': drifted / 5, 'drifted': drifted / 5 >= 0.5}
path = os.path.join(os.path.dirname(__file__), '..', 'test', 'integration', 'testdata', 'flights.golden.json')
with open(path, 'w') as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write('\n')
print(json.dumps(out, indent=1, sort_keys=True))
