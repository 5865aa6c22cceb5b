#!/usr/bin/python3
"""gen-change-golden.py writes the input streams of river's documented drift-detector examples.

river is not installed here, so the *expected* detection indices below are copied from river's own
docstrings and regression tests (cited per case); this script only regenerates the input streams,
which come from Python's stdlib `random` and numpy's legacy `RandomState`, both deterministic for a
fixed seed. Run with /usr/bin/python3 (numpy 1.24.2):

    /usr/bin/python3 packages/core/scripts/gen-change-golden.py
"""

import json
import pathlib
import random

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "change" / "testdata" / "river-streams.golden.json"


def two_regimes(seed):
    rng = random.Random(seed)
    return rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)


def four_regimes(seed):
    rng = random.Random(seed)
    return (
        rng.choices([0, 1], k=1000)
        + rng.choices(range(4, 8), k=1000)
        + rng.choices([0, 1], k=1000)
        + rng.choices(range(4, 8), k=1000)
    )


def gauss_shift(seed):
    rng = random.Random(seed)
    stable = [rng.gauss(0, 1) for _ in range(200)]
    shifted = [rng.gauss(3, 1) for _ in range(200)]
    return stable + shifted


def numpy_legacy(seed):
    np.random.seed(seed)
    data = np.concatenate((np.random.randint(2, size=1000), np.random.randint(8, size=1000)))
    return [int(v) for v in data]


cases = [
    {
        "name": "page-hinkley docstring: random.Random(12345), {0,1} x1000 then {4..7} x1000",
        "detector": "pageHinkley",
        "source": "river/drift/page_hinkley.py docstring (two-sided version with mode='both')",
        "series": two_regimes(12345),
        "expected": [1006],
    },
    {
        "name": "adwin docstring: random.Random(12345), {0,1} x1000 then {4..7} x1000",
        "detector": "adwin",
        "source": "river/drift/adwin.py docstring",
        "series": two_regimes(12345),
        "expected": [1023],
    },
    {
        "name": "adwin regression test_multiple_drifts: random.Random(42), four regimes",
        "detector": "adwin",
        "source": "river/drift/test_adwin_regression.py::test_multiple_drifts",
        "series": four_regimes(42),
        "expected": [1023, 2015, 3007],
    },
    {
        "name": "adwin regression test_basic_drift_at_expected_index: numpy seed 12345",
        "detector": "adwin",
        "source": "river/drift/test_adwin_regression.py::test_basic_drift_at_expected_index",
        "series": numpy_legacy(12345),
        "expected": [1023],
    },
    {
        "name": "cusum docstring: random.Random(12345), N(0,1) x200 then N(3,1) x200",
        "detector": "cusum",
        "source": "river/drift/cusum.py docstring",
        "series": gauss_shift(12345),
        "expected": [201, 251],
    },
]

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps({"generator": "packages/core/scripts/gen-change-golden.py", "cases": cases}) + "\n")
print(f"wrote {OUT} ({len(cases)} cases)")
