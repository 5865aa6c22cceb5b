#!/usr/bin/python3
"""baseline-flights: the numpy/scipy baseline for the flights benchmark (January vs June 2001).

Reads the dump written by bench/dump-flights.mjs (float64 files and one-value-per-line text files:
Debian's python has no pyarrow to read the Parquet file itself), then computes what
`vigil drift flights-3m.parquet ... --derive hour:date` computes with default settings
(DESIGN.md "Drift methods"): per column the default method, chosen from the reference row count and
the distinct values over both sides; numerical: wasserstein = W1 / max(population std of reference,
0.001); categorical: jensenshannon over one bin per category of the union (Evidently's binning),
shares = count / rows, natural log, distance; threshold 0.1; dataset drift when the share of
drifted columns >= 0.5. Missing values (NaN, empty) are dropped first.
Prints one JSON object: read and analysis times (seconds) and the per-column scores.
Usage: /usr/bin/python3 bench/baseline-flights.py [DIR]
"""
import json
import sys
import time
from collections import Counter

import numpy as np
from scipy.spatial import distance
from scipy.stats import wasserstein_distance

d = sys.argv[1] if len(sys.argv) > 1 else '/tmp/vigil-flights-dump'
kinds = json.load(open(f'{d}/columns.json'))

t0 = time.perf_counter()
data = {}
for col, kind in kinds.items():
    for side in ('jan', 'jun'):
        if kind == 'numerical':
            data[side, col] = np.fromfile(f'{d}/{side}.{col}.f64', dtype='<f8')
        else:
            with open(f'{d}/{side}.{col}.txt', encoding='utf-8') as f:
                data[side, col] = f.read().split('\n')
t1 = time.perf_counter()

columns = {}
for col, kind in kinds.items():
    r = data['jan', col]
    c = data['jun', col]
    if kind == 'numerical':
        r = r[np.isfinite(r)]
        c = c[np.isfinite(c)]
        # Method selection: > 1000 reference rows and > 5 distinct values over both -> wasserstein.
        distinct = len(np.unique(np.concatenate([r, c])))
        if len(r) <= 1000 or distinct <= 5:
            raise SystemExit(f'{col}: unexpected method selection')
        score = wasserstein_distance(r, c) / max(np.std(r), 0.001)
        method = 'wasserstein'
    else:
        # collections.Counter (C-accelerated) is the fast way to count strings in plain Python.
        rn = Counter(r)
        cn = Counter(c)
        rn.pop('', None)
        cn.pop('', None)
        keys = sorted(rn.keys() | cn.keys())
        rc = np.array([rn.get(k, 0) for k in keys], dtype=float)
        cc = np.array([cn.get(k, 0) for k in keys], dtype=float)
        score = float(distance.jensenshannon(rc / rc.sum(), cc / cc.sum()))
        method = 'jensenshannon'
    columns[col] = {'method': method, 'score': float(score), 'drifted': bool(score >= 0.1)}
t2 = time.perf_counter()
drifted = sum(v['drifted'] for v in columns.values())
print(json.dumps({
    'read_s': t1 - t0,
    'analysis_s': t2 - t1,
    'total_s': t2 - t0,
    'rows': [int(len(data['jan', 'delay'])), int(len(data['jun', 'delay']))],
    'columns': columns,
    'dataset_drift': drifted / len(columns) >= 0.5,
}))
