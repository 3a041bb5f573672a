"""The JSON: dismissed facts listed apart only when any, per-link facts as the engine found them, and the writer's text."""
from __future__ import annotations

import enum
import json
import random
from pathlib import Path

import pytest

from viewer.engine.loading import load_file
from viewer.engine.pipeline import compare
from viewer.report.facts_list import changed_facts
from viewer.report.json_report import comparison_to_dict, dumps, to_json


def test_no_dismissals_no_key(story):
    assert "dismissed_facts" not in comparison_to_dict(story)
    assert "dismissed_facts" not in comparison_to_dict(story, {"not a key of this story"})


def test_dismissed_facts_are_listed_apart(story):
    name = changed_facts(story)[2]
    data = comparison_to_dict(story, {name.key})
    assert data["dismissed_facts"] == [{"version": 2, "base_sentences": [1], "version_sentences": [1],
                                        "type": "name", "a": "Smith", "b": "Smyth"}]
    assert data["pairs"][1]["links"][1]["facts"] == [{"type": "name", "a": "Smith", "b": "Smyth"}]


def test_dumps_writes_exactly_what_json_dumps_with_indent_1_writes():
    class Level(enum.IntEnum):
        HIGH = 3

    edge = [None, True, False, 0, -1, 10**30, 1.5, -0.0, 1e300, 1e-320, float("nan"), float("inf"), "",
            "a\"b\\c\n\t\x00\x1f\u2028é中😀", [], {}, [[]], [{}], {"a": []}, (1, 2), Level.HIGH,
            {1: "int key", 2.5: "f", True: "t", None: "n"}, [True, None, False, Level.HIGH]]
    rng = random.Random(0)

    def document(depth):
        roll = rng.random()
        if depth > 3 or roll < 0.4:
            return rng.choice([None, True, rng.randint(-10**6, 10**6), rng.random() * 10 ** rng.randint(-5, 5),
                               "".join(chr(rng.randint(0, 0x2fff)) for _ in range(rng.randint(0, 5))), "]},\n:[{"])
        if roll < 0.7:
            return [document(depth + 1) for _ in range(rng.randint(0, 4))]
        return {"".join(chr(rng.randint(32, 0x2fff)) for _ in range(rng.randint(0, 3))): document(depth + 1)
                for _ in range(rng.randint(0, 4))}

    for value in edge + [document(0) for _ in range(500)]:
        expected = json.dumps(value, ensure_ascii=False, indent=1)
        assert dumps(value) == expected
        assert dumps(value, end="\n") == expected + "\n"
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps([object()])


def test_the_written_json_is_the_data_written_with_indent_1_for_every_pair():
    """to_json writes sentences and links as it makes them; the text must be comparison_to_dict's."""
    sample = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-fire").glob("*.txt"))
    comparison = compare([load_file(p) for p in sample], base=1)
    assert len(comparison.pairs) >= 3
    assert to_json(comparison) == json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=1) + "\n"
