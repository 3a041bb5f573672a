"""The story-wide list of changed facts: entries, keys, filters; on a hand-built story and the sample."""
from __future__ import annotations

from pathlib import Path

from report_helpers import facts_story

from viewer.engine import loading, pipeline
from viewer.engine.model import Comparison, Fact, FactType, Kind, Link, Pair, Row
from viewer.report.facts_list import FactEntry, changed_facts, kept_facts, shown_facts, types_present

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-fire"


def test_no_facts_no_entries():
    version = loading.load_text("One. Two.", "a.txt")
    comparison = Comparison((version, version), 0, (Pair(0, 1, (Link((0,), (0,), Kind.IDENTICAL, 1.0),), (), ()),),
                            (Row(((0,), (0,))), Row(((1,), ()))))
    assert changed_facts(comparison) == []


def test_one_entry_per_fact_by_row_then_version(story):
    entries = changed_facts(story)
    assert [(e.version, e.row, e.type, e.base, e.wording) for e in entries] == [
        (1, 0, "number", "40", "60"), (2, 0, "date", "", "Friday"), (2, 1, "name", "Smith", "Smyth")]
    assert entries[2].base_sentences == (1,) and entries[2].version_sentences == (1,)
    assert len({e.key for e in entries}) == 3


def test_keys_survive_recomparing_and_moving_columns(story):
    keys = [e.key for e in changed_facts(story)]
    assert [e.key for e in changed_facts(facts_story())] == keys
    moved = changed_facts(facts_story((2, 0, 1)))
    assert sorted(e.key for e in moved) == sorted(keys)
    assert {e.key: e.version for e in moved}[keys[0]] == 2  # one.txt now sits in column 2


def test_a_fact_type_reads_as_its_value():
    version = loading.load_text("One 1.", "a.txt")
    link = Link((0,), (0,), Kind.EDITED, 0.9, facts=(Fact(FactType.NUMBER, "1", "2"),))
    comparison = Comparison((version, version), 0, (Pair(0, 1, (link,), (), ()),), (Row(((0,), (0,))),))
    [entry] = changed_facts(comparison)
    assert entry.type == "number" and '"number"' in entry.key


def test_filters(story):
    entries = changed_facts(story)
    number, date, name = entries
    assert shown_facts(entries) == entries
    assert shown_facts(entries, types={"name", "number"}) == [number, name]
    assert shown_facts(entries, versions={2}) == [date, name]
    assert shown_facts(entries, types={"number"}, versions={2}) == []
    assert shown_facts(entries, dismissed={date.key}) == [number, name]
    assert shown_facts(entries, dismissed={date.key}, show_dismissed=True) == entries
    assert kept_facts(entries, {number.key, name.key}) == [date]
    assert types_present(entries) == ["number", "date", "name"]


def test_the_sample_story_lists_its_corrections():
    versions = [loading.load_file(p) for p in sorted(SAMPLE.glob("0*.txt"))]
    comparison = pipeline.compare(versions)
    entries = changed_facts(comparison)
    names = [v.name for v in comparison.versions]
    found = {(names[e.version], e.type, e.base, e.wording) for e in entries}
    assert {("03-reworded.txt", "number", "40", "60"), ("04-correction.txt", "number", "23", "32")} <= found
    assert all(isinstance(e, FactEntry) and e.row >= 0 for e in entries)
    assert [(e.row, e.version) for e in entries] == sorted((e.row, e.version) for e in entries)
    # The row holds the version's sentence, so a click lands on it.
    for e in entries:
        assert e.version_sentences[0] in comparison.rows[e.row].cells[e.version]
