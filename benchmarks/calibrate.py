"""Fit the link-evidence weights of Params (scoring.py) on the development gold, and print them.

Every sentence pair of every gold document of the four sets in ../shared/eval (devsets.py: news
rewrite, essay revisions, translations, retellings) is one example, linked by the gold or not. Its
features are those ``Scorer`` uses: the lexical cosine, the cosine of shared names and numbers,
and the CSLS of the lexical and of the centred semantic cosine. A logistic regression (Newton's
method, light L2, each set weighing the same) gives ``Params.evidence_weights``, and without the
semantic feature ``lexical_only_weights``, without both relative terms ``pair_only_weights``.
Run: ``python benchmarks/calibrate.py [--leave-out SET]`` (needs ../shared/eval; our own gold is
kept out of the fit so that it stays a check).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402
from viewer.engine.params import Params  # noqa: E402
from viewer.engine.scoring import Scorer, embedder_for  # noqa: E402


def features(params: Params, sets: list[str]):
    """Feature rows, gold labels and fitting weights of every sentence pair of the named sets.

    Each set weighs the same in all (a set's pairs share its weight), so the largest set does not
    decide alone, and the fit serves revisions, rewrites, translations and retellings alike.
    """
    embedder = embedder_for(params)
    rows, labels, names = [], [], []
    for document in devsets.documents(sets):
        a, b = document.a, document.b
        scorer = Scorer(a, b, params, embedder)
        scorer.prepare([(0, len(a), 0, len(b))])
        rows.append(scorer.features())
        labels.append(np.array([(i, j) in document.links for i in range(len(a)) for j in range(len(b))], dtype=float))
        names += [document.set] * (len(a) * len(b))
    return np.concatenate(rows), np.concatenate(labels), _set_weights(np.array(names))


def _set_weights(names: np.ndarray) -> np.ndarray:
    """Fitting weights under which every set weighs the same in all."""
    weights = np.zeros(len(names))
    sets = set(names)
    for name in sets:
        chosen = names == name
        weights[chosen] = len(names) / len(sets) / chosen.sum()
    return weights


def fitted_params(sets: list[str], params: Params = Params()) -> dict:
    """The evidence weights of ``Params`` fitted on the named sets (quality.py's leave-one-out uses this)."""
    x, y, w = features(params, sets)
    return {
        "evidence_weights": _rounded(fit(x, y, w)),
        "lexical_only_weights": _rounded(fit(x[:, :3], y, w)),
        "pair_only_weights": _rounded(fit(x[:, :2], y, w)),
    }


def _rounded(beta: np.ndarray) -> tuple[float, ...]:
    return tuple(float(v) for v in beta.round(2))


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leave-out", action="append", default=[], help="fit without this set")
    args = parser.parse_args(argv)
    sets = [s for s in devsets.available() if s not in args.leave_out]
    if not sets:
        print(f"no development gold under {devsets.EVAL}; nothing to fit")
        return 0
    x, y, w = features(Params(), sets)
    print(f"sets {', '.join(sets)}: {len(y)} pairs, {int(y.sum())} linked")
    for field, columns, names in (
        ("evidence_weights", 4, "bias, lexical, names and numbers, lexical CSLS, semantic CSLS"),
        ("lexical_only_weights", 3, "bias, lexical, names and numbers, lexical CSLS"),
        ("pair_only_weights", 2, "bias, lexical, names and numbers; texts with few candidates"),
    ):
        beta = fit(x[:, :columns], y, w)
        print(f"{field:21} ({names}): {_rounded(beta)}")
        reliability(x[:, :columns], y, beta)
    transformer_weights(Params(), sets)
    return 0


def transformer_weights(params: Params, sets: list[str]) -> None:
    """With storydiff[semantic] installed: fit how a transformer's cosine re-scores uncertain pairs."""
    from viewer.engine.transformer import default_transformer, rescore

    encoder = default_transformer()
    if encoder is None:
        print("transformer_weights: no local sentence-transformer; not fitted")
        return
    embedder = embedder_for(params)
    rows, labels, weights = [], [], []
    for document in devsets.documents(sets):
        a, b, gold = document.a, document.b, document.links
        scorer = Scorer(a, b, params, embedder)
        scorer.prepare([(0, len(a), 0, len(b))])
        ia, jb = scorer.uncertain_pairs(params.rescore_band)
        if not len(ia):
            continue
        cosines = rescore([a[i] for i in ia], [b[j] for j in jb], encoder)
        rows.append(np.stack([scorer.pairs(ia, jb), cosines], axis=1))
        labels.append(np.array([(i, j) in gold for i, j in zip(ia.tolist(), jb.tolist())], dtype=float))
        weights.append(np.full(len(ia), 1.0))
    x, y, w = np.concatenate(rows), np.concatenate(labels), np.concatenate(weights)
    beta = fit(x, y, w)
    print(f"transformer_weights  (c0, c1 evidence, c2 cosine) on {len(y)} uncertain pairs, {int(y.sum())} linked:",
          tuple(float(v) for v in beta.round(2)))
    reliability(x, y, beta)


if __name__ == "__main__":
    sys.exit(main())
