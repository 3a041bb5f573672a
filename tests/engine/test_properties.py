"""Promises that hold for every input: random versions of a story (benchmarks/fuzz.py's generator,
a few hundred seeded cases) keep the JSON contract and the engine's invariants; inputs too large
are refused up front; very long sentences are diffed coarsely, with a note."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.fuzz import make_case, run_case  # noqa: E402
from viewer.engine.invariants import violations  # noqa: E402
from viewer.engine.loading import load_text  # noqa: E402
from viewer.engine.params import Params  # noqa: E402
from viewer.engine.pipeline import TooLarge, coarse_note, compare  # noqa: E402


@pytest.mark.parametrize("block", range(10))
def test_random_versions_keep_every_promise(block):
    # 10 x 25 cases, about 10 s in all.
    broken = {}
    for case in range(block * 25, block * 25 + 25):
        found = run_case(f"properties-{case}")
        if found:
            broken[case] = found
    assert broken == {}


def test_the_generator_makes_every_kind_of_input():
    texts = [text for case in range(200) for _, text in make_case(f"properties-{case}")[0]]
    assert any("Advertisement" in t or "Share this article" in t for t in texts)
    assert any(any(ord(c) > 0x3000 for c in t) for t in texts)
    assert any(len(t.split()) > 300 for t in texts)
    assert any(t.strip() and all(not c.isalnum() for c in t) for t in texts)


# --- inputs too large, sentences too long -----------------------------------------------------------


def test_a_version_with_too_many_sentences_is_refused_before_any_work():
    small = load_text("One. Two. Three.", "small.txt")
    big = load_text(" ".join(f"Sentence {k}." for k in range(12)), "big.txt")
    with pytest.raises(TooLarge, match=r"^big\.txt: has 12 sentences, more than the 10 a comparison may hold$"):
        compare([small, big], Params(max_sentences=10), progress=lambda *_: pytest.fail("work started"))


def test_a_version_with_too_much_text_is_refused():
    small = load_text("One. Two. Three.", "small.txt")
    with pytest.raises(TooLarge, match=r"^small\.txt: is larger than the 0 MB limit$"):
        compare([small, small], Params(max_file_bytes=10))
    assert issubclass(TooLarge, ValueError)


def test_long_reordered_sentences_get_a_note():
    rng = random.Random(3)
    words = [rng.choice(["fire", "harbour", "crews", "the", "warehouse", "night"]) for _ in range(2000)]
    shuffled = list(words)
    rng.shuffle(shuffled)
    versions = [load_text("Short opening line.\n" + " ".join(words) + ".\n", "a"),
                load_text("Short opening line.\n" + " ".join(shuffled) + ".\n", "b")]
    comparison = compare(versions, Params(semantic=False))
    assert coarse_note(1) in comparison.notes
    assert coarse_note(1).startswith("Word differences inside one very long sentence are shown coarsely")
    assert violations(comparison) == []
