"""The window's menu bar, toolbar, recent-comparisons menu and the context menu of a cell."""
from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMenu, QToolBar, QWidget

from viewer.gui.settings import Settings


class RecentMenu(QMenu):
    """Recent comparisons (sets of files, or sessions), read from the settings each time it opens."""

    sessionRequested = Signal(str)     # a session file
    filesRequested = Signal(list)      # the files of a comparison

    def __init__(self, title: str, settings: Settings, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.settings = settings
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.clear()
        entries = self.settings.recent()
        for entry in entries:
            if "session" in entry:
                act = self.addAction(f"{Path(entry['session']).name} (session)")
                act.triggered.connect(functools.partial(self.sessionRequested.emit, entry["session"]))
                act.setToolTip(entry["session"])
            else:
                names = [Path(f).name for f in entry["files"]]
                act = self.addAction(", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else ""))
                act.triggered.connect(functools.partial(self.filesRequested.emit, list(entry["files"])))
                act.setToolTip("\n".join(entry["files"]))
        if not entries:
            self.addAction("No recent comparisons").setEnabled(False)
        else:
            self.addSeparator()
            self.addAction("Clear Recent", self.settings.clear_recent)


def build_menus(w: QMainWindow) -> RecentMenu:
    """Fill the menu bar of ``w`` (the main window) with its actions; returns the recent menu."""
    bar = w.menuBar()
    m = bar.addMenu("&File")
    m.addActions([w.act_open, w.act_add, w.act_add_folder, w.act_open_url, w.act_paste])
    recent = RecentMenu("Open &Recent", w.settings, m)
    m.addMenu(recent)
    m.addAction(w.act_sample)
    m.addSeparator()
    m.addActions([w.act_open_session, w.act_save_session])
    export = m.addMenu("&Export")
    export.addActions([w.act_export_html, w.act_export_json, w.act_export_pdf, w.act_export_csv,
                       w.act_export_facts_csv])
    m.addAction(w.act_print)
    m.addSeparator()
    m.addActions([w.act_close, w.act_quit])

    m = bar.addMenu("&Edit")
    m.addActions([w.act_copy, w.act_copy_row])
    m.addSeparator()
    m.addActions([w.act_find, w.act_find_next, w.act_find_prev])

    m = bar.addMenu("&View")
    m.addActions([w.act_zoom_in, w.act_zoom_out, w.act_zoom_reset])
    m.addMenu("&Theme").addActions(list(w.theme_actions.values()))
    m.addSeparator()
    m.addActions([w.act_legend, w.act_overview, w.act_detail, w.act_facts, w.act_lineage, w.act_furniture])
    m.addSeparator()
    f = m.addMenu("Show Only &Rows With")
    f.addActions(list(w.filter_actions.values()))
    f.addSeparator()
    f.addAction(w.act_filter_all)
    o = m.addMenu("&Identical Means…")
    o.setToolTipsVisible(True)
    o.addActions([act for key, act in w.option_actions.items() if key != "transformer"])
    m.addAction(w.option_actions["transformer"])

    m = bar.addMenu("Ve&rsions")
    m.addActions([w.act_make_base, w.act_move_left, w.act_move_right, w.act_remove])
    m.addSeparator()
    m.addActions([w.act_add, w.act_paste])

    m = bar.addMenu("&Go")
    m.addActions([w.act_next, w.act_prev, w.act_next_omission, w.act_prev_omission])
    m.addSeparator()
    m.addAction(w.act_counterpart)

    m = bar.addMenu("&Help")
    m.addActions([w.act_about, w.act_about_qt])
    return recent


def build_toolbar(w: QMainWindow) -> tuple[QToolBar, QComboBox]:
    """The main toolbar of ``w``; returns it and its base-version box."""
    tb = QToolBar("Main", w)
    tb.setObjectName("main_toolbar")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tb.setIconSize(QSize(18, 18))
    w.addToolBar(tb)
    tb.addAction(w.act_open)
    tb.addAction(w.act_add)
    tb.addSeparator()
    tb.addWidget(QLabel(" Base: ", tb))
    base_combo = QComboBox(tb)
    base_combo.setToolTip("The version the others are compared with")
    base_combo.setAccessibleName("Base version")
    base_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    base_combo.setMinimumContentsLength(14)
    tb.addWidget(base_combo)
    tb.addSeparator()
    tb.addAction(w.act_prev)
    tb.addAction(w.act_next)
    tb.addSeparator()
    tb.addAction(w.act_export_html)
    return tb, base_combo


def show_cell_menu(w: QMainWindow, pos: QPoint) -> None:
    """The context menu of the cell at ``pos`` in the aligned view of ``w``."""
    view = w.view
    index = view.indexAt(pos)
    if not index.isValid():
        return
    view.setCurrentIndex(index)
    menu = QMenu(w)
    menu.addActions([w.act_copy, w.act_copy_row])
    menu.addSeparator()
    cell = view.grid_model.cell(index.row(), index.column())
    if cell.counterpart_row not in (None, index.row()):
        menu.addAction(w.act_counterpart)
    menu.addAction(w.act_make_base)
    w.act_make_base.setEnabled(index.column() != w.comparison.base)
    menu.addAction(w.act_remove)
    menu.exec(view.viewport().mapToGlobal(pos))
    w.act_make_base.setEnabled(True)
