"""The page that shows a comparison (Meld's filediff): legend, find bar, aligned view with its
overview strip, the detail pane and the Facts pane; it filters, finds, walks and copies their rows.

Which rows a filter hides, where Next Change stops and which rows a search finds are pure
functions of the grid (:mod:`viewer.report.rows`); this page applies their answers. The window
wires every signal, including those between the page's own widgets.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from viewer.engine.model import Kind
from viewer.gui.aligned_view import AlignedView
from viewer.gui.bars import FindBar, edge_to_edge
from viewer.gui.detail import DetailPane
from viewer.gui.facts_panel import FactsPanel
from viewer.gui.legend import Legend
from viewer.gui.overview import Overview
from viewer.report import rows
from viewer.report.grid import Grid


class ComparisonPage(QWidget):
    """The rows of one comparison, filtered by kind and furniture, with find and navigation."""

    statusMessage = Signal(str, int)     # text, milliseconds to show it
    filterChanged = Signal(frozenset)    # the kinds rows must hold to show (empty: all rows)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = edge_to_edge(QVBoxLayout(self))
        self.legend = Legend(self)
        layout.addWidget(self.legend)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        layout.addWidget(self.find_bar)
        # The Facts pane runs the page's full height beside the rows and the detail pane.
        self.side_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self.side_splitter)
        top = QWidget(self.splitter)
        row = edge_to_edge(QHBoxLayout(top))
        self.view = AlignedView(top)
        self.view.setAccessibleName("Aligned versions")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
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
        self.facts = FactsPanel(self.side_splitter)
        self.facts.hide()
        self.side_splitter.addWidget(self.splitter)
        self.side_splitter.addWidget(self.facts)
        self.side_splitter.setStretchFactor(0, 3)
        self.side_splitter.setStretchFactor(1, 1)
        self.side_splitter.setCollapsible(0, False)
        layout.addWidget(self.side_splitter, 1)
        self.kind_filter: frozenset[Kind] = frozenset()
        self.show_furniture = True
        self.hidden: frozenset[int] = frozenset()  # rows the filters hide

    @property
    def grid(self) -> Grid | None:
        return self.view.grid_model.grid

    def set_font(self, font: QFont) -> None:
        self.view.set_zoom_font(font)
        self.detail.setFont(font)
        self.overview.update()

    def show_row_details(self, row: int) -> None:
        self.detail.show_row(self.grid, row)
        self.overview.update()

    def set_facts_visible(self, on: bool) -> None:
        if on == self.facts.isVisible():
            return
        self.facts.setVisible(on)
        sizes = self.side_splitter.sizes()
        if on and sizes[1] == 0:  # hidden when the splitter was laid out: it had no width to give back
            total = sum(sizes)
            side = min(max(360, total // 4), total // 2)  # the rows keep most of the width
            self.side_splitter.setSizes([total - side, side])

    def go_to_row(self, row: int, column: int | None = None) -> None:
        """Select ``row`` (at ``column``, or the current one), showing every row if a filter hides it."""
        if row in self.hidden:
            self.set_kind_filter(frozenset())
        self.view.go_to_row(row, column)
        self.view.setFocus()

    # ----------------------------------------------------------------------------- filters
    def set_kind_filter(self, kinds: frozenset) -> None:
        """Show only rows holding one of ``kinds`` (all rows when empty)."""
        self.kind_filter = kinds = frozenset(kinds)
        if self.legend.kinds() != kinds:
            self.legend.set_kinds(kinds)  # emits filterRequested again: harmless, same kinds
        self.apply_filters()
        self.filterChanged.emit(kinds)

    def filter_kind(self, kind: Kind, checked: bool) -> None:
        """Add ``kind`` to the row filter, or take it out."""
        self.set_kind_filter(self.kind_filter | {kind} if checked else self.kind_filter - {kind})

    def set_furniture_shown(self, on: bool) -> None:
        self.show_furniture = on
        self.apply_filters()

    def apply_filters(self) -> None:
        grid = self.grid
        self.hidden = rows.hidden_rows(grid, self.kind_filter, self.show_furniture) if grid else frozenset()
        if grid is None:
            return
        for row in range(grid.row_count):
            if self.view.isRowHidden(row) != (row in self.hidden):
                self.view.setRowHidden(row, row in self.hidden)
        if self.kind_filter or not self.show_furniture:
            self.statusMessage.emit(f"Showing {grid.row_count - len(self.hidden)} of {grid.row_count} rows", 4000)
        self.overview.update()
        current = self.view.current_row()
        if current in self.hidden:
            row = rows.next_row(grid, current, 1, self.hidden)
            row = rows.next_row(grid, current, -1, self.hidden) if row is None else row
            if row is not None:
                self.view.go_to_row(row)

    def visible_rows(self) -> list[int]:
        grid = self.grid
        return [] if grid is None else [r for r in range(grid.row_count) if not self.view.isRowHidden(r)]

    # ----------------------------------------------------------------------------- navigation
    def _step(self, accept, step: int, what: str) -> bool:
        grid = self.grid
        if grid is None:
            return False
        start = self.view.current_row()
        if start < 0:
            start = -1 if step > 0 else grid.row_count
        row = rows.next_row(grid, start, step, self.hidden, accept)
        if row is None:
            self.statusMessage.emit(f"No more {what} {'below' if step > 0 else 'above'}.", 3000)
            QApplication.beep()
            return False
        self.view.go_to_row(row)
        return True

    def _is_stop(self, grid, row: int) -> bool:
        return rows.is_stop(grid, row, self.kind_filter)

    def next_change(self) -> bool:
        return self._step(self._is_stop, 1, "changes")

    def previous_change(self) -> bool:
        return self._step(self._is_stop, -1, "changes")

    def next_omission(self) -> bool:
        return self._step(rows.has_omission, 1, "omissions")

    def previous_omission(self) -> bool:
        return self._step(rows.has_omission, -1, "omissions")

    def jump_to_counterpart(self, row: int | None = None, column: int | None = None) -> bool:
        """From a moved sentence (or its gap) to the row of its other position."""
        grid = self.grid
        row = self.view.current_row() if row is None else row
        if grid is None or row < 0:
            return False
        columns = [column] if column is not None else [self.view.current_column()] + list(range(grid.column_count))
        for c in columns:
            cell = self.view.grid_model.cell(row, c)
            if cell.counterpart_row is not None and cell.counterpart_row != row:
                self.go_to_row(cell.counterpart_row)
                return True
        self.statusMessage.emit("This row has no moved sentence.", 3000)
        return False

    # ----------------------------------------------------------------------------- find
    def open_find(self) -> None:
        if self.grid is not None:
            self.find_bar.open()

    def close_find(self) -> None:
        self.find_bar.hide()
        self.view.set_find_term("")
        self.view.setFocus()

    def find_term_changed(self, text: str) -> None:
        self.view.set_find_term(text)
        self._count_matches(text)

    def _count_matches(self, text: str) -> list[int]:
        found = rows.rows_containing(self.grid, text) if self.grid is not None else []
        if self.grid is None or not text:
            self.find_bar.set_status("")
        elif not found:
            self.find_bar.set_status("Not found", failed=True)
        else:
            self.find_bar.set_status(f"{len(found)} row{'s' if len(found) != 1 else ''}")
        return found

    def find(self, text: str, forward: bool = True) -> bool:
        """Select the next (or previous) row containing ``text``, wrapping around."""
        if self.grid is None or not text:
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

    def find_again(self, forward: bool = True) -> bool:
        return self.find(self.find_bar.text(), forward)

    # ----------------------------------------------------------------------------- clipboard
    def copy_cell(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            QGuiApplication.clipboard().setText(rows.cell_to_copy(self.grid, index.row(), index.column()))
            self.statusMessage.emit("Copied the sentence.", 2000)

    def copy_row(self) -> None:
        row = self.view.current_row()
        if self.grid is not None and row >= 0:
            QGuiApplication.clipboard().setText(rows.row_to_copy(self.grid, row))
            self.statusMessage.emit("Copied the row.", 2000)
