"""View ▸ Theme: the desktop's colours, or storydiff's light or dark palette, applied live and remembered."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from viewer.gui import palette
from viewer.gui.main_window import MainWindow

from gui_helpers import SAMPLE, drop


@pytest.fixture
def system_colours():
    """The desktop's base colour; the application goes back to the system theme after the test."""
    base = QApplication.palette().color(QPalette.ColorRole.Base).name()
    yield base
    palette.apply_theme("system")
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == base


def theme_menu(window):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    theme = next(a.menu() for a in view.actions() if a.text() == "&Theme")
    return {a.text().replace("&", ""): a for a in theme.actions()}


def test_the_theme_menu_offers_three_with_system_checked(window, system_colours):
    items = theme_menu(window)
    assert list(items) == ["System", "Light", "Dark"]
    assert [a.isChecked() for a in items.values()] == [True, False, False]
    assert window.settings.theme() == "system"


def test_dark_is_applied_live_and_remembered(qtbot, window, settings, system_colours):
    drop(window, sorted(SAMPLE.glob("*.txt")), qtbot)
    assert not window.view.delegate.colours.dark
    theme_menu(window)["Dark"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == "#1e1e1e"
    # The widgets hear of it at once (no restart) and the cells repaint with the dark tints.
    qtbot.waitUntil(lambda: window.view.delegate.colours.dark, timeout=2000)
    assert palette.is_dark(window.view.palette()) and palette.is_dark(window.overview.palette())
    assert settings.value("view/theme") == "dark"
    assert [a.isChecked() for a in theme_menu(window).values()] == [False, False, True]
    # A new window (the next run) starts dark, with Dark checked.
    window.close()
    palette.apply_theme("system")
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert palette.is_dark(QApplication.palette())
    assert [a.isChecked() for a in theme_menu(again).values()] == [False, False, True]


def test_light_then_system_go_back_to_the_desktop_colours(window, settings, system_colours):
    items = theme_menu(window)
    items["Light"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == "#ffffff"
    assert QApplication.palette().color(QPalette.ColorRole.Text).name() == "#1a1a1a"
    assert settings.value("view/theme") == "light"
    items["System"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == system_colours
    assert settings.value("view/theme") == "system" and window.state.theme == "system"


def test_an_unknown_stored_theme_reads_as_system(settings):
    from viewer.gui.settings import Settings

    settings.setValue("view/theme", "purple")
    assert Settings(settings).theme() == "system"
