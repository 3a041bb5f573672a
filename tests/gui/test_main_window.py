"""The main window, driven as a user would: drops, keys, menus, exports."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from viewer.engine.model import Kind
from viewer.gui.aligned_model import BASE_ROLE, KIND_ROLE
from viewer.report.grid import Role

from gui_helpers import DATA, drop, wait_shown

PAIR = [DATA / "pair_a.txt", DATA / "pair_b.txt"]
# pair_README.md: A1 identical, A2 edited, A3 paraphrase, A4 omitted, A5/A6 swapped (one of them
# reported as moved), B4 added. Rows follow the base; where the added row goes is the engine's call.
PAIR_BASE = [
    ("The city council met on Tuesday evening.", Kind.IDENTICAL),
    ("Members voted to repair the old footbridge.", Kind.EDITED),
    ("The work will cost about 80,000 dollars and take four months.", Kind.PARAPHRASE),
    ("Two members voted against the plan.", Kind.OMITTED),
    ("A public meeting is planned for next month.", Kind.IDENTICAL),
    ("The footbridge has been closed since January.", Kind.IDENTICAL),
]
ADDED = "Local shop owners welcomed the decision."


def shown(window, row: int, column: int) -> str:
    model = window.view.grid_model
    return model.data(model.index(row, column))


def kinds(window, column: int = 1) -> list[Kind | None]:
    model = window.view.grid_model
    return [model.data(model.index(r, column), KIND_ROLE) for r in range(model.rowCount())]


def row_with(window, text: str, column: int = 0) -> int:
    model = window.view.grid_model
    rows = [r for r in range(model.rowCount()) if shown(window, r, column) == text]
    assert len(rows) == 1, (text, rows)
    return rows[0]


def press(window, qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier):
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifiers)


def test_starts_with_what_to_do(window):
    assert window.stack.currentWidget() is window.empty
    assert window.empty.heading.text() == "Drop two or more versions of a story here"
    assert window.empty.open_button.isVisible() and window.empty.sample_button.isVisible()
    assert "Sample" in window.empty.sample_button.text()
    assert not window.act_export_html.isEnabled()


def test_dropping_files_fills_the_aligned_view(window, qtbot):
    drop(window, PAIR, qtbot)
    assert window.stack.currentWidget() is window.page
    model = window.view.grid_model
    assert model.columnCount() == 2 and model.rowCount() == len(PAIR_BASE) + 1
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["pair_a.txt", "pair_b.txt"]
    assert model.headerData(0, Qt.Orientation.Horizontal, BASE_ROLE) is True
    assert model.rowCount() == len(PAIR_BASE) + 1
    base_texts = [shown(window, r, 0) for r in range(model.rowCount())]
    assert [t for t in base_texts if t] == [text for text, _ in PAIR_BASE]
    for text, kind in PAIR_BASE:
        assert kinds(window)[row_with(window, text)] is kind, text
    # The omitted base sentence leaves a hatched "omitted" gap; the added one sits on its own row.
    assert shown(window, row_with(window, "Two members voted against the plan."), 1) == "omitted"
    added = row_with(window, ADDED, 1)
    assert shown(window, added, 0) == "" and kinds(window)[added] is Kind.ADDED
    assert window.legend.chips[Kind.OMITTED].text() == "Omitted 1"
    assert window.legend.chips[Kind.ADDED].text() == "Added 1"
    assert window.legend.chips[Kind.EDITED].text() == "Edited 1"
    assert "Moved 1" in window.legend.moved_label.text()
    assert window.windowTitle().startswith("pair_a.txt")
    assert window.base_combo.currentText() == "pair_a.txt"


def test_word_level_highlights_and_detail_pane(window, qtbot):
    drop(window, PAIR, qtbot)
    model = window.view.grid_model
    row = row_with(window, "Members voted to repair the old footbridge.")
    edited = model.cell(row, 1)
    underlined = {edited.text[s:e] for s, e, style in edited.spans}
    assert "historic" in underlined
    base = model.cell(row, 0)
    assert {base.text[s:e] for s, e, _ in base.spans} == {"old"}
    window.view.go_to_row(row, 1)
    html = window.detail.toHtml()
    assert "historic" in html and "line-through" in html and "Edited" in html


def test_dropping_a_folder_adds_its_story_files(window, qtbot, story):
    (story / "notes.png").write_bytes(b"\x89PNG")
    drop(window, [story], qtbot)
    names = [window.view.grid_model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert names == ["01-wire.txt", "02-trimmed.txt", "03-reworded.txt", "04-correction.txt"]
    assert window.view.grid_model.columnCount() == 4


def test_alt_down_and_up_move_between_changes(window, qtbot):
    drop(window, PAIR, qtbot)
    edited = row_with(window, "Members voted to repair the old footbridge.")
    paraphrase = row_with(window, "The work will cost about 80,000 dollars and take four months.")
    omitted = row_with(window, "Two members voted against the plan.")
    window.view.go_to_row(0)
    press(window, qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.view.current_row() == edited
    press(window, qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.view.current_row() == paraphrase
    press(window, qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.view.current_row() == edited
    window.view.go_to_row(0)
    press(window, qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
    assert window.view.current_row() == omitted
    assert "omitted" in window.detail.toPlainText()
    # Alt+Down from the top visits every change once, in order, and stops at the last one.
    grid = window.view.grid_model.grid
    changes = [r for r in range(grid.row_count) if grid.is_change(r)]
    window.view.go_to_row(0)
    visited = []
    while window.page.next_change():
        visited.append(window.view.current_row())
    assert visited == changes
    assert window.view.current_row() == changes[-1]
    assert window.statusBar().currentMessage() == "No more changes below."
    # Past the last change, the selection stays put, and Alt+Up goes back.
    window.view.go_to_row(grid.row_count - 1)
    assert window.page.next_change() is False and window.view.current_row() == grid.row_count - 1
    assert window.page.previous_change() is True and window.view.current_row() == changes[-1]


def test_moved_sentence_has_a_marker_and_a_jump(window, qtbot):
    drop(window, PAIR, qtbot)
    model = window.view.grid_model
    moved = [r for r in range(model.rowCount()) if model.cell(r, 1).moved]
    assert len(moved) == 1
    row = moved[0]
    tip = model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    assert "Moved" in tip
    window.view.go_to_row(row, 1)
    assert window.page.jump_to_counterpart()
    assert window.view.current_row() == model.cell(row, 1).counterpart_row != row


def test_filtering_by_kind_hides_rows(window, qtbot):
    drop(window, PAIR, qtbot)
    omitted = row_with(window, "Two members voted against the plan.")
    paraphrase = row_with(window, "The work will cost about 80,000 dollars and take four months.")
    window.legend.chips[Kind.OMITTED].click()
    assert window.visible_rows() == [omitted]
    window.legend.chips[Kind.PARAPHRASE].click()
    assert window.visible_rows() == sorted([paraphrase, omitted])
    assert window.filter_actions[Kind.PARAPHRASE].isChecked()
    window.act_filter_all.trigger()
    assert window.visible_rows() == list(range(len(PAIR_BASE) + 1))
    assert not window.legend.chips[Kind.OMITTED].isChecked()


def test_hiding_furniture(window, qtbot, story):
    drop(window, [story / "01-wire.txt", story / "02-trimmed.txt"], qtbot)
    grid = window.view.grid_model.grid
    furniture = [r for r in range(grid.row_count) if grid.is_furniture(r)]
    assert furniture, "02-trimmed carries page furniture"
    window.act_furniture.trigger()
    assert not any(r in window.visible_rows() for r in furniture)
    window.act_furniture.trigger()
    assert all(r in window.visible_rows() for r in furniture)


def test_switching_the_base_recomputes(window, qtbot):
    drop(window, PAIR, qtbot)
    comparison = wait_shown(window, qtbot, lambda: window.base_combo.activated.emit(1))
    assert comparison.base == 1
    model = window.view.grid_model
    assert model.headerData(1, Qt.Orientation.Horizontal, BASE_ROLE) is True
    # Against pair_b, the shop owners' sentence is the one pair_a lacks, and pair_a's vote is added.
    column_a = kinds(window, 0)
    assert Kind.OMITTED in column_a and Kind.ADDED in column_a
    assert shown(window, [r for r in range(model.rowCount())
                          if model.cell(r, 0).role is Role.OMITTED][0], 1) == "Local shop owners welcomed the decision."


def test_reorder_and_remove_versions(window, qtbot, story):
    drop(window, [story / "01-wire.txt", story / "02-trimmed.txt", story / "03-reworded.txt"], qtbot)
    model = window.view.grid_model
    wait_shown(window, qtbot, lambda: window.move_version(2, 0))
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "03-reworded.txt", "01-wire.txt", "02-trimmed.txt"]
    assert model.headerData(1, Qt.Orientation.Horizontal, BASE_ROLE) is True  # the base stays the base
    wait_shown(window, qtbot, lambda: window.document.remove(0))
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["01-wire.txt", "02-trimmed.txt"]


def test_bad_files_are_named_and_the_rest_load(window, qtbot, tmp_path):
    missing = tmp_path / "gone.txt"
    drop(window, [*PAIR, DATA / "binary.bin", DATA / "empty.txt", missing], qtbot)
    assert window.isVisible()
    assert window.view.grid_model.columnCount() == 2
    assert window.message_bar.isVisible()
    text = window.message_bar.text()
    for name in ("binary.bin", "empty.txt", "gone.txt"):
        assert name in text
    assert "is empty" in text and "The other versions are loaded" in text
    # The next good drop still works, and the message can be dismissed.
    drop(window, [DATA / "plain.txt"], qtbot)
    assert window.view.grid_model.columnCount() == 3
    window.message_bar.dismiss()
    assert not window.message_bar.isVisible()


def test_a_single_version_asks_for_another(window, qtbot):
    drop(window, [DATA / "plain.txt"], qtbot)
    assert window.stack.currentWidget() is window.empty
    assert "1 version loaded" in window.empty.status.text() and "plain.txt" in window.empty.status.text()
    drop(window, [DATA / "pair_a.txt"], qtbot)
    assert window.view.grid_model.columnCount() == 2


def test_find_selects_matching_rows(window, qtbot):
    drop(window, PAIR, qtbot)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "footbridge")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    rows = sorted([row_with(window, "Members voted to repair the old footbridge."),
                   row_with(window, "The footbridge has been closed since January.")])
    assert window.view.current_row() == rows[0]
    assert window.find_bar.status.text() == "1 of 2 rows"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.view.current_row() == rows[1]
    assert window.find_bar.status.text() == "2 of 2 rows"
    window.find_bar.field.setText("no such words")
    assert window.find_bar.status.text() == "Not found"


def test_options_change_what_counts_as_identical(window, qtbot, tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("The Fire Spread Quickly across the old harbour. Nobody was hurt.\n")
    b.write_text("The fire spread quickly across the old harbour. Nobody was hurt.\n")
    window.document.set_option("ignore_case", False)
    drop(window, [a, b], qtbot)
    assert kinds(window)[0] is Kind.EDITED
    wait_shown(window, qtbot, lambda: window.option_actions["ignore_case"].trigger())
    assert kinds(window)[0] is Kind.IDENTICAL
    assert window.settings.options()["ignore_case"] is True


def test_exports_write_valid_json_and_escaped_html(window, qtbot, tmp_path, dialogs):
    drop(window, [DATA / "script_article.txt", DATA / "plain.txt"], qtbot)
    dialogs.save_file = str(tmp_path / "out.json")
    window.act_export_json.trigger()
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data["format"] == "storydiff" and len(data["versions"]) == 2
    dialogs.save_file = str(tmp_path / "report")  # no suffix: one is added
    window.act_export_html.trigger()
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "script_article.txt" in html and "plain.txt" in html


def test_save_as_pdf(window, qtbot, tmp_path):
    drop(window, PAIR, qtbot)
    assert window.files.export_pdf(str(tmp_path / "report.pdf"))
    assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"


def test_session_save_and_reopen_warns_when_a_file_changed(window, qtbot, tmp_path, story, dialogs):
    files = [story / "01-wire.txt", story / "03-reworded.txt", story / "04-correction.txt"]
    drop(window, files, qtbot)
    wait_shown(window, qtbot, lambda: window.document.set_base(2))
    session = tmp_path / "check.storydiff"
    dialogs.save_file = str(session)
    window.act_save_session.trigger()
    saved = json.loads(session.read_text(encoding="utf-8"))
    assert saved["base"] == 2 and [Path(v["path"]).name for v in saved["versions"]] == [f.name for f in files]

    window.close_comparison()
    assert window.stack.currentWidget() is window.empty
    wait_shown(window, qtbot, lambda: window.files.open_session(str(session)))
    comparison = window.comparison
    assert [v.name for v in comparison.versions] == [f.name for f in files] and comparison.base == 2
    assert not window.message_bar.isVisible()

    files[1].write_text(files[1].read_text(encoding="utf-8") + "\nA late paragraph.\n", encoding="utf-8")
    wait_shown(window, qtbot, lambda: window.files.open_session(str(session)))
    assert window.message_bar.isVisible() and window.message_bar.level == "warning"
    assert "03-reworded.txt" in window.message_bar.text() and "Changed since" in window.message_bar.text()


def test_open_dialog_and_recent_comparisons(window, qtbot, dialogs, settings):
    dialogs.open_files = [str(p) for p in PAIR]
    wait_shown(window, qtbot, window.act_open.trigger)
    assert window.view.grid_model.columnCount() == 2
    assert settings.value("files/recent")  # kept in the settings under tmp_path
    window.close_comparison()
    window.recent_menu.fill()
    entry = window.recent_menu.actions()[0]
    assert "pair_a.txt" in entry.text()
    wait_shown(window, qtbot, entry.trigger)
    assert window.view.grid_model.columnCount() == 2


def test_paste_as_new_version(window, qtbot):
    drop(window, [DATA / "pair_a.txt"], qtbot)
    QGuiApplication.clipboard().setText("The city council met on Tuesday evening. Two members voted against the plan.")
    wait_shown(window, qtbot, window.act_paste.trigger)
    model = window.view.grid_model
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Pasted text 1"
    assert kinds(window)[0] is Kind.IDENTICAL


def test_copy_cell_and_row(window, qtbot):
    drop(window, PAIR, qtbot)
    window.view.go_to_row(row_with(window, "Members voted to repair the old footbridge."), 1)
    window.act_copy.trigger()
    assert QGuiApplication.clipboard().text() == "Members voted to repair the historic footbridge."
    window.act_copy_row.trigger()
    assert QGuiApplication.clipboard().text().splitlines() == [
        "pair_a.txt [base]: Members voted to repair the old footbridge.",
        "pair_b.txt [edited]: Members voted to repair the historic footbridge."]


def test_zoom_keys_change_the_text_size(window, qtbot, settings):
    drop(window, PAIR, qtbot)
    size = window.view.font().pointSizeF()
    height = window.view.rowHeight(0)
    press(window, qtbot, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSizeF() == size + 1
    assert window.view.rowHeight(0) > height
    press(window, qtbot, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSizeF() == size
    assert int(settings.value("view/zoom")) == 0


def test_sample_story_button(window, qtbot):
    wait_shown(window, qtbot, window.empty.sample_button.click)
    comparison = window.comparison
    assert [v.name for v in comparison.versions] == [
        "01-wire.txt", "02-trimmed.txt", "03-reworded.txt", "04-correction.txt"]
    grid = window.view.grid_model.grid
    # The overview strip marks every change of every version.
    marks = window.overview.marks()
    assert {lane for lane, _, _ in marks} == {0, 1, 2}
    assert len(marks) == sum(1 for r in range(grid.row_count) for c in (1, 2, 3)
                             if grid.cell(r, c).kind not in (None, Kind.IDENTICAL, Kind.FURNITURE)
                             or (grid.cell(r, c).role is Role.VERSION and grid.cell(r, c).moved))
    # Header summary of the trimmed version: it omits base sentences.
    summary = window.view.grid_model.headerData(1, Qt.Orientation.Horizontal, 0x0100 + 3)
    assert summary.omitted >= 3 and summary.percent(summary.kept) > 50


def test_overview_click_jumps_to_a_change(window, qtbot):
    drop(window, PAIR, qtbot)
    overview = window.overview
    vh = window.view.verticalHeader()
    scale, top = overview._scale()
    omitted = row_with(window, "Two members voted against the plan.")
    y = top + (vh.sectionPosition(omitted) + vh.sectionSize(omitted) / 2) * scale
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=overview.rect().topLeft() + __import__(
        "PySide6.QtCore", fromlist=["QPoint"]).QPoint(6, int(y)))
    assert window.view.current_row() == omitted


def test_settings_survive_a_restart(qtbot, settings, dialogs):
    from viewer.gui.main_window import MainWindow

    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.document.set_option("ignore_punctuation", False)
    first.state.set_detail_visible(False)
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert second.option_actions["ignore_punctuation"].isChecked() is False
    assert second.act_detail.isChecked() is False
    assert second.document.params().ignore_punctuation is False


def test_dragging_a_column_header_reorders_versions(window, qtbot):
    drop(window, PAIR, qtbot)
    wait_shown(window, qtbot, lambda: window.view.header.moveSection(0, 1))
    model = window.view.grid_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["pair_b.txt", "pair_a.txt"]
    assert window.view.header.visualIndex(0) == 0  # the header shows the new order, not a moved section
    assert model.headerData(1, Qt.Orientation.Horizontal, BASE_ROLE) is True


def test_escape_closes_the_find_bar(window, qtbot):
    drop(window, PAIR, qtbot)
    window.act_find.trigger()
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "council")
    assert window.view.find_term == "council"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible() and window.view.find_term == ""


def test_run_opens_the_window_on_the_sample_story(qtbot, monkeypatch, tmp_path):
    """The entry point contract: run(files, open_sample) builds the window and enters the loop."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from viewer.gui import application
    from viewer.gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    windows = []
    monkeypatch.setattr(QApplication, "exec", lambda *a: windows.extend(
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()) or 0)
    assert application.run([], open_sample=True) == 0
    window = windows[-1]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=10000)
    assert [v.name for v in window.comparison.versions][0] == "01-wire.txt"
    assert QApplication.windowIcon().isNull() is False
    window.document.worker.shutdown()


def test_about_names_the_program(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown_text = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown_text.append(box.text()) or 0)
    window.act_about.trigger()
    assert "storydiff" in shown_text[0] and "Okabe" in shown_text[0]


@pytest.mark.filterwarnings("ignore:semantic model unavailable")
def test_a_missing_model_is_shown_in_the_message_bar(window, qtbot, no_model):
    drop(window, PAIR, qtbot)
    assert window.view.grid_model.columnCount() == 2
    assert window.message_bar.isVisible()
    assert "matched on shared words only" in window.message_bar.text()


def test_uncertain_links_say_so_in_the_tooltip_and_the_detail_pane(window, qtbot):
    from gui_helpers import DATA

    drop(window, [DATA / "uncertain" / "council_a.txt", DATA / "uncertain" / "council_b.txt"], qtbot)
    model = window.view.grid_model
    cells = [(r, model.cell(r, 1)) for r in range(model.rowCount())]
    uncertain = [r for r, cell in cells if cell.score is not None and cell.score < 0.5 and cell.kind is Kind.PARAPHRASE]
    sure = [r for r, cell in cells if cell.score is not None and cell.score >= 0.9 and cell.kind is Kind.EDITED]
    assert uncertain and sure
    assert "uncertain" in model.data(model.index(uncertain[0], 1), Qt.ItemDataRole.ToolTipRole)
    assert "uncertain" not in model.data(model.index(sure[0], 1), Qt.ItemDataRole.ToolTipRole)
    window.view.go_to_row(uncertain[0], 1)
    assert "uncertain: check it" in window.detail.toPlainText()
