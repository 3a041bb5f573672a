"""Fixtures for driving the real main window offscreen, as novelWriter's tests do; every test here is marked gui."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from gui_helpers import SAMPLE, compare

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's tests, not only this folder's.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.gui)


class Dialogs:
    """What the patched file dialogs answer; a test sets these before triggering an action."""

    def __init__(self):
        self.open_files: list[str] = []
        self.open_file: str = ""
        self.save_file: str = ""
        self.folder: str = ""
        self.asked: list[str] = []


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    """Modal dialogs never block: file dialogs answer from this object, message boxes return OK."""
    d = Dialogs()

    def open_names(parent, title, *args, **kwargs):
        d.asked.append(title)
        return list(d.open_files), ""

    def open_name(parent, title, *args, **kwargs):
        d.asked.append(title)
        return d.open_file, ""

    def save_name(parent, title, *args, **kwargs):
        d.asked.append(title)
        return d.save_file, ""

    def folder(parent, title, *args, **kwargs):
        d.asked.append(title)
        return d.folder

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_names))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_name))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    return d


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """Settings in a file under tmp_path, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings, dialogs):
    """The real main window, shown offscreen."""
    from viewer.gui.main_window import MainWindow

    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    w.document.worker.shutdown()


@pytest.fixture
def story(tmp_path) -> Path:
    """A copy of the sample story (so tests may change files)."""
    target = tmp_path / "harbour-fire"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture(scope="session")
def pair_comparison():
    """pair_a.txt compared with pair_b.txt (tests/data/pair_README.md says what each sentence became)."""
    return compare("pair_a.txt", "pair_b.txt")
