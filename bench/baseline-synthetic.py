#!/usr/bin/python3
"""baseline-synthetic: the numpy/scipy baseline for the synthetic drift benchmark.

Does what `vigil drift reference.csv current.csv` does with default settings, the way a Python user
would without pandas (not installed on this machine): np.loadtxt both CSV files, then per column
the default method of DESIGN.md (> 1000 reference rows: <= 5 distinct values jensenshannon, else
wasserstein = W1 / max(std_ref, 0.001), threshold 0.1) and the dataset rule (share >= 0.5).
Prints the timings; no data quality (vigil does that too, on top).
Usage: /usr/bin/python3 bench/baseline-synthetic.py [DIR]
"""
import sys
import time

import numpy as np
from scipy.stats import wasserstein_distance

d = sys.argv[1] if len(sys.argv) > 1 else '/tmp/vigil-bench'
t0 = time.perf_counter()
ref = np.loadtxt(f'{d}/reference.csv', delimiter=',', skiprows=1)
cur = np.loadtxt(f'{d}/current.csv', delimiter=',', skiprows=1)
t1 = time.perf_counter()
drifted = 0
t_unique = 0.0
for j in range(ref.shape[1]):
    r = ref[:, j]
    c = cur[:, j]
    tu = time.perf_counter()
    # Method selection needs the distinct count (pandas' nunique() in Evidently).
    distinct = len(np.unique(np.concatenate([r, c])))
    t_unique += time.perf_counter() - tu
    if distinct <= 5:
        raise SystemExit('unexpected low-cardinality column')
    score = wasserstein_distance(r, c) / max(np.std(r), 0.001)
    drifted += score >= 0.1
t2 = time.perf_counter()
print(f'columns {ref.shape[1]}, rows {ref.shape[0]} + {cur.shape[0]}, drifted {drifted}, dataset drift {drifted / ref.shape[1] >= 0.5}')
print(f'read {t1 - t0:.2f} s, analysis {t2 - t1:.2f} s (np.unique {t_unique:.2f} s, wasserstein {t2 - t1 - t_unique:.2f} s), total {t2 - t0:.2f} s')
