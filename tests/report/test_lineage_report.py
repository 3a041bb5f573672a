"""Lineage in the reports: the JSON ``lineage`` list and the HTML report's section."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from viewer.engine.lineage import Derivation
from viewer.engine.loading import load_file
from viewer.engine.pipeline import compare
from viewer.report.html_report import comparison_to_html
from viewer.report.json_report import to_json
from viewer.report.lineage_report import lineage_html, lineage_line, lineage_list

DATA = Path(__file__).resolve().parents[1] / "data" / "lineage"


@lru_cache(maxsize=None)
def compared(*names: str):
    return compare([load_file(DATA / f"{name}.txt") for name in names])


def test_the_json_carries_one_lineage_entry_per_version():
    data = json.loads(to_json(compared("a", "b", "c", "unrelated")))
    entries = data["lineage"]
    assert [e["version"] for e in entries] == [0, 1, 2, 3]
    assert [e["parent"] for e in entries] == [None, 0, 1, None]
    assert set(entries[2]) == {"version", "parent", "common_source", "via", "confidence", "shared",
                               "shared_additions", "reason"}
    assert (entries[2]["shared"], entries[2]["shared_additions"]) == (9, 1)
    assert entries[2]["reason"].startswith("keeps 9 of b's 10 sentences")
    assert entries[3]["common_source"] is False and entries[3]["via"] is None


def test_the_json_names_the_sibling_of_a_common_source():
    entries = lineage_list(compared("a", "sib1", "sib2"))
    assert [(e["parent"], e["common_source"], e["via"]) for e in entries] == [
        (None, False, None), (0, True, 2), (0, True, 1)]


def test_lines_say_parent_confidence_and_common_source():
    comparison = compared("a", "sib1", "sib2")
    assert lineage_line(comparison, Derivation(1, 0, False, None, 0.853, 9, 0, "")) == "sib1.txt ← a.txt (0.85)"
    assert lineage_line(comparison, Derivation(1, 0, True, 2, 0.7, 7, 0, "")) == (
        "sib1.txt ← a.txt (0.70, a common source with sib2.txt)")
    assert lineage_line(comparison, Derivation(2, None, False, None, 0.91, 0, 0, "")) == (
        "sib2.txt: no known parent (0.91)")
    assert lineage_line(comparison, Derivation(2, None, True, 1, 0.5, 2, 2, "")) == (
        "sib2.txt: a common source with sib1.txt (0.50)")


def test_the_html_report_has_a_lineage_section():
    comparison = compared("a", "b", "c", "unrelated")
    html = comparison_to_html(comparison)
    section = lineage_html(comparison)
    assert section in html
    assert html.index("<h2>Changed facts") < html.index("<h2>Lineage</h2>") < html.index("<table class='rows'")
    assert section.count("<li>") == 4
    assert "<li><b>b.txt ← a.txt (0.85)</b>: keeps 9 of a&#x27;s 10 sentences" in section
    assert "<li><b>unrelated.txt: no known parent (0.91)</b>: only 9% of its wording" in section


def test_the_html_escapes_names():
    comparison = compared("a", "b")
    renamed = comparison.__class__(
        versions=(comparison.versions[0].__class__(**{**comparison.versions[0].__dict__, "name": "<a>&.txt"}),
                  comparison.versions[1]),
        base=0, pairs=comparison.pairs, rows=comparison.rows)
    section = lineage_html(renamed)
    assert "&lt;a&gt;&amp;.txt" in section and "<a>&" not in section
