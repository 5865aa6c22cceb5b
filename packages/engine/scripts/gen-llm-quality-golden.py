#!/usr/bin/python3
"""Reference values for packages/engine/src/llm-quality: numpy's linear quantile of output
lengths and the cosine between embedding centroids. Run with Debian's /usr/bin/python3:
    /usr/bin/python3 packages/engine/scripts/gen-llm-quality-golden.py
"""
import json
import os

import numpy as np

rng = np.random.default_rng(20261127)
cases = []
for n in (1, 2, 5, 17, 100):
    lengths = rng.integers(0, 2000, size=n).tolist()
    cases.append({
        "lengths": lengths,
        "q": [float(np.quantile(lengths, q)) for q in (0.5, 0.9, 0.95, 0.99)],
    })
centroids = []
for dim, na, nb in ((3, 4, 5), (16, 10, 7), (64, 3, 50)):
    a = rng.normal(size=(na, dim))
    b = rng.normal(loc=0.3, size=(nb, dim))
    ca, cb = a.mean(axis=0), b.mean(axis=0)
    centroids.append({
        "a": a.tolist(),
        "b": b.tolist(),
        "cosine": float(ca @ cb / (np.linalg.norm(ca) * np.linalg.norm(cb))),
    })
out = {"generator": "gen-llm-quality-golden.py", "numpy": np.__version__,
       "quantiles": cases, "centroids": centroids}
path = os.path.join(os.path.dirname(__file__), "..", "src", "llm-quality", "testdata", "golden.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path))
