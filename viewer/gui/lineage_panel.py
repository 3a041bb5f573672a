"""The Lineage pane (View ▸ Lineage, F7): which version derives from which, as a small graph.

Versions are nodes (the base outlined), each with an arrow to its parent; a dashed arrow and a
dotted line to the sibling mark a common source (an unseen later version both come from). The
confidence is written on the arrow. Clicking a node makes that version the base. The graph is
``viewer.engine.lineage``'s, computed when the pane is open (a few milliseconds).
"""
from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QToolTip, QVBoxLayout, QWidget

from viewer.engine.lineage import Derivation, lineage
from viewer.engine.model import Comparison
from viewer.report.lineage_report import lineage_line

NODE_HEIGHT = 30
NODE_MAX_WIDTH = 170
LEVEL_GAP = 60      # vertical room for an arrow and its confidence
NODE_GAP = 28
MARGIN = 10
HINT = "Click a version to make it the base."
KEY = ("Arrows point to the version each one derives from, with the confidence; dashed: through an "
       "unseen source it shares with the version at the end of the dotted line. Outlined: the base.")


class LineageGraph(QWidget):
    """The nodes and arrows; ``baseRequested(version)`` on a click."""

    baseRequested = Signal(int)
    hovered = Signal(int)   # the version under the mouse, -1 for none

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setAccessibleName("Lineage graph")
        self.comparison: Comparison | None = None
        self.derivations: tuple[Derivation, ...] = ()
        self.rects: dict[int, QRectF] = {}
        self._hover = -1

    def set_lineage(self, comparison: Comparison | None, derivations: tuple[Derivation, ...]) -> None:
        self.comparison, self.derivations = comparison, derivations
        self._layout()
        self.updateGeometry()
        self.update()

    def edges(self) -> list[tuple[int, int, bool]]:
        """(child, parent, dashed) for every arrow drawn."""
        return [(d.version, d.parent, d.common_source) for d in self.derivations if d.parent is not None]

    def links(self) -> list[tuple[int, int]]:
        """(version, sibling) for every common-source line drawn, each pair once."""
        return sorted({tuple(sorted((d.version, d.via))) for d in self.derivations
                       if d.common_source and d.via is not None})

    def node_at(self, pos: QPointF) -> int:
        return next((v for v, rect in self.rects.items() if rect.contains(pos)), -1)

    # ----------------------------------------------------------------------------- layout
    def _levels(self) -> list[list[int]]:
        """Versions by depth (roots first), each level ordered under its parents."""
        depth: dict[int, int] = {}
        parent = {d.version: d.parent for d in self.derivations}

        def depth_of(v: int, seen=()) -> int:
            if v not in depth:
                p = parent.get(v)
                depth[v] = 0 if p is None or p in seen else depth_of(p, seen + (v,)) + 1
            return depth[v]

        levels: list[list[int]] = []
        for v in parent:
            d = depth_of(v)
            while len(levels) <= d:
                levels.append([])
            levels[d].append(v)
        place: dict[int, float] = {}
        for level in levels:
            level.sort(key=lambda v: (place.get(parent[v], -1.0), v))
            for i, v in enumerate(level):
                place[v] = i
        return levels

    def _width_of(self, v: int, metrics: QFontMetrics) -> float:
        return min(NODE_MAX_WIDTH, metrics.horizontalAdvance(self._label(v)) + 20)

    def _label(self, v: int) -> str:
        return self.comparison.versions[v].name if self.comparison else ""

    def _layout(self) -> None:
        self.rects = {}
        if self.comparison is None:
            return
        metrics = QFontMetrics(self.font())
        width = max(self.width(), 200)
        y = MARGIN
        for level in self._levels():
            # A level wider than the pane wraps onto more lines (many versions of one depth).
            lines: list[list[tuple[int, float]]] = [[]]
            used = 0.0
            for v in level:
                w = self._width_of(v, metrics)
                if lines[-1] and used + NODE_GAP + w > width - 2 * MARGIN:
                    lines.append([])
                    used = 0.0
                used += (NODE_GAP if lines[-1] else 0) + w
                lines[-1].append((v, w))
            for line in lines:
                total = sum(w for _, w in line) + NODE_GAP * (len(line) - 1)
                x = max(MARGIN, (width - total) / 2)
                for v, w in line:
                    self.rects[v] = QRectF(x, y, w, NODE_HEIGHT)
                    x += w + NODE_GAP
                y += NODE_HEIGHT + NODE_GAP
            y += LEVEL_GAP - NODE_GAP
        self.setMinimumHeight(int(max(80, y - LEVEL_GAP + NODE_HEIGHT // 2 + MARGIN)))

    def sizeHint(self) -> QSize:
        return QSize(360, self.minimumHeight())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._layout()

    # ----------------------------------------------------------------------------- painting
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        line = QColor(text)
        line.setAlpha(170)
        if self.comparison is None:
            painter.setPen(pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No comparison")
            return
        small = self.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        for v, w in self.links():
            pen = QPen(line, 1.2, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawLine(self._side(v, w), self._side(w, v))
        for d in self.derivations:
            if d.parent is None or d.version not in self.rects or d.parent not in self.rects:
                continue
            start, end = self._anchor(d.version, d.parent), self._anchor(d.parent, d.version)
            pen = QPen(line, 1.6, Qt.PenStyle.DashLine if d.common_source else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.drawLine(start, end)
            self._arrow_head(painter, start, end, line)
            painter.setFont(small)
            painter.setPen(text)
            middle = (start + end) / 2
            painter.drawText(QRectF(middle.x() + 4, middle.y() - 9, 60, 18),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{d.confidence:.2f}")
        painter.setFont(self.font())
        base = self.comparison.base
        for v, rect in self.rects.items():
            fill = pal.color(QPalette.ColorRole.Highlight if v == self._hover else QPalette.ColorRole.Base)
            border = pal.color(QPalette.ColorRole.Highlight) if v == base else pal.color(QPalette.ColorRole.Mid)
            painter.setPen(QPen(border, 2.4 if v == base else 1.0))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 6, 6)
            role = QPalette.ColorRole.HighlightedText if v == self._hover else QPalette.ColorRole.Text
            painter.setPen(pal.color(role))
            font = self.font()
            font.setBold(v == base)
            painter.setFont(font)
            label = QFontMetrics(font).elidedText(self._label(v), Qt.TextElideMode.ElideMiddle, int(rect.width()) - 12)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()

    def _anchor(self, v: int, toward: int) -> QPointF:
        """Where a line from node v toward node ``toward`` leaves v: its top or bottom edge."""
        rect, other = self.rects[v], self.rects[toward]
        if abs(rect.center().y() - other.center().y()) < 1:
            return self._side(v, toward)
        y = rect.top() if other.center().y() < rect.center().y() else rect.bottom()
        return QPointF(rect.center().x(), y)

    def _side(self, v: int, toward: int) -> QPointF:
        rect, other = self.rects[v], self.rects[toward]
        x = rect.right() if other.center().x() > rect.center().x() else rect.left()
        return QPointF(x, rect.center().y())

    @staticmethod
    def _arrow_head(painter: QPainter, start: QPointF, end: QPointF, color: QColor) -> None:
        angle = math.atan2(end.y() - start.y(), end.x() - start.x())
        size = 8.0
        points = [end] + [QPointF(end.x() - size * math.cos(angle + s), end.y() - size * math.sin(angle + s))
                          for s in (0.45, -0.45)]
        path = QPainterPath()
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
        painter.fillPath(path, color)

    # ----------------------------------------------------------------------------- mouse
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        v = self.node_at(event.position())
        if v != self._hover:
            self._hover = v
            self.setCursor(Qt.CursorShape.PointingHandCursor if v >= 0 else Qt.CursorShape.ArrowCursor)
            self.hovered.emit(v)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        if self._hover != -1:
            self._hover = -1
            self.hovered.emit(-1)
            self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        v = self.node_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and v >= 0:
            self.baseRequested.emit(v)
        super().mouseReleaseEvent(event)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            v = self.node_at(QPointF(event.pos()))
            if v >= 0 and self.comparison is not None:
                d = self.derivations[v]
                QToolTip.showText(event.globalPos(), f"{lineage_line(self.comparison, d)}\n{d.reason}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class LineagePanel(QDockWidget):
    """The dock holding the graph and a line saying why, for the version under the mouse."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Lineage", parent)
        self.setObjectName("lineageDock")  # the window's saved state keeps where it was
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.graph = LineageGraph(body)
        layout.addWidget(self.graph)
        self.why = QLabel(HINT, body)
        self.why.setWordWrap(True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.why)
        key = QLabel(KEY, body)
        key.setWordWrap(True)
        key.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(key)
        layout.addStretch(1)
        self.setWidget(body)
        self.comparison: Comparison | None = None
        self._stale = True
        self.graph.hovered.connect(self._explain)
        self.visibilityChanged.connect(lambda shown: shown and self._refresh())

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        self._stale = True
        if self.isVisible():
            self._refresh()

    def _refresh(self) -> None:
        if not self._stale:
            return
        self._stale = False
        derivations = lineage(self.comparison) if self.comparison is not None else ()
        self.graph.set_lineage(self.comparison, derivations)
        self._explain(-1)

    def _explain(self, v: int) -> None:
        if v < 0 or self.comparison is None:
            self.why.setText(HINT if self.comparison is not None else "")
            return
        d = self.graph.derivations[v]
        self.why.setText(f"<b>{escape(lineage_line(self.comparison, d))}</b><br>{escape(d.reason)}")


def attach(window: QMainWindow) -> LineagePanel:
    """Dock the pane on the right of ``window``, hidden; View ▸ Lineage (F7) shows it.

    It follows ``window.comparisonShown`` and asks ``window.document`` for a new base on a click.
    """
    panel = LineagePanel(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    panel.hide()
    action = panel.toggleViewAction()
    action.setText("&Lineage")
    action.setShortcut("F7")
    action.setStatusTip("Which version derives from which; click a version to make it the base")
    window.addAction(action)  # its key works while the pane is hidden
    # setChecked shows and hides it too, as with the window's other panel actions.
    action.toggled.connect(lambda on: on == panel.isHidden() and panel.setVisible(on))
    window.act_lineage = action
    window.comparisonShown.connect(panel.set_comparison)
    panel.graph.baseRequested.connect(window.document.set_base)
    return panel
