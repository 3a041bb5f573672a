"""Fit the link-evidence weights of Params (scoring.py) on the development gold, and print them.

Every sentence pair of every gold document is one example (linked by the gold or not). Its
features are those ``Scorer`` uses: the lexical cosine, the cosine of shared names and numbers,
and the CSLS of the lexical and of the centred semantic cosine. A logistic regression (Newton's method, light L2) gives the weights of
``Params.evidence_weights`` and, without the semantic feature, ``Params.lexical_only_weights``.
The seed case is weighted 10x, since ArgRewrite has thirty times its pairs.
Run: ``python benchmarks/calibrate.py`` (needs ../shared/eval; our own gold is kept out of the
fit so that it stays a check).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.engine.params import Params  # noqa: E402
from viewer.engine.scoring import Scorer, embedder_for  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
SEED_WEIGHT = 10.0


def documents():
    """(name, sentences a, sentences b, gold pairs) of every development document."""
    for line in open(EVAL / "argrewrite_v2" / "dev.jsonl", encoding="utf-8"):
        if line.strip():
            record = json.loads(line)
            sides = [[" ".join(s.split()) for s in record[k]] for k in ("a_sentences", "b_sentences")]
            yield "argrewrite", *sides, {(int(i), int(j)) for i, j, *_ in record["links"]}
    for path in sorted((EVAL / "seeds").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        a, b, pairs = [], [], set()
        for link in gold["links"]:
            rows_a = range(len(a), len(a) + len(link["a"]))
            rows_b = range(len(b), len(b) + len(link["b"]))
            a += link["a"]
            b += link["b"]
            pairs |= {(i, j) for i in rows_a for j in rows_b}
        yield "seeds", a + gold["a_only"], b + gold["b_only"], pairs


def features(params: Params):
    embedder = embedder_for(params)
    rows, labels, weights = [], [], []
    for name, a, b, gold in documents():
        scorer = Scorer(a, b, params, embedder)
        scorer.prepare([(0, len(a), 0, len(b))])
        rows.append(scorer.features())
        labels.append(np.array([(i, j) in gold for i in range(len(a)) for j in range(len(b))], dtype=float))
        weights.append(np.full(len(a) * len(b), SEED_WEIGHT if name == "seeds" else 1.0))
    return np.concatenate(rows), np.concatenate(labels), np.concatenate(weights)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1e-2) -> np.ndarray:
    x = np.c_[np.ones(len(x)), x]
    beta = np.zeros(x.shape[1])
    for _ in range(60):
        p = 1 / (1 + np.exp(-x @ beta))
        gradient = x.T @ (w * (p - y)) + l2 * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(beta))
        beta -= np.linalg.solve(hessian, gradient)
    return beta


def reliability(x: np.ndarray, y: np.ndarray, beta: np.ndarray) -> None:
    """Predicted against observed link rate, by band of predicted probability."""
    p = 1 / (1 + np.exp(-(np.c_[np.ones(len(x)), x] @ beta)))
    for low, high in ((0, 0.05), (0.05, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01)):
        band = (p >= low) & (p < high)
        if band.any():
            print(f"    p in [{low:.2f}, {min(high, 1):.2f}): {band.sum():6d} pairs, "
                  f"mean predicted {p[band].mean():.3f}, linked {y[band].mean():.3f}")


def main() -> int:
    if not (EVAL / "argrewrite_v2" / "dev.jsonl").is_file():
        print(f"no development gold under {EVAL}; nothing to fit")
        return 0
    x, y, w = features(Params())
    print(f"{len(y)} pairs, {int(y.sum())} linked")
    full = fit(x, y, w)
    lexical_only = fit(x[:, :3], y, w)
    print("evidence_weights     (bias, lexical, names and numbers, lexical CSLS, semantic CSLS):",
          tuple(float(v) for v in full.round(2)))
    reliability(x, y, full)
    print("lexical_only_weights (bias, lexical, names and numbers, lexical CSLS):",
          tuple(float(v) for v in lexical_only.round(2)))
    reliability(x[:, :3], y, lexical_only)
    pair_only = fit(x[:, :2], y, w)
    print("pair_only_weights    (bias, lexical, names and numbers), for texts with few candidates:",
          tuple(float(v) for v in pair_only.round(2)))
    reliability(x[:, :2], y, pair_only)
    transformer_weights(Params())
    return 0


def transformer_weights(params: Params) -> None:
    """With storydiff[semantic] installed: fit how a transformer's cosine re-scores uncertain pairs."""
    from viewer.engine.transformer import default_transformer, rescore

    encoder = default_transformer()
    if encoder is None:
        print("transformer_weights: no local sentence-transformer; not fitted")
        return
    embedder = embedder_for(params)
    rows, labels, weights = [], [], []
    for name, a, b, gold in documents():
        scorer = Scorer(a, b, params, embedder)
        scorer.prepare([(0, len(a), 0, len(b))])
        ia, jb = scorer.uncertain_pairs(params.rescore_band)
        if not len(ia):
            continue
        cosines = rescore([a[i] for i in ia], [b[j] for j in jb], encoder)
        rows.append(np.stack([scorer.pairs(ia, jb), cosines], axis=1))
        labels.append(np.array([(i, j) in gold for i, j in zip(ia.tolist(), jb.tolist())], dtype=float))
        weights.append(np.full(len(ia), SEED_WEIGHT if name == "seeds" else 1.0))
    x, y, w = np.concatenate(rows), np.concatenate(labels), np.concatenate(weights)
    beta = fit(x, y, w)
    print(f"transformer_weights  (c0, c1 evidence, c2 cosine) on {len(y)} uncertain pairs, {int(y.sum())} linked:",
          tuple(float(v) for v in beta.round(2)))
    reliability(x, y, beta)


if __name__ == "__main__":
    sys.exit(main())
