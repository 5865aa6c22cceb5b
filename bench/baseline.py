"""Baseline for bench/core.mjs: the same computations with numpy/scipy on the same data.

Run by the benchmark with Debian's /usr/bin/python3. Reads raw little-endian float64 files written by
the benchmark and prints one JSON object of median wall times in milliseconds.
"""
import json
import sys
import time

import numpy as np
from scipy import stats
from scipy.spatial import distance


def timed(fn, repeats):
    times = []
    value = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return float(np.median(times)), value


def sturges_hist(ref, cur):
    # Evidently's binning: equal-width bins over both samples, ceil(log2 N) + 1 of them.
    both = np.concatenate([ref, cur])
    bins = int(np.ceil(np.log2(len(both))) + 1)
    edges = np.histogram_bin_edges(both, bins=bins)
    r = np.histogram(ref, edges)[0] / len(ref)
    c = np.histogram(cur, edges)[0] / len(cur)
    return r, c


def fill_zero(p):
    # Evidently's epsilon, per vector: m / 1e6 when the smallest non-zero share m <= 1e-4, else 1e-4.
    m = p[p > 0].min()
    return np.where(p == 0, m / 1e6 if m <= 1e-4 else 1e-4, p)


def psi(ref, cur):
    r, c = sturges_hist(ref, cur)
    r, c = fill_zero(r), fill_zero(c)
    return np.sum((r - c) * np.log(r / c))


def js(ref, cur):
    r, c = sturges_hist(ref, cur)
    return distance.jensenshannon(r, c)


def wasserstein(ref, cur):
    return stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)


def profile(cols):
    out = []
    for col in cols:
        finite = col[np.isfinite(col)]
        lo, hi = finite.min(), finite.max()
        out.append(
            (
                len(col),
                len(col) - len(finite),
                lo,
                hi,
                finite.mean(),
                finite.var(ddof=1),
                np.histogram(finite, bins=20, range=(lo, hi))[0],
                np.quantile(finite, [0.01, 0.25, 0.5, 0.75, 0.99]),
                len(np.unique(finite)),
            )
        )
    return out


def main():
    ref_path, cur_path, table_path, rows, cols, repeats = sys.argv[1:7]
    rows, cols, repeats = int(rows), int(cols), int(repeats)
    ref = np.fromfile(ref_path, dtype="<f8")
    cur = np.fromfile(cur_path, dtype="<f8")
    table = np.fromfile(table_path, dtype="<f8").reshape(cols, rows)
    res, scores = {}, {}
    res["ks"], r = timed(lambda: stats.ks_2samp(ref, cur), repeats)
    scores["ks"] = float(r.pvalue)
    for name, fn in (("psi", psi), ("jensenshannon", js), ("wasserstein", wasserstein)):
        res[name], v = timed(lambda: fn(ref, cur), repeats)
        scores[name] = float(v)
    res["profile"], _ = timed(lambda: profile(table), max(1, repeats // 2))
    res["scores"] = scores
    print(json.dumps(res))


if __name__ == "__main__":
    main()
