"""The legend above the rows: one chip per kind with its count; chips double as row filters.
A last chip counts the changed facts and opens the Facts pane."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from viewer.engine.model import Kind
from viewer.gui import palette

LEGEND_KINDS = (Kind.IDENTICAL, Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL, Kind.OMITTED, Kind.ADDED,
                Kind.FURNITURE)


def swatch(kind: Kind, size: int = 16, dpr: float = 1.0) -> QPixmap:
    """A small square painted as the view paints a cell of ``kind`` (tint, stripe, glyph)."""
    c = palette.colours()
    pixmap = QPixmap(round(size * dpr), round(size * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    rect = QRectF(0, 0, size, size)
    p.fillRect(rect, c.tint[kind] if kind not in (Kind.IDENTICAL, Kind.FURNITURE) else c.base)
    if kind is Kind.OMITTED:
        p.fillRect(rect, c.hatch())
    if kind not in (Kind.IDENTICAL, Kind.FURNITURE):
        p.fillRect(QRectF(0, 0, 3, size), c.strong[kind])
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.8))
    p.setFont(font)
    p.setPen(c.strong[kind] if kind not in (Kind.IDENTICAL, Kind.FURNITURE) else c.dim_text)
    p.drawText(rect.adjusted(2, 0, 0, 0), Qt.AlignmentFlag.AlignCenter, palette.KIND_GLYPH[kind])
    p.setPen(QColor(c.grid))
    p.drawRect(rect.adjusted(0, 0, -1, -1))
    p.end()
    return pixmap


class Legend(QWidget):
    """Kind chips with counts. Checking chips asks to show only rows holding those kinds."""

    filterRequested = Signal(frozenset)   # the kinds to show (empty: all rows)
    factsRequested = Signal()             # open the Facts pane

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(4)
        self.caption = QLabel("Show:")
        layout.addWidget(self.caption)
        self.chips: dict[Kind, QToolButton] = {}
        for kind in LEGEND_KINDS:
            chip = QToolButton(self)
            chip.setCheckable(True)
            chip.setAutoRaise(True)
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setIconSize(QSize(16, 16))
            chip.setToolTip(f"{palette.KIND_HELP[kind]}.\nClick to show only rows with this kind; "
                            "click more chips to add kinds.")
            chip.toggled.connect(self._changed)
            chip.setAccessibleName(kind.label)
            self.chips[kind] = chip
            layout.addWidget(chip)
        self.moved_label = QLabel()
        self.moved_label.setToolTip("Sentences that keep their words but sit elsewhere in the story")
        layout.addWidget(self.moved_label)
        self.show_all = QToolButton(self)
        self.show_all.setText("Show all")
        self.show_all.setAutoRaise(True)
        self.show_all.clicked.connect(self.clear)
        layout.addWidget(self.show_all)
        layout.addStretch(1)
        self.facts_chip = QToolButton(self)
        self.facts_chip.setAutoRaise(True)
        self.facts_chip.setToolTip("Facts that changed across the versions (dismissed ones not counted).\n"
                                   "Click to list them.")
        self.facts_chip.setAccessibleName("Facts")
        self.facts_chip.clicked.connect(self.factsRequested)
        layout.addWidget(self.facts_chip)
        self._updating = False
        self.refresh_icons()
        self.set_counts({}, 0)
        self.set_fact_count(0)

    def refresh_icons(self) -> None:
        dpr = self.devicePixelRatioF()
        for kind, chip in self.chips.items():
            chip.setIcon(QIcon(swatch(kind, 16, dpr)))

    def set_counts(self, counts: dict[Kind, int], moved: int) -> None:
        for kind, chip in self.chips.items():
            n = counts.get(kind, 0)
            chip.setText(f"{kind.label} {n}")
            chip.setEnabled(n > 0 or chip.isChecked())
        self.moved_label.setText(f"{palette.MOVED_GLYPH} Moved {moved}" if moved else "")
        self.show_all.setVisible(bool(self.kinds()))

    def set_fact_count(self, n: int) -> None:
        self.facts_chip.setText(f"{palette.FACT_GLYPH} Facts {n}")
        self.facts_chip.setEnabled(n > 0)

    def kinds(self) -> frozenset[Kind]:
        return frozenset(k for k, chip in self.chips.items() if chip.isChecked())

    def set_kinds(self, kinds: frozenset[Kind]) -> None:
        """Check exactly ``kinds`` (without emitting per chip), then emit once."""
        self._updating = True
        for kind, chip in self.chips.items():
            chip.setChecked(kind in kinds)
        self._updating = False
        self._changed()

    def clear(self) -> None:
        self.set_kinds(frozenset())

    def _changed(self, *_):
        if self._updating:
            return
        self.show_all.setVisible(bool(self.kinds()))
        self.filterRequested.emit(self.kinds())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self.refresh_icons()
