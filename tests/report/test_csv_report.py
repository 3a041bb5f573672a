"""The changed facts as CSV: read back with the csv module, dismissed facts left out, inputs refused."""
from __future__ import annotations

import csv
import io

import pytest

from viewer.report.csv_report import COLUMNS, facts_to_csv
from viewer.report.facts_list import changed_facts
from viewer.report.output import OutputRefused, write_text


def test_no_facts_only_the_header(story):
    everything = {e.key for e in changed_facts(story)}
    assert facts_to_csv(story, everything) == ",".join(COLUMNS) + "\n"


def test_reads_back(story):
    rows = list(csv.DictReader(io.StringIO(facts_to_csv(story))))
    assert [tuple(r.values()) for r in rows] == [
        ("one.txt", "1", "number", "40", "60", "Fire hit 40 homes.", "Fire hit 60 homes."),
        ("two.txt", "1", "date", "", "Friday", "Fire hit 40 homes.", "Fire hit 40 homes on Friday."),
        ("two.txt", "2", "name", "Smith", "Smyth", "Smith spoke.", "Smyth spoke."),
    ]


def test_dismissed_facts_are_left_out(story, tmp_path):
    date = changed_facts(story)[1]
    write_text(tmp_path / "facts.csv", facts_to_csv(story, {date.key}), [])
    with open(tmp_path / "facts.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["type"] for r in rows] == ["number", "name"]


def test_quotes_and_commas_survive(tmp_path):
    from viewer.engine.loading import load_text
    from viewer.engine.model import Comparison, Fact, Kind, Link, Pair, Row

    a, b = load_text('He said "no, never".', "a.txt"), load_text("He said yes.", "b.txt")
    link = Link((0,), (0,), Kind.EDITED, 0.7, facts=(Fact("quote", '"no, never"', ""),))
    comparison = Comparison((a, b), 0, (Pair(0, 1, (link,), (), ()),), (Row(((0,), (0,))),))
    [row] = list(csv.DictReader(io.StringIO(facts_to_csv(comparison))))
    assert row["base"] == '"no, never"' and row["base_sentence"] == 'He said "no, never".'


def test_never_written_over_an_input(story, tmp_path):
    path = tmp_path / "base.txt"
    path.write_text("Fire hit 40 homes.")
    with pytest.raises(OutputRefused):
        write_text(path, facts_to_csv(story), [str(path)])
    assert path.read_text() == "Fire hit 40 homes."
