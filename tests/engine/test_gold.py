"""Alignment quality on our own hand-labelled cases in tests/data/gold (no ../shared needed).

A tool sentence stands for every gold sentence it overlaps; a link counts for each pair of gold
sentences it joins. The floors sit a little under what the engine measures today
(benchmarks/quality.py prints the full figures with the shared scorer).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.engine.loading import load_file
from viewer.engine.pipeline import compare

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"
CASES = sorted(GOLD.glob("*.json"))


def _units(gold: dict, side: str) -> list[tuple[str, int | None]]:
    """(gold sentence, link number or None) for one side; furniture left out."""
    units = [(text, number) for number, link in enumerate(gold["links"]) for text in link[side]]
    return units + [(text, None) for text in gold[side + "_only"]]


def _spans(text: str, units) -> list[tuple[int, int]]:
    spans = []
    for sentence, _ in units:
        start = text.find(sentence)
        assert start >= 0, sentence
        spans.append((start, start + len(sentence)))
    return spans


def _figures(case: Path) -> dict[str, set]:
    gold = json.loads(case.read_text(encoding="utf-8"))
    versions = [load_file(GOLD / gold[side]) for side in ("a", "b")]
    pair = compare(versions).pairs[0]
    units = {side: _units(gold, side) for side in "ab"}
    spans = {side: _spans(v.text, units[side]) for side, v in zip("ab", versions)}

    def gold_units(side: str, version, index: int) -> set[int]:
        sentence = version.sentences[index]
        return {u for u, (s, e) in enumerate(spans[side]) if s < sentence.end and sentence.start < e}

    predicted = set()
    scores = {}
    for link in pair.links:
        for i in link.a:
            for j in link.b:
                found = {(u, w) for u in gold_units("a", versions[0], i) for w in gold_units("b", versions[1], j)}
                predicted |= found
                scores.update(dict.fromkeys(found, link.score))
    expected = {(u, w) for u, (_, x) in enumerate(units["a"]) for w, (_, y) in enumerate(units["b"])
                if x is not None and x == y}
    omitted = set().union(*(gold_units("a", versions[0], i) for i in pair.omitted)) if pair.omitted else set()
    gold_omitted = {u for u, (_, x) in enumerate(units["a"]) if x is None}
    return {"predicted": predicted, "expected": expected, "omitted": omitted, "gold_omitted": gold_omitted,
            "wrong_scores": [scores[p] for p in predicted - expected]}


def _f1(found: set, expected: set) -> float:
    return 2 * len(found & expected) / (len(found) + len(expected)) if found or expected else 1.0


def test_there_are_gold_cases():
    assert len(CASES) >= 8


@pytest.mark.parametrize(
    "case, least_links, least_omitted",
    # other-outlet: 0.6 / 0.7 since the evidence is fitted on translations and retellings too (it
    # was 0.7 / 0.8): see test_sentences_that_only_share_a_topic_stay_apart.
    [("news-edit", 1.0, 1.0), ("rewrite", 0.9, 0.6), ("other-outlet", 0.6, 0.7), ("retold", 0.8, 0.3),
     ("furniture", 0.9, 0.6), ("translation", 0.95, 0.95), ("essay-revision", 0.9, 0.8), ("correction", 1.0, 1.0)],
)
def test_own_gold_case(case, least_links, least_omitted):
    figures = _figures(GOLD / f"{case}.json")
    assert _f1(figures["predicted"], figures["expected"]) >= least_links
    assert _f1(figures["omitted"], figures["gold_omitted"]) >= least_omitted


def test_sentences_that_only_share_a_topic_stay_apart():
    # other-outlet: two independent articles. A pair that only shares the topic may be linked
    # where order and weak evidence agree (the price of linking retellings), but never as a
    # confident link: each scores under 0.5 and the viewer marks it "uncertain: check it".
    figures = _figures(GOLD / "other-outlet.json")
    wrong = figures["predicted"] - figures["expected"]
    assert len(wrong) <= 3, wrong
    assert figures["wrong_scores"] and max(figures["wrong_scores"]) < 0.5
