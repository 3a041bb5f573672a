"""The Facts pane, driven as a fact-checker would: open it, filter, click to jump, dismiss, save and export."""
from __future__ import annotations

import csv
import json

from PySide6.QtCore import Qt

from viewer.engine.model import Kind
from viewer.report.facts_list import changed_facts

from gui_helpers import wait_shown

CORRECTION = ("04-correction.txt", "number", "23", "32")


def open_sample(window, qtbot, story):
    wait_shown(window, qtbot, lambda: window.open_paths(sorted(story.glob("0*.txt"))))
    return changed_facts(window.comparison)


def listed(window) -> list[tuple[str, str, str, str]]:
    """The pane's rows as (version, type, base, wording), as the user reads them."""
    model = window.facts.model
    cells = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    return [(version, kind, base, wording) for kind, base, wording, version in cells]


def click_entry(window, qtbot, entry) -> None:
    """Click the pane's row showing ``entry``."""
    table = window.facts.table
    row = window.facts.model.entries.index(entry)
    rect = table.visualRect(window.facts.model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def entry_of(entries, window, version, fact_type, base, wording):
    names = [v.name for v in window.comparison.versions]
    return next(e for e in entries if (names[e.version], e.type, e.base, e.wording) == (version, fact_type, base, wording))


def test_closed_until_asked_and_empty_without_a_comparison(window):
    assert not window.facts.isVisible() and not window.act_facts.isChecked()
    assert window.legend.facts_chip.text() == "⚠ Facts 0" and window.facts.model.rowCount() == 0
    assert window.act_facts.shortcut().toString() == "F8"
    assert window.act_facts in window.menuBar().actions()[2].menu().actions()  # View


def test_the_legend_chip_opens_the_list_of_every_fact(window, qtbot, story):
    entries = open_sample(window, qtbot, story)
    assert len(entries) >= 2
    assert window.legend.facts_chip.text() == f"⚠ Facts {len(entries)}"
    qtbot.mouseClick(window.legend.facts_chip, Qt.MouseButton.LeftButton)
    assert window.facts.isVisible() and window.act_facts.isChecked()
    assert window.facts.model.rowCount() == len(entries)
    assert ("03-reworded.txt", "number", "40", "60") in listed(window) and CORRECTION in listed(window)
    qtbot.mouseClick(window.facts.close_button, Qt.MouseButton.LeftButton)
    assert not window.facts.isVisible() and not window.act_facts.isChecked()


def test_filter_by_type_and_version(window, qtbot, story):
    entries = open_sample(window, qtbot, story)
    window.act_facts.trigger()
    facts = window.facts
    facts.type_combo.setCurrentIndex(facts.type_combo.findText("number"))
    assert {kind for _, kind, _, _ in listed(window)} == {"number"}
    assert len(listed(window)) == sum(e.type == "number" for e in entries)
    facts.version_combo.setCurrentIndex(facts.version_combo.findText("04-correction.txt"))
    assert listed(window) == [CORRECTION]
    facts.type_combo.setCurrentIndex(0)  # All types
    assert listed(window) == [(v, t, b or "—", w or "—") for v, t, b, w in
                              [("04-correction.txt", e.type, e.base, e.wording) for e in entries if e.version == 3]]
    facts.version_combo.setCurrentIndex(0)
    assert len(listed(window)) == len(entries)


def test_a_click_jumps_to_the_row_even_through_a_filter(window, qtbot, story):
    entries = open_sample(window, qtbot, story)
    window.act_facts.trigger()
    entry = entry_of(entries, window, *CORRECTION)
    window.set_kind_filter(frozenset({Kind.OMITTED}))
    assert entry.row not in window.visible_rows()
    click_entry(window, qtbot, entry)
    assert window.view.current_row() == entry.row and window.view.current_column() == entry.version
    assert entry.row in window.visible_rows()
    assert "32" in window.view.grid_model.cell(entry.row, entry.version).text


def test_dismiss_hides_the_entry_and_lowers_the_count(window, qtbot, story):
    entries = open_sample(window, qtbot, story)
    window.show_facts()
    entry = entry_of(entries, window, *CORRECTION)
    click_entry(window, qtbot, entry)
    qtbot.keyClick(window.facts.table, Qt.Key.Key_Delete)
    assert window.document.dismissed == {entry.key}
    assert CORRECTION not in listed(window) and len(listed(window)) == len(entries) - 1
    assert window.legend.facts_chip.text() == f"⚠ Facts {len(entries) - 1}"
    assert "1 dismissed" in window.facts.title.text()
    # The ⚠ line under the cell and the detail pane's list leave it out too.
    cell = window.view.grid_model.cell(entry.row, entry.version)
    assert ("number", "23", "32") not in [(str(f.type), f.a, f.b) for f in cell.facts]
    window.view.go_to_row(entry.row, entry.version)
    assert "23</b>" not in window.detail.toHtml() and "→ 32" not in window.detail.toPlainText()

    window.facts.show_dismissed.setChecked(True)
    assert CORRECTION in listed(window)
    row = window.facts.model.entries.index(entry)
    assert window.facts.model.data(window.facts.model.index(row, 0), Qt.ItemDataRole.FontRole).strikeOut()
    window.facts.table.selectRow(row)
    window.facts.act_restore.trigger()
    assert window.document.dismissed == frozenset()
    assert window.legend.facts_chip.text() == f"⚠ Facts {len(entries)}"
    cell = window.view.grid_model.cell(entry.row, entry.version)
    assert ("number", "23", "32") in [(str(f.type), f.a, f.b) for f in cell.facts]


def test_a_dismissal_survives_the_session_and_stays_out_of_exports(window, qtbot, story, tmp_path):
    entries = open_sample(window, qtbot, story)
    entry = entry_of(entries, window, *CORRECTION)
    window.document.dismiss([entry.key])
    session = tmp_path / "check.storydiff"
    assert window.files.save_session(str(session))
    window.close_comparison()
    assert window.document.dismissed == frozenset()
    wait_shown(window, qtbot, lambda: window.files.open_session(str(session)))
    assert window.document.dismissed == {entry.key}
    assert window.legend.facts_chip.text() == f"⚠ Facts {len(entries) - 1}"

    assert window.files.export_facts_csv(str(tmp_path / "facts.csv"))
    with open(tmp_path / "facts.csv", encoding="utf-8", newline="") as handle:
        rows = [(r["version"], r["type"], r["base"], r["version_wording"]) for r in csv.DictReader(handle)]
    assert CORRECTION not in rows and ("03-reworded.txt", "number", "40", "60") in rows
    assert len(rows) == len(entries) - 1
    assert window.files.export_html(str(tmp_path / "report.html"))
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f"Changed facts ({len(entries) - 1})" in html and "23 → 32" not in html and "40 → 60" in html
    assert window.files.export_json(str(tmp_path / "out.json"))
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [(d["type"], d["a"], d["b"]) for d in data["dismissed_facts"]] == [("number", "23", "32")]


def test_new_files_forget_the_dismissals(window, qtbot, story):
    entries = open_sample(window, qtbot, story)
    window.document.dismiss([entries[0].key])
    wait_shown(window, qtbot, lambda: window.open_paths(sorted(story.glob("0*.txt"))[:2]))
    assert window.document.dismissed == frozenset()



def fitted(table) -> bool:
    """Whether every row of ``table`` already has the height its text needs at the current widths."""
    heights = [table.rowHeight(r) for r in range(table.model().rowCount())]
    table.resizeRowsToContents()
    return heights == [table.rowHeight(r) for r in range(table.model().rowCount())]


def test_rows_fit_their_text_once_the_pane_shows_never_while_it_is_hidden(window, qtbot, story, monkeypatch):
    table = window.facts.table
    fits = []
    monkeypatch.setattr(table, "resizeRowsToContents", lambda: fits.append(table.isVisible()))
    open_sample(window, qtbot, story)
    qtbot.wait(50)
    assert fits == [] and not window.facts.isVisible()
    monkeypatch.undo()
    window.act_facts.trigger()
    qtbot.waitExposed(table)
    qtbot.wait(50)
    assert table.model().rowCount() >= 2 and fitted(table)
    assert max(table.rowHeight(r) for r in range(table.model().rowCount())) > table.rowHeight(0)  # some wrap
    # While shown, a filter's rows fit at once.
    window.facts.type_combo.setCurrentIndex(window.facts.type_combo.findText("number"))
    qtbot.wait(50)
    assert fitted(table)
