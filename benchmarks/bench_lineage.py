"""Lineage accuracy and cost, in-process (no Dask), on bench_batch.py's synthetic corpus.

Each cluster is compared (first version the base, as the batch does), then ``lineage`` is given
the manifest's publication times; the parent found is checked against the corpus's known parent.
Prints figures; asserts nothing. Run: ``python benchmarks/bench_lineage.py [--clusters 60]``.
"""
from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clusters", type=int, default=60)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--show", type=int, default=10, help="wrong parents to print")
    args = parser.parse_args()

    import bench_batch
    from viewer.engine.lineage import lineage
    from viewer.engine.loading import load_file
    from viewer.engine.pipeline import compare

    with tempfile.TemporaryDirectory() as folder:
        manifest, truth = bench_batch.build_corpus(Path(folder) / "corpus", args.clusters, args.seed)
        clusters: dict[str, list[dict]] = {}
        with open(manifest, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                clusters.setdefault(row["cluster"], []).append(row)
        judged = right = copies = copies_right = 0
        wrong, compare_s, lineage_s = [], [], []
        for cluster, entries in clusters.items():
            started = time.perf_counter()
            comparison = compare([load_file(manifest.parent / e["path"]) for e in entries])
            compared = time.perf_counter()
            derivations = lineage(comparison, [e["published"] for e in entries])
            lineage_s.append(time.perf_counter() - compared)
            compare_s.append(compared - started)
            names = [Path(e["path"]).name for e in entries]
            for d in derivations[1:]:
                want = truth[cluster][names[d.version]]
                got = names[d.parent] if d.parent is not None else None
                judged += 1
                right += got == want
                if want is not None:
                    copies += 1
                    copies_right += got == want
                if got != want:
                    wrong.append((cluster, names[d.version], want, got, d.confidence, d.reason))
    print(f"{len(clusters)} clusters, {judged} versions judged (the first of each is the root)")
    print(f"parent right: {right / judged:.3f}; copies {copies_right}/{copies}, "
          f"unrelated reports {right - copies_right}/{judged - copies}")
    print(f"median per cluster: compare {1000 * statistics.median(compare_s):.0f} ms, "
          f"lineage {1000 * statistics.median(lineage_s):.1f} ms")
    for w in wrong[:args.show]:
        print("  wrong:", *w)


if __name__ == "__main__":
    main()
