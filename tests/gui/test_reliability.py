"""The window under careless use: exports onto an input, named pipes, too many files, a stuck job."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

import pytest
from PySide6.QtWidgets import QFileDialog

from gui_helpers import DATA, drop

ROOT = DATA.parent.parent


@pytest.fixture
def pair(tmp_path, window, qtbot):
    """Two versions copied to tmp_path and shown in the window; their bytes before any export."""
    paths = []
    for name in ("pair_a.txt", "pair_b.txt"):
        target = tmp_path / name
        target.write_bytes((DATA / name).read_bytes())
        paths.append(target)
    drop(window, paths, qtbot)
    return paths, [p.read_bytes() for p in paths]


@pytest.mark.parametrize("export", ["export_json", "export_html", "export_csv", "export_facts_csv", "export_pdf",
                                    "save_session"])
def test_no_export_or_session_is_written_over_an_input(window, pair, tmp_path, export):
    (a, b), before = pair
    link = tmp_path / "link.txt"
    link.symlink_to(b)
    os.link(a, tmp_path / "hard.txt")
    (tmp_path / "sub").mkdir()
    for target in (a, link, tmp_path / "hard.txt", tmp_path / "sub" / ".." / "pair_b.txt"):
        assert getattr(window.files, export)(str(target)) is False
        assert "never writes to its inputs" in window.message_bar.text()
        assert f"save as {target.stem}-report.txt instead" in window.message_bar.text()
    assert [a.read_bytes(), b.read_bytes()] == before
    assert getattr(window.files, export)(str(tmp_path / "elsewhere.out"))
    assert (tmp_path / "elsewhere.out").stat().st_size > 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_the_save_dialog_comes_back_at_a_free_name_when_an_input_is_picked(window, pair, monkeypatch):
    (a, _), before = pair
    answers = [str(a), ""]
    asked_at = []

    def save_name(parent, title, start, *args, **kwargs):
        asked_at.append(start)
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    window.act_export_json.trigger()
    assert len(asked_at) == 2
    assert asked_at[1] == str(a.with_name("pair_a-report.txt"))
    assert "<b>pair_a.txt</b> is one of the versions being compared" in window.message_bar.text()
    assert a.read_bytes() == before[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_among_dropped_files_is_refused_and_the_others_load(window, qtbot, tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    drop(window, [DATA / "pair_a.txt", pipe, DATA / "pair_b.txt"], qtbot)
    assert [s.label for s in window.document.sources] == ["pair_a.txt", "pair_b.txt"]
    assert "pipe.txt: is a named pipe (FIFO), not a file" in window.message_bar.text()
    assert window.view.grid_model.columnCount() == 2
    window.close()
    assert window.document.worker.wait(1000)


def test_the_version_cap_counts_only_versions_that_load(window, qtbot, tmp_path):
    files = []
    for k in range(12):
        f = tmp_path / f"v{k:02}.txt"
        f.write_text(f"Version {k} of the story says the fire began at {k} o'clock.\n", encoding="utf-8")
        files.append(f)
    for k in (1, 4):
        files[k].write_bytes(b"")
    drop(window, [*files, DATA / "pair_a.txt"], qtbot)
    labels = [s.label for s in window.document.sources]
    assert len(labels) == 10 and "v01.txt" not in labels and "v04.txt" not in labels
    assert labels[-1] == "v11.txt"
    message = window.message_bar.text()
    assert "v01.txt: is empty" in message and "v04.txt: is empty" in message
    assert "Only 10 versions fit side by side; 1 more were not added" in message and "pair_a.txt" in message


def test_a_folder_without_stories_is_still_said_after_the_comparison(window, qtbot, tmp_path):
    (tmp_path / "empty-folder").mkdir()
    drop(window, [DATA / "pair_a.txt", DATA / "pair_b.txt", tmp_path / "empty-folder"], qtbot)
    assert "empty-folder</b>: holds no files storydiff can read (.txt, .md, .html, .docx, .pdf)" in window.message_bar.text()
    assert window.view.grid_model.columnCount() == 2


def test_a_stuck_job_does_not_hold_up_the_next_ones(qtbot):
    from viewer.gui.worker import Worker

    worker = Worker()
    stuck = threading.Event()
    for _ in range(3):  # more stuck jobs than the old pool had threads
        worker.submit(lambda progress, cancelled: stuck.wait())
    with qtbot.waitSignal(worker.finished, timeout=5000) as blocker:
        worker.submit(lambda progress, cancelled: "through")
    assert blocker.args[1] == "through"
    worker.shutdown(msecs=100)  # returns although three jobs never will
    assert not worker.wait(0)
    stuck.set()
    assert worker.wait(5000)


@pytest.mark.slow  # a new interpreter and Qt
def test_a_stuck_job_does_not_keep_the_process_alive():
    script = textwrap.dedent("""
        import threading
        from PySide6.QtCore import QCoreApplication, QTimer
        from viewer.gui.worker import Worker

        app = QCoreApplication([])
        worker = Worker()
        worker.submit(lambda progress, cancelled: threading.Event().wait())
        QTimer.singleShot(100, app.quit)
        app.exec()
        worker.shutdown(msecs=100)
        print("closed")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0 and proc.stdout.strip() == "closed", proc.stderr


def test_a_guessed_encoding_is_shown_and_another_can_be_picked(window, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from viewer.gui.aligned_model import ENCODING_ROLE, UNSURE_ROLE

    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Café owners met on Monday. “We are worried,” said Ana Muñoz.\n".encode("cp1252"))
    drop(window, [DATA / "pair_a.txt", legacy], qtbot)
    model = window.view.grid_model
    assert model.headerData(1, Qt.Orientation.Horizontal, ENCODING_ROLE) == "cp1252"
    assert model.headerData(1, Qt.Orientation.Horizontal, UNSURE_ROLE)
    assert "cp1252" in window.message_bar.text() and "legacy.txt" in window.message_bar.text()
    assert "read as Windows-1252 (cp1252)" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Muñoz" in window.comparison.versions[1].text

    old_source = window.document.sources[1]
    with qtbot.waitSignal(window.comparisonShown, timeout=10000):
        window.view.header.encodingRequested.emit(1, "cp1251")
    assert window.comparison.versions[1].encoding == "cp1251"
    assert "Mu\u0441oz" in window.comparison.versions[1].text  # ñ's byte is Cyrillic "с" in cp1251
    assert window.document.sources[1] is not old_source and old_source.encoding is None  # never changed under a job
    assert legacy.read_bytes().endswith("Muñoz.\n".encode("cp1252"))

    with qtbot.waitSignal(window.comparisonShown, timeout=10000):
        window.view.header.encodingRequested.emit(1, "")
    assert "Muñoz" in window.comparison.versions[1].text


def test_the_read_as_menu_lists_encodings_and_marks_the_one_used(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QMenu

    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Prices rose 12% — the third rise this year, said the café owner.\n".encode("cp1252"))
    drop(window, [DATA / "pair_a.txt", legacy], qtbot)
    menu = QMenu()
    sub = window.view.header._encoding_menu(menu, 1)
    checked = [a.text() for a in sub.actions() if a.isChecked()]
    assert checked == ["Windows-1252 (cp1252)"]
    assert "Detect Automatically" in [a.text() for a in sub.actions()]
    assert window.view.header._encoding_menu(menu, 0).isEnabled()
