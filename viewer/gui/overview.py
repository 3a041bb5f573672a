"""The overview strip beside the rows: every change of every version at a glance (Meld's chunkmap).

One lane per non-base version, in column order; each changed row is a mark at the height the row
has in the whole table, so the strip and the scroll bar agree. The visible part is framed;
clicking or dragging jumps there.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from viewer.engine.model import Kind
from viewer.gui import palette
from viewer.gui.aligned_view import AlignedView
from viewer.report.grid import Role

LANE_WIDTH = 9
MOVED = "moved"  # the mark of a sentence that moved and is otherwise identical: no Kind of change


class Overview(QWidget):
    """Change marks per version, scaled to the table's full height."""

    rowRequested = Signal(int)

    def __init__(self, view: AlignedView, parent=None):
        super().__init__(parent)
        self.view = view
        self.setMouseTracking(True)
        self.setToolTip("Overview of every change; click to jump")
        self.setAccessibleName("Change overview")
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.verticalScrollBar().rangeChanged.connect(self.update)
        self._marks: list[tuple[int, int, Kind]] | None = None  # (lane, row, kind)

    def lanes(self) -> list[int]:
        grid = self.view.grid_model.grid
        if grid is None:
            return []
        return [c for c in range(grid.column_count) if c != grid.base]

    def sizeHint(self) -> QSize:
        return QSize(max(3, len(self.lanes())) * LANE_WIDTH + 8, 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(2 * LANE_WIDTH + 8, 60)

    def reset(self) -> None:
        """Recollect the marks (after a new comparison) and repaint."""
        self._marks = None
        self.updateGeometry()
        self.update()

    def marks(self) -> list[tuple[int, int, Kind | str]]:
        """(lane, row, mark) of every change: its Kind, or MOVED for a sentence that only moved."""
        if self._marks is None:
            grid = self.view.grid_model.grid
            out = []
            if grid is not None:
                cell_at = grid.cell
                for lane, column in enumerate(self.lanes()):
                    for row in range(grid.row_count):
                        cell = cell_at(row, column)
                        if cell.role is Role.OMITTED and cell.kind is Kind.OMITTED:
                            out.append((lane, row, Kind.OMITTED))
                        elif cell.role is Role.VERSION and cell.kind in palette.KIND_HUE \
                                and cell.kind not in (Kind.IDENTICAL, Kind.FURNITURE):
                            out.append((lane, row, cell.kind))
                        elif cell.role is Role.VERSION and cell.moved:
                            out.append((lane, row, MOVED))
            self._marks = out
        return self._marks

    def _scale(self) -> tuple[float, float]:
        """(pixels of strip per pixel of table, top margin): the strip spans the rows' viewport."""
        total = max(1, self.view.verticalHeader().length())
        top = self.view.viewport().y() + 2
        bottom = self.height() - (self.view.viewport().y() + self.view.viewport().height()) + 2
        return max(1.0, self.height() - top - max(2, bottom)) / total, float(top)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        c = palette.colours(self.palette())
        painter.fillRect(self.rect(), c.base)
        lanes = self.lanes()
        if not lanes:
            return
        vh = self.view.verticalHeader()
        scale, top = self._scale()
        x0 = 4
        for lane in range(len(lanes)):
            painter.fillRect(QRectF(x0 + lane * LANE_WIDTH, 0, LANE_WIDTH - 2, self.height()), c.grid)
        colours = {MOVED: QColor(palette.MOVED_HUE), **c.strong}
        # Every resize step repaints the strip with all its marks: the loop asks Qt as little as it can.
        hidden, position, size, fill = self.view.isRowHidden, vh.sectionPosition, vh.sectionSize, painter.fillRect
        spans: dict[int, tuple[float, float] | None] = {}  # a row's (y, height) here; None: hidden
        for lane, row, kind in self.marks():
            span = spans.get(row, ())
            if span == ():  # each row is asked of the header once, not once per lane
                span = spans[row] = None if hidden(row) else (top + position(row) * scale,
                                                               max(2.0, size(row) * scale))
            if span is not None:
                fill(QRectF(x0 + lane * LANE_WIDTH, span[0], LANE_WIDTH - 2, span[1]), colours[kind])
        # The visible part of the table.
        y = top + self.view.verticalScrollBar().value() * scale
        h = max(4.0, self.view.viewport().height() * scale)
        frame = QColor(c.text)
        frame.setAlpha(160)
        painter.setPen(QPen(frame, 1))
        shade = QColor(c.text)
        shade.setAlpha(28)
        painter.setBrush(shade)
        painter.drawRect(QRectF(1.5, y, self.width() - 3, h))
        # The selected row.
        row = self.view.current_row()
        if row >= 0 and not self.view.isRowHidden(row):
            ry = top + (vh.sectionPosition(row) + vh.sectionSize(row) / 2) * scale
            painter.setPen(QPen(c.highlight, 2))
            painter.drawLine(QPointF(0, ry), QPointF(3, ry))
            painter.drawLine(QPointF(self.width() - 3, ry), QPointF(self.width(), ry))

    def row_at(self, y: float) -> int:
        scale, top = self._scale()
        return self.view.verticalHeader().logicalIndexAt(int((y - top) / scale)) if scale > 0 else -1

    def _jump(self, event: QMouseEvent) -> None:
        scale, top = self._scale()
        if scale <= 0:
            return
        bar = self.view.verticalScrollBar()
        target = (event.position().y() - top) / scale - self.view.viewport().height() / 2
        bar.setValue(int(max(bar.minimum(), min(bar.maximum(), target))))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            row = self._nearest_mark(event.position().y())
            if row is not None:
                self.rowRequested.emit(row)
            else:
                self._jump(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event)
            return
        row = self._nearest_mark(event.position().y())
        grid = self.view.grid_model.grid
        if row is None or grid is None:
            QToolTip.hideText()
            return
        parts = []
        for column in self.lanes():
            cell = grid.cell(row, column)
            if cell.kind not in (None, Kind.IDENTICAL, Kind.FURNITURE):
                parts.append(f"{grid.versions[column].name}: {cell.kind.label.lower()}")
            elif cell.moved:
                parts.append(f"{grid.versions[column].name}: moved")
        QToolTip.showText(event.globalPosition().toPoint(), f"Row {row + 1}\n" + "\n".join(parts), self)

    def _nearest_mark(self, y: float) -> int | None:
        """The changed row under ``y`` (within a few pixels), if any."""
        vh = self.view.verticalHeader()
        scale, top = self._scale()
        best, best_d = None, 4.0
        for _, row, _ in self.marks():
            if self.view.isRowHidden(row):
                continue
            y0 = top + vh.sectionPosition(row) * scale
            y1 = y0 + max(2.0, vh.sectionSize(row) * scale)
            d = 0.0 if y0 <= y <= y1 else min(abs(y - y0), abs(y - y1))
            if d < best_d:
                best, best_d = row, d
        return best
