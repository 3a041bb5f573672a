"""The JSON's dismissed facts: listed apart only when any, per-link facts as the engine found them."""
from __future__ import annotations

from viewer.report.facts_list import changed_facts
from viewer.report.json_report import comparison_to_dict


def test_no_dismissals_no_key(story):
    assert "dismissed_facts" not in comparison_to_dict(story)
    assert "dismissed_facts" not in comparison_to_dict(story, {"not a key of this story"})


def test_dismissed_facts_are_listed_apart(story):
    name = changed_facts(story)[2]
    data = comparison_to_dict(story, {name.key})
    assert data["dismissed_facts"] == [{"version": 2, "base_sentences": [1], "version_sentences": [1],
                                        "type": "name", "a": "Smith", "b": "Smyth"}]
    assert data["pairs"][1]["links"][1]["facts"] == [{"type": "name", "a": "Smith", "b": "Smyth"}]
