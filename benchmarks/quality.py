"""Alignment quality on the gold sets in ../shared/eval (skipped when absent) and tests/data/gold.

Runs the engine in-process (same code as ``storydiff compare``) and scores it with the shared
scorers, printing per-set figures and the confusion of kinds. Parameters can be overridden to
tune them: ``python benchmarks/quality.py --set link_threshold=0.3 --set move_similarity=0.9``.
For the official figures use the shared runners, which call the installed command:
``python ../shared/eval/run_span_gold.py ../shared/eval/seeds ../shared/samples/xi-moscow`` and
``python ../shared/eval/run_jsonl_gold.py ../shared/eval/argrewrite_v2/dev.jsonl``.
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.engine.loading import load_file, load_text  # noqa: E402
from viewer.engine.params import Params  # noqa: E402
from viewer.engine.pipeline import compare  # noqa: E402
from viewer.report.json_report import comparison_to_dict  # noqa: E402

SHARED = ROOT.parent / "shared"


def span_gold(gold_dir: Path, text_dir: Path, params: Params) -> dict:
    """Score every span-gold case of a folder; pooled link, omitted, added and kind figures."""
    sys.path.insert(0, str(SHARED / "eval"))
    import score_storydiff

    totals = collections.Counter()
    confusion = collections.Counter()
    for case in sorted(glob.glob(str(gold_dir / "*.json"))):
        gold = json.load(open(case, encoding="utf-8"))
        path_a, path_b = text_dir / gold["a"], text_dir / gold["b"]
        comparison = compare([load_file(path_a, params), load_file(path_b, params)], params)
        result = score_storydiff.score(
            gold, score_storydiff.read_text(path_a), score_storydiff.read_text(path_b), comparison_to_dict(comparison)
        )
        counts = result["counts"]
        print(f"  {Path(case).stem:10} links P/R/F1 {result['links']}  omitted {result['omitted']}  "
              f"added {result['added']}  kind coarse {result['kind_coarse']:.2f} exact {result['kind_exact']:.2f}")
        totals["tp"] += counts["tp"]
        totals["gold"] += counts["gold_pairs"]
        totals["pred"] += counts["pred_pairs"]
        for side in ("omitted", "added"):
            precision, recall, _ = result[side]
            hit = round(recall * counts["gold_" + side])
            totals[side + "_tp"] += hit
            totals[side + "_gold"] += counts["gold_" + side]
            totals[side + "_pred"] += round(hit / precision) if precision else 0
        totals["kind_ok"] += round(result["kind_coarse"] * counts["tp"])
        confusion.update({k: v for k, v in result["confusion"].items()})
    return {
        "links_f1": _f1(totals["tp"], totals["pred"], totals["gold"]),
        "omitted_f1": _f1(totals["omitted_tp"], totals["omitted_pred"], totals["omitted_gold"]),
        "added_f1": _f1(totals["added_tp"], totals["added_pred"], totals["added_gold"]),
        "kind_coarse": totals["kind_ok"] / totals["tp"] if totals["tp"] else 0.0,
        "confusion": dict(confusion),
    }


def jsonl_gold(path: Path, params: Params) -> dict:
    """Score a pre-split JSONL gold set (one sentence per line, as run_jsonl_gold.py does)."""
    params = params.with_changes(split="lines")
    tp = predicted = gold_total = 0
    omitted = collections.Counter()
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        record = json.loads(line)
        sides = [[" ".join(s.split()) for s in record[k]] for k in ("a_sentences", "b_sentences")]
        versions = [load_text("\n".join(s) + "\n", name, params) for s, name in zip(sides, "ab")]
        pair = compare(versions, params).pairs[0]
        pred = {(i, j) for link in pair.links for i in link.a for j in link.b}
        gold = {(int(i), int(j)) for i, j, *_ in record["links"]}
        tp += len(pred & gold)
        predicted += len(pred)
        gold_total += len(gold)
        all_a = set(range(len(sides[0])))
        gold_omitted = all_a - {i for i, _ in gold}
        pred_omitted = all_a - {i for i, _ in pred}
        omitted["tp"] += len(gold_omitted & pred_omitted)
        omitted["pred"] += len(pred_omitted)
        omitted["gold"] += len(gold_omitted)
    return {
        "links_f1": _f1(tp, predicted, gold_total),
        "links_precision": tp / predicted if predicted else 0.0,
        "links_recall": tp / gold_total if gold_total else 0.0,
        "omitted_f1": _f1(omitted["tp"], omitted["pred"], omitted["gold"]),
    }


def _f1(tp: int, predicted: int, gold: int) -> float:
    return 2 * tp / (predicted + gold) if predicted + gold else 1.0


def _parse_overrides(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        current = getattr(Params(), key)
        out[key] = type(current)(value) if not isinstance(current, bool) else value.lower() in ("1", "true", "yes")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a Params field")
    args = parser.parse_args(argv)
    params = Params(**_parse_overrides(args.set))
    ran = False
    seeds = SHARED / "eval" / "seeds"
    if seeds.is_dir():
        ran = True
        started = time.perf_counter()
        print("seeds (span gold, news rewrites):")
        result = span_gold(seeds, SHARED / "samples" / "xi-moscow", params)
        print(f"  pooled: links F1 {result['links_f1']:.3f}  omitted F1 {result['omitted_f1']:.3f}  "
              f"added F1 {result['added_f1']:.3f}  kind coarse {result['kind_coarse']:.2f}  "
              f"[{time.perf_counter() - started:.1f}s]")
        print("  confusion gold->tool:", ", ".join(f"{k} {v}" for k, v in sorted(result["confusion"].items())))
    own = ROOT / "tests" / "data" / "gold"
    if own.is_dir() and glob.glob(str(own / "*.json")):
        ran = True
        print("own gold (tests/data/gold):")
        result = span_gold(own, own, params)
        print(f"  pooled: links F1 {result['links_f1']:.3f}  omitted F1 {result['omitted_f1']:.3f}  "
              f"kind coarse {result['kind_coarse']:.2f}")
    for path in sorted(glob.glob(str(SHARED / "eval" / "*" / "*.jsonl"))):
        ran = True
        started = time.perf_counter()
        result = jsonl_gold(Path(path), params)
        print(f"{Path(path).parent.name}/{Path(path).name}: links F1 {result['links_f1']:.3f} "
              f"(P {result['links_precision']:.3f} R {result['links_recall']:.3f})  "
              f"omitted F1 {result['omitted_f1']:.3f}  [{time.perf_counter() - started:.1f}s]")
    if not ran:
        print(f"no gold data found under {SHARED / 'eval'}; nothing to measure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
