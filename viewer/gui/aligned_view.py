"""The aligned view: versions side by side, one row per collated row, painted by a delegate.

Cells are laid out with QTextLayout (wrapped text plus highlight ranges) and cached. Only rows
about to be painted are laid out exactly; the others get a height estimated from their text's
length, refined in idle moments. A long story (10 versions of 5,000 words: 3,000 cells) took
0.22 s to lay out in full at every width, so a full layout per resize step made dragging stutter.
Exact row heights are kept per set of column widths, so going back to a width costs nothing, and
a cell's layout serves every width at which its lines break where they do (most cells, for a
resize step of a few pixels).
"""
from __future__ import annotations

import math
import re
import time

import numpy as np

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
                               QTableView)

from viewer.engine.model import Kind
from viewer.gui import palette
from viewer.gui.aligned_model import CELL_ROLE, AlignedModel
from viewer.gui.header import VersionHeader
from viewer.report.grid import UNCERTAIN_BELOW, Cell, Grid, Role, Span

MIN_COLUMN_WIDTH = 260
MAX_COLUMN_WIDTH = 760
REFINE_DELAY_MS = 250    # exact heights of off-screen rows start this long after the last resize
REFINE_SLICE_S = 0.012   # and run in slices this long, so the window stays responsive
KEPT_WIDTHS = 8          # sets of column widths whose exact row heights are kept
_FIT_MARGIN = 3          # pixels a laid-out line keeps spare before it is trusted to fit (bearing, rounding)
# Flags combined once: Python enum arithmetic at every cell painted adds up.
_GLYPH_ALIGN = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
_LABEL_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_SELECTED = QStyle.StateFlag.State_Selected.value  # tested as ints: a Flag & Flag is microseconds
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus.value
# A typical line of news text, to measure the mean advance of a character for the estimates.
_SAMPLE = "The council said on Tuesday that 32 homes, not 23, were damaged in the harbour fire."


class CellDelegate(QStyledItemDelegate):
    """Paints one cell: kind tint, gutter glyph, wrapped text with word highlights, markers."""

    def __init__(self, view: "AlignedView"):
        super().__init__(view)
        self.view = view
        # (row, column) -> (low, high, text layout, facts layout, height): the layouts hold for
        # text widths in [low, high), where every line breaks as it does now.
        self._layouts: dict[tuple[int, int], tuple[float, float, QTextLayout, QTextLayout | None, float]] = {}
        self.colours = palette.colours(view.palette())
        self._formats: dict = {}
        self.refresh_style()

    # Geometry, in pixels, derived from the font so zoom scales everything.
    def refresh_style(self) -> None:
        font = self.view.font()
        fm = QFontMetricsF(font)
        self.line_height = fm.height()
        self.gutter = round(fm.horizontalAdvance("M") * 1.6)
        self.pad_x = round(fm.horizontalAdvance("n") * 0.8)
        self.pad_y = round(fm.height() * 0.28)
        self.paragraph_gap = round(fm.height() * 0.75)
        self.small_font = QFont(font)
        self.small_font.setPointSizeF(max(6.0, font.pointSizeF() * 0.86))
        self.glyph_font = QFont(font)
        self.glyph_font.setBold(True)
        self.omitted_font = QFont(font)  # the label of an omitted gap
        self.omitted_font.setItalic(True)
        self.omitted_font.setBold(True)
        self.omitted_width = QFontMetricsF(self.omitted_font).horizontalAdvance("omitted") + 2 * self.pad_x
        self.char_width = QFontMetricsF(font).horizontalAdvance(_SAMPLE) / len(_SAMPLE)
        facts_font = QFont(self.small_font)
        facts_font.setBold(True)
        facts_metrics = QFontMetricsF(facts_font)
        self.facts_char_width = facts_metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE)
        self.facts_line_height = facts_metrics.height()
        self.colours = palette.colours(self.view.palette())
        c = self.colours
        deleted = QTextCharFormat()
        deleted.setFontStrikeOut(True)
        deleted.setBackground(c.deleted_bg)
        deleted.setForeground(c.deleted_fg)
        inserted = QTextCharFormat()
        inserted.setFontUnderline(True)
        inserted.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        inserted.setBackground(c.inserted_bg)
        inserted.setForeground(c.inserted_fg)
        added = QTextCharFormat()
        added.setBackground(c.added_bg)
        find = QTextCharFormat()
        find.setBackground(c.find_bg)
        find.setForeground(QColor("#000000"))
        self._formats = {Span.DELETED: deleted, Span.INSERTED: inserted, Span.ADDED: added, "find": find}
        # Pens drawn in every cell, made once per palette.
        self._pens = {"paragraph": QPen(c.paragraph, 1, Qt.PenStyle.SolidLine), "grid": QPen(c.grid, 1)}
        self.clear_cache()

    def clear_cache(self) -> None:
        self._layouts.clear()

    def warm_up(self) -> None:
        """Rasterise the common glyphs of every font a cell uses, so the first paint is quick."""
        from PySide6.QtGui import QImage

        sample = "".join(chr(c) for c in range(32, 127)) + "“”‘’—–…é" + "".join(palette.KIND_GLYPH.values())
        image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        italic = QFont(self.view.font())
        italic.setItalic(True)
        for font in (self.view.font(), italic, self.glyph_font, self.small_font):
            layout = QTextLayout(sample, font)
            _lay_out(layout, 100000)
            layout.draw(painter, QPointF(0, 0))
        painter.end()

    def text_width(self, column_width: int) -> int:
        return max(40, column_width - self.gutter - 2 * self.pad_x)

    def layout(self, row: int, column: int, cell: Cell, width: int):
        """The cached (text layout, facts layout, height) of a cell at a column width."""
        text_width = self.text_width(width)
        if cell.moved and cell.role is Role.VERSION:
            text_width -= round(self.line_height) + 4  # room for the moved marker
        cached = self._layouts.get((row, column))
        # A resize step of a few pixels leaves most cells' lines as they were: those keep their layout.
        if cached is not None and cached[0] <= text_width < cached[1]:
            return cached[2], cached[3], cached[4]
        text_layout, facts_layout, height = self._build(cell, text_width)
        low, high = _same_breaks(text_layout, cell.text, text_width)
        if facts_layout is not None:
            facts_low, facts_high = _same_breaks(facts_layout, facts_layout.text(), text_width)
            low, high = max(low, facts_low), min(high, facts_high)
        self._layouts[(row, column)] = (low, high, text_layout, facts_layout, height)
        return text_layout, facts_layout, height

    @staticmethod
    def measures(model: AlignedModel) -> dict[str, np.ndarray]:
        """What the height estimates need of every cell, as (rows, columns) arrays: text length,
        the length of its ⚠ line, and whether it is moved. (A gap is one line: the least a row has.)"""
        rows, columns = model.rowCount(), model.columnCount()
        text, facts, moved = [], [], []
        cell_at, focus = model.grid.cell, model.focus  # straight to the grid: every cell is asked
        for row in range(rows):
            for column in range(columns):
                cell = cell_at(row, column, focus)
                text.append(len(cell.text))
                facts.append(sum(len(f.type) + len(f.a or "-") + len(f.b or "-") + 6 for f in cell.facts)
                             if cell.facts else 0)
                moved.append(cell.moved and cell.role is Role.VERSION)
        shape = (rows, columns)
        return {"text": np.array(text, dtype=float).reshape(shape),
                "facts": np.array(facts, dtype=float).reshape(shape),
                "moved": np.array(moved, dtype=bool).reshape(shape)}

    def estimate_rows(self, measures: dict[str, np.ndarray], widths: list[int], opens: np.ndarray) -> np.ndarray:
        """Every row's height at these column widths, estimated from text lengths: no layout."""
        lh = self.line_height
        text_width = np.array([self.text_width(w) for w in widths], dtype=float) \
            - measures["moved"] * (round(lh) + 4)
        # Lines break at words, so each line leaves some room unused: count it two characters shorter
        # (total within 2 % of the laid-out height on the sample stories, any row within two lines).
        per_line = np.maximum(1.0, text_width / self.char_width - 2)
        facts_per_line = np.maximum(1.0, text_width / self.facts_char_width - 6)
        height = np.ceil(measures["text"] / per_line) * lh
        height += np.where(measures["facts"] > 0,
                           2 + np.ceil(measures["facts"] / facts_per_line) * self.facts_line_height, 0.0)
        tallest = np.maximum(lh, height.max(axis=1)) if height.size else np.zeros(len(opens))
        return (tallest + 2 * self.pad_y + np.where(opens, self.paragraph_gap, 0) + 1.5).astype(int)

    def _build(self, cell: Cell, width: int):
        if cell.role in (Role.OMITTED, Role.AWAY, Role.EMPTY) or not cell.text:
            return None, None, self.line_height if cell.role is not Role.EMPTY else 0.0
        font = QFont(self.view.font())
        if cell.furniture:
            font.setItalic(True)
        layout = QTextLayout(cell.text, font)
        ranges = []
        for start, end, style in cell.spans:
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = start, end - start, self._formats[style]
            ranges.append(r)
        term = self.view.find_term
        if term:
            for m in re.finditer(re.escape(term), cell.text, re.IGNORECASE):
                r = QTextLayout.FormatRange()
                r.start, r.length, r.format = m.start(), m.end() - m.start(), self._formats["find"]
                ranges.append(r)
        layout.setFormats(ranges)
        height = _lay_out(layout, width)
        facts_layout = None
        if cell.facts:
            words = " · ".join(f"{f.type} {f.a or '—'} → {f.b or '—'}" for f in cell.facts)
            facts_font = QFont(self.small_font)
            facts_font.setBold(True)
            facts_layout = QTextLayout(f"{palette.FACT_GLYPH} {words}", facts_font)
            height += 2 + _lay_out(facts_layout, width)
        return layout, facts_layout, height

    def row_height(self, row: int, model: AlignedModel, widths: list[int], opens_paragraph: bool) -> int:
        """A row's height: its tallest cell, laid out."""
        tallest = self.line_height
        for column, width in enumerate(widths):
            tallest = max(tallest, self.layout(row, column, model.cell(row, column), width)[2])
        return int(tallest + 2 * self.pad_y + (self.paragraph_gap if opens_paragraph else 0) + 1.5)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(self.view.columnWidth(index.column()), self.view.rowHeight(index.row()))

    def badge_rect(self, rect: QRect, cell: Cell, opens_paragraph: bool) -> QRectF | None:
        """Where the moved marker of a cell is drawn (None if it has none)."""
        if not (cell.moved and cell.role is Role.VERSION):
            return None
        size = self.line_height
        top = rect.top() + (self.paragraph_gap if opens_paragraph else 0) + self.pad_y
        return QRectF(rect.right() - size - 3, top, size, size)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = self.view.grid_model
        if model.grid is None:
            return
        row, column = index.row(), index.column()
        cell = model.cell(row, column)
        c = self.colours
        opens = self.view.row_opens()[row]
        rect = option.rect
        gap = self.paragraph_gap if opens else 0
        box = QRectF(rect.adjusted(1, gap + 1, -1, -1))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

        # The style has already painted its own selection panel: paint over it, ours is subtler.
        painter.fillRect(rect, c.base)
        state = option.state.value
        selected = bool(state & _SELECTED)
        kind = cell.kind if cell.role is Role.VERSION else None
        tinted = True
        if cell.role is Role.VERSION and kind not in (None, Kind.IDENTICAL, Kind.FURNITURE):
            painter.fillRect(box, c.tint[kind])
        elif cell.role is Role.OMITTED and cell.kind is Kind.OMITTED:
            painter.fillRect(box, c.tint[Kind.OMITTED])
            painter.fillRect(box, c.hatch())
        else:
            tinted = False
        if selected:
            # The selected row: a light wash on plain cells (kind tints stay true) and a frame.
            if not tinted:
                painter.fillRect(box, palette.blend(c.highlight, c.base, 0.16 if c.dark else 0.10))
            painter.fillRect(QRectF(rect.left(), rect.top() + gap, rect.width(), 2), c.highlight)
            painter.fillRect(QRectF(rect.left(), rect.bottom() - 1, rect.width(), 2), c.highlight)

        # The paragraph break of this version: a rule above the cell.
        if opens and cell.paragraph_start:
            painter.setPen(self._pens["paragraph"])
            y = rect.top() + gap / 2
            painter.drawLine(QPointF(rect.left() + self.pad_x, y), QPointF(rect.right() - self.pad_x, y))

        # Gutter: a stripe and a glyph, so the kind reads without colour.
        gutter_kind = kind if kind not in (None, Kind.IDENTICAL) else (Kind.OMITTED if cell.kind is Kind.OMITTED else None)
        if gutter_kind is not None and gutter_kind is not Kind.FURNITURE:
            if cell.role is Role.VERSION and cell.score is not None and cell.score < UNCERTAIN_BELOW:
                # An uncertain link: a broken stripe, so it reads without colour too.
                step = max(3.0, self.line_height / 3)
                top = box.top()
                while top < box.bottom():
                    painter.fillRect(QRectF(box.left(), top, 3, min(step, box.bottom() - top)), c.strong[gutter_kind])
                    top += 2 * step
            else:
                painter.fillRect(QRectF(box.left(), box.top(), 3, box.height()), c.strong[gutter_kind])
            painter.setFont(self.glyph_font)
            painter.setPen(c.strong[gutter_kind] if not c.dark else c.text)
            painter.drawText(QRectF(box.left() + 3, box.top() + self.pad_y - 1, self.gutter - 3, self.line_height),
                             _GLYPH_ALIGN, palette.KIND_GLYPH[gutter_kind])

        x = box.left() + self.gutter
        y = box.top() + self.pad_y
        if cell.role is Role.OMITTED and cell.kind is Kind.OMITTED:
            painter.setFont(self.omitted_font)
            plate = QRectF(x - self.pad_x / 2, y - 1, self.omitted_width, self.line_height + 2)
            painter.fillRect(plate, c.base)
            painter.setPen(c.deleted_fg)
            painter.drawText(plate, Qt.AlignmentFlag.AlignCenter, "omitted")
        elif cell.role is Role.AWAY:
            painter.setPen(QPen(c.strong[Kind.EDITED] if c.dark else QColor("#8A7A00"), 1, Qt.PenStyle.DashLine))
            painter.drawRect(box.adjusted(2, 2, -2, -2))
            painter.setFont(self.small_font)
            painter.setPen(c.dim_text)
            arrow = "↓" if cell.counterpart_row > row else "↑"
            painter.drawText(QRectF(x, y, box.width() - self.gutter, self.line_height),
                             _LABEL_ALIGN,
                             f"{palette.MOVED_GLYPH} moved {arrow} to row {cell.counterpart_row + 1}")
        else:
            layout, facts_layout, _ = self.layout(row, column, cell, rect.width())
            if layout is not None:
                painter.setPen(c.dim_text if cell.furniture else c.text)
                layout.draw(painter, QPointF(x, y))
                if facts_layout is not None:
                    painter.setPen(c.fact_fg)
                    facts_layout.draw(painter, QPointF(x, y + _height(layout) + 2))

        badge = self.badge_rect(rect, cell, opens)
        if badge is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c.moved_bg)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(c.moved_fg)
            painter.setFont(self.glyph_font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, palette.MOVED_GLYPH)

        # Column rule, and the current cell's outline.
        painter.setPen(self._pens["grid"])
        painter.drawLine(rect.topRight(), rect.bottomRight())
        if state & _HAS_FOCUS and self.view.hasFocus():
            painter.setPen(QPen(c.highlight, 2))
            painter.drawRect(QRectF(rect).adjusted(1, 1, -1, -1))
        painter.restore()


def _lay_out(layout: QTextLayout, width: float) -> float:
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return y


def _same_breaks(layout: QTextLayout | None, text: str, width: int) -> tuple[float, float]:
    """The text widths [low, high) at which ``layout``, laid out at ``width``, breaks every line where
    it does now, erring narrow: each line must still fit, and none may take the next line's first word."""
    if layout is None:
        return 0.0, math.inf
    low, high = 0.0, math.inf
    count = layout.lineCount()
    for i in range(count):
        line = layout.lineAt(i)
        natural = line.naturalTextWidth()
        low = max(low, natural + _FIT_MARGIN)
        if i + 1 < count:
            nxt = layout.lineAt(i + 1)
            start = nxt.textStart()
            if text[start - 1] not in " \t\n":  # inside a word, after a hyphen or a no-break space
                return width, width + 1  # (Qt may have broken a long word anywhere): this width only
            # The next line's leading ASCII letters and digits hold no break, so they (and the space
            # before them) are the least that could move up; any other first character alone.
            end = start + 1
            if _unbreakable(text[start]):
                while end < len(text) and _unbreakable(text[end]):
                    end += 1
            high = min(high, natural + nxt.cursorToX(end)[0] - nxt.cursorToX(start)[0])
    # Narrower than ``width`` no word moves up; at ``width`` itself the layout is what it is.
    return min(low, width), max(high, width + 1)


def _unbreakable(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _height(layout: QTextLayout) -> float:
    return layout.boundingRect().height()


class AlignedView(QTableView):
    """Versions side by side; rows keep corresponding sentences level."""

    counterpartRequested = Signal(int, int)   # row, column whose moved counterpart to show
    focusVersionChanged = Signal(int)
    comparisonPainted = Signal()               # the rows of a newly set comparison were painted

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid_model = AlignedModel(self)
        self.find_term = ""
        self.setModel(self.grid_model)
        self.header = VersionHeader(self)
        self.setHorizontalHeader(self.header)
        self.header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumSectionSize(4)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setMouseTracking(True)
        self.setCornerButtonEnabled(False)
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self._widths: list[int] = []
        self._announce = False  # emit comparisonPainted after the next paint
        self._held = False      # set_comparison(relayout=False) until the next relayout()
        # Exact row heights per tuple of column widths; rows missing there have an estimate.
        self._exact: dict[tuple[int, ...], dict[int, int]] = {}
        self._opens: np.ndarray | None = None  # per row: whether a version opens a paragraph there
        self._measures: dict | None = None      # what the height estimates need (CellDelegate.measures)
        self._hidden_sized: set[int] = set()    # hidden rows given their exact height at these widths
        self._geometry_timer = QTimer(self)      # the scroll range follows row heights set while painting
        self._geometry_timer.setSingleShot(True)
        self._geometry_timer.timeout.connect(self.updateGeometries)
        self._refine_timer = QTimer(self)
        self._refine_timer.setSingleShot(True)
        self._refine_timer.timeout.connect(self._refine)
        self.verticalScrollBar().setSingleStep(24)

    # ----------------------------------------------------------------------------- content
    def set_comparison(self, comparison, relayout: bool = True, grid: Grid | None = None) -> None:
        """Show ``comparison`` (through ``grid`` if built already); pass ``relayout=False`` when the
        caller lays out after resizing."""
        self.grid_model.set_comparison(comparison, grid)
        self._announce = comparison is not None
        self.delegate.clear_cache()
        self._widths = []
        self._forget_heights()
        # Held, resizes while the caller shows or hides panels around the view lay out nothing.
        self._held = not relayout
        if relayout:
            self.relayout()

    def set_dismissed(self, keys: frozenset[str]) -> None:
        """Hide the ⚠ lines of facts dismissed as "not a change" (rows get shorter)."""
        if self.grid_model.set_dismissed(keys):
            self.delegate.clear_cache()
            self._forget_heights()
            self.relayout()

    def set_find_term(self, term: str) -> None:
        if term != self.find_term:
            self.find_term = term
            self.delegate.clear_cache()
            self.viewport().update()

    def set_zoom_font(self, font: QFont) -> None:
        self.setFont(font)
        self.header.setFont(font)
        self.delegate.refresh_style()
        self._widths = []
        self._forget_heights()
        self.relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.delegate.refresh_style()
            if event.type() == QEvent.Type.StyleChange:
                self._forget_heights()  # a style may bring its own metrics
                self.relayout()
            self.viewport().update()

    # ----------------------------------------------------------------------------- geometry
    def column_widths(self) -> list[int]:
        """Equal columns filling the viewport, never narrower than readable (then it scrolls)."""
        n = self.grid_model.columnCount()
        if n == 0:
            return []
        # Assume the vertical scroll bar is there (stories are taller than windows), so that
        # showing it never pushes the last column out of view.
        bar = self.verticalScrollBar().sizeHint().width()
        available = self.maximumViewportSize().width() - bar - 2
        width = max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH * 3, available // n))
        return [width] * n

    def relayout(self) -> None:
        """Fit the columns to the viewport; rows get their exact height if known at these widths,
        else an estimate, and the rows on screen are laid out at once."""
        model = self.grid_model
        self._held = False
        if model.grid is None:
            return
        widths = self.column_widths()
        header, vh = self.horizontalHeader(), self.verticalHeader()
        # The view's own slots for resized sections each schedule a repaint: one is enough.
        header.blockSignals(True)
        vh.blockSignals(True)
        try:
            if widths != self._widths:
                self._widths = widths
                for column, width in enumerate(widths):
                    self.setColumnWidth(column, width)
            # The widths used last come last; a long drag keeps only the few latest.
            exact = self._exact[tuple(widths)] = self._exact.pop(tuple(widths), {})
            while len(self._exact) > KEPT_WIDTHS:
                del self._exact[next(iter(self._exact))]
            if self._measures is None:
                self._measures = self.delegate.measures(model)
            heights = self.delegate.estimate_rows(self._measures, widths, self.row_opens()).tolist()
            for row, height in exact.items():
                heights[row] = height
            self._hidden_sized.clear()
            for row, height in enumerate(heights):
                if vh.sectionSize(row) != height:
                    vh.resizeSection(row, height)
            self.settle_visible()
        finally:
            header.blockSignals(False)
            vh.blockSignals(False)
        self.updateGeometries()
        header.viewport().update()
        self.viewport().update()
        if len(exact) < model.rowCount():
            self._refine_timer.start(REFINE_DELAY_MS)

    def _forget_heights(self) -> None:
        self._exact.clear()
        self._hidden_sized.clear()
        self._opens = None
        self._measures = None
        self._refine_timer.stop()

    def row_opens(self) -> np.ndarray:
        """Per row, whether any version opens a paragraph there (the row then has a gap above)."""
        if self._opens is None:
            grid = self.grid_model.grid
            self._opens = np.array([grid.opens_paragraph(r) for r in range(grid.row_count)] if grid else [],
                                   dtype=bool)
        return self._opens

    def _set_exact(self, row: int) -> int:
        """Lay out ``row`` at the current widths and give it its exact height; returns the change."""
        exact = self._exact.setdefault(tuple(self._widths), {})
        height = exact.get(row)
        if height is None:
            height = exact[row] = self.delegate.row_height(row, self.grid_model, self._widths,
                                                           bool(self.row_opens()[row]))
        vh = self.verticalHeader()
        if vh.isSectionHidden(row):  # Qt keeps the size for when the row shows; nothing moves now
            if row not in self._hidden_sized:
                self._hidden_sized.add(row)
                blocked = vh.blockSignals(True)
                vh.resizeSection(row, height)
                vh.blockSignals(blocked)
            return 0
        change = height - vh.sectionSize(row)
        if change:
            blocked = vh.blockSignals(True)
            vh.resizeSection(row, height)
            vh.blockSignals(blocked)
            self._geometry_timer.start(0)
        return change

    def settle_visible(self) -> None:
        """Give every row on screen (and the next one) its exact height, before it is painted."""
        if self.grid_model.grid is None or not self._widths:
            return
        rows = self.grid_model.rowCount()
        for _ in range(8):  # rows that shrink bring more rows into view: repeat until none do
            top = self.rowAt(0)
            if top < 0:
                return
            bottom = self.rowAt(self.viewport().height() - 1)
            bottom = rows - 1 if bottom < 0 else min(rows - 1, bottom + 1)
            changed = False
            for row in range(top, bottom + 1):
                if not self.isRowHidden(row) and self._set_exact(row):
                    changed = True
            if not changed:
                return

    def _refine(self) -> None:
        """Lay out a slice of the rows still estimated, keeping the rows on screen where they are."""
        model = self.grid_model
        if model.grid is None or not self._widths:
            return
        exact = self._exact.setdefault(tuple(self._widths), {})
        top = self.rowAt(0)
        shift = 0
        deadline = time.perf_counter() + REFINE_SLICE_S
        for row in range(model.rowCount()):
            if row in exact:
                continue
            change = self._set_exact(row)
            if 0 <= row < top:
                shift += change  # a row above the screen grew or shrank: scroll by as much
            if time.perf_counter() > deadline:
                break
        if shift:
            self.updateGeometries()
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + shift)
        if len(exact) < model.rowCount():
            self._refine_timer.start(0)

    def all_rows_exact(self) -> bool:
        """Whether every row has its laid-out height at the current widths (the refinement is done)."""
        return len(self._exact.get(tuple(self._widths), {})) >= self.grid_model.rowCount()

    def paintEvent(self, event) -> None:
        # Rows can come into view without a scroll (a filter, a jump, a taller window): lay them
        # out before Qt paints them at an estimated height.
        self.settle_visible()
        super().paintEvent(event)
        if self._announce and self.grid_model.rowCount():
            self._announce = False
            self.comparisonPainted.emit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.grid_model.grid is not None and not self._held and self.column_widths() != self._widths:
            self.relayout()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.grid_model.grid is not None and not self._held and self.column_widths() != self._widths:
            self.relayout()

    # ----------------------------------------------------------------------------- navigation
    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def current_column(self) -> int:
        index = self.currentIndex()
        if index.isValid():
            return index.column()
        return self.grid_model.focus if self.grid_model.focus is not None else 0

    def go_to_row(self, row: int, column: int | None = None) -> None:
        """Select ``row`` (keeping the current column) and scroll it into view."""
        model = self.grid_model
        if not 0 <= row < model.rowCount():
            return
        if column is None:
            column = self.current_column()
        column = max(0, min(column, model.columnCount() - 1))
        index = model.index(row, column)
        self.setCurrentIndex(index)
        if self._widths:
            self._set_exact(row)
        # Twice at most: laying out the rows around it (estimated until now) may move it again.
        for _ in range(2):
            top = self.rowViewportPosition(row)
            bottom = top + self.rowHeight(row)
            if 0 <= top and bottom <= self.viewport().height():
                break
            if self._geometry_timer.isActive():
                self.updateGeometries()  # the scroll range must include the rows' new heights
            hint = (QAbstractItemView.ScrollHint.PositionAtCenter
                    if self.rowHeight(row) < self.viewport().height() else QAbstractItemView.ScrollHint.PositionAtTop)
            self.scrollTo(index, hint)
            self.settle_visible()

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        if current.isValid() and (not previous.isValid() or previous.column() != current.column()):
            if self.grid_model.set_focus(current.column()):
                # The base column's struck words change, not its heights.
                self.delegate._layouts = {k: v for k, v in self.delegate._layouts.items()
                                          if k[1] != self.grid_model.grid.base}
                self.viewport().update()
                self.focusVersionChanged.emit(current.column())

    def mouseDoubleClickEvent(self, event) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            cell: Cell = index.data(CELL_ROLE)
            if cell is not None and cell.counterpart_row is not None and cell.counterpart_row != index.row():
                self.counterpartRequested.emit(index.row(), index.column())
                return
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            cell: Cell = index.data(CELL_ROLE)
            badge = self.delegate.badge_rect(self.visualRect(index), cell,
                                             self.grid_model.grid.opens_paragraph(index.row()))
            if badge is not None and badge.contains(QPointF(pos)) and cell.counterpart_row not in (None, index.row()):
                super().mouseReleaseEvent(event)
                self.counterpartRequested.emit(index.row(), index.column())
                return
        super().mouseReleaseEvent(event)

    def visible_rows(self) -> tuple[int, int]:
        """First and last row at least partly visible (-1, -1 when empty)."""
        top = self.rowAt(0)
        bottom = self.rowAt(self.viewport().height() - 1)
        if top < 0:
            return -1, -1
        return top, bottom if bottom >= 0 else self.grid_model.rowCount() - 1
