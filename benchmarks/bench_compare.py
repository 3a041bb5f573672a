"""Speed and memory of the engine: the sample story, then synthetic pairs of growing length.

Prints figures; asserts nothing. Run: ``python benchmarks/bench_compare.py`` (``--sizes 1000 4000``
to choose sizes). Goals: the five xi-moscow versions in < 0.3 s after import; 4x the sentences
in <= 5x the time; a 10k-sentence pair in < 3 s. ``git diff --no-index --word-diff`` on the same
files is timed in the same run for reference.
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.engine.loading import load_file  # noqa: E402
from viewer.engine.params import Params  # noqa: E402
from viewer.engine.pipeline import compare  # noqa: E402

XI_MOSCOW = ROOT.parent / "shared" / "samples" / "xi-moscow"
SAMPLE = ROOT / "resources" / "samples" / "harbour-fire"


def time_files(paths: list[Path], repeat: int = 3) -> tuple[float, float]:
    """Best wall time of load + compare over ``repeat`` runs, and peak traced memory (MB) of one run."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        compare([load_file(p) for p in paths], Params())
        best = min(best, time.perf_counter() - started)
    tracemalloc.start()
    compare([load_file(p) for p in paths], Params())
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak


def synthetic_pair(sentences: int, folder: Path, seed: int = 7) -> list[Path]:
    """Write a story of ``sentences`` sentences and an edited copy (edits, cuts, additions, a move)."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "dul", "pe", "shi", "nor", "ga", "bri", "el", "tum"]
    vocabulary = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(6000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]  # Zipf-like, as in prose

    def sentence() -> str:
        words = rng.choices(vocabulary, weights, k=rng.randint(8, 28))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), str(rng.randint(2, 2000)))
        return " ".join(words).capitalize() + "."

    base = [sentence() for _ in range(sentences)]
    other = []
    for s in base:
        roll = rng.random()
        if roll < 0.05:
            continue  # omitted
        if roll < 0.15:
            words = s[:-1].split()
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
            s = " ".join(words) + "."
        other.append(s)
        if rng.random() < 0.05:
            other.append(sentence())  # added
    cut = len(other) // 3
    other = other[:cut] + other[cut + 40:cut + 400] + other[cut:cut + 40] + other[cut + 400:]  # a moved block

    def write(name: str, lines: list[str]) -> Path:
        paragraphs = [" ".join(lines[k:k + 5]) for k in range(0, len(lines), 5)]
        path = folder / name
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        return path

    return [write(f"base-{sentences}.txt", base), write(f"other-{sentences}.txt", other)]


def unrelated_pair(sentences: int, folder: Path, seed: int = 11) -> list[Path]:
    """Two texts of ``sentences`` sentences that share no sentence (the worst case: no anchors)."""
    paths = []
    for k, name in enumerate(("first", "second")):
        base, _ = synthetic_pair(sentences, folder, seed=seed + k)
        paths.append(base.rename(folder / f"unrelated-{name}-{sentences}.txt"))
    return paths


def time_git_word_diff(paths: list[Path]) -> float | None:
    if shutil.which("git") is None:
        return None
    started = time.perf_counter()
    subprocess.run(["git", "diff", "--no-index", "--word-diff", str(paths[0]), str(paths[1])],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 4000, 10000, 16000])
    args = parser.parse_args(argv)
    compare([load_file(p) for p in sorted(SAMPLE.glob("*.txt"))[:2]], Params())  # warm caches and imports

    for label, folder in (("xi-moscow (5 versions)", XI_MOSCOW), ("bundled sample", SAMPLE)):
        files = sorted(folder.glob("*.txt"))
        if len(files) >= 2:
            seconds, peak = time_files(files)
            git = time_git_word_diff(files[:2])
            git_text = f"  git word-diff (first two) {git:.3f} s" if git is not None else ""
            print(f"{label:28} {seconds:.3f} s  peak {peak:.0f} MB  (goal < 0.3 s){git_text}")
        else:
            print(f"{label:28} skipped: {folder} not found")

    previous = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            paths = synthetic_pair(size, Path(tmp))
            seconds, peak = time_files(paths, repeat=1)
            git = time_git_word_diff(paths)
            growth = f"  x{seconds / previous[1]:.1f} time for x{size / previous[0]:.1f} sentences" if previous else ""
            git_text = f"  git word-diff {git:.3f} s" if git is not None else ""
            print(f"synthetic {size:>6} sentences   {seconds:.3f} s  peak {peak:.0f} MB{growth}{git_text}")
            previous = (size, seconds)
        paths = unrelated_pair(5000, Path(tmp))
        seconds, peak = time_files(paths, repeat=1)
        print(f"unrelated   5000 sentences   {seconds:.3f} s  peak {peak:.0f} MB  (no shared sentence: no anchors)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
