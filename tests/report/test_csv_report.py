"""The CSVs: the changed facts, and one line per sentence after the evidence trail; read back with csv."""
from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from viewer.engine.loading import load_text
from viewer.report.csv_report import COLUMNS, SENTENCE_COLUMNS, facts_to_csv, to_csv
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


# ---------------------------------------------------------------- one line per sentence (to_csv)
def _sentence_table(text: str) -> tuple[list[list[str]], list[dict]]:
    """The evidence lines and the table's rows, found where the first line says the table starts."""
    lines = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    start = int(lines[0][1].rsplit(" ", 1)[1])
    assert lines[start - 2] == []  # one empty line between the trail and the table
    return lines[1:start - 2], [dict(zip(lines[start - 1], row)) for row in lines[start:]]


def test_sentence_csv_one_line_per_sentence_of_every_version(story):
    trail, rows = _sentence_table(to_csv(story))
    assert [tuple(r.values()) for r in rows] == [
        ("base.txt", "1", "1", "Fire hit 40 homes.", "base", "", "", "", ""),
        ("base.txt", "2", "2", "Smith spoke.", "base", "", "", "", ""),
        ("base.txt", "3", "3", "Rain fell.", "base", "", "", "", ""),
        ("one.txt", "1", "1", "Fire hit 60 homes.", "edited", "1", "0.900", "no", "number: 40 → 60"),
        ("one.txt", "2", "2", "Smith spoke.", "identical", "2", "1.000", "no", ""),
        ("one.txt", "3", "3", "Rain fell.", "identical", "3", "1.000", "no", ""),
        ("two.txt", "1", "1", "Fire hit 40 homes on Friday.", "edited", "1", "0.800", "no", "date: — → Friday"),
        ("two.txt", "2", "2", "Smyth spoke.", "edited", "2", "0.800", "no", "name: Smith → Smyth"),
    ]
    assert list(rows[0]) == list(SENTENCE_COLUMNS)
    labels = dict(trail)
    assert labels["base"] == "base.txt" and labels["version 3"] == "two.txt"
    assert labels["command"] == "storydiff compare base.txt one.txt two.txt --base base.txt"


def test_sentence_csv_opens_in_a_spreadsheet_bom_quoted_crlf(story):
    text = to_csv(story)
    assert text.startswith('\ufeff"storydiff evidence trail","the table of sentences starts at line ')
    lines = text.removeprefix("\ufeff").split("\r\n")
    assert lines[-1] == "" and not any("\n" in line for line in lines)
    header = lines.index('"version","sentence","row","text","kind","base_sentences","score","moved","facts"')
    assert lines[header - 1] == ""
    assert lines[header + 4] == '"one.txt","1","1","Fire hit 60 homes.","edited","1","0.900","no","number: 40 → 60"'


def test_sentence_csv_leaves_out_dismissed_facts_and_counts_them(story):
    date = changed_facts(story)[1]
    trail, rows = _sentence_table(to_csv(story, {date.key}))
    assert [r["facts"] for r in rows if r["version"] == "two.txt"] == ["", "name: Smith → Smyth"]
    assert dict(trail)["facts dismissed as not a change"] == "1"


def test_sentence_csv_splits_moves_added_and_furniture():
    from viewer.engine.model import Comparison, Kind, Link, Pair, Row

    a = load_text("One here. Two here. Three here.", "a.txt")
    b = load_text("Three here. One. Here. New one.", "b.txt")
    b = replace(b, sentences=b.sentences[:3] + (replace(b.sentences[3], furniture=True),))
    links = (Link((2,), (0,), Kind.IDENTICAL, 1.0, moved=True), Link((0,), (1, 2), Kind.EDITED, 0.75))
    rows = (Row(((), (0,))), Row(((0,), (1, 2))), Row(((1,), ())), Row(((2,), ())), Row(((), (3,))))
    comparison = Comparison((a, b), 0, (Pair(0, 1, links, (1,), ()),), rows)
    _, table = _sentence_table(to_csv(comparison))
    assert [(r["sentence"], r["row"], r["kind"], r["base_sentences"], r["score"], r["moved"])
            for r in table if r["version"] == "b.txt"] == [
        ("1", "1", "identical", "3", "1.000", "yes"),
        ("2", "2", "edited", "1", "0.750", "no"),
        ("3", "2", "edited", "1", "0.750", "no"),
        ("4", "5", "furniture", "", "", ""),
    ]


def test_sentence_csv_from_the_command_line(tmp_path, capsys):
    from viewer.cli import main

    folder = tmp_path
    (folder / "a.txt").write_text("Fire hit 40 homes.\nRain fell.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Fire hit 60 homes.\nRain fell.\nA new line.\n", encoding="utf-8")
    out = folder / "out.csv"
    assert main([str(folder / "a.txt"), str(folder / "b.txt"), "--split", "lines", "--format", "csv",
                 "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf\"storydiff evidence trail\"") and b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    trail, rows = _sentence_table(data.decode("utf-8"))
    assert [(r["version"], r["kind"], r["facts"]) for r in rows] == [
        ("a.txt", "base", ""), ("a.txt", "base", ""),
        ("b.txt", "edited", "number: 40 → 60"), ("b.txt", "identical", ""), ("b.txt", "added", "")]
    assert dict(trail)["settings"].startswith("split=lines; semantic model ")
