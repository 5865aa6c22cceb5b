#!/usr/bin/python3
"""gen-text-golden.py writes the reference vectors for packages/core/src/text (hashed embeddings).

An independent implementation of the documented algorithm (32-bit FNV-1a over code points, signed
buckets, L2 normalisation) with numpy 1.24 for the norms and cosines. ASCII/Latin-1 texts only, so
Python's str.lower() and JavaScript's toLowerCase() agree.

    /usr/bin/python3 packages/core/scripts/gen-text-golden.py
"""

import json
import pathlib
import re

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "text" / "testdata"


def embed(text, dims=512, min_n=3, max_n=3):
    t = re.sub(r"\s+", " ", text.lower()).strip()
    v = np.zeros(dims)
    if t == "":
        return v
    cps = [ord(c) for c in " " + t + " "]
    for start in range(len(cps)):
        for n in range(min_n, max_n + 1):
            if start + n > len(cps):
                break
            h = 0x811C9DC5
            for cp in cps[start : start + n]:
                h = ((h ^ cp) * 0x01000193) & 0xFFFFFFFF
            v[h % dims] += -1.0 if h >= 0x80000000 else 1.0
    norm = np.linalg.norm(v)
    return v / norm if norm > 0 else v


PAIRS = [
    ("the cat sat on the mat", "the cat is on the mat", {}),
    ("Refunds are processed within 5 business days.", "We process refunds in five business days.", {}),
    ("Hello world", "hello   WORLD", {}),
    ("completely different", "xyzzy plugh", {}),
    ("naïve café résumé", "naive cafe resume", {"dims": 64, "min_n": 2, "max_n": 4}),
    ("The quick brown fox jumps over the lazy dog", "A quick brown dog jumps over the lazy fox", {"dims": 128, "min_n": 1, "max_n": 5}),
]

cases = []
for a, b, opts in PAIRS:
    va = embed(a, **opts)
    vb = embed(b, **opts)
    cases.append(
        {
            "a": a,
            "b": b,
            "options": {"dimensions": opts.get("dims", 512), "minN": opts.get("min_n", 3), "maxN": opts.get("max_n", 3)},
            "embeddingA": {str(i): float(x) for i, x in enumerate(va) if x != 0},
            "cosine": float(np.dot(va, vb) / (np.linalg.norm(va) * np.linalg.norm(vb))),
        }
    )

OUT.mkdir(parents=True, exist_ok=True)
(OUT / "embed.golden.json").write_text(
    json.dumps({"generator": "packages/core/scripts/gen-text-golden.py", "numpy": np.__version__, "cases": cases}, ensure_ascii=False) + "\n"
)
print(f"wrote {len(cases)} cases")
