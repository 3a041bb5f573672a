"""The main window (Meld's meldwindow): its widgets and every signal connection of the viewer.

What is compared lives in the document (:mod:`document`), the actions in one table
(:mod:`actions`), menus in :mod:`menus`, file commands in :mod:`file_actions`, the saved look in
:mod:`window_state`, and the rows on show in the page (:mod:`page`). The window shows each
outcome the document announces.

The window is built in two steps, so that it shows before the engine is imported: the shell
(the empty drop screen, message and status bars) with Qt and light modules only, then, after
its first paint, everything that needs the engine (:meth:`MainWindow.finish_building`).
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from viewer import paths
from viewer.gui import palette
from viewer.gui.bars import JobProgress, MessageBar, edge_to_edge
from viewer.gui.drop import DropTarget
from viewer.gui.empty_state import EmptyState
from viewer.gui.settings import Settings
from viewer.gui.window_state import WindowState

if TYPE_CHECKING:
    from viewer.engine.model import Comparison
    from viewer.gui.jobs import Outcome
    from viewer.report.grid import Grid

APP_NAME = "storydiff"


def app_icon() -> QIcon:
    icon = QIcon(str(paths.resource_path(*paths.APP_ICON)))
    return icon if not icon.isNull() else QIcon.fromTheme("accessories-text-editor")


class MainWindow(QMainWindow):
    """storydiff's window. Public methods are what menus, drops and tests call."""

    comparisonShown = Signal(object)     # the Comparison now on screen
    messageShown = Signal(str, str)      # level, text of a message bar message
    shellPainted = Signal()              # the first paint of the empty window
    built = Signal()                     # finish_building is done: every widget and action is there

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None, deferred: bool = False):
        """The window; with ``deferred``, only its shell until :meth:`finish_building` is called."""
        super().__init__(parent)
        self.settings = Settings(settings)
        self.state = WindowState(self.settings, self)
        palette.apply_theme(self.state.theme)
        self.comparison: Comparison | None = None  # the one on screen
        self._pending_select: int | None = None  # the row to select in the next comparison shown
        self.ready = False  # finish_building has run
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(640, 420)
        self._build_shell()
        self.state.restore(self)
        if not deferred:
            self.finish_building()

    def finish_building(self) -> None:
        """Import the engine and build the rest: document, page, actions, menus, toolbar, wiring."""
        if self.ready:
            return
        from viewer.gui import actions, menus
        from viewer.gui.document import ComparisonDocument
        from viewer.gui.file_actions import FileActions

        self.document = ComparisonDocument(self.settings.options(), parent=self)
        self.files = FileActions(self, self.document, self.settings)
        self._build_widgets()
        actions.create_actions(self)
        self.recent_menu = menus.build_menus(self)
        self.toolbar, self.base_combo = menus.build_toolbar(self)
        self._connect()
        self.page.set_furniture_shown(self.state.show_furniture)
        self.page.set_font(self.state.font())
        self.state.restore_toolbars(self)
        self.ready = True
        self.update_actions()
        if self.isVisible():
            self._warm_up()
        self.built.emit()

    def _build_shell(self) -> None:
        central = QWidget(self)
        layout = edge_to_edge(QVBoxLayout(central))
        self.message_bar = MessageBar(central)
        layout.addWidget(self.message_bar)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.stack, 1)
        self.empty = EmptyState(app_icon(), self.stack)
        self.empty.installEventFilter(self)
        self.stack.addWidget(self.empty)
        self.setCentralWidget(central)
        self.drop = DropTarget(self)
        self.status_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_label)
        self.progress = JobProgress(self)
        self.statusBar().addPermanentWidget(self.progress)

    def _build_widgets(self) -> None:
        from viewer.gui import lineage_panel
        from viewer.gui.page import ComparisonPage

        self.page = ComparisonPage(self.stack)
        self.stack.addWidget(self.page)
        # The page's widgets, by the names the rest of the window and its tests use.
        self.view, self.legend, self.overview = self.page.view, self.page.legend, self.page.overview
        self.detail, self.find_bar, self.facts = self.page.detail, self.page.find_bar, self.page.facts
        self.lineage = lineage_panel.attach(self)

    def _connect(self) -> None:
        """Every signal of every widget, wired here."""
        from viewer.gui import actions, menus

        doc, page, view = self.document, self.page, self.view
        doc.started.connect(self._on_started)
        doc.progress.connect(self._on_progress)
        doc.outcomeReady.connect(self._on_outcome)
        doc.failed.connect(self._on_failed)
        doc.cleared.connect(self._on_cleared)
        doc.optionsChanged.connect(self._on_options_changed)
        doc.dismissedChanged.connect(self._on_dismissed)
        self.state.panelsChanged.connect(self.update_actions)
        self.state.furnitureChanged.connect(self._on_furniture_changed)
        self.state.fontChanged.connect(page.set_font)
        self.state.themeChanged.connect(palette.apply_theme)
        self.empty.openRequested.connect(self.files.ask_open)
        self.empty.sampleRequested.connect(self.files.open_sample)
        self.empty.pasteRequested.connect(self.files.paste_clipboard)
        self.recent_menu.sessionRequested.connect(self.files.open_session)
        self.recent_menu.filesRequested.connect(self.files.open_paths)
        self.drop.filesDropped.connect(self.files.add_paths)
        self.progress.cancelRequested.connect(self.cancel_job)
        page.statusMessage.connect(lambda text, msecs: self.statusBar().showMessage(text, msecs))
        page.filterChanged.connect(lambda kinds: actions.set_checked(self.filter_actions, kinds))
        self.legend.filterRequested.connect(page.set_kind_filter)
        self.legend.factsRequested.connect(self.show_facts)
        self.facts.rowRequested.connect(page.go_to_row)
        self.facts.dismissRequested.connect(doc.dismiss)
        self.facts.closeRequested.connect(lambda: self.act_facts.setChecked(False))
        self.find_bar.findRequested.connect(page.find)
        self.find_bar.termChanged.connect(page.find_term_changed)
        self.find_bar.closeRequested.connect(page.close_find)
        self.overview.rowRequested.connect(page.go_to_row)
        self.detail.rowRequested.connect(page.go_to_row)
        view.counterpartRequested.connect(lambda row, column: page.jump_to_counterpart(row, column))
        view.selectionModel().currentRowChanged.connect(lambda current, _: page.show_row_details(current.row()))
        view.focusVersionChanged.connect(lambda _: (view.header.viewport().update(), self.detail.refresh()))
        view.comparisonPainted.connect(self._on_painted)
        view.header.baseRequested.connect(doc.set_base)
        view.header.moveRequested.connect(self.move_version)
        view.header.removeRequested.connect(doc.remove)
        view.header.encodingRequested.connect(doc.set_encoding)
        view.header.renameRequested.connect(self.files.ask_rename)
        self.base_combo.activated.connect(doc.set_base)
        view.customContextMenuRequested.connect(lambda pos: menus.show_cell_menu(self, pos))

    # ============================================================================= commands
    # The first four are what the app, the GUI benchmark and the screenshot tool call.
    def add_paths(self, paths_: list[str | Path]) -> None:
        """Add files (a folder adds its story files) as versions and recompare."""
        self.files.add_paths(paths_)

    def open_paths(self, paths_: list[str | Path]) -> None:
        """Start over with these files."""
        self.files.open_paths(paths_)

    def set_kind_filter(self, kinds: frozenset) -> None:
        """Show only rows holding one of ``kinds`` (all rows when empty)."""
        self.page.set_kind_filter(kinds)

    def visible_rows(self) -> list[int]:
        return self.page.visible_rows()

    def move_version(self, column: int, position: int) -> None:
        """Move version ``column`` to ``position`` (0-based) among the columns, keeping the row selected."""
        row = self.view.current_row()
        if self.document.move(column, position):
            self._pending_select = row

    def move_current(self, delta: int) -> None:
        column = self.view.current_column()
        self.move_version(column, column + delta)

    def close_comparison(self) -> None:
        self.message_bar.dismiss()
        self.page.close_find()
        self.page.set_kind_filter(frozenset())
        self.document.close()

    def cancel_job(self) -> None:
        """Stop the running comparison and keep the one on screen; with none running, close the find bar."""
        if not self.document.cancel():
            if self.find_bar.isVisible():
                self.page.close_find()
            return
        self.progress.stop()
        self.statusBar().showMessage("Comparison cancelled; showing the previous result.", 5000)
        self.update_actions()

    def show_facts(self) -> None:
        """Open the Facts pane and put the keyboard in its list."""
        self.act_facts.setChecked(True)
        self.facts.table.setFocus()

    def show_message(self, html: str, level: str = "error") -> None:
        """A non-modal message above the view (errors name each file and why)."""
        self.message_bar.show_message(html, level)
        self.messageShown.emit(level, html)

    def show_about(self) -> None:
        from viewer.gui import about

        about.show_about(self, app_icon())

    # ============================================================================= the document's news
    def _on_started(self) -> None:
        self.progress.start()
        self.statusBar().showMessage("Comparing…")

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.set_fraction(fraction)
        if fraction >= 1.0:
            message = "Showing the result…"  # "Done" only once it is painted (_on_painted)
        if message:
            self.statusBar().showMessage(message)

    def _on_painted(self) -> None:
        self.statusBar().showMessage("Done", 3000)

    def _on_failed(self, message: str) -> None:
        self.progress.stop()
        first = message.split("\n", 1)[0]
        self.show_message(f"The comparison failed: {escape(first)}", "error")
        self.message_bar.label.setToolTip(message)
        self.statusBar().clearMessage()

    def _on_outcome(self, outcome: Outcome) -> None:
        self.progress.stop()
        self.statusBar().clearMessage()
        from viewer.gui.document import outcome_messages

        messages = outcome_messages(outcome, self.files.take_problems(), self.document.limit)
        if messages:
            level = "error" if any(m[1] == "error" for m in messages) else "warning"
            self.show_message("<br>".join(m[0] for m in messages), level)
        if outcome.comparison is not None:
            self.files.remember_files()
        self.show_comparison(outcome.comparison, outcome.grid)

    def _on_cleared(self) -> None:
        self.progress.stop()
        self.show_comparison(None)

    def _on_options_changed(self, options: dict) -> None:
        self.settings.set_options(options)
        from viewer.gui import actions

        actions.set_checked(self.option_actions, {key for key, on in options.items() if on})

    def _on_dismissed(self, keys: frozenset) -> None:
        self.facts.set_dismissed(keys)
        self.view.set_dismissed(keys)
        self.detail.refresh()
        self.legend.set_fact_count(self.facts.count())

    def _on_furniture_changed(self, on: bool) -> None:
        if self.act_furniture.isChecked() != on:
            self.act_furniture.setChecked(on)
        self.page.set_furniture_shown(on)

    # ============================================================================= showing
    def show_comparison(self, comparison: Comparison | None, grid: Grid | None = None) -> None:
        """Put ``comparison`` on screen (None: the empty state; ``grid``: its grid if built), keeping the selection."""
        previous_row, previous_column = self.view.current_row(), self.view.current_column()
        self.comparison = comparison
        # Page, legend and strip are shown first, so the rows are laid out once, at the real width.
        self.stack.setCurrentWidget(self.page if comparison is not None else self.empty)
        self.view.set_comparison(comparison, relayout=False, grid=grid)
        self.update_actions()
        self.overview.reset()  # its width depends on the number of versions
        for widget in (self.centralWidget(), self.page, self.view.parentWidget()):
            widget.layout().activate()
        self.view.relayout()
        grid = self.view.grid_model.grid
        self.legend.set_counts(grid.counts() if grid else {}, grid.moved_count() if grid else 0)
        self.facts.set_comparison(comparison, self.document.dismissed)
        self.legend.set_fact_count(self.facts.count())
        self.page.apply_filters()
        self.overview.reset()
        self.base_combo.clear()
        self.base_combo.setEnabled(comparison is not None)
        if comparison is None:
            sources = self.document.sources
            one = len(sources) == 1
            self.empty.set_status(f"1 version loaded: <b>{escape(sources[0].label)}</b>. "
                                  "Add at least one more to compare." if one else "")
            self.detail.show_row(None, -1)
            self.setWindowTitle(APP_NAME)
            self.status_label.setText("1 version loaded" if one else "")
        else:
            self.base_combo.addItems([v.name for v in comparison.versions])
            self.base_combo.setCurrentIndex(comparison.base)
            self.setWindowTitle(f"{comparison.versions[comparison.base].name} + {len(comparison.versions) - 1}"
                                f" — {APP_NAME}")
            changed = sum(1 for r in range(grid.row_count) if grid.is_change(r))
            self.status_label.setText(f"{len(comparison.versions)} versions · {grid.row_count} rows · "
                                      f"{changed} with changes")
            row = self._pending_select if self._pending_select is not None else previous_row
            self._pending_select = None
            if 0 <= row < grid.row_count:
                self.view.go_to_row(row, min(previous_column, grid.column_count - 1))
            else:
                self.detail.show_row(grid, -1)
        self.update_actions()
        self.comparisonShown.emit(comparison)

    def update_actions(self) -> None:
        from viewer.gui import actions

        has = self.comparison is not None
        actions.enable_for_comparison(self, has)
        self.act_close.setEnabled(bool(self.document.sources))
        self.legend.setVisible(has and self.state.show_legend)
        self.overview.setVisible(has and self.state.show_overview)
        self.detail.setVisible(self.state.show_detail)
        self.page.set_facts_visible(has and self.state.show_facts)

    # ============================================================================= events
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.ready:
            self._warm_up()

    def _warm_up(self) -> None:
        if not getattr(self, "_warmed", False):
            self._warmed = True
            QTimer.singleShot(0, self.view.delegate.warm_up)
            self.document.preload_model()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.empty and event.type() == QEvent.Type.Paint:
            self.empty.removeEventFilter(self)
            QTimer.singleShot(0, self.shellPainted.emit)  # after the paint, not inside it
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ready:
            self.document.worker.shutdown()
        self.state.save(self)
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.ready:
            self.detail.refresh()
            self.overview.update()
