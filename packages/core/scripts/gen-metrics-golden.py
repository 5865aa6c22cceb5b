#!/usr/bin/python3
"""gen-metrics-golden.py writes the reference values for packages/core/src/metrics.

Classification, ranking, log-loss and regression values come from scikit-learn 1.2.1; BLEU, chrF
and edit distance from nltk 3.8; cosine similarity from numpy 1.24.2. ROUGE comes from the small
*independent* implementation below (`rouge_reference`), because the rouge-score package is not
installed here: it follows rouge-score's definitions (n-gram / LCS precision, recall and F1 with its
zero conventions) with the Unicode tokenizer documented in src/metrics/text-tokenize.ts.

Run with /usr/bin/python3 (deterministic: every random input comes from a seeded RandomState):

    /usr/bin/python3 packages/core/scripts/gen-metrics-golden.py
"""

import json
import math
import pathlib
import re
import warnings
from collections import Counter

import numpy as np
import sklearn
from nltk import __version__ as nltk_version
from nltk.metrics.distance import edit_distance
from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu
from nltk.translate.chrf_score import sentence_chrf
from sklearn import metrics as skm
from sklearn.exceptions import UndefinedMetricWarning

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert nltk_version == "3.8", nltk_version

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "metrics" / "testdata"


def write(name, payload):
    payload = {"generator": "packages/core/scripts/gen-metrics-golden.py", **payload}
    path = OUT / f"{name}.golden.json"
    path.write_text(json.dumps(payload, ensure_ascii=False) + "\n")
    print(f"wrote {path}")


def py(values):
    """Plain Python list (ints stay ints, numpy scalars become Python scalars)."""
    return [v.item() if hasattr(v, "item") else v for v in values]


def with_flag(fn):
    """Call fn, return (value, whether sklearn raised UndefinedMetricWarning)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = fn()
    flagged = any(issubclass(w.category, UndefinedMetricWarning) for w in caught)
    return value, flagged


# ---------------------------------------------------------------- classification
def classification_cases():
    rng = np.random.RandomState(20230101)
    cases = []

    def add(name, y_true, y_pred, pos_label=None):
        y_true = py(y_true)
        y_pred = py(y_pred)
        cm_labels = sorted(set(y_true) | set(y_pred))
        case = {
            "name": name,
            "yTrue": y_true,
            "yPred": y_pred,
            "accuracy": skm.accuracy_score(y_true, y_pred),
            "labels": cm_labels,
            "confusion": skm.confusion_matrix(y_true, y_pred).tolist(),
            "scores": [],
        }
        averages = ["macro", "micro", "weighted"]
        if len(cm_labels) <= 2 and pos_label is not None:
            averages.append("binary")
        for average in averages:
            kw = {"average": average}
            if average == "binary":
                kw["pos_label"] = pos_label
            p, pf = with_flag(lambda: skm.precision_score(y_true, y_pred, **kw))
            r, rf = with_flag(lambda: skm.recall_score(y_true, y_pred, **kw))
            f, ff = with_flag(lambda: skm.f1_score(y_true, y_pred, **kw))
            f2, f2f = with_flag(lambda: skm.fbeta_score(y_true, y_pred, beta=2.0, **kw))
            f05, f05f = with_flag(lambda: skm.fbeta_score(y_true, y_pred, beta=0.5, **kw))
            case["scores"].append(
                {
                    "average": average,
                    "posLabel": pos_label,
                    "precision": [float(p), pf],
                    "recall": [float(r), rf],
                    "f1": [float(f), ff],
                    "f2": [float(f2), f2f],
                    "f05": [float(f05), f05f],
                }
            )
        cases.append(case)

    y = rng.randint(0, 2, 200)
    yp = np.where(rng.rand(200) < 0.75, y, 1 - y)
    add("binary 0/1, 200 rows, ~75% right", y, yp, pos_label=1)
    add("binary 0/1 with pos label 0", y, yp, pos_label=0)
    y = rng.randint(0, 4, 300)
    yp = np.where(rng.rand(300) < 0.6, y, rng.randint(0, 4, 300))
    add("4 classes, 300 rows", y, yp)
    add(
        "sklearn docstring: cat/dog/pig",
        ["cat", "dog", "pig", "cat", "dog", "pig"],
        ["cat", "pig", "dog", "cat", "cat", "dog"],
    )
    add("class 2 never predicted (precision zero division)", [0, 1, 2, 2, 1, 0, 2], [0, 1, 1, 0, 1, 0, 1])
    add("class 3 only predicted (recall zero division)", [0, 1, 1, 0, 1, 0], [0, 1, 3, 0, 3, 0])
    add("binary -1/1", [-1, 1, 1, -1, 1, -1, -1, 1], [-1, 1, -1, -1, 1, 1, -1, 1], pos_label=1)
    add("binary, positive class never predicted", [0, 1, 0, 1, 0], [0, 0, 0, 0, 0], pos_label=1)
    add("binary, all true labels negative", [0, 0, 0, 0], [0, 1, 0, 0], pos_label=1)
    add("single label everywhere, pos label absent", [0, 0, 0], [0, 0, 0], pos_label=1)
    add("all correct, 5 classes", [4, 3, 2, 1, 0, 4, 3], [4, 3, 2, 1, 0, 4, 3])
    add("string labels, unicode sorted by code point", ["é", "e", "Z", "a", "é"], ["e", "e", "a", "a", "Z"])
    y = rng.randint(0, 7, 1000)
    yp = np.where(rng.rand(1000) < 0.5, y, rng.randint(0, 7, 1000))
    add("7 classes, 1000 rows", y, yp)
    return cases


# ---------------------------------------------------------------- ranking
def ranking_cases():
    rng = np.random.RandomState(7)
    cases = []

    def add(name, y_true, scores, pos_label=None):
        y_true = py(y_true)
        scores = [float(s) for s in scores]
        labels = sorted(set(y_true))
        pos = labels[-1] if pos_label is None else pos_label
        cases.append(
            {
                "name": name,
                "yTrue": y_true,
                "scores": scores,
                "rocAuc": skm.roc_auc_score(y_true, scores),
                "averagePrecision": skm.average_precision_score(y_true, scores, pos_label=pos),
            }
        )

    y = rng.randint(0, 2, 500)
    s = y * 0.8 + rng.randn(500)
    add("500 rows, continuous scores", y, s)
    add("500 rows, scores rounded to 1 decimal (many ties)", y, np.round(s, 1))
    add("perfect ranking", [0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])
    add("reversed ranking", [1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])
    add("all scores tied", [0, 1, 1, 0, 1], [0.5] * 5)
    add("sklearn docstring example", [1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8])
    add("string labels no/yes", ["no", "yes", "yes", "no", "yes", "no"], [0.2, 0.9, 0.4, 0.4, 0.7, 0.1])
    y = (rng.rand(3000) < 0.03).astype(int)
    add("rare positives (3%), 3000 rows", y, y * 1.5 + rng.randn(3000))

    multi = []

    def add_multi(name, y_true, probs):
        y_true = py(y_true)
        probs = np.asarray(probs, dtype=float)
        multi.append(
            {
                "name": name,
                "yTrue": y_true,
                "probs": probs.tolist(),
                "macro": skm.roc_auc_score(y_true, probs, multi_class="ovr", average="macro"),
                "weighted": skm.roc_auc_score(y_true, probs, multi_class="ovr", average="weighted"),
            }
        )

    y = rng.randint(0, 3, 400)
    logits = rng.randn(400, 3) + np.eye(3)[y] * 1.2
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    add_multi("3 classes, 400 rows, softmax probabilities", y, p)
    y = rng.randint(0, 5, 250)
    p = rng.dirichlet(np.ones(5), 250)
    p = np.round(p, 2)
    p[:, -1] = 1 - p[:, :-1].sum(axis=1)
    add_multi("5 classes, uninformative rounded probabilities", y, p)
    return cases, multi


# ---------------------------------------------------------------- log loss
def log_loss_cases():
    rng = np.random.RandomState(11)
    cases = []

    def add(name, y_true, probs, labels=None):
        y_true = py(y_true)
        probs = np.asarray(probs, dtype=float)
        kw = {} if labels is None else {"labels": labels}
        cases.append(
            {
                "name": name,
                "yTrue": y_true,
                "probs": probs.tolist(),
                "labels": labels,
                "value": skm.log_loss(y_true, probs, **kw),
            }
        )

    add("sklearn docstring: spam/ham", ["spam", "ham", "ham", "spam"], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]])
    y = rng.randint(0, 2, 300)
    add("binary, 1-D positive-class probabilities", y, np.clip(y * 0.3 + rng.rand(300) * 0.7, 0, 1))
    add("binary with exact 0 and 1 (clipped at float64 eps)", [1, 0, 1, 0, 1], [1.0, 0.0, 0.0, 1.0, 0.5])
    y = rng.randint(0, 4, 200)
    p = rng.dirichlet(np.ones(4) * 0.7, 200)
    add("4 classes, probability rows", y, p)
    add("rows that do not sum to 1 are renormalised", [0, 1, 2], [[0.2, 0.2, 0.2], [0.5, 0.3, 0.0], [0.1, 0.1, 0.9]])
    add("labels given: class 3 absent from y_true", [0, 1, 2, 1], [[0.7, 0.1, 0.1, 0.1], [0.2, 0.5, 0.2, 0.1], [0.1, 0.1, 0.6, 0.2], [0.25, 0.25, 0.25, 0.25]], labels=[0, 1, 2, 3])
    add("labels given: single class in y_true", [1, 1, 1], [0.9, 0.8, 0.99], labels=[0, 1])
    return cases


# ---------------------------------------------------------------- regression
def regression_cases():
    rng = np.random.RandomState(3)
    cases = []

    def add(name, y_true, y_pred):
        y_true = [float(v) for v in y_true]
        y_pred = [float(v) for v in y_pred]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cases.append(
                {
                    "name": name,
                    "yTrue": y_true,
                    "yPred": y_pred,
                    "mae": skm.mean_absolute_error(y_true, y_pred),
                    "mse": skm.mean_squared_error(y_true, y_pred),
                    "rmse": skm.mean_squared_error(y_true, y_pred, squared=False),
                    "mape": skm.mean_absolute_percentage_error(y_true, y_pred),
                    "r2": skm.r2_score(y_true, y_pred),
                }
            )

    y = rng.randn(1000) * 10 + 50
    add("1000 rows, normal", y, y + rng.randn(1000) * 3)
    add("sklearn docstring", [3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    add("zeros in y_true (MAPE divides by float64 eps)", [0, 1, 2, 0, 4], [0.5, 1, 2.5, 0, 3])
    add("constant y_true, perfect prediction (R2 = 1)", [2, 2, 2], [2, 2, 2])
    add("constant y_true, imperfect prediction (R2 = 0)", [2, 2, 2], [2, 2, 3])
    add("negative R2", [1, 2, 3, 4], [4, 3, 2, 1])
    y = rng.rand(200) * 1e6
    add("large magnitudes", y, y * (1 + rng.randn(200) * 0.01))
    return cases


# ---------------------------------------------------------------- text
TOKEN = re.compile(r"[^\W_]+")


def tokenize(text):
    """Lowercase, then maximal runs of Unicode letters and digits (= [\\p{L}\\p{N}]+)."""
    return TOKEN.findall(text.lower())


def rouge_reference(candidate, reference, kind):
    """Independent ROUGE per rouge-score's definitions (not the rouge-score package)."""
    c, r = tokenize(candidate), tokenize(reference)
    if kind == "L":
        if not c or not r:
            return 0.0, 0.0, 0.0
        prev = [0] * (len(c) + 1)
        for tok in r:
            cur = [0]
            for j, ct in enumerate(c):
                cur.append(prev[j] + 1 if tok == ct else max(prev[j + 1], cur[j]))
            prev = cur
        lcs = prev[-1]
        precision, recall = lcs / len(c), lcs / len(r)
    else:
        n = kind
        cg = Counter(tuple(c[i : i + n]) for i in range(len(c) - n + 1))
        rg = Counter(tuple(r[i : i + n]) for i in range(len(r) - n + 1))
        overlap = sum((cg & rg).values())
        precision = overlap / max(sum(cg.values()), 1)
        recall = overlap / max(sum(rg.values()), 1)
    f = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f


PAIRS = [
    ("the cat sat on the mat", "the cat is on the mat"),
    ("It is a guide to action which ensures that the military always obeys the commands of the party",
     "It is a guide to action that ensures that the military will forever heed Party commands"),
    ("It is to insure the troops forever hearing the activity guidebook that party direct",
     "It is a guide to action that ensures that the military will forever heed Party commands"),
    ("the the the the the the the", "the cat is on the mat"),
    ("Revenue grew 12% in Q3, beating estimates.", "Q3 revenue grew by 12 percent, beating estimates"),
    ("identical sentence here", "identical sentence here"),
    ("short", "a much longer reference sentence"),
    ("", "reference only"),
    ("candidate only", ""),
    ("Le café est très bon à Paris", "le café de Paris est très bon"),
    ("data drift detected in feature age", "drift detected: feature age, data"),
    ("a b", "a b c d e"),
    ("one two three four", "one two three four five"),
]

LEV_PAIRS = [
    ("kitten", "sitting"),
    ("", ""),
    ("", "abc"),
    ("flaw", "lawn"),
    ("intention", "execution"),
    ("café", "cafe"),
    ("naïve résumé", "naive resume"),
    ("数据漂移", "数据偏移"),
    ("emoji 😀 ok", "emoji 😃 ok"),
    ("the quick brown fox jumps over the lazy dog", "the quick brown dog jumps over the lazy fox"),
    ("aaaaaaaaaa", "a"),
]

BLEU_CASES = [
    # (hypothesis, [references])
    ("It is a guide to action which ensures that the military always obeys the commands of the party",
     ["It is a guide to action that ensures that the military will forever heed Party commands",
      "It is the guiding principle which guarantees the military forces always being under the command of the Party",
      "It is the practical guide for the army always to heed the directions of the party"]),
    ("It is to insure the troops forever hearing the activity guidebook that party direct",
     ["It is a guide to action that ensures that the military will forever heed Party commands",
      "It is the guiding principle which guarantees the military forces always being under the command of the Party",
      "It is the practical guide for the army always to heed the directions of the party"]),
    ("the cat sat on the mat", ["the cat is on the mat", "there is a cat on the mat"]),
    ("the the the the the the the", ["the cat is on the mat"]),
    ("a b c", ["a b c d"]),
    ("a b", ["a b c d e f"]),
    ("a", ["a b"]),
    ("identical words in both sentences", ["identical words in both sentences"]),
    ("nothing matches here", ["completely different reference"]),
    ("", ["empty hypothesis"]),
    ("the model answered the question correctly and concisely", ["the model answered correctly and concisely", "a concise and correct answer"]),
    ("one two three four five six seven eight", ["one two three four five six seven eight nine ten"]),
    ("one two three four five six seven eight nine ten eleven", ["one two three four five"]),
]


def text_golden():
    rouge = []
    for cand, ref in PAIRS:
        for kind in (1, 2, 3, "L"):
            p, r, f = rouge_reference(cand, ref, kind)
            rouge.append({"candidate": cand, "reference": ref, "n": kind, "precision": p, "recall": r, "fmeasure": f})

    lev = []
    for a, b in LEV_PAIRS + PAIRS:
        d = edit_distance(a, b)
        lev.append({"a": a, "b": b, "distance": d})

    sf = SmoothingFunction()
    methods = {0: sf.method0, 1: sf.method1, 2: sf.method2, 3: sf.method3, 4: sf.method4}
    bleu = []
    for hyp, refs in BLEU_CASES:
        entry = {"hypothesis": hyp, "references": refs, "values": {}}
        for m, fn in methods.items():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                entry["values"][str(m)] = float(sentence_bleu([r.split() for r in refs], hyp.split(), smoothing_function=fn))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            entry["bigram_method1"] = float(
                sentence_bleu([r.split() for r in refs], hyp.split(), weights=(0.5, 0.5), smoothing_function=sf.method1)
            )
        bleu.append(entry)

    chrf = []
    for cand, ref in PAIRS + LEV_PAIRS:
        chrf.append(
            {
                "candidate": cand,
                "reference": ref,
                "beta2": sentence_chrf(ref, cand, beta=2.0),
                "beta3": sentence_chrf(ref, cand, beta=3.0),
                "beta2KeepSpaces": sentence_chrf(ref, cand, beta=2.0, ignore_whitespace=False),
                "beta1Orders2to3": sentence_chrf(ref, cand, min_len=2, max_len=3, beta=1.0),
            }
        )

    rng = np.random.RandomState(5)
    cosine = []
    for name, a, b in [
        ("random 384-d embeddings", rng.randn(384), rng.randn(384)),
        ("nearly parallel", np.arange(1, 11, dtype=float), np.arange(1, 11, dtype=float) * 3 + 1e-3),
        ("opposite", np.array([1.0, -2.0, 3.0]), np.array([-2.0, 4.0, -6.0])),
        ("orthogonal", np.array([1.0, 0.0]), np.array([0.0, 5.0])),
        ("tiny magnitudes", rng.randn(16) * 1e-160, rng.randn(16) * 1e-160),
        ("huge magnitudes", rng.randn(16) * 1e160, rng.randn(16) * 1e160),
    ]:
        # Scale each vector by a power of two (exact) first: numpy's plain norm overflows to inf
        # for 1e160 and loses digits in subnormals for 1e-160.
        a2 = a / 2.0 ** math.floor(math.log2(np.max(np.abs(a))))
        b2 = b / 2.0 ** math.floor(math.log2(np.max(np.abs(b))))
        value = float(np.dot(a2, b2) / (np.linalg.norm(a2) * np.linalg.norm(b2)))
        cosine.append({"name": name, "a": a.tolist(), "b": b.tolist(), "value": value})

    return {"rouge": rouge, "levenshtein": lev, "bleu": bleu, "chrf": chrf, "cosine": cosine}


OUT.mkdir(parents=True, exist_ok=True)
write("classification", {"sklearn": sklearn.__version__, "cases": classification_cases()})
binary, multi = ranking_cases()
write("ranking", {"sklearn": sklearn.__version__, "binary": binary, "multiclass": multi})
write("log-loss", {"sklearn": sklearn.__version__, "cases": log_loss_cases()})
write("regression", {"sklearn": sklearn.__version__, "cases": regression_cases()})
write("text", {"nltk": nltk_version, **text_golden()})
