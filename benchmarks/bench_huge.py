"""Time and peak memory of whole comparisons of very large inputs, and of very long sentences.

Prints figures; asserts nothing. Run: ``python benchmarks/bench_huge.py`` (``--sizes 1 2 5 10`` in MB,
or ``--sentences 16000 64000 200000`` per version; ``--kinds revised reworded unrelated``;
``--repeat 3``, ``--timeout 300``; ``--words 1000 8000 16000`` for the long-sentence word diff).

Each comparison runs in a subprocess (load + compare, as the CLI does) that reports its own wall
time and peak RSS, so one run's memory does not hide the next one's. Sizes are measured with the
limits lifted; ``--refused`` sizes run with the shipped limits, to time the refusal. Inputs are
the bundled sample story repeated with varied numbers and names (no two sentences alike by
accident): "revised" pairs a text with an edited copy (edits, cuts, additions, swaps, a moved
block), "unrelated" pairs two texts made from different sample files (same topic, no shared
sentence: the aligner's worst case). ``git diff --no-index --word-diff`` on the same files runs
as the reference. The budget these figures are held to is beside ``Params.max_file_bytes``.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "resources" / "samples" / "harbour-fire"
SENTENCES_PER_MB = 11_400
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")  # capitalised words inside a sentence
_SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "dul", "pe", "shi", "nor", "ga", "bri", "el", "tum", "ash", "wen"]


def _paragraphs(names: list[str]) -> list[list[str]]:
    """The sample files' paragraphs as lists of lines (a line is a headline or a paragraph)."""
    out = []
    for name in names:
        text = (SAMPLE / name).read_text(encoding="utf-8")
        out += [p.strip() for p in text.split("\n\n") if p.strip()]
    return [[p] for p in out]


def story_text(size: int, seed: int, sources: tuple[str, ...] = ("01-wire.txt", "02-trimmed.txt")) -> str:
    """About ``size`` characters of the sample story over and over, numbers and names varied."""
    rng = random.Random(seed)
    names = ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize() for _ in range(3000)]
    paragraphs = _paragraphs(list(sources))
    out: list[str] = []
    total = 0
    while total < size:
        for (paragraph,) in paragraphs:
            text = _NUMBER.sub(lambda m: str(rng.randint(2, 99999)), paragraph)
            text = _NAME.sub(lambda m: rng.choice(names) if rng.random() < 0.6 else m.group(), text)
            out.append(text)
            total += len(text) + 2
    return "\n\n".join(out) + "\n"


def revised(text: str, seed: int) -> str:
    """An edited copy: words changed, sentences cut, added and swapped, one block moved."""
    rng = random.Random(seed)
    paragraphs = text.split("\n\n")
    out = []
    for paragraph in paragraphs:
        sentences = re.split(r"(?<=[.!?]) ", paragraph)
        kept = []
        for s in sentences:
            roll = rng.random()
            if roll < 0.04:
                continue
            if roll < 0.12:
                words = s.split(" ")
                k = rng.randrange(len(words))
                words[k] = rng.choice(["reportedly", "nearly", "at least", "then", str(rng.randint(2, 999))])
                s = " ".join(words)
            kept.append(s)
            if rng.random() < 0.03:
                kept.append(f"Officials said {rng.randint(2, 999)} people were affected in the {rng.choice(['north', 'east'])}.")
        if len(kept) > 1 and rng.random() < 0.05:
            kept[0], kept[1] = kept[1], kept[0]
        if kept:
            out.append(" ".join(kept))
    cut = len(out) // 3
    out = out[:cut] + out[cut + 20:cut + 200] + out[cut:cut + 20] + out[cut + 200:]
    return "\n\n".join(out) + "\n"


def reworded(text: str, seed: int, share: float = 0.2) -> str:
    """A revised copy (``revised``) with ``share`` of its sentences reworded: two words swapped and
    the sentence's halves exchanged at a comma, as a rewrite reorders clauses."""
    rng = random.Random(seed)
    out = []
    for paragraph in revised(text, seed).split("\n\n"):
        sentences = re.split(r"(?<=[.!?]) ", paragraph)
        for k, s in enumerate(sentences):
            if rng.random() >= share:
                continue
            words = s.rstrip(".!?").split(" ")
            if len(words) > 3:
                x, y = rng.sample(range(len(words)), 2)
                words[x], words[y] = words[y], words[x]
            s = " ".join(words)
            head, comma, tail = s.partition(", ")
            sentences[k] = (f"{tail[:1].upper()}{tail[1:]}, {head[:1].lower()}{head[1:]}" if comma else s) + "."
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def write_pair(kind: str, megabytes: float, folder: Path) -> list[Path]:
    size = int(megabytes * 2**20)
    first = story_text(size, seed=1)
    if kind == "revised":
        second = revised(first, seed=2)
    elif kind == "reworded":
        second = reworded(first, seed=2)
    else:
        second = story_text(size, 3, ("03-reworded.txt", "04-correction.txt"))
    paths = [folder / f"{kind}-{megabytes:g}-a.txt", folder / f"{kind}-{megabytes:g}-b.txt"]
    for path, text in zip(paths, (first, second)):
        path.write_text(text, encoding="utf-8")
    return paths


def run_one(paths: list[str], lifted: bool) -> None:
    """In the subprocess: load and compare, then print seconds, peak RSS (MB) and sentence counts.
    ``lifted``: without the size limits (to measure what they keep out)."""
    from viewer.engine.loading import load_file
    from viewer.engine.params import Params
    from viewer.engine.pipeline import compare

    params = Params(max_file_bytes=2**30, max_sentences=2**30) if lifted else Params()
    started = time.perf_counter()
    result: dict = {}
    try:
        versions = [load_file(p, params) for p in paths]
        comparison = compare(versions, params)
        result["sentences"] = [len(v.sentences) for v in versions]
        result["notes"] = list(comparison.notes)
    except Exception as error:  # a refusal is a result too
        result["refused"] = f"{type(error).__name__}: {error}"
    result["seconds"] = time.perf_counter() - started
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(paths: list[Path], timeout: float, lifted: bool = True) -> dict:
    """One comparison in a fresh interpreter; ``{"killed": True}`` past ``timeout``."""
    command = [sys.executable, __file__, "--lifted" if lifted else "--limited", *map(str, paths)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"killed": True, "seconds": timeout}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def reference_seconds(paths: list[Path]) -> float | None:
    if shutil.which("git") is None:
        return None
    started = time.perf_counter()
    subprocess.run(["git", "diff", "--no-index", "--word-diff", *map(str, paths)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def long_sentence_word_diff(words: int) -> tuple[float, int, bool]:
    """Seconds to word-diff one sentence of ``words`` words against a shuffle of it; ops; coarse?"""
    from viewer.engine.worddiff import rebuild, word_diff

    rng = random.Random(words)
    vocabulary = story_text(20_000, seed=5).split()
    a = " ".join(rng.choice(vocabulary) for _ in range(words))
    shuffled = a.split()
    rng.shuffle(shuffled)
    b = " ".join(shuffled)
    started = time.perf_counter()
    ops = word_diff(a, [(0, len(a))], b, [(0, len(b))])
    seconds = time.perf_counter() - started
    assert rebuild(a, b, ops) == (a, b)
    return seconds, len(ops), ops.coarse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="*", default=[1, 2, 5, 10], help="input sizes in MB")
    parser.add_argument("--sentences", type=int, nargs="*",
                        help="input sizes in sentences per version instead (about, for the first text)")
    parser.add_argument("--kinds", nargs="*", default=["revised", "unrelated"])
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per case (the median is printed); one only for a run past a minute")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a run is killed")
    parser.add_argument("--words", type=int, nargs="*", default=[1000, 8000, 16000],
                        help="long-sentence word diff sizes (words)")
    parser.add_argument("--refused", type=float, nargs="*", default=[48],
                        help="sizes (MB) to run with the shipped limits, to time their refusal")
    parser.add_argument("--lifted", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--limited", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.sentences:
        # The generated story holds about 11,400 sentences per MB.
        args.sizes = [round(count / SENTENCES_PER_MB, 2) for count in args.sentences]
    if args.lifted or args.limited:
        run_one(args.lifted or args.limited, lifted=bool(args.lifted))
        return 0

    for words in args.words:
        seconds, ops, coarse = long_sentence_word_diff(words)
        print(f"word diff, {words:>6} words against a shuffle: {seconds:7.2f} s  {ops} ops"
              f"{'  (coarse)' if coarse else ''}")

    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds:
            for megabytes in args.sizes:
                paths = write_pair(kind, megabytes, Path(tmp))
                runs = [measure(paths, args.timeout)]
                # A run past a minute is over the budget anyway: its median is not worth the wait.
                while len(runs) < args.repeat and runs[-1].get("seconds", args.timeout) < 60:
                    runs.append(measure(paths, args.timeout))
                git = reference_seconds(paths)
                reference = f"  git word-diff {git:.2f} s" if git is not None else ""
                last = runs[-1]
                if "refused" in last:
                    print(f"{kind:9} {megabytes:5g} MB  refused in {last['seconds']:.2f} s: {last['refused']}{reference}")
                    continue
                if any("killed" in r or "error" in r for r in runs):
                    failed = next(r for r in runs if "killed" in r or "error" in r)
                    print(f"{kind:9} {megabytes:5g} MB  {'killed after %.0f s' % args.timeout if 'killed' in failed else failed['error']}")
                    continue
                seconds = statistics.median(r["seconds"] for r in runs)
                peak = statistics.median(r["peak_mb"] for r in runs)
                ratio = f" (x{seconds / git:.0f})" if git else ""
                print(f"{kind:9} {megabytes:5g} MB  {last['sentences'][0]:>7} / {last['sentences'][1]:>7} sentences"
                      f"  {seconds:7.1f} s{ratio}  peak {peak:6.0f} MB{reference}")
        print("with the shipped limits:")
        for megabytes in args.refused:
            for kind in args.kinds:
                result = measure(write_pair(kind, megabytes, Path(tmp)), args.timeout, lifted=False)
                outcome = result.get("refused") or ("finished" if "sentences" in result else result)
                print(f"{kind:9} {megabytes:5g} MB  {result['seconds']:.2f} s: {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
