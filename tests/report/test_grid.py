"""The aligned grid (pure Python): cells, spans, summaries and word diffs of a real comparison."""
from __future__ import annotations

import subprocess
import sys

import pytest

from viewer.engine import loading, pipeline
from viewer.engine.model import Kind
from viewer.report.grid import Grid, Role, Span

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-fire"


@pytest.fixture(scope="module")
def pair_grid() -> Grid:
    versions = [loading.load_file(DATA / "pair_a.txt"), loading.load_file(DATA / "pair_b.txt")]
    return Grid(pipeline.compare(versions))


@pytest.fixture(scope="module")
def sample_grid() -> Grid:
    versions = [loading.load_file(p) for p in sorted(SAMPLE.glob("0*.txt"))]
    return Grid(pipeline.compare(versions))


def test_grid_imports_no_qt():
    code = "import sys, viewer.report.grid, viewer.report.html_report; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_sentence_shows_once(sample_grid):
    comp = sample_grid.comparison
    for v, version in enumerate(comp.versions):
        seen = [i for r in range(sample_grid.row_count) for i in sample_grid.cell(r, v).sentences
                if sample_grid.cell(r, v).role in (Role.BASE, Role.VERSION)]
        assert sorted(seen) == list(range(len(version.sentences)))


def test_cells_text_is_the_sentences(pair_grid):
    version = pair_grid.versions[1]
    for r in range(pair_grid.row_count):
        cell = pair_grid.cell(r, 1)
        if cell.role is Role.VERSION:
            assert cell.text == " ".join(version.sentence_text(i) for i in cell.sentences)
        else:
            assert cell.text == ""


def test_holes_and_kinds(pair_grid):
    roles = [pair_grid.cell(r, 1).role for r in range(pair_grid.row_count)]
    assert roles.count(Role.OMITTED) == 1
    omitted = roles.index(Role.OMITTED)
    assert pair_grid.cell(omitted, 0).text == "Two members voted against the plan."
    added = [r for r in range(pair_grid.row_count) if pair_grid.cell(r, 1).kind is Kind.ADDED]
    assert len(added) == 1 and pair_grid.cell(added[0], 0).role is Role.EMPTY
    assert pair_grid.counts()[Kind.OMITTED] == 1 and pair_grid.counts()[Kind.ADDED] == 1
    assert pair_grid.is_change(omitted) and not pair_grid.is_change(0)


def test_spans_mark_inserted_words_in_the_version_and_deleted_in_the_base(pair_grid):
    row = next(r for r in range(pair_grid.row_count) if pair_grid.cell(r, 1).kind is Kind.EDITED)
    version, base = pair_grid.cell(row, 1), pair_grid.cell(row, 0, focus=1)
    assert [(version.text[s:e], style) for s, e, style in version.spans] == [("historic", Span.INSERTED)]
    assert [(base.text[s:e], style) for s, e, style in base.spans] == [("old", Span.DELETED)]


def test_word_diff_rebuilds_both_sentences(sample_grid):
    comp = sample_grid.comparison
    squash = lambda t: "".join(t.split())  # noqa: E731 - whitespace is the source's own
    checked = 0
    for pair in comp.pairs:
        for link in pair.links:
            if not link.ops:
                continue
            pieces = sample_grid.word_diff(link, pair.b)
            a = "".join(t for tag, t in pieces if tag != "+")
            b = "".join(t for tag, t in pieces if tag != "-")
            a_text = "".join(comp.versions[pair.a].sentence_text(i) for i in link.a)
            b_text = "".join(comp.versions[pair.b].sentence_text(j) for j in link.b)
            assert squash(a).replace("…", "") in squash(a_text) or squash(a) == squash(a_text)
            assert squash(b) == squash(b_text) or squash(b).replace("…", "") in squash(b_text)
            checked += 1
    assert checked > 10


def test_summary_shares(sample_grid):
    trimmed = sample_grid.summary(1)
    assert sample_grid.summary(0) is None  # the base
    total = trimmed.kept + trimmed.paraphrased + trimmed.omitted
    assert total == trimmed.base_sentences
    assert trimmed.omitted >= 3  # the owner sentence and the evacuees paragraph
    assert trimmed.added == 0  # furniture is not counted as added text


def test_moved_cells_point_at_their_own_place(pair_grid):
    moved = [r for r in range(pair_grid.row_count) if pair_grid.cell(r, 1).moved]
    assert len(moved) == 1
    cell = pair_grid.cell(moved[0], 1)
    # The jump goes to the row of the sentence before it in its own version.
    assert pair_grid.row_of[(1, cell.sentences[0] - 1)] == cell.counterpart_row
