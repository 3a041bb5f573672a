"""The printed report: a real QPrinter writes a PDF, pypdfium2 reads its pages back.

Checked: a cover with the evidence trail, landscape only beyond three versions, every aligned row
on exactly one page (never split), a row taller than a page cut only between lines, long names
wrapped only at word boundaries; and the window's PDF and CSV exports.
"""
from __future__ import annotations

import csv
import io

import pypdfium2
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter

from viewer.engine.loading import load_text
from viewer.engine.params import Params
from viewer.engine.pipeline import compare
from viewer.gui import printing
from viewer.report.grid import Grid

from gui_helpers import wait_shown

pytestmark = pytest.mark.usefixtures("qapp")  # QPrinter and fonts need the application

LONG_NAME = "a-very-long-name-for-the-wire-service-original_2026-03-12.txt"
FILLER = ("the council met again on the harbour front to hear the residents who had waited since the "
          "early morning for news of the fire and of the homes that were lost").split()


def _story_lines(count: int, seed: int) -> list[str]:
    lines = []
    for k in range(count):
        words = FILLER[: 6 + (k * 7 + seed) % len(FILLER)]
        lines.append(f"Marker{k:03d} " + " ".join(words) + ".")
    return lines


def _fixture(versions: int, rows: int = 40):
    """``versions`` versions of one story, one sentence a line: the base, edits, omissions, additions."""
    base = _story_lines(rows, 0)
    others = [
        [line.replace("council", "assembly") for line in base],
        [line for k, line in enumerate(base) if k % 5],
        base[:10] + [f"Added{k:03d} " + " ".join(FILLER[:12]) + "." for k in range(8)] + base[10:],
    ]
    texts = ["\n".join(base)] + ["\n".join(lines) for lines in others[: versions - 1]]
    names = [LONG_NAME] + [f"version-{k}.txt" for k in range(1, versions)]
    params = Params(split="lines")
    return compare([load_text(t, n, params) for t, n in zip(texts, names)], params)


@pytest.fixture(scope="module")
def four():
    return _fixture(4)


def _page_rect(versions: int) -> QRectF:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printing.configure(printer, versions)
    return QRectF(0, 0, *printer.pageLayout().paintRect(QPageLayout.Unit.Point).size().toTuple())


def _pages_text(path) -> list[str]:
    pdf = pypdfium2.PdfDocument(str(path))
    return [pdf[k].get_textpage().get_text_range() for k in range(len(pdf))]


def test_orientation_follows_the_number_of_versions(tmp_path):
    assert [printing.landscape(n) for n in (2, 3, 4, 5)] == [False, False, True, True]
    for versions, wide in ((3, False), (4, True)):
        path = tmp_path / f"{versions}.pdf"
        printing.save_pdf(_fixture(versions, rows=6), str(path))
        width, height = pypdfium2.PdfDocument(str(path))[0].get_size()
        assert (width > height) is wide
        assert round(max(width, height) / 72 * 25.4) == 297  # A4


def test_every_row_is_whole_on_exactly_one_page(four, tmp_path):
    path = tmp_path / "report.pdf"
    pages = printing.save_pdf(four, str(path))
    texts = _pages_text(path)
    laid = printing.plan(four, _page_rect(4))
    assert len(texts) == pages == len(laid.pages) >= 3
    seen = []
    for number, pieces in enumerate(laid.pages):
        for piece in pieces:
            if piece.block.kind != "row":
                continue
            assert (piece.start, piece.end) == (0.0, piece.block.height)
            assert piece.y + piece.block.height <= laid.height + 0.01
            seen.append(piece.block.row)
            # The row's base sentence is printed on this page and on no other.
            marker = four.versions[0].text.split("\n")[four.rows[piece.block.row].cells[0][0]].split()[0] \
                if four.rows[piece.block.row].cells[0] else None
            if marker:
                assert [k for k, text in enumerate(texts) if marker in text] == [number]
    assert seen == list(range(len(four.rows)))
    # The rows start on a page of their own, after the cover; every such page repeats the header.
    first_rows = next(k for k, pieces in enumerate(laid.pages) if laid.rows_on(k))
    assert first_rows >= 1 and not laid.rows_on(0)
    assert all(laid.pages[k][0].block.kind == "header" for k in range(first_rows, len(laid.pages)))
    assert all(f"page {k + 1} of {pages}" in text for k, text in enumerate(texts))


def test_the_cover_carries_the_evidence_trail(four, tmp_path):
    path = tmp_path / "report.pdf"
    printing.save_pdf(four, str(path))
    cover = _pages_text(path)[0]
    flat = cover.replace("\r\n", " ").replace("\n", " ").replace("\u200b", "")
    for version in four.versions:
        assert version.sha256 in flat
    assert "Evidence" in cover and "Re-run: storydiff compare" in flat and "--split lines" in flat
    assert f"compared at {four.compared_at}" in flat
    assert "Versions" in cover and "Marker000" not in cover


def test_a_row_taller_than_a_page_is_cut_between_lines():
    long_line = " ".join(f"word{k}" for k in range(1500))
    params = Params(split="lines")
    comparison = compare([load_text(f"Short opening line here.\n{long_line}", "a.txt", params),
                          load_text("Short opening line here.", "b.txt", params)], params)
    laid = printing.plan(comparison, QRectF(0, 0, 400, 300))
    pieces = [p for page in laid.pages for p in page if p.block.kind == "row" and p.block.height > laid.height]
    assert len(pieces) >= 3
    block = pieces[0].block
    assert [p.start for p in pieces[1:]] == [p.end for p in pieces[:-1]] and pieces[-1].end == block.height
    lines = block.lines()
    assert len(lines) > 100
    for piece in pieces:
        assert piece.y + piece.end - piece.start <= laid.height + 0.01
        for cut in (piece.start, piece.end):
            assert not any(top + 0.01 < cut < bottom - 0.01 for top, bottom in lines), cut


def test_long_names_wrap_only_at_word_boundaries(four):
    grid = Grid(four)
    widths = printing.column_widths(grid, 400.0)
    header = printing._header(printing._Layout(), grid, widths)
    x, y, doc = header.docs[0]
    block = doc.begin()
    text, layout = block.text(), block.layout()
    assert layout.lineCount() >= 2
    for k in range(1, layout.lineCount()):
        before = text[layout.lineAt(k).textStart() - 1]
        assert before in "\u200b -", (before, text)
    assert max(layout.lineAt(k).naturalTextWidth() for k in range(layout.lineCount())) <= doc.textWidth()
    assert text.replace("\u200b", "") == LONG_NAME + " (base)"


def test_column_widths_fill_the_page_and_favour_the_longer_text():
    comparison = _fixture(4, rows=12)
    widths = printing.column_widths(Grid(comparison), 700.0)
    assert sum(widths) == pytest.approx(700.0)
    assert min(widths) >= 700.0 / 10
    # Version 3 holds the added sentences besides all of the base's: it gets the most room.
    assert widths[3] == max(widths)


def test_the_window_exports_pdf_and_both_csvs(window, qtbot, tmp_path):
    from gui_helpers import SAMPLE

    wait_shown(window, qtbot, lambda: window.open_paths(sorted(SAMPLE.glob("0*.txt"))))
    from PySide6.QtWidgets import QMenu

    [export] = [m for m in window.findChildren(QMenu) if m.title() == "&Export"]
    names = [a.text() for a in export.actions()]
    assert "Export &CSV…" in names and "Export CSV of Changed &Facts…" in names
    assert window.files.export_pdf(str(tmp_path / "report.pdf"))
    texts = _pages_text(tmp_path / "report.pdf")
    assert texts and "Evidence" in texts[0]
    assert window.files.export_csv(str(tmp_path / "all.csv"))
    data = (tmp_path / "all.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    start = lines.index(["version", "sentence", "row", "text", "kind", "base_sentences", "score", "moved", "facts"])
    table = lines[start + 1:]
    assert len(table) == sum(len(v.sentences) for v in window.comparison.versions)
    assert any(row[0] == "04-correction.txt" and "number: 23 → 32" in row[8] for row in table)
    assert window.files.export_facts_csv(str(tmp_path / "facts.csv"))
    facts = (tmp_path / "facts.csv").read_text(encoding="utf-8").splitlines()
    assert facts[0] == "version,row,type,base,version_wording,base_sentence,version_sentence"


def test_a_window_comparison_re_runs_from_its_trail(window, qtbot, tmp_path, monkeypatch):
    """View options and the chosen base reach the trail's command, which gives the same JSON."""
    import json
    import shlex

    from viewer.cli import main

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Fire hit 40 homes.\nSmith said the roof fell.\nRain fell all night.\n", encoding="utf-8")
    b.write_text("Fire hit 60 homes.\nRain fell all night.\nSMITH SAID THE ROOF FELL.\n", encoding="utf-8")
    wait_shown(window, qtbot, lambda: window.open_paths([a, b]))
    wait_shown(window, qtbot, lambda: window.document.set_option("ignore_case", True))
    wait_shown(window, qtbot, lambda: window.document.set_base(1))
    assert window.files.export_json(str(tmp_path / "viewer.json"))
    first = json.loads((tmp_path / "viewer.json").read_text(encoding="utf-8"))
    trail = first["evidence"]
    assert trail["settings"] == {"ignore_case": True}
    assert trail["versions"][trail["base"]]["name"] == "b.txt"
    words = shlex.split(trail["command"])
    assert words[-3:] == ["--base", str(b), "--ignore-case"] and sorted(words[2:-3]) == [str(a), str(b)]
    assert main(words[2:] + ["--format", "json", "-o", str(tmp_path / "again.json")]) == 0
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    for data in (first, again):
        data["evidence"]["compared_at"] = None
        for version in data["evidence"]["versions"]:
            version["read_at"] = None
    assert again == first
