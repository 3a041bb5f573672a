"""The Facts pane: every changed fact across the versions, filtered by type and version.

Clicking an entry asks to go to its row; "Not a Change" (Delete, or the context menu) asks to
dismiss it. Which entries a filter shows is :func:`viewer.report.facts_list.shown_facts`; the
dismissed keys belong to the document, and the window passes them in.
"""
from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QMenu, QTableView, QToolButton, QVBoxLayout, QWidget)

from viewer.engine.model import Comparison
from viewer.gui import palette
from viewer.report.facts_list import FactEntry, changed_facts, shown_facts, types_present

ALL = None  # the combo item data meaning "no filter"


class FactsModel(QAbstractTableModel):
    """The entries on show, one per row: type, base wording, version wording, version name."""

    HEADERS = ("Type", "Base", "Version wording", "Version")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[FactEntry] = []
        self.names: list[str] = []
        self.dismissed: frozenset[str] = frozenset()

    def set_entries(self, entries: list[FactEntry], names: list[str], dismissed: frozenset[str]) -> None:
        self.beginResetModel()
        self.entries, self.names, self.dismissed = entries, names, dismissed
        self.endResetModel()

    def entry(self, row: int) -> FactEntry:
        return self.entries[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        gone = e.key in self.dismissed
        if role == Qt.ItemDataRole.DisplayRole:
            return (e.type, e.base or "—", e.wording or "—", self.names[e.version])[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Row {e.row + 1}" + (" · dismissed: not a change" if gone else "")
        if role == Qt.ItemDataRole.ForegroundRole and gone:
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and gone:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None


class FactsTable(QTableView):
    """The entries' table; rows fit their text when next painted: at the pane's real width, never while hidden."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows_stale = False

    def refit_rows(self) -> None:
        # Fitting lays out every entry's text: tens of ms for a long story, wasted while the pane is hidden.
        self.rows_stale = True
        self.viewport().update()

    def paintEvent(self, event) -> None:
        if self.rows_stale:
            self.rows_stale = False
            self.resizeRowsToContents()
        super().paintEvent(event)


class FactsPanel(QWidget):
    """The list of changed facts with its filters and its "Show dismissed" switch."""

    rowRequested = Signal(int, int)        # grid row, version column of a clicked entry
    dismissRequested = Signal(list, bool)  # entry keys; True: not a change, False: a change again
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.entries: list[FactEntry] = []
        self.names: list[str] = []
        self.dismissed: frozenset[str] = frozenset()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        head = QHBoxLayout()
        self.title = QLabel(self)
        head.addWidget(self.title, 1)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide the Facts pane")
        self.close_button.clicked.connect(self.closeRequested)
        head.addWidget(self.close_button)
        layout.addLayout(head)
        filters = QHBoxLayout()
        self.type_combo = QComboBox(self)
        self.type_combo.setAccessibleName("Fact type")
        self.version_combo = QComboBox(self)
        self.version_combo.setAccessibleName("Version")
        self.show_dismissed = QCheckBox("Show dismissed", self)
        self.show_dismissed.setToolTip("Show the facts marked 'not a change', struck through")
        for combo in (self.type_combo, self.version_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.refilter)
            filters.addWidget(combo)
        self.show_dismissed.toggled.connect(self.refilter)
        filters.addWidget(self.show_dismissed)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.model = FactsModel(self)
        self.table = FactsTable(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Changed facts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.table.clicked.connect(self._go)
        self.table.activated.connect(self._go)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        layout.addWidget(self.table, 1)
        self.act_dismiss = QAction("Not a Change", self.table)
        self.act_dismiss.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.act_dismiss.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.act_dismiss.setStatusTip("Dismiss the selected facts: hidden here and left out of exports")
        self.act_dismiss.triggered.connect(lambda: self._ask(True))
        self.table.addAction(self.act_dismiss)
        self.act_restore = QAction("A Change After All", self.table)
        self.act_restore.triggered.connect(lambda: self._ask(False))
        self._fill_combos()

    # ----------------------------------------------------------------------------- contents
    def set_comparison(self, comparison: Comparison | None, dismissed: Collection[str] = ()) -> None:
        """List the changed facts of ``comparison``, keeping the filters where they still apply."""
        self.entries = changed_facts(comparison) if comparison is not None else []
        self.names = [v.name for v in comparison.versions] if comparison is not None else []
        self.dismissed = frozenset(dismissed)
        self._fill_combos()

    def set_dismissed(self, dismissed: Collection[str]) -> None:
        self.dismissed = frozenset(dismissed)
        self.refilter()

    def count(self) -> int:
        """The facts not dismissed: what the legend's chip says."""
        return sum(1 for e in self.entries if e.key not in self.dismissed)

    def _fill_combos(self) -> None:
        types = [(t, t) for t in types_present(self.entries)]
        columns = sorted({e.version for e in self.entries})
        versions = [(self.names[c], c) for c in columns]
        for combo, everything, items in ((self.type_combo, "All types", types),
                                         (self.version_combo, "All versions", versions)):
            kept = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, ALL)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findText(kept)))
            combo.blockSignals(False)
        self.refilter()

    def set_type_filter(self, fact_type: str | None) -> None:
        """Show only facts of ``fact_type`` (all with None)."""
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(fact_type)))

    def set_version_filter(self, column: int | None) -> None:
        """Show only facts of the version in ``column`` (all with None)."""
        self.version_combo.setCurrentIndex(max(0, self.version_combo.findData(column)))

    def refilter(self, *_) -> None:
        fact_type, column = self.type_combo.currentData(), self.version_combo.currentData()
        shown = shown_facts(self.entries, [fact_type] if fact_type is not ALL else (),
                            [column] if column is not ALL else (), self.dismissed, self.show_dismissed.isChecked())
        self.model.set_entries(shown, self.names, self.dismissed)
        count, total = self.count(), len(self.entries)
        gone = total - count
        self.title.setText(f"<b>{palette.FACT_GLYPH} Changed facts</b> {count}"
                           + (f" <span style='color:gray'>({gone} dismissed)</span>" if gone else ""))
        self.table.refit_rows()

    # ----------------------------------------------------------------------------- requests
    def selected(self) -> list[FactEntry]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.entry(r) for r in rows]

    def _go(self, index: QModelIndex) -> None:
        e = self.model.entry(index.row())
        self.rowRequested.emit(e.row, e.version)
        self.table.setFocus()  # Delete dismisses what was just looked at

    def _ask(self, dismiss: bool) -> None:
        keys = [e.key for e in self.selected() if (e.key in self.dismissed) != dismiss]
        if keys:
            self.dismissRequested.emit(keys, dismiss)

    def _menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.act_dismiss)
        if any(e.key in self.dismissed for e in self.selected()):
            menu.addAction(self.act_restore)
        menu.exec(self.table.viewport().mapToGlobal(pos))
