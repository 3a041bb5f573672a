"""Alignment quality on the gold sets in ../shared/eval (skipped when absent) and tests/data/gold.

Runs the engine in-process (same code as ``storydiff compare``) and scores it with the shared
scorers, printing per-set figures and the confusion of kinds:

- ``seeds`` (news rewrite) and ``bible`` (two translations): span gold, scored by score_storydiff;
- ``argrewrite`` (essay revisions, ``--in-order``: its gold never links a move) and ``aesop``
  (two retellings): pre-split JSONL gold, one sentence per line;
- ``own``: our hand-labelled cases in tests/data/gold (never fitted on).

``--leave-one-out`` refits the evidence weights (benchmarks/calibrate.py) on every set but one and
scores the one left out, for each set: a rule that fits only its own set shows there.
Parameters can be overridden to tune them: ``python benchmarks/quality.py --set link_threshold=0.3``.
The official figures come from the shared runners, which call the installed command, e.g.
``python ../shared/eval/run_span_gold.py ../shared/eval/bible_dev ../shared/eval/bible_dev`` and
``python ../shared/eval/run_jsonl_gold.py ../shared/eval/argrewrite_v2/dev.jsonl --in-order``.
"""
from __future__ import annotations

import argparse
import ast
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402
from viewer.engine.loading import load_file, load_text  # noqa: E402
from viewer.engine.params import Params  # noqa: E402
from viewer.engine.pipeline import compare  # noqa: E402
from viewer.report.json_report import comparison_to_dict  # noqa: E402

# Sets whose gold never crosses: links the tool marks moved are left out, as --in-order does.
IN_ORDER = {"argrewrite"}


def span_gold(gold_dir: Path, text_dir: Path, params: Params, verbose: bool = False) -> dict:
    """Score every span-gold case of a folder; pooled link, omitted, added and kind figures."""
    sys.path.insert(0, str(devsets.EVAL))
    import score_storydiff

    totals = collections.Counter()
    confusion = collections.Counter()
    for case in sorted(gold_dir.glob("*.json")):
        gold = json.loads(case.read_text(encoding="utf-8"))
        path_a, path_b = text_dir / gold["a"], text_dir / gold["b"]
        comparison = compare([load_file(path_a, params), load_file(path_b, params)], params)
        result = score_storydiff.score(
            gold, score_storydiff.read_text(path_a), score_storydiff.read_text(path_b), comparison_to_dict(comparison)
        )
        counts = result["counts"]
        if verbose:
            print(f"    {case.stem:14} links P/R/F1 {result['links']}  omitted {result['omitted']}  "
                  f"added {result['added']}  kind coarse {result['kind_coarse']:.2f}")
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
        confusion.update(result["confusion"])
    return {
        "links_f1": _f1(totals["tp"], totals["pred"], totals["gold"]),
        "links_precision": totals["tp"] / totals["pred"] if totals["pred"] else 0.0,
        "links_recall": totals["tp"] / totals["gold"] if totals["gold"] else 0.0,
        "omitted_f1": _f1(totals["omitted_tp"], totals["omitted_pred"], totals["omitted_gold"]),
        "added_f1": _f1(totals["added_tp"], totals["added_pred"], totals["added_gold"]),
        "kind_coarse": totals["kind_ok"] / totals["tp"] if totals["tp"] else 0.0,
        "confusion": dict(confusion),
    }


def jsonl_gold(name: str, params: Params, in_order: bool = False) -> dict:
    """Score a pre-split JSONL gold set (one sentence per line, as run_jsonl_gold.py does)."""
    params = params.with_changes(split="lines")
    tp = predicted = gold_total = 0
    omitted = collections.Counter()
    for document in devsets.documents([name]):
        versions = [load_text("\n".join(s) + "\n", side, params) for s, side in ((document.a, "a"), (document.b, "b"))]
        pair = compare(versions, params).pairs[0]
        pred = {(i, j) for link in pair.links if not (in_order and link.moved) for i in link.a for j in link.b}
        gold = document.links
        tp += len(pred & gold)
        predicted += len(pred)
        gold_total += len(gold)
        all_a = set(range(len(document.a)))
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


def score_set(name: str, params: Params, verbose: bool = False) -> dict:
    """Figures of one named set: a devsets name, or ``own`` for tests/data/gold."""
    if name == "own":
        own = ROOT / "tests" / "data" / "gold"
        return span_gold(own, own, params, verbose)
    kind, path, text_dir = devsets.SETS[name]
    if kind == "span":
        return span_gold(path, text_dir, params, verbose)
    return jsonl_gold(name, params, in_order=name in IN_ORDER)


def _f1(tp: int, predicted: int, gold: int) -> float:
    return 2 * tp / (predicted + gold) if predicted + gold else 1.0


def _parse_overrides(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        current = getattr(Params(), key)
        if isinstance(current, bool):
            out[key] = value.lower() in ("1", "true", "yes")
        elif isinstance(current, tuple):
            # "1,2,3" for a flat tuple, a Python literal for a nested one: "((2, 1), (1, 2))".
            out[key] = ast.literal_eval(value) if value.startswith("(") else tuple(float(v) for v in value.split(",") if v)
        else:
            out[key] = type(current)(value)
    return out


def _line(name: str, result: dict, seconds: float) -> str:
    text = (f"{name:11} links F1 {result['links_f1']:.3f} (P {result['links_precision']:.3f} "
            f"R {result['links_recall']:.3f})  omitted F1 {result['omitted_f1']:.3f}")
    if "kind_coarse" in result:
        text += f"  kind coarse {result['kind_coarse']:.2f}"
    return text + f"  [{seconds:.1f}s]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a Params field")
    parser.add_argument("--leave-one-out", action="store_true",
                        help="also refit the evidence weights without each set and score that set")
    parser.add_argument("--only", action="append", default=[], help="score only these sets")
    parser.add_argument("-v", "--verbose", action="store_true", help="per-case figures of span gold")
    args = parser.parse_args(argv)
    params = Params(**_parse_overrides(args.set))
    names = args.only or [*devsets.available(), "own"]
    if not devsets.available():
        print(f"no shared gold under {devsets.EVAL}; scoring our own cases only")
    print("all-sets fit (Params as shipped):")
    figures = {}
    for name in names:
        started = time.perf_counter()
        figures[name] = score_set(name, params, args.verbose)
        print("  " + _line(name, figures[name], time.perf_counter() - started))
        if "confusion" in figures[name] and args.verbose:
            print("    confusion gold->tool:", ", ".join(f"{k} {v}" for k, v in sorted(figures[name]["confusion"].items())))
    if args.leave_one_out:
        import calibrate

        print("leave one set out (evidence weights refitted on the other sets):")
        for name in names:
            if name not in devsets.SETS:
                continue
            started = time.perf_counter()
            refitted = params.with_changes(**calibrate.fitted_params([s for s in devsets.available() if s != name], params))
            result = score_set(name, refitted)
            change = result["links_f1"] - figures[name]["links_f1"]
            print("  " + _line(name, result, time.perf_counter() - started) + f"  link F1 {change:+.3f} against all sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
