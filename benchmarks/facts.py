"""Fact benchmark: how well ``fact_changes`` finds planted fact changes and stays quiet on rewordings.

The sets live in ``benchmarks/facts_data/`` (see its README.md): hand-written passage pairs, each
with either exactly one planted fact change (``expect`` holds its type) or none (a fact-free
rewording, ``expect`` is empty). ``dev`` may be used for tuning; ``heldout`` must not be.

Usage:
    python benchmarks/facts.py                  # dev set
    python benchmarks/facts.py --set heldout    # the held-out set (report only, never tune on it)
    python benchmarks/facts.py --set all -v     # both, listing misses and false flags

Figures printed:
- recall by type: a planted change counts as found when some flagged fact has the expected type
  (also recall ignoring type: anything flagged), split by changes hidden in a paraphrase or not;
- the share of fact-free rewordings flagged at all, and which types fire on them;
- extra flags on planted items (facts flagged besides the expected one);
- precision/recall/F1 over items: an item is predicted positive when anything is flagged; a
  true positive is a planted item whose expected type is flagged;
- time per call: median microseconds over all items and rounds (the engine's caches cleared
  before each round, so every call is a first look at its texts), beside a reference call
  (``difflib.SequenceMatcher(None, a, b).ratio()`` on the same texts) timed in the same run.
"""
from __future__ import annotations

import argparse
import difflib
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from viewer.engine.facts import fact_changes  # noqa: E402

DATA = Path(__file__).resolve().parent / "facts_data"
TYPES = ("number", "date", "name", "quote", "attribution", "hedge", "negation")


def type_of(fact) -> str:
    """The fact's type as a plain string (the type may be a str or a str-valued Enum)."""
    return str(getattr(fact.type, "value", fact.type))


def load(name: str) -> list[dict]:
    items = []
    for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            item["set"] = name
            items.append(item)
    return items


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}% ({n}/{d})" if d else "    -  (0/0)"


def show(fact) -> str:
    return f"{type_of(fact)}({fact.a!r} -> {fact.b!r})"


def clear_caches() -> None:
    """Clear every functools cache in the facts module or package, whatever its layout."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "viewer.engine.facts" or name.startswith("viewer.engine.facts.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def timing(items: list[dict], rounds: int) -> tuple[float, float]:
    """Median µs per call of fact_changes and of the difflib reference, over items and rounds."""
    ours, ref = [], []
    clock = time.perf_counter_ns
    for _ in range(rounds):
        clear_caches()
        for item in items:
            a, b = item["a"], item["b"]
            t0 = clock()
            fact_changes(a, b)
            t1 = clock()
            difflib.SequenceMatcher(None, a, b).ratio()
            t2 = clock()
            ours.append(t1 - t0)
            ref.append(t2 - t1)
    return statistics.median(ours) / 1000, statistics.median(ref) / 1000


def report(items: list[dict], label: str, verbose: bool, rounds: int) -> None:
    planted = [it for it in items if it["expect"]]
    same = [it for it in items if not it["expect"]]
    results = {it["id"]: fact_changes(it["a"], it["b"]) for it in items}

    print(f"== {label}: {len(items)} items, {len(planted)} planted changes, {len(same)} fact-free rewordings")

    # Recall by type.
    print("\nRecall on planted changes (found = a flag of the expected type)")
    print(f"  {'type':<12} {'all':>16} {'plain':>16} {'hidden':>16}   any type")
    found_ids, any_ids = set(), set()
    rows = list(TYPES) + sorted({e["type"] for it in planted for e in it["expect"]} - set(TYPES))
    for t in rows + ["ALL"]:
        group = [it for it in planted if t == "ALL" or it["expect"][0]["type"] == t]
        if not group:
            continue
        hits = {it["id"] for it in group
                if {e["type"] for e in it["expect"]} & {type_of(f) for f in results[it["id"]]}}
        anyf = {it["id"] for it in group if results[it["id"]]}
        found_ids |= hits
        any_ids |= anyf
        plain = [it for it in group if not it["hidden_in_paraphrase"]]
        hidden = [it for it in group if it["hidden_in_paraphrase"]]
        print(f"  {t:<12} {pct(len(hits), len(group)):>16} "
              f"{pct(sum(it['id'] in hits for it in plain), len(plain)):>16} "
              f"{pct(sum(it['id'] in hits for it in hidden), len(hidden)):>16}   "
              f"{pct(len(anyf), len(group))}")

    # False alarms on rewordings.
    flagged_same = [it for it in same if results[it["id"]]]
    fired = Counter(type_of(f) for it in flagged_same for f in results[it["id"]])
    items_by_type = Counter(t for it in flagged_same for t in {type_of(f) for f in results[it["id"]]})
    print(f"\nFact-free rewordings flagged at all: {pct(len(flagged_same), len(same))}")
    if fired:
        print("  types firing (flags / items): "
              + ", ".join(f"{t} {fired[t]}/{items_by_type[t]}" for t, _ in fired.most_common()))

    # Extra flags on planted items.
    extra_counts = Counter()
    with_extra = split = 0
    for it in planted:
        facts = list(results[it["id"]])
        expected = [e["type"] for e in it["expect"]]
        for t in expected:  # one flag of each expected type is the planted change
            for i, f in enumerate(facts):
                if type_of(f) == t:
                    del facts[i]
                    break
        if facts:
            with_extra += 1
            extra_counts.update(type_of(f) for f in facts)
            split += sum(type_of(f) in expected for f in facts)
    print(f"\nPlanted items with extra flags: {pct(with_extra, len(planted))}, "
          f"{sum(extra_counts.values())} extra flags"
          + (": " + ", ".join(f"{t} {n}" for t, n in extra_counts.most_common()) if extra_counts else ""))
    print(f"  of which {split} of the expected type (the planted change told as several flags, "
          "e.g. dropped + added)")

    # Item-level precision / recall / F1.
    predicted = [it for it in items if results[it["id"]]]
    tp = len(found_ids)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(planted) if planted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"\nItems: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
          f"(predicted positive {len(predicted)}, right-type hits {tp}, "
          f"flagged rewordings {len(flagged_same)}, "
          f"planted flagged with wrong type only {len(any_ids - found_ids)})")

    if rounds > 0:
        ours, ref = timing(items, rounds)
        print(f"\nTime per call (median over {len(items)} items x {rounds} rounds, caches cleared each round): "
              f"fact_changes {ours:.0f} µs; reference difflib ratio {ref:.0f} µs; ratio {ours / ref:.1f}x")

    if verbose:
        misses = [it for it in planted if it["id"] not in found_ids]
        print(f"\nMisses ({len(misses)}):")
        for it in misses:
            e = it["expect"][0]
            got = ", ".join(show(f) for f in results[it["id"]]) or "nothing"
            tag = " [hidden]" if it["hidden_in_paraphrase"] else ""
            print(f"  {it['id']}{tag}: expected {e['type']}({e['a']!r} -> {e['b']!r}); got {got}")
            print(f"      a: {it['a']}\n      b: {it['b']}")
        print(f"\nFalse flags on rewordings ({len(flagged_same)}):")
        for it in flagged_same:
            print(f"  {it['id']} ({it['note']}): " + ", ".join(show(f) for f in results[it["id"]]))
            print(f"      a: {it['a']}\n      b: {it['b']}")
        print(f"\nExtra flags on planted items ({with_extra}):")
        for it in planted:
            expected = {e["type"] for e in it["expect"]}
            facts = results[it["id"]]
            kinds = Counter(type_of(f) for f in facts)
            if sum(kinds.values()) - sum(min(kinds[t], 1) for t in expected) > 0:
                print(f"  {it['id']}: expected {'/'.join(sorted(expected))}; got "
                      + ", ".join(show(f) for f in facts))
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("dev", "heldout", "all"), default="dev",
                        help="which set to score (default dev; never tune on heldout)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false flags")
    parser.add_argument("--rounds", type=int, default=20, help="timing rounds (0 skips timing)")
    args = parser.parse_args(argv)
    names = ("dev", "heldout") if args.set == "all" else (args.set,)
    for name in names:
        report(load(name), name, args.verbose, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
