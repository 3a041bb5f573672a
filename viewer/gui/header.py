"""The column headers of the aligned view: each version's name, base marker, summary figures and bar.

Its context menu asks (by signal) to change the base, the order, the name, the encoding or the versions;
the window decides.
"""
from __future__ import annotations

import codecs

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QHeaderView, QMenu

from viewer.engine.loading import CHOOSABLE_ENCODINGS, encoding_label
from viewer.engine.model import Kind
from viewer.gui import palette
from viewer.gui.aligned_model import BASE_ROLE, ENCODING_ROLE, SUMMARY_ROLE, UNSURE_ROLE


class VersionHeader(QHeaderView):
    """Column headers: version name, base marker or summary figures, and a stacked bar."""

    baseRequested = Signal(int)
    moveRequested = Signal(int, int)       # version, new position
    removeRequested = Signal(int)
    openRequested = Signal(int)            # reveal the file of a version (detail)
    encodingRequested = Signal(int, str)   # version, encoding to read it with ("" = detect)
    renameRequested = Signal(int)          # version

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setSectionsMovable(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.sectionMoved.connect(self._moved)
        self._restoring = False
        self._fonts: tuple = ()  # (font key, fonts and metrics paintSection uses): made once per font

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        return QSize(super().sizeHint().width(), round(fm.height() * 3.0 + 14))

    def _moved(self, logical: int, old_visual: int, new_visual: int) -> None:
        if self._restoring:
            return
        # The window owns the order: undo the visual move and ask for a real reorder.
        self._restoring = True
        self.moveSection(new_visual, old_visual)
        self._restoring = False
        self.moveRequested.emit(logical, new_visual)

    def _menu(self, pos: QPoint) -> None:
        section = self.logicalIndexAt(pos)
        model = self.model()
        if section < 0 or model is None:
            return
        count = model.columnCount()
        menu = QMenu(self)
        name = model.headerData(section, Qt.Orientation.Horizontal)
        is_base = bool(model.headerData(section, Qt.Orientation.Horizontal, BASE_ROLE))
        act = menu.addAction(f"Make “{name}” the Base")
        act.setEnabled(not is_base)
        act.triggered.connect(lambda: self.baseRequested.emit(section))
        menu.addSeparator()
        left = menu.addAction("Move Left")
        left.setEnabled(section > 0)
        left.triggered.connect(lambda: self.moveRequested.emit(section, section - 1))
        right = menu.addAction("Move Right")
        right.setEnabled(section < count - 1)
        right.triggered.connect(lambda: self.moveRequested.emit(section, section + 1))
        menu.addSeparator()
        rename = menu.addAction("Re&name…")
        rename.triggered.connect(lambda: self.renameRequested.emit(section))
        self._encoding_menu(menu, section)
        menu.addSeparator()
        remove = menu.addAction(f"Remove “{name}”")
        remove.triggered.connect(lambda: self.removeRequested.emit(section))
        menu.exec(self.mapToGlobal(pos))

    def _encoding_menu(self, menu: QMenu, section: int) -> QMenu:
        """Read As ▸ the common encodings; only files have one."""
        model = self.model()
        current = model.headerData(section, Qt.Orientation.Horizontal, ENCODING_ROLE)
        sub = menu.addMenu("Read &As")
        sub.setEnabled(current is not None)
        detect = sub.addAction("Detect Automatically")
        detect.triggered.connect(lambda: self.encodingRequested.emit(section, ""))
        sub.addSeparator()
        for encoding in CHOOSABLE_ENCODINGS:
            act = sub.addAction(encoding_label(encoding))
            act.setCheckable(True)
            act.setChecked(current is not None and codecs.lookup(encoding).name == codecs.lookup(current).name)
            act.triggered.connect(lambda _=False, e=encoding: self.encodingRequested.emit(section, e))
        return sub

    def fonts(self) -> tuple:
        """(metrics, bold, bold metrics, badge font, summary font, summary metrics) of the header's font."""
        font = self.font()
        if not self._fonts or self._fonts[0] != font.key():
            bold = QFont(font)
            bold.setBold(True)
            badge = QFont(font)
            badge.setPointSizeF(max(6.0, badge.pointSizeF() * 0.8))
            badge.setBold(True)
            small = QFont(font)
            small.setPointSizeF(max(6.0, small.pointSizeF() * 0.88))
            self._fonts = (font.key(), QFontMetricsF(font), bold, QFontMetricsF(bold), badge, small,
                           QFontMetricsF(small))
        return self._fonts[1:]

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        model = self.model()
        if model is None or not rect.isValid():
            return
        painter.save()
        pal = self.palette()
        c = palette.colours(pal)
        is_base = bool(model.headerData(section, Qt.Orientation.Horizontal, BASE_ROLE))
        background = pal.color(QPalette.ColorRole.Button)
        if is_base:
            background = palette.blend(pal.color(QPalette.ColorRole.Highlight), background, 0.16)
        painter.fillRect(rect, background)
        painter.setPen(QPen(c.grid, 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        fm, bold, bfm, badge_font, small, sfm = self.fonts()
        pad = 8
        x, y, w = rect.left() + pad, rect.top() + 5, rect.width() - 2 * pad
        name = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        painter.setFont(bold)
        painter.setPen(pal.color(QPalette.ColorRole.ButtonText))
        badge_w = 0.0
        if is_base:
            badge_w = QFontMetricsF(badge_font).horizontalAdvance("BASE") + 10
        unsure = model.headerData(section, Qt.Orientation.Horizontal, UNSURE_ROLE)
        encoding_w = 0.0
        if unsure:  # a guessed encoding or replaced bytes: say which encoding the text was read with
            encoding = f"⚠ {model.headerData(section, Qt.Orientation.Horizontal, ENCODING_ROLE) or 'text'}"
            encoding_w = fm.horizontalAdvance(encoding) + 8
            painter.save()
            painter.setFont(self.font())
            painter.setPen(c.strong[Kind.OMITTED] if not c.dark else c.dim_text)
            painter.drawText(QRectF(x + w - encoding_w, y, encoding_w, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, encoding)
            painter.restore()
        shown = bfm.elidedText(name, Qt.TextElideMode.ElideMiddle, w - badge_w - encoding_w - 4)
        painter.drawText(QRectF(x, y, w, fm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        if is_base:
            bx = x + bfm.horizontalAdvance(shown) + 6
            plate = QRectF(bx, y + 2, badge_w, fm.height() - 4)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(plate, 3, 3)
            painter.setFont(badge_font)
            painter.setPen(pal.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(plate, Qt.AlignmentFlag.AlignCenter, "BASE")
        y += fm.height() + 2
        painter.setFont(small)
        summary = model.headerData(section, Qt.Orientation.Horizontal, SUMMARY_ROLE)
        painter.setPen(c.dim_text)
        if summary is None:
            focus = getattr(model, "focus", None)
            line = "the others are compared with this"
            if focus is not None:
                other = model.headerData(focus, Qt.Orientation.Horizontal)
                line = f"struck through: not in {other}"
            painter.drawText(QRectF(x, y, w, sfm.height()), Qt.AlignmentFlag.AlignLeft,
                             sfm.elidedText(line, Qt.TextElideMode.ElideRight, w))
        else:
            s = summary
            line = (f"{s.percent(s.kept):.0f}% kept · {s.percent(s.paraphrased):.0f}% reworded · "
                    f"{s.percent(s.omitted):.0f}% omitted")
            painter.drawText(QRectF(x, y, w, sfm.height()), Qt.AlignmentFlag.AlignLeft,
                             sfm.elidedText(line, Qt.TextElideMode.ElideRight, w))
            # A stacked bar of the base's sentences (kept, reworded, partial, omitted), then "+N added".
            added = f"+{s.added} added"
            added_w = sfm.horizontalAdvance(added) + 6
            bar_y = y + sfm.height() + 2
            bar = QRectF(x, bar_y + (sfm.height() - 6) / 2, max(10.0, w - added_w), 6)
            total = max(1, s.base_sentences)
            pos = bar.left()
            painter.fillRect(bar, c.grid)
            for count, kind in ((s.identical, Kind.IDENTICAL), (s.edited, Kind.EDITED),
                                (s.paraphrase, Kind.PARAPHRASE), (s.partial, Kind.PARTIAL),
                                (s.omitted, Kind.OMITTED)):
                if not count:
                    continue
                seg = QRectF(pos, bar.top(), bar.width() * count / total, bar.height())
                colour = c.strong[kind] if kind is not Kind.IDENTICAL else c.paragraph
                painter.fillRect(seg, colour)
                pos = seg.right()
            painter.setPen(c.strong[Kind.ADDED] if s.added and not c.dark else c.dim_text)
            painter.drawText(QRectF(bar.right() + 6, bar_y, added_w, sfm.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, added)
        painter.restore()
