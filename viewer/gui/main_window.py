"""The main window: menus, actions and every signal connection of the viewer, in one place.

State is the list of *sources* (files or pasted text) the user asked for, the base among them
and the options. Any change submits one job to the worker (load what is new, then compare); the
newest job's outcome is what the view shows, older outcomes are dropped.
"""
from __future__ import annotations

import functools
import os
import threading
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QAction, QCloseEvent, QDragEnterEvent, QDropEvent,
                           QFont, QGuiApplication, QIcon, QKeySequence, QPainter, QColor)
from PySide6.QtWidgets import (QApplication, QComboBox, QFileDialog, QHBoxLayout, QLabel, QMainWindow, QMenu,
                               QMessageBox,
                               QProgressBar, QPushButton, QSplitter, QStackedWidget, QStyle, QToolBar, QVBoxLayout,
                               QWidget)

from viewer import paths
from viewer.engine.embedding import default_model
from viewer.engine.model import Comparison, Kind
from viewer.engine.params import Params
from viewer.engine.transformer import find_transformer
from viewer.gui import palette
from viewer.gui.aligned_view import AlignedView
from viewer.gui.bars import FindBar, MessageBar
from viewer.gui.detail import DetailPane
from viewer.gui.empty_state import EmptyState
from viewer.report import output, rows
from viewer.report.grid import Role
from viewer.gui.jobs import Outcome, Source, load_and_compare, version_sha256
from viewer.gui.legend import Legend
from viewer.gui.overview import Overview
from viewer.gui.session import SUFFIX as SESSION_SUFFIX, SessionError, load_session, session_text
from viewer.gui.settings import OPTION_KEYS, Settings
from viewer.gui.worker import Worker

APP_NAME = "storydiff"
MAX_VERSIONS = 10
OPTION_LABELS = {
    "ignore_case": "Ignore &Case",
    "ignore_punctuation": "Ignore &Punctuation",
    "ignore_quotes": "Ignore &Quote Style",
    "transformer": "Re-score Uncertain Pairs with a &Transformer (slow)",
}
OPTION_TIPS = {
    "transformer": "A full sentence-transformer (storydiff[semantic]) judges the pairs the fast "
                   "models are unsure of; about 4 s per 1,000 sentences",
}
# Icons from the style where the desktop has no icon theme (e.g. a bare X server).
_FALLBACK_ICONS = {
    "document-open": QStyle.StandardPixmap.SP_DialogOpenButton,
    "list-add": QStyle.StandardPixmap.SP_FileIcon,
    "go-down": QStyle.StandardPixmap.SP_ArrowDown,
    "go-up": QStyle.StandardPixmap.SP_ArrowUp,
    "document-export": QStyle.StandardPixmap.SP_DialogSaveButton,
    "document-save": QStyle.StandardPixmap.SP_DialogSaveButton,
    "window-close": QStyle.StandardPixmap.SP_DialogCloseButton,
    "help-about": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "list-remove": QStyle.StandardPixmap.SP_TrashIcon,
}
FILE_FILTER = "Stories (*.txt *.md *.html *.htm);;All files (*)"


def app_icon() -> QIcon:
    icon = QIcon(str(paths.resource_path(*paths.APP_ICON)))
    return icon if not icon.isNull() else QIcon.fromTheme("accessories-text-editor")


class DropOverlay(QWidget):
    """A veil over the window while files are dragged over it."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.text = ""
        self.hide()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        c = palette.colours(self.palette())
        veil = QColor(c.highlight)
        veil.setAlpha(40)
        p.fillRect(self.rect(), veil)
        pen = p.pen()
        pen.setColor(c.highlight)
        pen.setWidth(3)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawRoundedRect(self.rect().adjusted(8, 8, -9, -9), 12, 12)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        p.setFont(font)
        p.setPen(c.text)
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text)


class MainWindow(QMainWindow):
    """storydiff's window. Public methods are what menus, drops and tests call."""

    comparisonShown = Signal(object)     # the Comparison now on screen
    messageShown = Signal(str, str)      # level, text of a message bar message

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = Settings(settings)
        self.sources: list[Source] = []
        self.base_source: Source | None = None
        self.cache: dict = {}
        self.comparison: Comparison | None = None
        self._shown_sources: list[Source] = []
        self._shown_base: Source | None = None
        self.options = self.settings.options()
        self.kind_filter: frozenset[Kind] = frozenset()
        self.hidden: frozenset[int] = frozenset()  # rows the filters hide
        self._paste_count = 0
        self._problems: list[str] = []  # files not added, said again when their comparison is shown
        self._zoom = self.settings.zoom()
        self._pending_select: int | None = None
        self.worker = Worker(self)

        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setMinimumSize(640, 420)
        self._build_widgets()
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._connect()
        self._apply_zoom()
        self._restore_window()
        self._update_actions()

    # ============================================================================= building
    def _build_widgets(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.message_bar = MessageBar(central)
        outer.addWidget(self.message_bar)
        self.stack = QStackedWidget(central)
        outer.addWidget(self.stack, 1)

        self.empty = EmptyState(app_icon(), self.stack)
        self.stack.addWidget(self.empty)

        page = QWidget(self.stack)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.legend = Legend(page)
        layout.addWidget(self.legend)
        self.find_bar = FindBar(page)
        self.find_bar.hide()
        layout.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Vertical, page)
        top = QWidget(self.splitter)
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.view = AlignedView(top)
        self.view.setAccessibleName("Aligned versions")
        row.addWidget(self.view, 1)
        self.overview = Overview(self.view, top)
        row.addWidget(self.overview)
        self.detail = DetailPane(self.splitter)
        self.detail.setAcceptDrops(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([760, 170])
        self.splitter.setCollapsible(0, False)
        layout.addWidget(self.splitter, 1)
        self.stack.addWidget(page)
        self.page = page
        self.setCentralWidget(central)
        self.overlay = DropOverlay(central)

        status = self.statusBar()
        self.status_label = QLabel(self)
        status.addPermanentWidget(self.status_label)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        status.addPermanentWidget(self.progress)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop this comparison and keep the previous one (Esc)")
        self.cancel_button.hide()
        status.addPermanentWidget(self.cancel_button)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(150)  # no flicker for quick jobs

        self.show_legend = self.settings.flag("legend", True)
        self.show_overview = self.settings.flag("overview", True)
        self.show_detail = self.settings.flag("detail", True)
        self.show_furniture = self.settings.flag("furniture", True)

    def _action(self, text: str, slot=None, shortcut=None, tip: str = "", checkable: bool = False,
                checked: bool = False, icon: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon:
            fallback = _FALLBACK_ICONS.get(icon)
            themed = QIcon.fromTheme(icon)
            if themed.isNull() and fallback is not None:
                themed = self.style().standardIcon(fallback)
            action.setIcon(themed)
        if checkable:
            action.setCheckable(True)
            action.setChecked(checked)
            if slot is not None:
                action.toggled.connect(slot)
        elif slot is not None:
            action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        A = self._action
        K = QKeySequence.StandardKey
        self.act_open = A("&Open…", self.ask_open, K.Open, "Open versions of a story (replaces the current ones)",
                          icon="document-open")
        self.act_add = A("&Add Version…", self.ask_add, "Ctrl+Shift+O", "Add files as more versions",
                         icon="list-add")
        self.act_add_folder = A("Add &Folder…", self.ask_add_folder, None, "Add every story file in a folder")
        self.act_paste = A("&Paste as New Version", self.paste_clipboard, "Ctrl+Shift+V",
                           "Add the text on the clipboard as a version", icon="edit-paste")
        self.act_sample = A("Open &Sample Story", self.open_sample, None, "The bundled four-version sample story")
        self.act_open_session = A("Open Se&ssion…", self.ask_open_session, None, "Reopen a saved comparison")
        self.act_save_session = A("&Save Session…", self.ask_save_session, K.Save,
                                  "Save the versions, base and options to reopen later", icon="document-save")
        self.act_export_json = A("Export &JSON…", self.ask_export_json, None, "The comparison in storydiff's JSON format")
        self.act_export_html = A("Export &HTML Report…", self.ask_export_html, "Ctrl+E",
                                 "A self-contained HTML page of the comparison", icon="document-export")
        self.act_export_pdf = A("Export P&DF…", self.ask_export_pdf, None, "The report as a PDF file")
        self.act_print = A("&Print…", self.ask_print, K.Print, "Print the report", icon="document-print")
        self.act_close = A("&Close", self.close_comparison, K.Close, "Close these versions", icon="window-close")
        self.act_quit = A("&Quit", self.close, K.Quit, "Quit storydiff", icon="application-exit")
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.act_copy = A("&Copy", self.copy_cell, K.Copy, "Copy the text of the current cell", icon="edit-copy")
        self.act_copy_row = A("Copy &Row", self.copy_row, "Ctrl+Shift+C", "Copy every version's text of this row")
        self.act_find = A("&Find…", self.open_find, K.Find, "Find text in any version", icon="edit-find")
        self.act_find_next = A("Find &Next", lambda: self.find(self.find_bar.text(), True), K.FindNext)
        self.act_find_prev = A("Find Pre&vious", lambda: self.find(self.find_bar.text(), False), K.FindPrevious)

        self.act_zoom_in = A("Zoom &In", lambda: self.zoom(1), [K.ZoomIn, "Ctrl+="], icon="zoom-in")
        self.act_zoom_out = A("Zoom &Out", lambda: self.zoom(-1), K.ZoomOut, icon="zoom-out")
        self.act_zoom_reset = A("&Normal Size", lambda: self.zoom(None), "Ctrl+0", icon="zoom-original")
        self.act_legend = A("&Legend", self.set_legend_visible, None, "Kinds of change and their counts",
                            checkable=True, checked=self.show_legend)
        self.act_overview = A("&Overview Strip", self.set_overview_visible, None, "Every change at a glance",
                              checkable=True, checked=self.show_overview)
        self.act_detail = A("&Detail Pane", self.set_detail_visible, "F9", "Word-by-word differences of the row",
                            checkable=True, checked=self.show_detail)
        self.act_furniture = A("Page &Furniture", self.set_furniture_visible, "Ctrl+Shift+F",
                               "Show navigation, credits and other page furniture (dimmed)",
                               checkable=True, checked=self.show_furniture)
        self.filter_actions: dict[Kind, QAction] = {}
        for kind in (Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL, Kind.OMITTED, Kind.ADDED, Kind.IDENTICAL):
            act = A(kind.label, None, None, f"Show only rows with {kind.value} sentences", checkable=True)
            act.toggled.connect(functools.partial(self._filter_action_toggled, kind))
            self.filter_actions[kind] = act
        self.act_filter_all = A("Show &All Rows", lambda: self.set_kind_filter(frozenset()), "Ctrl+Shift+A")
        self.option_actions: dict[str, QAction] = {}
        for key in OPTION_KEYS:
            act = A(OPTION_LABELS[key], None, None, OPTION_TIPS.get(key, "What counts as identical"), checkable=True,
                    checked=self.options.get(key, False))
            act.toggled.connect(functools.partial(self.set_option, key))
            self.option_actions[key] = act
        if find_transformer() is None:
            self.option_actions["transformer"].setEnabled(False)
            self.option_actions["transformer"].setStatusTip("Needs storydiff[semantic] and a local model")

        self.act_next = A("&Next Change", self.next_change, "Alt+Down", "Go to the next changed row", icon="go-down")
        self.act_prev = A("&Previous Change", self.previous_change, "Alt+Up", "Go to the previous changed row",
                          icon="go-up")
        self.act_next_omission = A("Next &Omission", self.next_omission, "Ctrl+Alt+Down",
                                   "Go to the next sentence a version left out")
        self.act_prev_omission = A("Previous O&mission", self.previous_omission, "Ctrl+Alt+Up")
        self.act_counterpart = A("&Jump to Original Position", self.jump_to_counterpart, "Ctrl+J",
                                 "For a moved sentence: where it sits in its own version")

        self.act_make_base = A("Make Current Version the &Base", lambda: self.set_base(self.view.current_column()),
                               "Ctrl+B", "Compare the other versions with this one")
        self.act_move_left = A("Move Version &Left", lambda: self._move_current(-1), "Ctrl+Shift+Left")
        self.act_move_right = A("Move Version &Right", lambda: self._move_current(1), "Ctrl+Shift+Right")
        self.act_remove = A("Re&move Version", lambda: self.remove_version(self.view.current_column()),
                            "Ctrl+Delete", "Take the current version out of the comparison", icon="list-remove")

        self.act_about = A("&About storydiff", self.show_about, None, icon="help-about")
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.act_about_qt = A("About &Qt", QApplication.aboutQt)
        self.act_about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.act_cancel = A("Cancel", self.cancel_job, "Esc", "Stop the running comparison, or close the find bar")

    def _create_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("&File")
        m.addActions([self.act_open, self.act_add, self.act_add_folder, self.act_paste])
        self.recent_menu = m.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addAction(self.act_sample)
        m.addSeparator()
        m.addActions([self.act_open_session, self.act_save_session])
        export = m.addMenu("&Export")
        export.addActions([self.act_export_html, self.act_export_json, self.act_export_pdf])
        m.addAction(self.act_print)
        m.addSeparator()
        m.addActions([self.act_close, self.act_quit])

        m = bar.addMenu("&Edit")
        m.addActions([self.act_copy, self.act_copy_row])
        m.addSeparator()
        m.addActions([self.act_find, self.act_find_next, self.act_find_prev])

        m = bar.addMenu("&View")
        m.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        m.addSeparator()
        m.addActions([self.act_legend, self.act_overview, self.act_detail, self.act_furniture])
        m.addSeparator()
        f = m.addMenu("Show Only &Rows With")
        f.addActions(list(self.filter_actions.values()))
        f.addSeparator()
        f.addAction(self.act_filter_all)
        o = m.addMenu("&Identical Means…")
        o.setToolTipsVisible(True)
        o.addActions([act for key, act in self.option_actions.items() if key != "transformer"])
        m.addAction(self.option_actions["transformer"])

        m = bar.addMenu("Ve&rsions")
        m.addActions([self.act_make_base, self.act_move_left, self.act_move_right, self.act_remove])
        m.addSeparator()
        m.addActions([self.act_add, self.act_paste])

        m = bar.addMenu("&Go")
        m.addActions([self.act_next, self.act_prev, self.act_next_omission, self.act_prev_omission])
        m.addSeparator()
        m.addAction(self.act_counterpart)

        m = bar.addMenu("&Help")
        m.addActions([self.act_about, self.act_about_qt])

    def _create_toolbar(self) -> None:
        tb = QToolBar("Main", self)
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setIconSize(QSize(18, 18))
        self.addToolBar(tb)
        tb.addAction(self.act_open)
        tb.addAction(self.act_add)
        tb.addSeparator()
        tb.addWidget(QLabel(" Base: ", tb))
        self.base_combo = QComboBox(tb)
        self.base_combo.setToolTip("The version the others are compared with")
        self.base_combo.setAccessibleName("Base version")
        self.base_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.base_combo.setMinimumContentsLength(14)
        tb.addWidget(self.base_combo)
        tb.addSeparator()
        tb.addAction(self.act_prev)
        tb.addAction(self.act_next)
        tb.addSeparator()
        tb.addAction(self.act_export_html)
        self.toolbar = tb

    def _connect(self) -> None:
        """Every signal of every widget, wired here."""
        self.empty.openRequested.connect(self.ask_open)
        self.empty.sampleRequested.connect(self.open_sample)
        self.empty.pasteRequested.connect(self.paste_clipboard)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_job_done)
        self.worker.failed.connect(self._on_job_failed)
        self.worker.started.connect(lambda _: self._progress_timer.start())
        self._progress_timer.timeout.connect(self._show_progress)
        self.cancel_button.clicked.connect(self.cancel_job)
        self.legend.filterRequested.connect(self.set_kind_filter)
        self.find_bar.findRequested.connect(self.find)
        self.find_bar.termChanged.connect(self._find_term_changed)
        self.find_bar.closeRequested.connect(self.close_find)
        self.overview.rowRequested.connect(self.go_to_row)
        self.detail.rowRequested.connect(self.go_to_row)
        self.view.counterpartRequested.connect(lambda row, column: self.jump_to_counterpart(row, column))
        self.view.selectionModel().currentRowChanged.connect(lambda current, _: self._row_selected(current.row()))
        self.view.focusVersionChanged.connect(lambda _: (self.view.header.viewport().update(), self.detail.refresh()))
        self.view.header.baseRequested.connect(self.set_base)
        self.view.header.moveRequested.connect(self.move_version)
        self.view.header.removeRequested.connect(self.remove_version)
        self.view.header.encodingRequested.connect(self.set_encoding)
        self.base_combo.activated.connect(self.set_base)
        self.view.verticalScrollBar().valueChanged.connect(lambda _: self.overview.update())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._cell_menu)

    # ============================================================================= loading
    def add_paths(self, paths_: list[str | Path]) -> None:
        """Add files (a folder adds its story files) as versions and recompare."""
        files, problems = self._expand(paths_)
        # Shown with the outcome of the comparison these files start, not replaced by it.
        self._problems += problems
        if problems:
            self.show_message(self._list_html("Some files were not added:", self._problems), "warning")
        else:
            self.message_bar.dismiss()
        known = {os.path.realpath(s.path) for s in self.sources if s.path}
        new = [Source(path=str(f)) for f in files if os.path.realpath(f) not in known]
        if not new:
            self._problems = []  # already on show, and no comparison will follow
            return
        self.sources.extend(new)
        if self.base_source is None:
            self.base_source = self.sources[0]
        folder = str(Path(new[-1].path).parent)
        self.settings.set_last_folder(folder)
        self.recompute()

    def open_paths(self, paths_: list[str | Path]) -> None:
        """Start over with these files."""
        self.sources, self.base_source, self._shown_sources = [], None, []
        self.add_paths(paths_)
        if not self.sources:
            self._show_comparison(None)

    def _expand(self, paths_) -> tuple[list[Path], list[str]]:
        files: list[Path] = []
        problems: list[str] = []
        for p in paths_:
            p = Path(p)
            if p.is_dir():
                found = paths.story_files_in(p)
                if not found:
                    problems.append(f"<b>{escape(p.name)}</b>: this folder holds no .txt, .md or .html files")
                files.extend(found)
            elif p.suffix == SESSION_SUFFIX and p.is_file():
                self.open_session(str(p))
                return [], []
            else:
                files.append(p)
        return files, problems

    def open_sample(self) -> None:
        files = paths.sample_story_files()
        if not files:
            self.show_message("The sample story is missing from this installation.", "error")
            return
        self.open_paths(files)

    def paste_text(self, text: str, name: str | None = None) -> None:
        """Add pasted text as a version."""
        if not text.strip():
            self.show_message("The clipboard holds no text to add as a version.", "warning")
            return
        if len(self.sources) >= MAX_VERSIONS:
            self.show_message(f"Only {MAX_VERSIONS} versions fit side by side.", "warning")
            return
        self._paste_count += 1
        source = Source(text=text, name=name or f"Pasted text {self._paste_count}")
        self.sources.append(source)
        if self.base_source is None:
            self.base_source = source
        self.recompute()

    def paste_clipboard(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def recompute(self) -> None:
        """Submit the one job that brings the view up to the requested state."""
        if not self.sources:
            self.worker.cancel()
            self._show_comparison(None)
            return
        params = self.params()
        job = functools.partial(load_and_compare, list(self.sources), self.base_source, params, dict(self.cache),
                                limit=MAX_VERSIONS)
        self.worker.submit(lambda progress, cancelled: job(progress, cancelled))
        self.statusBar().showMessage("Comparing…")

    def params(self) -> Params:
        return Settings.params_for(self.options)

    def cancel_job(self) -> None:
        if not self.worker.busy:
            if self.find_bar.isVisible():
                self.close_find()
            return
        self.worker.cancel()
        self._hide_progress()
        # Back to what is on screen.
        self.sources = list(self._shown_sources)
        self.base_source = self._shown_base
        self.statusBar().showMessage("Comparison cancelled; showing the previous result.", 5000)
        self._update_actions()

    def _show_progress(self) -> None:
        if self.worker.busy:
            self.progress.show()
            self.cancel_button.show()

    def _hide_progress(self) -> None:
        self._progress_timer.stop()
        self.progress.hide()
        self.progress.setValue(0)
        self.cancel_button.hide()

    def _on_progress(self, job_id: int, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        if message:
            self.statusBar().showMessage(message)

    def _on_job_failed(self, job_id: int, message: str) -> None:
        self._hide_progress()
        first = message.split("\n", 1)[0]
        self.show_message(f"The comparison failed: {escape(first)}", "error")
        self.message_bar.label.setToolTip(message)
        self.sources = list(self._shown_sources)
        self.base_source = self._shown_base
        self.statusBar().clearMessage()

    def _on_job_done(self, job_id: int, outcome: Outcome) -> None:
        self._hide_progress()
        self.statusBar().clearMessage()
        self.cache.update(outcome.loaded)
        # Sources that failed to load drop out; the rest keep their order.
        self.sources = list(outcome.sources)
        if self.base_source not in self.sources:
            self.base_source = self.sources[0] if self.sources else None
        messages = []
        if self._problems:
            messages.append((self._list_html("Some files were not added:", self._problems), "warning"))
            self._problems = []
        if outcome.errors:
            items = [escape(text) for _, text in outcome.errors]
            head = ("This file could not be opened:" if len(items) == 1
                    else f"These {len(items)} files could not be opened:")
            tail = " The other versions are loaded." if outcome.versions else ""
            messages.append((self._list_html(head, items) + tail, "error"))
        if outcome.left_out:
            names = [escape(s.label) for s in outcome.left_out]
            messages.append((self._list_html(f"Only {MAX_VERSIONS} versions fit side by side; "
                                             f"{len(names)} more were not added:", names), "warning"))
        if outcome.changed:
            names = [escape(s.label) for s in outcome.changed]
            messages.append((self._list_html("Changed since the session was saved (shown as they are now):", names),
                             "warning"))
            for s in outcome.changed:
                s.expected_sha256 = None
        # How newly read files were decoded, when that was a guess or bytes were replaced.
        for source, version in outcome.loaded.items():
            messages += [(f"<b>{escape(source.label)}</b>: {escape(note)}", "warning") for note in version.notes]
        if outcome.comparison is not None:
            messages += [(escape(note), "warning") for note in outcome.comparison.notes]
        if messages:
            level = "error" if any(m[1] == "error" for m in messages) else "warning"
            self.show_message("<br>".join(m[0] for m in messages), level)
        self._shown_sources = list(self.sources)
        self._shown_base = self.base_source
        if outcome.comparison is not None:
            files = [s.path for s in self.sources if s.path]
            if len(files) >= 2 and len(files) == len(self.sources):
                self.settings.add_recent({"files": files})
        self._show_comparison(outcome.comparison, outcome)

    # ============================================================================= showing
    def _show_comparison(self, comparison: Comparison | None, outcome: Outcome | None = None) -> None:
        previous_row = self.view.current_row()
        previous_column = self.view.current_column()
        self.comparison = comparison
        # Page, legend and strip are shown first, so the rows are laid out once, at the real width.
        self.stack.setCurrentWidget(self.page if comparison is not None else self.empty)
        self.view.set_comparison(comparison, relayout=False)
        self._update_actions()
        self.overview.reset()  # its width depends on the number of versions
        for widget in (self.centralWidget(), self.page, self.view.parentWidget()):
            widget.layout().activate()
        self.view.relayout()
        if comparison is None:
            self.stack.setCurrentWidget(self.empty)
            n = len(self.sources)
            if n == 1:
                self.empty.set_status(f"1 version loaded: <b>{escape(self.sources[0].label)}</b>. "
                                      "Add at least one more to compare.")
            else:
                self.empty.set_status("")
            self.legend.set_counts({}, 0)
            self.overview.reset()
            self.detail.show_row(None, -1)
            self._refresh_base_combo()
            self.setWindowTitle(APP_NAME)
            self.status_label.setText(f"{n} version loaded" if n == 1 else "")
            self._update_actions()
            self.comparisonShown.emit(None)
            return
        self.stack.setCurrentWidget(self.page)
        grid = self.view.grid_model.grid
        self.legend.set_counts(grid.counts(), grid.moved_count())
        self._apply_filters()
        self.overview.reset()
        self._refresh_base_combo()
        base_name = comparison.versions[comparison.base].name
        self.setWindowTitle(f"{base_name} + {len(comparison.versions) - 1} — {APP_NAME}")
        changed = sum(1 for r in range(grid.row_count) if grid.is_change(r))
        self.status_label.setText(f"{len(comparison.versions)} versions · {grid.row_count} rows · "
                                  f"{changed} with changes")
        row = self._pending_select if self._pending_select is not None else previous_row
        self._pending_select = None
        if 0 <= row < grid.row_count:
            self.view.go_to_row(row, min(previous_column, grid.column_count - 1))
        else:
            self.detail.show_row(grid, -1)
        self._update_actions()
        self.comparisonShown.emit(comparison)

    def _refresh_base_combo(self) -> None:
        self.base_combo.blockSignals(True)
        self.base_combo.clear()
        if self.comparison is not None:
            for v in self.comparison.versions:
                self.base_combo.addItem(v.name)
            self.base_combo.setCurrentIndex(self.comparison.base)
        self.base_combo.blockSignals(False)
        self.base_combo.setEnabled(self.comparison is not None)

    def _update_actions(self) -> None:
        has = self.comparison is not None
        for act in (self.act_save_session, self.act_export_json, self.act_export_html, self.act_export_pdf,
                    self.act_print, self.act_copy, self.act_copy_row, self.act_find, self.act_find_next,
                    self.act_find_prev, self.act_next, self.act_prev, self.act_next_omission,
                    self.act_prev_omission, self.act_counterpart, self.act_make_base, self.act_move_left,
                    self.act_move_right, self.act_remove, self.act_filter_all, *self.filter_actions.values()):
            act.setEnabled(has)
        self.act_close.setEnabled(bool(self.sources))
        self.legend.setVisible(has and self.show_legend)
        self.overview.setVisible(has and self.show_overview)
        self.detail.setVisible(self.show_detail)

    def _row_selected(self, row: int) -> None:
        self.detail.show_row(self.view.grid_model.grid, row)
        self.overview.update()

    def _cell_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions([self.act_copy, self.act_copy_row])
        menu.addSeparator()
        cell = self.view.grid_model.cell(index.row(), index.column())
        if cell.counterpart_row not in (None, index.row()):
            menu.addAction(self.act_counterpart)
        menu.addAction(self.act_make_base)
        self.act_make_base.setEnabled(index.column() != self.comparison.base)
        menu.addAction(self.act_remove)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        self.act_make_base.setEnabled(True)

    def go_to_row(self, row: int) -> None:
        if row in self.hidden:
            self.set_kind_filter(frozenset())
        self.view.go_to_row(row)
        self.view.setFocus()

    # ============================================================================= filters
    def set_kind_filter(self, kinds: frozenset) -> None:
        """Show only rows holding one of ``kinds`` (all rows when empty)."""
        kinds = frozenset(kinds)
        if kinds != self.kind_filter:
            self.kind_filter = kinds
        if self.legend.kinds() != kinds:
            self.legend.set_kinds(kinds)  # emits filterRequested again: harmless, same kinds
        for kind, act in self.filter_actions.items():
            act.blockSignals(True)
            act.setChecked(kind in kinds)
            act.blockSignals(False)
        self._apply_filters()

    def _filter_action_toggled(self, kind: Kind, checked: bool) -> None:
        kinds = set(self.kind_filter)
        (kinds.add if checked else kinds.discard)(kind)
        self.set_kind_filter(frozenset(kinds))

    def _apply_filters(self) -> None:
        grid = self.view.grid_model.grid
        if grid is None:
            self.hidden = frozenset()
            return
        self.hidden = rows.hidden_rows(grid, self.kind_filter, self.show_furniture)
        for row in range(grid.row_count):
            hidden = row in self.hidden
            if self.view.isRowHidden(row) != hidden:
                self.view.setRowHidden(row, hidden)
        if self.kind_filter or not self.show_furniture:
            self.statusBar().showMessage(f"Showing {grid.row_count - len(self.hidden)} of {grid.row_count} rows", 4000)
        self.overview.update()
        current = self.view.current_row()
        if current in self.hidden:
            nxt = rows.next_row(grid, current, 1, self.hidden)
            if nxt is None:
                nxt = rows.next_row(grid, current, -1, self.hidden)
            if nxt is not None:
                self.view.go_to_row(nxt)

    def visible_rows(self) -> list[int]:
        grid = self.view.grid_model.grid
        return [] if grid is None else [r for r in range(grid.row_count) if not self.view.isRowHidden(r)]

    # ============================================================================= navigation
    def _step(self, accept, step: int, what: str) -> bool:
        grid = self.view.grid_model.grid
        if grid is None:
            return False
        start = self.view.current_row()
        if start < 0:
            start = -1 if step > 0 else grid.row_count
        row = rows.next_row(grid, start, step, self.hidden, accept)
        if row is None:
            self.statusBar().showMessage(f"No more {what} {'below' if step > 0 else 'above'}.", 3000)
            QApplication.beep()
            return False
        self.view.go_to_row(row)
        return True

    def next_change(self) -> bool:
        return self._step(self._is_stop, 1, "changes")

    def previous_change(self) -> bool:
        return self._step(self._is_stop, -1, "changes")

    def next_omission(self) -> bool:
        return self._step(rows.has_omission, 1, "omissions")

    def previous_omission(self) -> bool:
        return self._step(rows.has_omission, -1, "omissions")

    def _is_stop(self, grid, row: int) -> bool:
        return rows.is_stop(grid, row, self.kind_filter)

    def jump_to_counterpart(self, row: int | None = None, column: int | None = None) -> bool:
        """From a moved sentence (or its gap) to the row of its other position."""
        grid = self.view.grid_model.grid
        if grid is None:
            return False
        row = self.view.current_row() if row is None else row
        if row < 0:
            return False
        columns = [column] if column is not None else [self.view.current_column()] + list(range(grid.column_count))
        for c in columns:
            cell = self.view.grid_model.cell(row, c)
            if cell.counterpart_row is not None and cell.counterpart_row != row:
                self.go_to_row(cell.counterpart_row)
                return True
        self.statusBar().showMessage("This row has no moved sentence.", 3000)
        return False

    # ============================================================================= find
    def open_find(self) -> None:
        if self.comparison is None:
            return
        self.find_bar.open()

    def close_find(self) -> None:
        self.find_bar.hide()
        self.view.set_find_term("")
        self.view.setFocus()

    def _find_term_changed(self, text: str) -> None:
        self.view.set_find_term(text)
        self._count_matches(text)

    def _count_matches(self, text: str) -> list[int]:
        grid = self.view.grid_model.grid
        if grid is None or not text:
            self.find_bar.set_status("")
            return []
        found = rows.rows_containing(grid, text)
        if not found:
            self.find_bar.set_status("Not found", failed=True)
        else:
            self.find_bar.set_status(f"{len(found)} row{'s' if len(found) != 1 else ''}")
        return found

    def find(self, text: str, forward: bool = True) -> bool:
        """Select the next (or previous) row containing ``text``, wrapping around."""
        grid = self.view.grid_model.grid
        if grid is None or not text:
            return False
        if not self.find_bar.isVisible() or self.find_bar.text() != text:
            self.find_bar.field.blockSignals(True)
            self.find_bar.field.setText(text)
            self.find_bar.field.blockSignals(False)
            self.find_bar.show()
        self.view.set_find_term(text)
        found = [r for r in self._count_matches(text) if r not in self.hidden]
        target = rows.next_match(found, self.view.current_row(), forward)
        if target is None:
            return False
        self.view.go_to_row(target)
        self.find_bar.set_status(f"{found.index(target) + 1} of {len(found)} rows")
        return True

    # ============================================================================= versions
    def _source_at(self, column: int) -> Source | None:
        return self._shown_sources[column] if 0 <= column < len(self._shown_sources) else None

    def set_base(self, column: int) -> None:
        """Compare every other version with version ``column``."""
        source = self._source_at(column)
        if source is None or source is self.base_source:
            return
        self.base_source = source
        self.recompute()

    def move_version(self, column: int, position: int) -> None:
        """Move version ``column`` to ``position`` (0-based) among the columns."""
        source = self._source_at(column)
        if source is None:
            return
        order = [s for s in self.sources if s is not source]
        position = max(0, min(position, len(order)))
        order.insert(position, source)
        if order == self.sources:
            return
        self.sources = order
        self._pending_select = self.view.current_row()
        self.recompute()

    def _move_current(self, delta: int) -> None:
        column = self.view.current_column()
        self.move_version(column, column + delta)

    def set_encoding(self, column: int, encoding: str) -> None:
        """Read one file again with ``encoding`` ("": detect it), and recompare."""
        old = self._source_at(column)
        if old is None or old.path is None or (old.encoding or "") == encoding:
            return
        # A new Source: the old one may still be read by a running job, and keys the cache.
        new = Source(path=old.path, name=old.name, encoding=encoding or None)
        self.sources = [new if s is old else s for s in self.sources]
        if self.base_source is old:
            self.base_source = new
        self.recompute()

    def remove_version(self, column: int) -> None:
        source = self._source_at(column)
        if source is None:
            return
        self.sources = [s for s in self.sources if s is not source]
        if self.base_source is source:
            self.base_source = self.sources[0] if self.sources else None
        self.recompute()

    def close_comparison(self) -> None:
        self.worker.cancel()
        self._hide_progress()
        self.sources, self.base_source, self._shown_sources, self._shown_base = [], None, [], None
        self.message_bar.dismiss()
        self.close_find()
        self.set_kind_filter(frozenset())
        self._show_comparison(None)

    # ============================================================================= options
    def set_option(self, key: str, value: bool) -> None:
        """Change what counts as identical, and recompare."""
        if self.options.get(key) == bool(value):
            return
        self.options[key] = bool(value)
        self.settings.set_options(self.options)
        act = self.option_actions.get(key)
        if act is not None and act.isChecked() != bool(value):
            act.blockSignals(True)
            act.setChecked(bool(value))
            act.blockSignals(False)
        if self.sources:
            self.recompute()

    def zoom(self, steps: int | None) -> None:
        self._zoom = 0 if steps is None else max(-6, min(14, self._zoom + steps))
        self.settings.set_zoom(self._zoom)
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        font = QFont(QApplication.font())
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(max(6.0, size + self._zoom))
        self.view.set_zoom_font(font)
        self.detail.setFont(font)
        self.overview.update()

    def set_legend_visible(self, on: bool) -> None:
        self.show_legend = on
        self.settings.set_flag("legend", on)
        self._update_actions()

    def set_overview_visible(self, on: bool) -> None:
        self.show_overview = on
        self.settings.set_flag("overview", on)
        self._update_actions()

    def set_detail_visible(self, on: bool) -> None:
        self.show_detail = on
        self.settings.set_flag("detail", on)
        self._update_actions()

    def set_furniture_visible(self, on: bool) -> None:
        self.show_furniture = on
        self.settings.set_flag("furniture", on)
        if self.act_furniture.isChecked() != on:
            self.act_furniture.setChecked(on)
        self._apply_filters()

    # ============================================================================= clipboard
    def copy_cell(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        cell = self.view.grid_model.cell(index.row(), index.column())
        text = cell.text
        if cell.role is Role.OMITTED:
            base = self.view.grid_model.cell(index.row(), self.comparison.base)
            text = f"[omitted] {base.text}"
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage("Copied the sentence.", 2000)

    def copy_row(self) -> None:
        row = self.view.current_row()
        grid = self.view.grid_model.grid
        if grid is None or row < 0:
            return
        lines = []
        for c in range(grid.column_count):
            cell = grid.cell(row, c)
            label = "base" if c == grid.base else (cell.kind.value if cell.kind else "")
            text = cell.text or ("(omitted)" if cell.role is Role.OMITTED else "")
            lines.append(f"{grid.versions[c].name} [{label}]: {text}")
        QGuiApplication.clipboard().setText("\n".join(lines))
        self.statusBar().showMessage("Copied the row.", 2000)

    # ============================================================================= files & dialogs
    def _start_folder(self) -> str:
        return self.settings.last_folder() or str(Path.home())

    def ask_open(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Open Versions of a Story", self._start_folder(),
                                                FILE_FILTER + f";;storydiff sessions (*{SESSION_SUFFIX})")
        if files:
            sessions = [f for f in files if f.endswith(SESSION_SUFFIX)]
            if sessions:
                self.open_session(sessions[0])
            else:
                self.open_paths(files)

    def ask_add(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add Versions", self._start_folder(), FILE_FILTER)
        if files:
            self.add_paths(files)

    def ask_add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a Folder of Versions", self._start_folder())
        if folder:
            self.add_paths([folder])

    def _ask_save(self, title: str, suffix: str, filter_: str) -> str | None:
        """A path from a save dialog; a pick that is one of the versions reopens it at a free name."""
        stem = "storydiff"
        if self.comparison is not None:
            stem = Path(self.comparison.versions[self.comparison.base].name).stem or stem
        start = str(Path(self._start_folder()) / f"{stem}{suffix}")
        while True:
            path, _ = QFileDialog.getSaveFileName(self, title, start, filter_)
            if not path:
                return None
            if not Path(path).suffix:
                path += suffix
            if not output.is_input(path, self._input_paths()):
                return path
            start = str(output.free_name(path, self._input_paths()))
            self.show_message(f"<b>{escape(output.one_line(Path(path).name))}</b> is one of the versions being "
                              f"compared, and storydiff never writes to its inputs. Pick another name.", "warning")

    def _input_paths(self) -> list[str]:
        """Every file being compared or shown: no export or session may be written over one."""
        return [s.path for s in [*self.sources, *self._shown_sources] if s.path]

    def ask_save_session(self) -> None:
        path = self._ask_save("Save Session", SESSION_SUFFIX, f"storydiff sessions (*{SESSION_SUFFIX})")
        if path:
            self.save_session(path)

    def ask_open_session(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Session", self._start_folder(),
                                              f"storydiff sessions (*{SESSION_SUFFIX});;All files (*)")
        if path:
            self.open_session(path)

    def ask_export_json(self) -> None:
        path = self._ask_save("Export JSON", ".json", "JSON (*.json)")
        if path:
            self.export_json(path)

    def ask_export_html(self) -> None:
        path = self._ask_save("Export HTML Report", ".html", "HTML (*.html *.htm)")
        if path:
            self.export_html(path)

    def ask_export_pdf(self) -> None:
        path = self._ask_save("Export PDF", ".pdf", "PDF (*.pdf)")
        if path:
            self.export_pdf(path)

    def ask_print(self) -> None:
        if self.comparison is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from viewer.gui import printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printing.configure(printer, len(self.comparison.versions))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print Comparison")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            printing.print_comparison(self.comparison, printer, self.options)

    def _write(self, what: str, path: str, write) -> bool:
        """Fill ``path`` through ``write(temporary_path)``, unless it is one of the versions."""
        try:
            output.write_with(path, write, self._input_paths())
        except output.OutputRefused as refusal:
            self.show_message(escape(str(refusal)), "error")
            return False
        except OSError as exc:
            self.show_message(f"Could not write {escape(output.one_line(Path(path).name))}: "
                              f"{escape(exc.strerror or str(exc))}", "error")
            return False
        self.statusBar().showMessage(f"{what} saved to {output.one_line(path)}", 5000)
        return True

    def export_json(self, path: str) -> bool:
        if self.comparison is None:
            return False
        from viewer.report.json_report import to_json

        text = to_json(self.comparison)
        return self._write("JSON", path, lambda p: Path(p).write_text(text, encoding="utf-8"))

    def export_html(self, path: str) -> bool:
        if self.comparison is None:
            return False
        from viewer.report.html_report import comparison_to_html

        text = comparison_to_html(self.comparison, options=self.options)
        return self._write("HTML report", path, lambda p: Path(p).write_text(text, encoding="utf-8"))

    def export_pdf(self, path: str) -> bool:
        if self.comparison is None:
            return False
        from viewer.gui import printing

        return self._write("PDF", path, lambda p: printing.save_pdf(self.comparison, p, self.options))

    def save_session(self, path: str) -> bool:
        if self.comparison is None:
            return False
        fingerprints = [version_sha256(v) for v in self.comparison.versions]
        text = session_text(path, self._shown_sources, fingerprints, self.comparison.base, self.options)
        ok = self._write("Session", path, lambda p: Path(p).write_text(text, encoding="utf-8"))
        if ok:
            self.settings.add_recent({"session": str(Path(path).resolve())})
        return ok

    def open_session(self, path: str) -> bool:
        try:
            session = load_session(path)
        except SessionError as exc:
            self.show_message(escape(str(exc)), "error")
            return False
        self.message_bar.dismiss()
        for key, value in session.options.items():
            if key in OPTION_KEYS:
                self.options[key] = bool(value)
                act = self.option_actions[key]
                act.blockSignals(True)
                act.setChecked(bool(value))
                act.blockSignals(False)
        self.settings.set_options(self.options)
        self.sources = list(session.sources)
        self.base_source = self.sources[session.base]
        self._shown_sources = []
        self.settings.add_recent({"session": str(Path(path).resolve())})
        self.recompute()
        return True

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        entries = self.settings.recent()
        for entry in entries:
            if "session" in entry:
                label = f"{Path(entry['session']).name} (session)"
                act = menu.addAction(label)
                act.triggered.connect(functools.partial(self.open_session, entry["session"]))
                act.setToolTip(entry["session"])
            else:
                names = [Path(f).name for f in entry["files"]]
                label = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
                act = menu.addAction(label)
                act.triggered.connect(functools.partial(self.open_paths, list(entry["files"])))
                act.setToolTip("\n".join(entry["files"]))
        if not entries:
            menu.addAction("No recent comparisons").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear Recent", self.settings.clear_recent)

    # ============================================================================= messages
    def show_message(self, html: str, level: str = "error") -> None:
        """A non-modal message above the view (errors name each file and why)."""
        self.message_bar.show_message(html, level)
        self.messageShown.emit(level, html)

    @staticmethod
    def _list_html(head: str, items: list[str]) -> str:
        return f"<b>{head}</b><ul style='margin:0'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"

    def show_about(self) -> None:
        from viewer.gui.about import about_text

        box = QMessageBox(self)
        box.setWindowTitle("About storydiff")
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(about_text())
        box.exec()

    # ============================================================================= drag and drop
    @staticmethod
    def _local_paths(event) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        files = self._local_paths(event)
        if files:
            event.acceptProposedAction()
            n = len(files)
            self.overlay.text = f"Drop to add {n} version{'s' if n != 1 else ''}"
            self.overlay.setGeometry(self.centralWidget().rect())
            self.overlay.raise_()
            self.overlay.show()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._local_paths(event):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self.overlay.hide()

    def dropEvent(self, event: QDropEvent) -> None:
        self.overlay.hide()
        files = self._local_paths(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_paths(files)

    # ============================================================================= window
    def _restore_window(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                self.resize(min(1400, int(area.width() * 0.85)), min(900, int(area.height() * 0.85)))
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_warmed", False):
            self._warmed = True
            QTimer.singleShot(0, self.view.delegate.warm_up)
            # Read the semantic model while the user picks files: the first comparison need not
            # wait for it. (A whole warm-up comparison was tried: it competes with a comparison
            # asked for at once and made the load-to-view benchmark slower.)
            threading.Thread(target=default_model, name="storydiff-model", daemon=True).start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.worker.shutdown()
        self.settings.set_geometry(self.saveGeometry(), self.saveState())
        self.settings.sync()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.detail.refresh()
            self.overview.update()
